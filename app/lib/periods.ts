// Health-check periods are calendar quarters written 'YYYY-Qn' (DOMAIN.md). Pure: no I/O.
// Quarters are taken in UTC, like every other day of the app.

export const PERIOD_PATTERN = /^[0-9]{4}-Q[1-4]$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** The calendar quarter of a moment, e.g. 2024-Q3. */
export function periodOf(date: Date = new Date()): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Whether a well-formed period lies after the quarter of `now`. ('YYYY-Qn' sorts as text.) */
export function isFuturePeriod(period: string, now: Date = new Date()): boolean {
  return period > periodOf(now);
}

/** The quarter before a well-formed period. */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/** The `count` quarters up to and including the quarter of `now`, newest first. */
export function recentPeriods(count: number, now: Date = new Date()): string[] {
  const periods = [periodOf(now)];
  while (periods.length < count) periods.push(previousPeriod(periods.at(-1) ?? periodOf(now)));
  return periods;
}
