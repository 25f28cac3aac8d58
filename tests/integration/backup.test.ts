// Backup and restore (app/models/backup.server.ts) on the suite's database engine: the round trip
// is exact, every table is in, and a restore is all or nothing. PGlite <-> PostgreSQL and the
// command line: backup-cross.test.ts.
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { labelledEntityTypes } from "../../app/components/audit/labels";
import { rows } from "../../app/db/rows.server";
import en from "../../app/i18n/locales/en.json";
import fr from "../../app/i18n/locales/fr.json";
import * as schema from "../../app/db/schema";
import { seedDemo } from "../../app/db/seed/demo.server";
import { EPHEMERAL_TABLES } from "../../app/models/backup.server";
import { createOrganisation, createSession } from "../factories";
import {
  addTrickyRows,
  backupText,
  BEYOND_2_53,
  headerOf,
  HUGE_NUMERIC,
  MICROSECONDS,
  normalised,
  restoreText,
  rowCounts,
  TRICKY_NAME,
} from "../helpers/backup";
import { testDb } from "../helpers/db";

const source = (await testDb()).db;
// Targets: one restored and inspected, one that holds data (refused, then forced), one that every
// bad file must leave empty.
const restored = (await testDb()).db;
const occupied = (await testDb()).db;
const empty = (await testDb()).db;
let original = "";
let trickyId = "";

beforeAll(async () => {
  await seedDemo(source, { today: "2026-11-26" });
  trickyId = (await addTrickyRows(source)).organisationId;
  original = await backupText(source);
});

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table).name);

describe("writeBackup", () => {
  it("holds every table of the schema but sessions and rate-limit counters, parents first", () => {
    const header = headerOf(original);
    expect(header).toMatchObject({
      format: "trellis-backup",
      formatVersion: 1,
      createdAt: "2026-11-26T12:00:00.000Z",
    });
    expect(header.schemaVersion.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(header.schemaVersion.tag).toMatch(/^\d{4}_/);
    const names = header.tables.map((t) => t.name);
    expect([...names].sort()).toEqual(schemaTables.filter((n) => !EPHEMERAL_TABLES.includes(n)).sort());
    expect(EPHEMERAL_TABLES).toEqual(["sessions", "rate_limits", "import_batches"]);
    // Every table but the excluded ones has rows here, so the round trip below covers them all.
    for (const t of header.tables) expect(t.rows, t.name).toBeGreaterThan(0);
    expect(names.indexOf("partnerships")).toBeLessThan(names.indexOf("partnership_members"));
    expect(names.indexOf("users")).toBeLessThan(names.indexOf("audit_log"));
    expect(names.indexOf("pilot_periods")).toBeLessThan(names.indexOf("pilot_outcomes"));
  });

  it("writes one line per row, counted in the header, table by table", () => {
    const lines = original.trimEnd().split("\n").slice(1);
    const header = headerOf(original);
    expect(lines.length).toBe(header.tables.reduce((sum, t) => sum + t.rows, 0));
    const order = lines.map((line) => (JSON.parse(line) as { t: string }).t);
    expect(order).toEqual(header.tables.flatMap((t) => Array<string>(t.rows).fill(t.name)));
  });

  it("gives the same bytes whatever the batch size (keyset paging, composite keys too)", async () => {
    expect(await backupText(source, { batchSize: 3 })).toBe(original);
    expect(await backupText(source, { batchSize: 1 })).toBe(original);
  });
});

describe("restoreBackup", () => {
  it("round trip: restore into a fresh database, back up again: identical", async () => {
    const db = restored;
    const summary = await restoreText(db, original);
    expect(summary.replaced).toBe(false);
    expect(summary.tables).toEqual(headerOf(original).tables);
    const again = await backupText(db);
    expect(normalised(again)).toBe(normalised(original));
    // The only difference: the restore's own audit entry, numbered after the restored ones.
    const [entry] = rows<{ id: string; after: { backupCreatedAt: string; rows: Record<string, number> } }>(
      await db.execute(sql`select id::text as id, after from audit_log where action = 'restore'`),
    );
    const maxRestored = Math.max(
      ...original
        .split("\n")
        .filter((l) => l.startsWith('{"t":"audit_log"'))
        .map((l) => Number((JSON.parse(l) as { r: { id: string } }).r.id)),
    );
    expect(Number(entry?.id)).toBe(maxRestored + 1);
    expect(entry?.after.backupCreatedAt).toBe("2026-11-26T12:00:00.000Z");
    expect(entry?.after.rows.organisations).toBe(
      headerOf(original).tables.find((t) => t.name === "organisations")?.rows,
    );
  });

  it("carries tricky values over exactly, and leaves sessions and rate limits behind", async () => {
    const db = restored;
    const [org] = rows<{
      name: string;
      created_at: string;
      parent: string | null;
      municipality: string | null;
    }>(
      await db.execute(sql`select name, (created_at at time zone 'UTC')::text as created_at, parent_organisation_id::text as parent,
        municipality_id::text as municipality from organisations where id = ${trickyId}`),
    );
    expect(org?.name).toBe(TRICKY_NAME);
    expect(org?.created_at).toBe(MICROSECONDS.replace("+00", ""));
    expect(org?.parent).not.toBeNull();
    const [values] = rows<Record<string, string>>(
      await db.execute(sql`select
        (select target::text from objectives where target > 1e20) as target,
        (select data_version::text from graph_layouts where data_version is not null) as data_version,
        (select (updated_at at time zone 'UTC')::text from organisations where id = ${trickyId}) as updated_at,
        (select m.organisation_id::text from municipalities m where m.id = (select municipality_id from organisations where id = ${trickyId})) as back,
        (select before::text from audit_log where before ? 'big') as before,
        (select array_length(municipality_ids, 1)::text from invitations) as invited,
        (select max(amount)::text from funding_lines) as amount`),
    );
    expect(values).toEqual({
      target: HUGE_NUMERIC,
      data_version: BEYOND_2_53,
      updated_at: "2024-02-29 19:32:03.000001",
      back: trickyId,
      before: '{"big": 12345678901234567890.123456789, "empty": {}}',
      invited: "2",
      amount: "999999999999.99",
    });
    expect(await rowCounts(db, ["sessions", "rate_limits"])).toEqual({ sessions: 0, rate_limits: 0 });
  });

  it("its audit entry reads in both languages on /admin/audit and the dashboard", async () => {
    const [entry] = rows<{ action: string; entity_type: string }>(
      await restored.execute(sql`select action, entity_type from audit_log where entity_type = 'backup'`),
    );
    expect(entry).toEqual({ action: "restore", entity_type: "backup" });
    expect(labelledEntityTypes).toContain("backup");
    expect(en.audit.entityTypes.backup).toBe("Database (restored from a backup)");
    expect(fr.audit.entityTypes.backup).toBe("Base de données (restaurée depuis une sauvegarde)");
  });

  it("sets sequences past the restored rows: new audit entries get fresh ids", async () => {
    const db = restored;
    const [row] = rows<{ id: string; max: string }>(
      await db.execute(sql`insert into audit_log (action, entity_type, entity_id) values ('create', 'test', 'x')
        returning id::text as id, (select max(id)::text from audit_log) as max`),
    );
    expect(Number(row?.id)).toBeGreaterThan(Number(row?.max));
  });

  it("refuses a database that holds data, and changes nothing", async () => {
    const db = occupied;
    const other = await createOrganisation(db, { name: "Already here" });
    await expect(restoreText(db, original)).rejects.toThrow(
      /already holds data \(organisations\).*Use --force to replace everything/,
    );
    expect(await rowCounts(db, ["organisations", "audit_log"])).toEqual({ organisations: 1, audit_log: 0 });
    expect(other.name).toBe("Already here");
  });

  it("with force, replaces everything (sessions of the replaced users go too)", async () => {
    const db = occupied;
    await createSession(db);
    // The replaced database had numbered further than the backup: its ids must never be reused.
    await db.execute(sql`select setval(pg_get_serial_sequence('audit_log', 'id'), 1000000)`);
    const summary = await restoreText(db, original, true);
    expect(summary.replaced).toBe(true);
    expect(normalised(await backupText(db))).toBe(normalised(original));
    expect(await rowCounts(db, ["sessions"])).toEqual({ sessions: 0 });
    const [entry] = rows<{ id: string }>(
      await db.execute(sql`select id::text as id from audit_log where entity_type = 'backup'`),
    );
    expect(Number(entry?.id)).toBeGreaterThan(1000000);
  });

  it("compares restored backups without the restore's own entry only (entity type backup)", () => {
    const [head = "", ...body] = original.trimEnd().split("\n");
    const entry = (id: number, action: string, entityType: string) =>
      JSON.stringify({ t: "audit_log", r: { id: String(id), action, entity_type: entityType } });
    const withEntries = [head, ...body, entry(1e6, "restore", "backup")].join("\n");
    expect(normalised(withEntries)).toBe(normalised(original));
    // An archived event brought back is a "restore" too: that one is data, and must be compared.
    const withEventRestore = [head, ...body, entry(1e6, "restore", "event")].join("\n");
    expect(normalised(withEventRestore)).not.toBe(normalised(original));
  });
});

describe("restoreBackup refuses a bad file and loads nothing", () => {
  const lines = () => original.trimEnd().split("\n");
  const lineOf = (table: string, nth = 0) => lines().findIndex((l) => l.startsWith(`{"t":"${table}"`)) + nth;

  async function expectRefused(text: string, message: RegExp) {
    const db = empty;
    await expect(restoreText(db, text)).rejects.toThrow(message);
    const counts = await rowCounts(
      db,
      headerOf(original).tables.map((t) => t.name),
    );
    expect(
      Object.values(counts).every((n) => n === 0),
      JSON.stringify(counts),
    ).toBe(true);
  }

  it("a line that is not JSON, late in the file: its number, nothing loaded", async () => {
    const all = lines();
    const at = lineOf("health_checks", 3);
    all[at] = all[at]?.slice(0, 40) ?? "";
    await expectRefused(all.join("\n"), new RegExp(`^Line ${at + 1} is not valid JSON`));
  });

  it("a value the database refuses (a null byte, a bad uuid): the exact line", async () => {
    // Through JSON, not a regular expression: a value with an escaped quote in it stays one value.
    const withValue = (column: string, value: string) => (line: string) => {
      const parsed = JSON.parse(line) as { t: string; r: Record<string, unknown> };
      return JSON.stringify({ ...parsed, r: { ...parsed.r, [column]: value } });
    };
    for (const [table, bad] of [
      ["organisations", withValue("name", "nul\u0000byte")],
      ["partnership_members", withValue("organisation_id", "not-a-uuid")],
    ] as const) {
      const all = lines();
      const at = lineOf(table, 2);
      all[at] = bad(all[at] ?? "");
      await expectRefused(
        all.join("\n"),
        new RegExp(`^Line ${at + 1} \\(${table}\\): .+nothing was restored`),
      );
    }
  });

  it("a row pointing at a missing parent: the line of the orphan", async () => {
    const all = lines();
    const at = lineOf("partnership_members", 5);
    all[at] = (all[at] ?? "").replace(
      /"partnership_id":"[^"]*"/,
      '"partnership_id":"00000000-0000-4000-8000-000000000000"',
    );
    await expectRefused(
      all.join("\n"),
      new RegExp(`^Line ${at + 1} \\(partnership_members\\): .*foreign key`),
    );
  });

  it("a file cut short, an unknown column, rows out of order", async () => {
    await expectRefused(
      lines().slice(0, -3).join("\n"),
      /holds \d+ rows of \w+ where its header announces \d+/,
    );
    const renamed = lines();
    const at = lineOf("risks");
    renamed[at] = (renamed[at] ?? "").replace('"title":', '"headline":');
    await expectRefused(
      renamed.join("\n"),
      new RegExp(`^Line ${at + 1} \\(risks\\): unknown column headline; missing column title`),
    );
    const swapped = lines();
    // A leaf table's row moved to the end, after the rows of the last table.
    const first = swapped.splice(lineOf("event_takeaways"), 1);
    swapped.push(...first);
    await expectRefused(
      swapped.join("\n"),
      /rows of event_takeaways come after those of \w+; the file is out of order/,
    );
  });

  it("another format version, another schema version, not a backup at all", async () => {
    const [head = "", ...body] = lines();
    const header = JSON.parse(head) as Record<string, unknown>;
    await expectRefused(
      [JSON.stringify({ ...header, formatVersion: 2 }), ...body].join("\n"),
      /format version 2; this Trellis reads version 1 only/,
    );
    await expectRefused(
      [
        JSON.stringify({ ...header, schemaVersion: { tag: "0099_future", hash: "f".repeat(64) } }),
        ...body,
      ].join("\n"),
      /made at database schema 0099_future, but this database is at \d{4}_\w+/,
    );
    await expectRefused("name,country\nA,NL\n", /Line 1 is not a Trellis backup header/);
    await expectRefused("", /The file is empty/);
  });
});
