// Every text a paper prints comes from the trust's data (academy names,
// reasons, bodies): it is escaped, always, through this tag.
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** Markup already built by `html` (not escaped again when nested). */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Slot = string | number | Markup | null | undefined | false | readonly Slot[];

function render(slot: Slot): string {
  if (slot === null || slot === undefined || slot === false) return "";
  if (slot instanceof Markup) return slot.text;
  if (Array.isArray(slot)) return slot.map(render).join("");
  return escapeHtml(String(slot));
}

/** A template tag: every interpolated value is escaped unless it is Markup. */
export function html(strings: TemplateStringsArray, ...slots: Slot[]): Markup {
  let out = strings[0]!;
  slots.forEach((slot, index) => {
    out += render(slot) + strings[index + 1]!;
  });
  return new Markup(out);
}
