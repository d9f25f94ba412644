// The request context of the mock Excel API, with Office's batching: writes
// and loads are queued and run on context.sync(); every sync is logged with
// its count of writes, so tests can tell how many batches an action took.
import type { MockWorkbook } from "./mock-workbook.js";
import { MockWorkbookApi } from "./mock-worksheet.js";

export class MockContext {
  private queue: { kind: "write" | "load"; run: () => void }[] = [];
  readonly workbook: MockWorkbookApi;
  constructor(readonly book: MockWorkbook) {
    this.workbook = new MockWorkbookApi(this);
  }

  write(run: () => void): void {
    this.queue.push({ kind: "write", run });
  }

  load(run: () => void): void {
    this.queue.push({ kind: "load", run });
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    await Promise.resolve();
    for (const item of batch) item.run();
    this.book.syncs.push({
      writes: batch.filter((item) => item.kind === "write").length,
      loads: batch.filter((item) => item.kind === "load").length,
    });
  }
}
