// Helpers for the backup and restore tests: backups as text, their comparison, fresh databases of
// either engine, and rows whose values are hard to carry over exactly.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { Readable, Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { afterAll, inject } from "vitest";
import { openDatabase, type Database, type Db } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { rows } from "../../app/db/rows.server";
import { municipalities } from "../../app/db/schema";
import {
  restoreBackup,
  writeBackup,
  type BackupHeader,
  type RestoreSummary,
} from "../../app/models/backup.server";
import {
  addEventParticipant,
  createAuditEntry,
  createEvent,
  createFundingLine,
  createGraphLayout,
  createInvitation,
  createMunicipality,
  createObjective,
  createOrganisation,
  createPartnership,
  createPasswordReset,
  createRateLimit,
  createSession,
  createUser,
  linkUserMunicipality,
} from "../factories";
import { adminSql, databaseUrlFor, TEST_DB_PREFIX } from "./postgres";

export const FIXED_NOW = new Date("2026-11-26T12:00:00.000Z");

/** A backup of `db` as one string (header createdAt fixed unless `now` is given). */
export async function backupText(db: Db, options: { batchSize?: number; now?: Date } = {}): Promise<string> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  await writeBackup(db, sink, { now: options.now ?? FIXED_NOW, batchSize: options.batchSize });
  return chunks.join("");
}

export function restoreText(db: Db, text: string, force = false): Promise<RestoreSummary> {
  return restoreBackup(db, Readable.from([text]), { force });
}

export function headerOf(text: string): BackupHeader {
  return JSON.parse(text.slice(0, text.indexOf("\n"))) as BackupHeader;
}

/**
 * A backup as it should come back from a restore: without createdAt, and without the audit
 * entries of restores (a restore writes one, entity type "backup", so the next backup holds one row
 * more). Other "restore" entries (an archived record brought back) are data and stay.
 */
export function normalised(text: string): string {
  const lines = text.split("\n").filter((line) => line !== "");
  const header = JSON.parse(lines[0] ?? "{}") as BackupHeader;
  const body = lines.slice(1).filter((line) => {
    const row = JSON.parse(line) as { t: string; r: Record<string, string | null> };
    return !(row.t === "audit_log" && row.r.action === "restore" && row.r.entity_type === "backup");
  });
  const counts = new Map<string, number>();
  for (const line of body) {
    const t = (JSON.parse(line) as { t: string }).t;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const tables = header.tables.map((t) => ({
    name: t.name,
    rows: t.name === "audit_log" ? (counts.get(t.name) ?? 0) : t.rows,
  }));
  return [JSON.stringify({ ...header, createdAt: "<createdAt>", tables }), ...body].join("\n");
}

/** How many rows each of the given tables holds. */
export async function rowCounts(db: Db, tables: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of tables) {
    const [row] = rows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
    );
    result[name] = Number(row?.n ?? 0);
  }
  return result;
}

/** A fresh, migrated, in-memory PGlite (from the suite's template when there is one). */
export async function freshPglite(): Promise<Database> {
  const template = inject("pgliteTemplate");
  const database = template
    ? await openDatabase({ pgliteDump: new Blob([fs.readFileSync(template)]) })
    : await openDatabase({ pgliteDir: "memory://" });
  if (!template) await migrateDatabase(database);
  afterAll(() => database.close());
  return database;
}

/** The PostgreSQL server the tests may use: DATABASE_URL, else a local one if it answers. */
export async function reachablePostgres(): Promise<string | null> {
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = await adminSql(url);
  try {
    await admin`select 1`;
    return url;
  } catch {
    return null;
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
}

/** A fresh, migrated PostgreSQL database on that server, dropped after the file. */
export async function freshPostgres(serverUrl: string): Promise<Database> {
  const name = `${TEST_DB_PREFIX}${inject("runPid")}_${randomBytes(6).toString("hex")}`;
  const admin = await adminSql(serverUrl);
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: databaseUrlFor(serverUrl, name), poolSize: 2 });
  await migrateDatabase(database);
  afterAll(async () => {
    await database.close();
    const admin = await adminSql(serverUrl);
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  });
  return database;
}

export const TRICKY_NAME = `Ünïcödé "double" 'single' back\\slash\nnew line\ttab 🌍👩🏽‍⚕️ {a,b} [c] l'Équipe`;
export const HUGE_NUMERIC = "123456789012345678901234567890.123456789012";
export const BEYOND_2_53 = "9007199254740993";
export const MICROSECONDS = "2024-02-29 23:59:59.123456+00";

/**
 * Rows for every table the demo seed leaves empty, with values that are easy to lose: unicode and
 * emoji, quotes, backslashes and newlines, microseconds, numerics beyond doubles, a bigint past
 * 2^53, arrays, nested jsonb, a cycle of foreign keys (organisation <-> municipality) and a
 * self-reference (an organisation's parent).
 */
export async function addTrickyRows(db: Db): Promise<{ organisationId: string }> {
  const parent = await createOrganisation(db, { name: "Parent ministry", countryCode: "FR" });
  const municipality = await createMunicipality(db, { name: "Saint-Étienne", countryCode: "FR" });
  const tricky = await createOrganisation(db, {
    name: TRICKY_NAME,
    description: "Line one\r\nline two\u2028separator \u00a0nbsp",
    parentOrganisationId: parent.id,
    municipalityId: municipality.id,
    countryCode: "FR",
  });
  await db
    .update(municipalities)
    .set({ organisationId: tricky.id })
    .where(eq(municipalities.id, municipality.id));
  await db.execute(
    sql`update organisations set created_at = ${MICROSECONDS}::timestamptz,
      updated_at = '2024-03-01T01:02:03.000001+05:30'::timestamptz where id = ${tricky.id}`,
  );
  const coordinator = await createUser(db, { role: "coordinator", organisationId: tricky.id, locale: "fr" });
  const official = await createUser(db, {
    role: "municipal_official",
    disabledAt: new Date("2025-01-01T00:00:00Z"),
  });
  await linkUserMunicipality(db, { userId: official.id, municipalityId: municipality.id });
  // Two rows of a composite primary key: keyset paging over (user_id, municipality_id).
  await linkUserMunicipality(db, { userId: official.id });
  await createSession(db, { userId: coordinator.id });
  await createRateLimit(db);
  await createInvitation(db, {
    invitedBy: coordinator.id,
    municipalityIds: [municipality.id, municipality.id],
  });
  await createPasswordReset(db, { userId: official.id, createdBy: coordinator.id });
  const partnership = await createPartnership(db, { name: "Ωmega «partnership»" });
  const objective = await createObjective(db, { partnershipId: partnership.id });
  await db.execute(sql`update objectives set target = ${HUGE_NUMERIC}::numeric where id = ${objective.id}`);
  await createFundingLine(db, { partnershipId: partnership.id, amount: "999999999999.99" });
  const layout = await createGraphLayout(db, {
    positions: { [tricky.id]: { x: 0.1 + 0.2, y: -1e-7 }, 'ключ "k"': { x: 1.5e300, y: 0 } },
    updatedBy: coordinator.id,
  });
  await db.execute(
    sql`update graph_layouts set data_version = ${BEYOND_2_53}::bigint where id = ${layout.id}`,
  );
  const event = await createEvent(db, { title: "Atelier 🧩", online: true, createdBy: coordinator.id });
  await addEventParticipant(db, { eventId: event.id, organisationId: tricky.id, attendeeCount: 3 });
  const entry = await createAuditEntry(db, {
    userId: coordinator.id,
    entityId: tricky.id,
    after: { name: TRICKY_NAME, nested: { list: [1, "two", null, true] } },
  });
  await db.execute(
    sql`update audit_log set before = '{"big": 12345678901234567890.123456789, "empty": {}}'::jsonb where id = ${entry.id}`,
  );
  return { organisationId: tricky.id };
}
