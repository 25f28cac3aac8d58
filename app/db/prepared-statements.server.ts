// Named prepared statements for drizzle on postgres.js (decision 0028).
//
// drizzle asks postgres.js for an unnamed statement unless a query is built with `.prepare(name)`.
// For an unnamed statement with parameters postgres.js first sends Parse + Describe and waits for
// the parameter types, then Bind + Execute: two round trips, and the server parses the text again
// every time. A named statement is parsed once per connection; afterwards a query is one round trip
// (Bind + Execute), and PostgreSQL may reuse a generic plan. Under load this halves the socket
// writes and wake-ups between the app and the database on every page.
import type { Sql } from "postgres";

/** Queries with more parameters than this (bulk inserts, long id lists) stay unnamed. */
export const MAX_PREPARED_PARAMETERS = 100;
/** Nor very long texts: each named statement stays in the server's memory for the connection's life. */
export const MAX_PREPARED_TEXT = 20_000;

/** Whether a query is worth a named statement: it has parameters, and not too many. */
export function shouldPrepare(text: string, parameters: readonly unknown[] | undefined): boolean {
  const count = parameters?.length ?? 0;
  return count > 0 && count <= MAX_PREPARED_PARAMETERS && text.length <= MAX_PREPARED_TEXT;
}

type UnsafeOptions = NonNullable<Parameters<Sql["unsafe"]>[2]>;
type Callback = (sql: Sql) => unknown;

/**
 * `sql` whose `unsafe` (what drizzle calls for every query) names its statements when
 * `shouldPrepare` says so, including inside `begin` and `savepoint` (drizzle's transactions). Every
 * other property is the original's. postgres.js drops a connection's statements with the connection
 * (its max_lifetime is 30-60 min), so the set of statements a connection holds stays bounded.
 */
export function withPreparedStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (text: string, parameters?: Parameters<Sql["unsafe"]>[1], options?: UnsafeOptions) =>
          target.unsafe(text, parameters, {
            ...options,
            prepare: shouldPrepare(text, parameters),
          });
      }
      if (property === "begin" || property === "savepoint") {
        const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last];
          if (typeof callback === "function") {
            args[last] = (inner: Sql) => (callback as Callback)(withPreparedStatements(inner));
          }
          return original.apply(target, args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
