// Count the SQL statements a piece of code runs: a second drizzle instance over the same driver
// client as a test database, with a logger that counts every query. Used by the network model's
// tests and the benchmark ("a fixed number of queries whatever the size of the network").
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm/logger";
import type { Sql } from "postgres";
import type { Database, Db } from "../../app/db/client.server";
import * as schema from "../../app/db/schema";

export interface CountingDb {
  /** A Db over the same connection(s): queries through it are counted. */
  db: Db;
  /** Queries run since the last reset. */
  count(): number;
  /** The SQL of the queries run since the last reset (for failure messages). */
  queries(): string[];
  reset(): void;
}

/** Wrap an open Database (PGlite or postgres.js) into a query-counting Db. */
export async function countingDb(database: Pick<Database, "db" | "kind">): Promise<CountingDb> {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (client === undefined) throw new Error("countingDb: this drizzle instance exposes no $client");
  let seen: string[] = [];
  const logger: Logger = {
    logQuery(query: string) {
      seen.push(query);
    },
  };
  let db: Db;
  if (database.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    // The client is the PGlite instance the test database opened.
    db = drizzle(client as PGlite, { schema, logger }) as unknown as Db;
  } else {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    db = drizzle(client as Sql, { schema, logger }) as unknown as Db;
  }
  return {
    db,
    count: () => seen.length,
    queries: () => [...seen],
    reset() {
      seen = [];
    },
  };
}
