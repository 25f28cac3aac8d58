// Migrations from an EMPTY database, on both engines: PGlite always, PostgreSQL when
// DATABASE_URL is set (a brand-new database per test, dropped afterwards). Unlike the other
// integration tests, nothing here starts from the migrated template.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getTableColumns, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "../../app/db/client.server";
import { appliedMigrationCount, migrateDatabase, migrationsFolder } from "../../app/db/migrate.server";
import { rows } from "../../app/db/rows.server";
import * as schema from "../../app/db/schema";
import { adminSql, databaseUrlFor, TEST_DB_PREFIX } from "../helpers/postgres";

const DATABASE_URL = process.env.DATABASE_URL;

/** The migrations listed in drizzle/meta/_journal.json (each must have its .sql file). */
function journalTags(): string[] {
  const journal: unknown = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
  );
  const entries =
    typeof journal === "object" && journal !== null
      ? (journal as Record<string, unknown>).entries
      : undefined;
  if (!Array.isArray(entries)) throw new Error("drizzle/meta/_journal.json has no entries array");
  return entries.map((entry: unknown) => {
    const tag =
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).tag : undefined;
    if (typeof tag !== "string") throw new Error("a journal entry has no tag");
    return tag;
  });
}

const MIGRATION_TAGS = journalTags();
const MIGRATION_COUNT = MIGRATION_TAGS.length;

const TABLES: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);

/** "table.column" -> NOT NULL, for every column of the drizzle schema. */
function schemaColumns(): Map<string, boolean> {
  const columns = new Map<string, boolean>();
  for (const table of TABLES) {
    const name = getTableConfig(table).name;
    for (const column of Object.values(getTableColumns(table)))
      columns.set(`${name}.${column.name}`, column.notNull);
  }
  return columns;
}

async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rows<T>(await db.execute(statement));
}

async function publicTables(db: Db): Promise<string[]> {
  const result = await query<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return result.map((row) => row.name);
}

async function publicColumns(db: Db): Promise<Map<string, boolean>> {
  const result = await query<{ name: string; nullable: string }>(
    db,
    sql`select table_name || '.' || column_name as name, is_nullable as nullable
        from information_schema.columns where table_schema = 'public'`,
  );
  return new Map(result.map((row) => [row.name, row.nullable === "NO"]));
}

/** The migrated database holds exactly the schema's tables and columns (with their nullability). */
async function expectSchemaInDatabase(db: Db): Promise<void> {
  const expectedTables = TABLES.map((table) => getTableConfig(table).name).sort();
  expect(expectedTables.length).toBeGreaterThan(0);
  expect(await publicTables(db)).toEqual(expectedTables);
  const expectedColumns = [...schemaColumns()].sort(([a], [b]) => a.localeCompare(b));
  const actualColumns = [...(await publicColumns(db))].sort(([a], [b]) => a.localeCompare(b));
  expect(actualColumns).toEqual(expectedColumns);
}

// ---------------------------------------------------------------------------------------------
// Empty databases, closed (and on PostgreSQL dropped) after each test

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface Engine {
  name: "pglite" | "postgres";
  /** A brand-new empty database; `open` gives another connection (pool) to the same one. */
  create(): Promise<{ database: Database; open: () => Promise<Database> }>;
}

const pglite: Engine = {
  name: "pglite",
  async create() {
    const database = await openDatabase({ pgliteDir: "memory://" });
    cleanups.push(() => database.close());
    return {
      database,
      open: () => Promise.reject(new Error("an in-memory PGlite database has a single connection")),
    };
  },
};

function postgresEngine(url: string): Engine {
  return {
    name: "postgres",
    async create() {
      const name = `${TEST_DB_PREFIX}migrations_${randomBytes(6).toString("hex")}`;
      const admin = await adminSql(url);
      try {
        await admin.unsafe(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      // Registered first, so it runs last (after every connection is closed).
      cleanups.push(async () => {
        const admin = await adminSql(url);
        try {
          await admin.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await admin.end();
        }
      });
      const open = async () => {
        const database = await openDatabase({ url: databaseUrlFor(url, name), poolSize: 2 });
        cleanups.push(() => database.close());
        return database;
      };
      return { database: await open(), open };
    },
  };
}

const engines: Engine[] = DATABASE_URL ? [pglite, postgresEngine(DATABASE_URL)] : [pglite];

describe("the migration journal", () => {
  it("lists at least one migration, each with its SQL file", () => {
    expect(MIGRATION_COUNT).toBeGreaterThan(0);
    for (const tag of MIGRATION_TAGS)
      expect(fs.existsSync(path.join(migrationsFolder, `${tag}.sql`)), tag).toBe(true);
  });
});

describe.for(engines)("migrations from an empty database on $name", (engine) => {
  // One database for the whole sequence: a fresh PGlite costs seconds to initialise.
  it("an empty database is migrated to the whole schema, and migrating again is a no-op", async () => {
    const { database } = await engine.create();
    expect(database.kind).toBe(engine.name);

    // Empty: no migration applied, no table.
    expect(await appliedMigrationCount(database.db)).toBe(0);
    expect(await publicTables(database.db)).toEqual([]);

    // Every migration of the journal applied; every table and column of the schema there.
    expect(await migrateDatabase(database)).toBe(MIGRATION_COUNT);
    expect(await appliedMigrationCount(database.db)).toBe(MIGRATION_COUNT);
    await expectSchemaInDatabase(database.db);

    // Again: nothing applied, nothing recorded twice.
    const appliedHashes = sql`select string_agg(hash, ',' order by id) as hashes from drizzle.__drizzle_migrations`;
    const before = await query<{ hashes: string }>(database.db, appliedHashes);
    expect(await migrateDatabase(database)).toBe(MIGRATION_COUNT);
    expect(await query<{ hashes: string }>(database.db, appliedHashes)).toEqual(before);
    await expectSchemaInDatabase(database.db);
  });

  it.skipIf(engine.name !== "postgres")(
    "two instances migrating the same empty database at once both succeed (advisory lock)",
    async () => {
      const { database, open } = await engine.create();
      const other = await open();
      const counts = await Promise.all([migrateDatabase(database), migrateDatabase(other)]);
      expect(counts).toEqual([MIGRATION_COUNT, MIGRATION_COUNT]);
      // Each migration recorded once, not once per instance.
      expect(await appliedMigrationCount(database.db)).toBe(MIGRATION_COUNT);
      expect(await appliedMigrationCount(other.db)).toBe(MIGRATION_COUNT);
      await expectSchemaInDatabase(other.db);
    },
  );
});
