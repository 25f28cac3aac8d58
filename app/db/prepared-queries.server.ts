// Queries whose SQL drizzle builds once per database handle instead of on every call, for the reads
// every pilot page makes (its header, its overview). Building a select (walking its columns and
// conditions into text) costs tens of microseconds a query, more for a select with subqueries, and
// that is what made the pilot page's loader slow next to its SQL in `npm run bench:pages`.
//
// The values are placeholders, filled at each call: `build(db)` makes the queries with
// `sql.placeholder(name)` and returns them `prepared(...)`, and the caller runs
// `queryFor(db).execute({ name: value })`. Kept in a WeakMap by handle: the app's one `db` (a
// transaction handle gets its own, dropped with it). No data is kept, only the built statements.
import type { Db } from "~/db/client.server";

/** What `.prepare(...)` of a drizzle select returns. */
interface Preparable<P> {
  prepare(name: string): P;
}

/**
 * A drizzle select prepared without a statement name. With a name, drizzle asks postgres.js for a
 * named statement whatever the database's setting; without one, the choice stays with
 * app/db/prepared-statements.server.ts (named, unless DATABASE_PREPARED_STATEMENTS=0), as for every
 * other query. `prepare`'s type asks for a name; its code takes none (it is optional underneath).
 */
export function prepared<P>(query: Preparable<P>): P {
  return query.prepare(undefined as unknown as string);
}

/** `build(db)`, made once per database handle. */
export function preparedPerDb<T extends object>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let queries = byDb.get(db);
    if (!queries) {
      queries = build(db);
      byDb.set(db, queries);
    }
    return queries;
  };
}

/**
 * `build(...names)` once per combination of names: one prepared statement per sort and direction of
 * a list, each built the first time it is asked for (call it inside `preparedPerDb`).
 */
export function oncePerKey<A extends readonly string[], T>(build: (...names: A) => T): (...names: A) => T {
  const made = new Map<string, T>();
  return (...names) => {
    const key = names.join(" ");
    let value = made.get(key);
    if (value === undefined) {
      value = build(...names);
      made.set(key, value);
    }
    return value;
  };
}
