// Opens a board paper (the server's printable page) in a browser window the
// user prints from. The pane's token never goes into a URL: the pane asks
// POST /papers/link with it and opens the five-minute signed link it gets.
// In Office the link opens in the user's browser (openBrowserWindow, where
// the host supports it); elsewhere in a new window, opened at the click so a
// popup blocker lets it through, then pointed at the link.
import { errorMessageOf } from "../public-data/upload-public-file.js";

export interface PaperConnection {
  readonly serverUrl: string;
  readonly token: string;
}

/** The printable page of an academy card: /papers/academy-card?urn=&year= */
export function academyCardPaperPath(urn: string, year: string): string {
  return `/papers/academy-card?${new URLSearchParams({ urn, year }).toString()}`;
}

/** The printable trust overview: /papers/overview?year= */
export function overviewPaperPath(year: string): string {
  return `/papers/overview?${new URLSearchParams({ year }).toString()}`;
}

/** A short-lived link to the paper, asked for with the token. */
export async function paperLink(
  connection: PaperConnection,
  paper: string,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(`${connection.serverUrl}/papers/link`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${connection.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ paper }),
    });
  } catch {
    throw new Error(`Cannot reach the server at ${connection.serverUrl}; check the connection.`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok)
    throw new Error(errorMessageOf(body) ?? `The server answered ${response.status}`);
  return new URL((body as { url: string }).url, connection.serverUrl).href;
}

/** Office's own browser window where the host has it (OpenBrowserWindowApi 1.1). */
function officeBrowserWindow(): ((url: string) => void) | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const ui = office?.context?.ui;
  const supported =
    office?.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1") === true;
  return supported && ui && typeof ui.openBrowserWindow === "function"
    ? (url) => ui.openBrowserWindow(url)
    : null;
}

/**
 * Opens the paper; call it from the click. Returns the link opened (its
 * `link` lasts five minutes; printing from the window needs no more).
 */
export async function openPaper(connection: PaperConnection, paper: string): Promise<string> {
  const office = officeBrowserWindow();
  const opened = office ? null : window.open("about:blank", "_blank");
  try {
    const url = await paperLink(connection, paper);
    if (office) office(url);
    else if (opened) {
      opened.opener = null;
      opened.location.href = url;
    } else window.open(url, "_blank", "noopener");
    return url;
  } catch (error) {
    opened?.close();
    throw error;
  }
}
