/** `db.execute` answers an array with postgres.js and `{ rows }` with PGlite: read both alike. */
export function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}

/** The one row an INSERT/UPDATE ... RETURNING must give back. */
export function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error("the statement returned no row");
  return row;
}
