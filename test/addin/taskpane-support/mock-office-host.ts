// A mock Office host for the task pane in a plain browser: served in place of
// Office.js from Microsoft's CDN. It provides Office.onReady, Excel.run over
// an in-memory workbook (seeded by the test through window.__excelMockSeed),
// OfficeRuntime.storage (kept in localStorage, so it survives a reload), and
// records any use of the document's settings, where a token must never go.
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
Object.assign(window, {
  Office: {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC" },
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
      requirements: { isSetSupported: () => true },
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
