// Office's theme, followed: Fluent UI's webDarkTheme when Office is dark
// (Office.context.officeTheme's body background, where the host has it;
// otherwise the system's prefers-color-scheme), webLightTheme otherwise.
// Read again when the pane regains focus or the system scheme changes, since
// Excel raises no theme-changed event for add-ins.
import { useEffect, useState } from "react";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

interface OfficeThemeColours {
  readonly bodyBackgroundColor?: string;
}

function officeTheme(): OfficeThemeColours | undefined {
  const office = (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeColours } } })
    .Office;
  try {
    return office?.context?.officeTheme;
  } catch {
    return undefined; // hosts without officeTheme throw on access
  }
}

/** Relative luminance (0 black .. 1 white) of "#RRGGBB" / "#RGB", or null when unreadable. */
export function luminance(colour: string): number | null {
  const hex = colour.trim().replace(/^#/, "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(full.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** True when Office (or, without Office's theme, the system) is dark. */
export function isDark(): boolean {
  const background = officeTheme()?.bodyBackgroundColor;
  const lum = background ? luminance(background) : null;
  if (lum !== null) return lum < 0.2;
  return globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** The Fluent UI theme that follows Office's. */
export function useOfficeTheme(): Theme {
  const [dark, setDark] = useState(isDark);
  useEffect(() => {
    const check = () => setDark(isDark());
    const scheme = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
    scheme?.addEventListener("change", check);
    window.addEventListener("focus", check);
    return () => {
      scheme?.removeEventListener("change", check);
      window.removeEventListener("focus", check);
    };
  }, []);
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
    document.body.style.backgroundColor = (
      dark ? webDarkTheme : webLightTheme
    ).colorNeutralBackground1;
  }, [dark]);
  return dark ? webDarkTheme : webLightTheme;
}
