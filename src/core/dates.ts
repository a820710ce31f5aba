/** Calendar dates written YYYY-MM-DD, in UTC: the one form the catalog, flags and evidence use. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is written YYYY-MM-DD (the form only; see `isCalendarDate`). */
export function isIsoDateForm(s: string): boolean {
  return ISO_DATE.test(s);
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (2021-02-29 is not). */
export function isCalendarDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const t = Date.parse(s + "T00:00:00Z");
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Today, UTC, YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The UTC day of an ISO timestamp: "2026-08-25T21:36:00Z" → "2026-08-25" (a day passes through). */
export function isoDay(timestamp: string): string {
  return timestamp.slice(0, 10);
}
