// One database per benchmark size: a fresh PostgreSQL database `trellis_bench_<N>` (or a PGlite
// directory), migrated, seeded with N synthetic organisations and a coordinator who has a session
// (made directly in the database, as the browser tests do: no password round trip, no rate limit).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword } from "../../app/auth/password.server";
import { createSession, type AuthUser } from "../../app/auth/session.server";
import { openDatabase, type Db } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { acquireDirectoryLock } from "../../app/db/pglite-lock.server";
import * as schema from "../../app/db/schema";
import { seedSynthetic } from "../../app/db/seed/synthetic.server";

export const BENCH_DB_PREFIX = "trellis_bench_";
export const BENCH_USER_EMAIL = "bench-coordinator@bench.example.org";

export type BenchTarget =
  | { kind: "postgres"; size: number; name: string; url: string; adminUrl: string }
  | { kind: "pglite"; size: number; dir: string };

export function benchTarget(size: number, options: { pglite: boolean; postgresUrl: string }): BenchTarget {
  if (options.pglite) {
    return { kind: "pglite", size, dir: path.join(os.tmpdir(), "trellis-bench-pglite", String(size)) };
  }
  const name = `${BENCH_DB_PREFIX}${size}`;
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  return { kind: "postgres", size, name, url: url.toString(), adminUrl: options.postgresUrl };
}

/** The environment a server needs to run on this database. */
export function serverDatabaseEnv(target: BenchTarget): Record<string, string | undefined> {
  return target.kind === "postgres"
    ? { DATABASE_URL: target.url, PGLITE_DIR: undefined }
    : { DATABASE_URL: undefined, PGLITE_DIR: target.dir };
}

export function describeTarget(target: BenchTarget): string {
  return target.kind === "postgres" ? `PostgreSQL ${target.name}` : `PGlite ${target.dir}`;
}

export interface PreparedDatabase {
  target: BenchTarget;
  user: AuthUser;
  /** The session cookie's value. */
  sessionToken: string;
  /** Seconds spent migrating and seeding (0 when reused). */
  seedSeconds: number;
  reused: boolean;
  /** Synthetic organisations in the database. */
  organisations: number;
}

async function postgresDatabaseExists(target: Extract<BenchTarget, { kind: "postgres" }>): Promise<boolean> {
  const admin = postgres(target.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${target.name}`;
    return found.length > 0;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function dropAndCreate(target: BenchTarget): Promise<void> {
  if (target.kind === "pglite") {
    fs.rmSync(target.dir, { recursive: true, force: true });
    fs.rmSync(`${target.dir}.lock`, { force: true });
    fs.mkdirSync(path.dirname(target.dir), { recursive: true });
    return;
  }
  const admin = postgres(target.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${target.name}" with (force)`);
    await admin.unsafe(`create database "${target.name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function openOptions(target: BenchTarget) {
  return target.kind === "postgres" ? { url: target.url, poolSize: 4 } : { pgliteDir: target.dir };
}

async function syntheticOrganisationCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(schema.organisations)
    .where(and(like(schema.organisations.name, "%(Synthetic #%"), isNull(schema.organisations.archivedAt)));
  return row?.count ?? 0;
}

/**
 * Make the database for one size: drop it, migrate, seed N synthetic organisations and the bench
 * coordinator. With `reuse`, an existing database holding exactly N synthetic organisations and
 * the coordinator is kept (only a new session is made).
 */
export async function prepareBenchDatabase(
  target: BenchTarget,
  options: { reuse: boolean; log: (line: string) => void },
): Promise<PreparedDatabase> {
  const started = performance.now();
  let reusable = false;
  if (options.reuse) {
    reusable = target.kind === "postgres" ? await postgresDatabaseExists(target) : fs.existsSync(target.dir);
  }
  if (!reusable) await dropAndCreate(target);
  const database = await openDatabase(openOptions(target));
  try {
    await migrateDatabase(database);
    const db = database.db;
    let [user] = await db.select().from(schema.users).where(eq(schema.users.email, BENCH_USER_EMAIL));
    let count = await syntheticOrganisationCount(db);
    const reused = reusable && count === target.size && user !== undefined;
    if (!reused) {
      if (reusable) {
        options.log(`${describeTarget(target)} does not hold ${target.size} organisations: recreating it`);
        await database.close();
        await dropAndCreate(target);
        return prepareBenchDatabase(target, { ...options, reuse: false });
      }
      options.log(`seeding ${target.size} synthetic organisations into ${describeTarget(target)}...`);
      await seedSynthetic(db, { organisations: target.size });
      count = await syntheticOrganisationCount(db);
      // A cheap hash: nobody signs in with it, the session below is put in the cookie jar.
      const passwordHash = await hashPassword("bench correct horse battery", { N: 2 ** 10, r: 8, p: 1 });
      [user] = await db
        .insert(schema.users)
        .values({ email: BENCH_USER_EMAIL, name: "Bench coordinator", passwordHash, role: "coordinator" })
        .returning();
    }
    if (!user) throw new Error("could not create the bench coordinator");
    const session = await createSession(db, user.id);
    return {
      target,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationId,
        locale: user.locale,
        municipalityIds: [],
        sessionId: session.sessionId,
      },
      sessionToken: session.token,
      seedSeconds: reused ? 0 : (performance.now() - started) / 1000,
      reused,
      organisations: count,
    };
  } finally {
    await database.close().catch(() => {});
  }
}

export interface CountingDatabase {
  db: Db;
  /** SQL statements run through `db` since the last reset. */
  queries(): number;
  resetQueries(): void;
  close(): Promise<void>;
}

/**
 * The database with a drizzle logger that counts every statement: the in-process loader figures
 * run on it. The driver is opened here (not through openDatabase) to attach the logger.
 */
export async function openCountingDatabase(target: BenchTarget): Promise<CountingDatabase> {
  let count = 0;
  const logger = {
    logQuery() {
      count++;
    },
  };
  if (target.kind === "postgres") {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(target.url, { max: 4, onnotice: () => {} });
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    return {
      db,
      queries: () => count,
      resetQueries: () => void (count = 0),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const lock = acquireDirectoryLock(target.dir);
  const client = new PGlite(target.dir);
  await client.waitReady;
  const db = drizzle(client, { schema, logger }) as unknown as Db;
  return {
    db,
    queries: () => count,
    resetQueries: () => void (count = 0),
    async close() {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}
