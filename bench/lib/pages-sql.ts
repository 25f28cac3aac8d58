// The SQL a piece of code runs, captured and replayed raw: a drizzle instance over the driver
// client of an open database, with a logger that records every statement and its parameters, in
// "waves": the statements issued before any of them could have answered (the same turn of the
// event loop, e.g. one Promise.all) form one wave; a statement issued after an answer starts the
// next. Replaying the waves in order, each wave's statements together, straight through the driver
// (no drizzle, no mapping, no route code) gives the time of the raw SQL the code needs, with the
// same dependencies between its queries.
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm/logger";
import type { Sql } from "postgres";
import type { Database, Db } from "../../app/db/client.server";
import * as schema from "../../app/db/schema";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export interface SqlCapture {
  /** A Db over the same connection(s) as the database: what runs through it is recorded when on. */
  db: Db;
  /** Record what `fn` runs (and return it as waves). */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; waves: CapturedQuery[][] }>;
  /** Run the waves raw through the driver; milliseconds. */
  replay(waves: readonly CapturedQuery[][]): Promise<number>;
}

export async function sqlCapture(database: Pick<Database, "db" | "kind">): Promise<SqlCapture> {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (client === undefined) throw new Error("sqlCapture: this drizzle instance exposes no $client");
  let recording: CapturedQuery[][] | null = null;
  let open: CapturedQuery[] | null = null;
  const logger: Logger = {
    logQuery(query: string, params: unknown[]) {
      if (!recording) return;
      if (!open) {
        const wave: CapturedQuery[] = [];
        open = wave;
        recording.push(wave);
        // Answers arrive in a later turn of the event loop: close the wave before the next poll.
        setImmediate(() => {
          if (open === wave) open = null;
        });
      }
      open.push({ sql: query, params: [...params] });
    },
  };
  let db: Db;
  let run: (query: CapturedQuery) => Promise<unknown>;
  if (database.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    const pglite = client as PGlite;
    db = drizzle(pglite, { schema, logger }) as unknown as Db;
    run = (q) => pglite.query(q.sql, q.params, { rowMode: "array" });
  } else {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = client as Sql;
    db = drizzle(sql, { schema, logger }) as unknown as Db;
    // As drizzle sends them (parameters already serialised by drizzle's column mappers).
    run = (q) => sql.unsafe(q.sql, q.params as never[]).values();
  }
  return {
    db,
    async capture(fn) {
      recording = [];
      open = null;
      try {
        const result = await fn();
        return { result, waves: recording };
      } finally {
        recording = null;
        open = null;
      }
    },
    async replay(waves) {
      const started = performance.now();
      for (const wave of waves) await Promise.all(wave.map(run));
      return performance.now() - started;
    },
  };
}
