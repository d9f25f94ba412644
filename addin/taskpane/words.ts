// The pane's words for people: the API's and the domain's values (roles,
// periods, terms, statuses) as a reader says them. Values sent to the server
// and written into cells keep the domain's words (autumn1, data-manager), so
// COUNTIF and the functions are unchanged; only what the pane shows differs.

/** "data-manager" -> "data manager", "trust-admin" -> "trust admin". */
export function roleWords(role: string): string {
  return role.replace(/-/g, " ");
}

/** "autumn1" -> "Autumn 1", "summer" -> "Summer", "year" -> "Whole year". */
export function periodWords(period: string): string {
  if (period === "year") return "Whole year";
  const match = /^([a-z]+)(\d*)$/.exec(period);
  if (!match) return period;
  const season = match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1);
  return match[2] ? `${season} ${match[2]}` : season;
}

/** A target's status: "draft" -> "Draft"; the sign-off words as a badge shows them. */
export function statusWords(status: string): string {
  const spaced = status.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
