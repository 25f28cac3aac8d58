// A fresh, migrated database for one test file: PGlite in memory loaded from the migrated
// template dump, or (DATABASE_URL set) a new PostgreSQL database copied from the template.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, inject } from "vitest";
import { openDatabase, type Database } from "../../app/db/client.server";
import { adminSql, databaseUrlFor, TEST_DB_PREFIX } from "./postgres";

export interface TestDatabase extends Database {
  /** Set for PostgreSQL: the connection string of this file's own database. */
  url?: string;
}

export async function testDb(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const postgresTemplate = inject("postgresTemplate");
  if (url && postgresTemplate) {
    const name = `${TEST_DB_PREFIX}${inject("runPid")}_${randomBytes(6).toString("hex")}`;
    const admin = await adminSql(url);
    try {
      await createFromTemplate(admin, name, postgresTemplate);
    } finally {
      await admin.end();
    }
    const ownUrl = databaseUrlFor(url, name);
    const database = await openDatabase({ url: ownUrl, poolSize: 4 });
    afterAll(async () => {
      await database.close();
      const admin = await adminSql(url);
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    });
    return Object.assign(database, { url: ownUrl });
  }
  const template = inject("pgliteTemplate");
  if (!template)
    throw new Error("the test template database is missing: run the tests through vitest.config.ts");
  const database = await openDatabase({ pgliteDump: new Blob([fs.readFileSync(template)]) });
  afterAll(() => database.close());
  return database;
}

async function createFromTemplate(
  admin: Awaited<ReturnType<typeof adminSql>>,
  name: string,
  template: string,
) {
  // Two files cloning the template at the same instant can collide ("source database is being
  // accessed by other users"): retry a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 300));
    }
  }
}

/** A database handle whose connection is already closed: for "the database went away" paths. */
export async function closedDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = url
    ? await openDatabase({ url, poolSize: 1 })
    : await openDatabase({ pgliteDump: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
  await database.close();
  return database;
}
