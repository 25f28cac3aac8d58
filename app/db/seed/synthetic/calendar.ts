// Dates of the synthetic network: whole days since 1970-01-01 (UTC), halves and quarters.

export const MS_PER_DAY = 86_400_000;
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
export function currentUtcDay(): string {
  return new Date().toISOString().slice(0, 10);
}
/** Index of a half-year: year * 2 + (0 for January-June, 1 for July-December). */
export function halfOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 2 + (d.getUTCMonth() < 6 ? 0 : 1);
}
export function halfStart(half: number): number {
  const year = Math.floor(half / 2);
  return dayOf(`${year}-${half % 2 === 0 ? "01-01" : "07-01"}`);
}
export function halfEnd(half: number): number {
  const year = Math.floor(half / 2);
  return dayOf(`${year}-${half % 2 === 0 ? "06-30" : "12-31"}`);
}
/** Index of a calendar quarter: year * 4 + quarter - 1. */
export function quarterOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}
export function quarterLabel(quarter: number): string {
  return `${Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`;
}
