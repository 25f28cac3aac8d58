import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquireDirectoryLock, type DirectoryLock } from "./pglite-lock.server";
import { withPreparedStatements } from "./prepared-statements.server";

/** The database handle every model takes: covers both drivers (PGlite and postgres.js). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction, or the database itself: models accept either. */
export type Executor = Db;

/** Seconds postgres.js waits for a connection to the server before the query fails. */
const CONNECT_TIMEOUT_SECONDS = 10;

/**
 * How long postgres.js waits before opening a connection again after connections failed `retries`
 * times in a row. Its default grows to 10-20 s: while the database is away every request would
 * wait that long for its 503 page, and once it is back the first requests would wait as long
 * again. Here at most a second; the pool's size still bounds how many connections are tried.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.1 * 2 ** Math.max(0, retries - 1), 1);
}

/** What postgres.js hands a `socket` factory (it is not in its type definitions). */
interface SocketFactoryOptions {
  host: (string | undefined)[];
  port: (number | undefined)[];
}

/**
 * postgres.js opens its own sockets; this factory opens the same socket, with one difference. When
 * the server accepts a connection and closes it before sending a single byte (a proxy or load
 * balancer in front of a stopped database does that), postgres.js reconnects in a loop and the
 * query waits forever, connect_timeout included: the request hangs until the database is back.
 * Here such a close is an error (CONNECTION_CLOSED), so the query fails at once and the request
 * gets the 503 page; the next query opens a new connection, as after any other error.
 * Only for one TCP host: a list of hosts or a Unix socket (?host=/path) keep postgres.js's own.
 */
function failFastSocket(url: string): Record<string, unknown> {
  const parsed = new URL(url);
  if (parsed.hostname.includes(",") || parsed.searchParams.has("host")) return {};
  return {
    socket(options: SocketFactoryOptions) {
      const host = options.host[0] ?? parsed.hostname;
      const port = options.port[0] ?? 5432;
      const socket = net.connect({ host, port });
      socket.once("end", () => {
        if (socket.bytesRead > 0) return;
        const error = new Error("the database server closed the connection before answering");
        socket.destroy(Object.assign(error, { code: "CONNECTION_CLOSED" }));
      });
      // postgres.js reads these for the TLS server name.
      return Object.assign(socket, { host, port });
    },
  };
}

/** Arbitrary constant shared by every Trellis instance: the advisory-lock key for migrations. */
const MIGRATION_LOCK_KEY = 7_411_210_001;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where it lives, without credentials: for log lines. */
  description: string;
  /**
   * Run `fn` while holding the migration lock: a PostgreSQL advisory lock on one reserved
   * connection (two instances starting together must not both migrate); PGlite is already
   * exclusive through its lock file.
   */
  withMigrationLock<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** PGlite only: a gzipped dump of the data directory (tests clone a migrated template from it). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory (default ./data/pglite). Ignored with a URL. */
  pgliteDir?: string | undefined;
  /** Load a PGlite data-dir dump (tests: a migrated template) into an in-memory database. */
  pgliteDump?: Blob | File | undefined;
  /** postgres.js pool size. */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: name drizzle's statements so each connection parses them once (default true; see
   * prepared-statements.server.ts). False behind a pooler that does not keep them (PgBouncer in
   * transaction mode before 1.21).
   */
  preparedStatements?: boolean | undefined;
}

/** Describe a postgres URL without its password, or throw a clear error if it is malformed. */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      "DATABASE_URL is not a valid URL (expected postgres://user@host:5432/database)",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`,
    );
  }
  const database = parsed.pathname.replace(/^\//, "") || "(default database)";
  return `postgres://${parsed.hostname}:${parsed.port || "5432"}/${database}`;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url)
    return openPostgres(options.url, options.poolSize ?? 10, options.preparedStatements ?? true);
  return openPglite(options);
}

async function openPostgres(url: string, poolSize: number, preparedStatements: boolean): Promise<Database> {
  const description = describePostgresUrl(url);
  // Load only the driver in use.
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: poolSize,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    ...failFastSocket(url),
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseConfigError(`Cannot reach PostgreSQL at ${description}: ${errorText(error)}`);
  }
  const db = drizzle(preparedStatements ? withPreparedStatements(client) : client, {
    schema,
  }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    description,
    async withMigrationLock(fn) {
      // The lock lives on its own connection, held while the pool runs the migrations.
      const lockConnection = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
      try {
        await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        try {
          return await fn(db);
        } finally {
          await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        }
      } finally {
        await lockConnection.end({ timeout: 5 });
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let lock: DirectoryLock | null = null;
  let client: InstanceType<typeof PGlite>;
  let description: string;
  if (options.pgliteDump) {
    client = new PGlite({ loadDataDir: options.pgliteDump });
    description = "embedded PGlite (in memory)";
  } else if (options.pgliteDir === "memory://") {
    client = new PGlite();
    description = "embedded PGlite (in memory)";
  } else {
    const dir = path.resolve(options.pgliteDir ?? "./data/pglite");
    // PGlite fails with ENOENT when the parent directory is missing.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    lock = acquireDirectoryLock(dir);
    try {
      client = new PGlite(dir);
    } catch (error) {
      lock.release();
      throw error;
    }
    description = `embedded PGlite at ${dir}`;
  }
  try {
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw new DatabaseConfigError(`Cannot open the embedded database (${description}): ${errorText(error)}`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    description,
    withMigrationLock: (fn) => fn(db),
    dumpDataDir: () => client.dumpDataDir("gzip"),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message || String(code);
  }
  return String(error);
}
