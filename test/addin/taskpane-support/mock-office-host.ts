// A mock Office host for the task pane in a plain browser: served in place of
// Office.js from Microsoft's CDN. It provides Office.onReady, Excel.run over
// an in-memory workbook (seeded by the test through window.__excelMockSeed),
// OfficeRuntime.storage (kept in localStorage, so it survives a reload), and
// records any use of the document's settings, where a token must never go;
// Office's dialog (displayDialogAsync opens a window, messageParent answers
// the pane through postMessage, closing it raises Office's 12006) and
// requirement sets a test may turn off (window.__officeUnsupported).
import { formatAddress, parseAddress } from "./a1.js";
import { MockContext } from "./mock-context.js";
import { MockWorkbook, type Cell, type WorkbookSeed } from "./mock-workbook.js";

declare global {
  interface Window {
    __excelMockSeed?: WorkbookSeed;
    __excelMock?: ExcelMockHandle;
    /** Set by the test: Office's storage refuses every read with this message. */
    __officeStorageError?: string;
    /** Set by the test: the colours Office.context.officeTheme answers (absent: no officeTheme). */
    __officeTheme?: MockOfficeTheme;
    /** Set by the test: requirement sets this host lacks (NestedAppAuth: sign in through the dialog). */
    __officeUnsupported?: string[];
  }
}

/** Office.OfficeTheme's colours, as Excel answers them for its theme. */
export interface MockOfficeTheme {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
}

export interface ExcelMockHandle {
  readonly workbook: MockWorkbook;
  readonly settingsWrites: string[];
  /** Ids the page's custom functions registered with CustomFunctions.associate. */
  readonly customFunctions: string[];
  select(sheet: string, address: string): void;
  setCell(sheet: string, address: string, value: Cell): void;
  sheetNames(): string[];
  snapshot(sheet: string): ReturnType<MockWorkbook["snapshot"]>;
  tables(): { name: string; address: string }[];
  syncs(): MockWorkbook["syncs"];
  activeSheet(): string;
}

const seed = window.__excelMockSeed ?? {
  sheets: [{ name: "Sheet1", rows: [] }],
  selection: { sheet: "Sheet1", address: "A1" },
};
const workbook = new MockWorkbook(seed);
const settingsWrites: string[] = [];
const customFunctions: string[] = [];
const STORAGE_PREFIX = "office-runtime-storage:";

window.__excelMock = {
  workbook,
  settingsWrites,
  customFunctions,
  select(sheet, address) {
    workbook.selection = { sheet: workbook.sheet(sheet), rect: parseAddress(address) };
  },
  setCell(sheet, address, value) {
    const { row, col } = parseAddress(address);
    workbook.sheet(sheet).set(row, col, value);
  },
  sheetNames: () => workbook.sheets.map((sheet) => sheet.name),
  snapshot: (sheet) => workbook.snapshot(sheet),
  tables: () =>
    workbook.tables.map((table) => ({
      name: table.name,
      address: formatAddress(table.sheet.name, table.rect),
    })),
  syncs: () => workbook.syncs,
  activeSheet: () => workbook.active.name,
};

const info = { host: "Excel", platform: "PC" };

/** What Office's dialog passes its event handlers. */
type DialogEvent = { message: string; origin: string } | { error: number };

/** Office.context.ui.displayDialogAsync: the page in a window of its own, its messages relayed. */
function displayDialogAsync(
  url: string,
  _options: unknown,
  callback: (result: { status: string; value?: unknown; error?: { message: string } }) => void,
): void {
  const opened = window.open(url, "_blank", "popup,width=500,height=600");
  if (!opened) {
    callback({ status: "failed", error: { message: "The dialog was blocked" } });
    return;
  }
  const handlers = new Map<string, ((event: DialogEvent) => void)[]>();
  const raise = (type: string, event: DialogEvent) =>
    (handlers.get(type) ?? []).forEach((handler) => handler(event));
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { __officeDialogMessage?: string } | null;
    if (event.source === opened && typeof data?.__officeDialogMessage === "string")
      raise("dialogMessageReceived", { message: data.__officeDialogMessage, origin: event.origin });
  };
  window.addEventListener("message", onMessage);
  let closedByAddin = false;
  const watch = setInterval(() => {
    if (!opened.closed) return;
    clearInterval(watch);
    window.removeEventListener("message", onMessage);
    if (!closedByAddin) raise("dialogEventReceived", { error: 12006 });
  }, 200);
  callback({
    status: "succeeded",
    value: {
      addEventHandler(type: string, handler: (event: DialogEvent) => void) {
        handlers.set(type, [...(handlers.get(type) ?? []), handler]);
      },
      close() {
        closedByAddin = true;
        opened.close();
      },
    },
  });
}
Object.assign(window, {
  Office: {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: {
      DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived",
    },
    onReady(callback?: (ready: typeof info) => void) {
      return new Promise<typeof info>((resolve) => setTimeout(() => resolve(info), 10)).then(
        (ready) => {
          callback?.(ready);
          return ready;
        },
      );
    },
    context: {
      ...(window.__officeTheme ? { officeTheme: window.__officeTheme } : {}),
      requirements: {
        isSetSupported: (name: string) => !(window.__officeUnsupported ?? []).includes(name),
      },
      ui: {
        displayDialogAsync,
        // In the dialog's window: tells the page that opened it.
        messageParent(message: string) {
          window.opener?.postMessage({ __officeDialogMessage: message }, "*");
        },
      },
      document: {
        settings: {
          get: () => null,
          set: (name: string) => settingsWrites.push(name),
          remove: (name: string) => settingsWrites.push(`remove ${name}`),
          saveAsync: () => settingsWrites.push("saveAsync"),
        },
      },
    },
  },
  Excel: {
    async run<T>(batch: (context: MockContext) => Promise<T>): Promise<T> {
      const context = new MockContext(workbook);
      const result = await batch(context);
      await context.sync();
      return result;
    },
  },
  OfficeRuntime: {
    storage: {
      getItem: async (key: string) => {
        if (window.__officeStorageError !== undefined) throw new Error(window.__officeStorageError);
        return localStorage.getItem(STORAGE_PREFIX + key);
      },
      setItem: async (key: string, value: string) =>
        localStorage.setItem(STORAGE_PREFIX + key, value),
      removeItem: async (key: string) => localStorage.removeItem(STORAGE_PREFIX + key),
    },
  },
  CustomFunctions: { associate: (id: string) => customFunctions.push(id) },
});
