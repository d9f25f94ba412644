// Today's date in Europe/London (the trusts' time zone), as yyyy-mm-dd.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function londonToday(now: Date = new Date()): string {
  return LONDON_DAY.format(now);
}
