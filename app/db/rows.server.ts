/** `db.execute` answers an array with postgres.js and `{ rows }` with PGlite: read both alike. */
export function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
