// Migration 0002_user_locale_preference on existing data (decision 0026): users.locale becomes
// nullable without a default, and an existing account keeps its language only if its audit log shows
// it was chosen (the former /account selector); every other account starts with no preference. The database is
// migrated up to the migration before it, given users, then migrated to the end. PGlite always,
// PostgreSQL too when DATABASE_URL is set (a brand-new database, dropped afterwards).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "../../app/db/client.server";
import { migrateDatabase, migrationsFolder } from "../../app/db/migrate.server";
import { rows } from "../../app/db/rows.server";
import { adminSql, databaseUrlFor, TEST_DB_PREFIX } from "../helpers/postgres";

const TAG = "0002_user_locale_preference";
const DATABASE_URL = process.env.DATABASE_URL;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface JournalEntry {
  tag: string;
}

/** A copy of drizzle/ whose journal stops before the locale migration. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  if (index < 1) throw new Error(`${tag} is not in the journal (or is the first migration)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-locale-migration-"));
  cleanups.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
  fs.mkdirSync(path.join(dir, "meta"));
  const kept = journal.entries.slice(0, index);
  for (const entry of kept) {
    fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  }
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  return dir;
}

async function migrateWith(database: Database, folder: string): Promise<void> {
  if (database.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db as Parameters<typeof migrate>[0], { migrationsFolder: folder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as Parameters<typeof migrate>[0], { migrationsFolder: folder });
  }
}

async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rows<T>(await db.execute(statement));
}

async function emptyDatabase(engine: "pglite" | "postgres"): Promise<Database> {
  if (engine === "pglite") {
    const database = await openDatabase({ pgliteDir: "memory://" });
    cleanups.push(() => database.close());
    return database;
  }
  const url = DATABASE_URL ?? "";
  const name = `${TEST_DB_PREFIX}locale_${randomBytes(6).toString("hex")}`;
  const admin = await adminSql(url);
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const again = await adminSql(url);
    try {
      await again.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await again.end();
    }
  });
  const database = await openDatabase({ url: databaseUrlFor(url, name), poolSize: 2 });
  cleanups.push(() => database.close());
  return database;
}

const engines: ("pglite" | "postgres")[] = DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

describe.for(engines)("the locale migration on %s", (engine) => {
  it("makes users.locale nullable without default; accounts that never chose a language have no preference", async () => {
    const database = await emptyDatabase(engine);
    const db = database.db;
    await migrateWith(database, migrationsBefore(TAG));
    await db.execute(sql`insert into users (email, name, password_hash, role) values
      ('default@example.org', 'Default', 'x', 'viewer')`);
    await db.execute(sql`insert into users (email, name, password_hash, role, locale) values
      ('french@example.org', 'French', 'x', 'viewer', 'fr')`);
    expect(await query<{ locale: string | null }>(db, sql`select locale from users order by email`)).toEqual([
      { locale: "en" },
      { locale: "fr" },
    ]);

    await migrateDatabase(database);
    expect(await query<{ locale: string | null }>(db, sql`select locale from users order by email`)).toEqual([
      { locale: null },
      { locale: null },
    ]);
    const [column] = await query<{ nullable: string; fallback: string | null }>(
      db,
      sql`select is_nullable as nullable, column_default as fallback from information_schema.columns
          where table_schema = 'public' and table_name = 'users' and column_name = 'locale'`,
    );
    expect(column).toEqual({ nullable: "YES", fallback: null });

    // New accounts have no preference; the CHECK still refuses an unknown language.
    await db.execute(sql`insert into users (email, name, password_hash, role) values
      ('new@example.org', 'New', 'x', 'viewer')`);
    expect(
      await query<{ locale: string | null }>(
        db,
        sql`select locale from users where email = 'new@example.org'`,
      ),
    ).toEqual([{ locale: null }]);
    await expect(
      db.execute(sql`insert into users (email, name, password_hash, role, locale) values
        ('german@example.org', 'German', 'x', 'viewer', 'de')`),
    ).rejects.toThrow();
  });

  it("keeps the language of accounts whose audit log shows they chose it, and only theirs", async () => {
    const database = await emptyDatabase(engine);
    const db = database.db;
    await migrateWith(database, migrationsBefore(TAG));
    const insertUser = async (email: string, locale: string): Promise<string> => {
      const [row] = await query<{ id: string }>(
        db,
        sql`insert into users (email, name, password_hash, role, locale)
            values (${email}, ${email}, 'x', 'viewer', ${locale}) returning id`,
      );
      if (!row) throw new Error("no user inserted");
      return row.id;
    };
    const audit = async (userId: string | null, entityType: string, entityId: string, after: object) => {
      await db.execute(sql`insert into audit_log (user_id, action, entity_type, entity_id, before, after)
        values (${userId}, 'update', ${entityType}, ${entityId}, '{}'::jsonb, ${JSON.stringify(after)}::jsonb)`);
    };
    // Chose French, then English, with the former /account selector (setOwnLocale).
    const chose = await insertUser("a-chose-fr@example.org", "fr");
    await audit(chose, "user", chose, { locale: "fr" });
    const choseEn = await insertUser("b-chose-en@example.org", "en");
    await audit(choseEn, "user", choseEn, { locale: "fr" });
    await audit(choseEn, "user", choseEn, { locale: "en" });
    // French copied from a guessed cookie at invitation: no audit entry with a locale.
    const guessed = await insertUser("c-guessed@example.org", "fr");
    await audit(guessed, "user", guessed, { name: "Renamed" });
    // The former default, never chosen.
    await insertUser("d-default@example.org", "en");
    // A locale key in an entry about something else, or about someone else, proves nothing.
    const other = await insertUser("e-other@example.org", "fr");
    await audit(other, "organisation", other, { locale: "fr" });
    await audit(other, "user", chose, { locale: "fr" });

    await migrateDatabase(database);
    expect(
      await query<{ email: string; locale: string | null }>(
        db,
        sql`select email, locale from users order by email`,
      ),
    ).toEqual([
      { email: "a-chose-fr@example.org", locale: "fr" },
      { email: "b-chose-en@example.org", locale: "en" },
      { email: "c-guessed@example.org", locale: null },
      { email: "d-default@example.org", locale: null },
      { email: "e-other@example.org", locale: null },
    ]);
  });
});
