// What a backup holds, read from the database's own catalog rather than a hand-kept list: every
// table of schema "public" except the ephemeral ones, their columns, primary keys, foreign keys
// (for the load order) and sequences (set past the restored rows). See decision 0023.
import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { migrationsFolder } from "~/db/migrate.server";
import { rows } from "~/db/rows.server";

/** Format identifier and version written in every backup's header. */
export const BACKUP_FORMAT = "trellis-backup";
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Left out of backups: login sessions and rate-limit counters are ephemeral (a restore signs
 * everyone out; counters start again), and so are uploads waiting for their import's commit
 * (import_batches, decision 0025: they expire within a day). Everything else is in.
 */
export const EPHEMERAL_TABLES: readonly string[] = ["sessions", "rate_limits", "import_batches"];

export interface BackupColumn {
  name: string;
  /** SQL type as PostgreSQL prints it (format_type), e.g. "timestamp with time zone", "uuid[]". */
  type: string;
  notNull: boolean;
  /** GENERATED ALWAYS AS IDENTITY: inserting it needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  /**
   * Foreign-key columns that close a cycle (a self-reference such as an organisation's parent, or
   * organisations <-> municipalities): loaded as null, then set once every table is in.
   */
  deferredColumns: string[];
  /** Sequences owned by a column (serial, identity): "schema"."name" and the column. */
  sequences: { sequence: string; column: string }[];
}

export interface SchemaVersion {
  /** Tag of the latest applied drizzle migration (from drizzle/meta/_journal.json), when known. */
  tag: string | null;
  /** Its hash as recorded by the migrator: the value compared on restore. */
  hash: string;
  /** How many migrations are applied. */
  migrations: number;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  not_null: boolean;
  identity_always: boolean;
}
interface KeyRow {
  table_name: string;
  column_name: string;
}
interface ForeignKeyRow {
  child: string;
  parent: string;
  columns: string[] | string;
}
interface SequenceRow {
  table_name: string;
  column_name: string;
  sequence: string;
}

/** The tables a backup holds, parents before children. */
export async function backupTables(db: Db): Promise<BackupTable[]> {
  const columns = rows<ColumnRow>(
    await db.execute(sql`
      select c.relname as table_name, a.attname as column_name,
        format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
        (a.attidentity = 'a') as identity_always
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid
      where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition
        and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`),
  );
  const keys = rows<KeyRow>(
    await db.execute(sql`
      select c.relname as table_name, a.attname as column_name
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where n.nspname = 'public' and i.indisprimary
      order by c.relname, k.position`),
  );
  const foreignKeys = rows<ForeignKeyRow>(
    await db.execute(sql`
      select child.relname as child, parent.relname as parent,
        array(select a.attname::text from unnest(con.conkey) as k(attnum)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns
      from pg_constraint con
      join pg_class child on child.oid = con.conrelid
      join pg_class parent on parent.oid = con.confrelid
      join pg_namespace n on n.oid = child.relnamespace
      where con.contype = 'f' and n.nspname = 'public'
      order by child.relname, con.conname`),
  );
  const sequences = rows<SequenceRow>(
    await db.execute(sql`
      select t.relname as table_name, a.attname as column_name,
        format('%I.%I', sn.nspname, s.relname) as sequence
      from pg_class s
      join pg_namespace sn on sn.oid = s.relnamespace
      join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
        and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      join pg_class t on t.oid = d.refobjid
      join pg_namespace tn on tn.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and tn.nspname = 'public'
      order by t.relname, a.attname`),
  );

  const tables = new Map<string, BackupTable>();
  for (const row of columns) {
    if (EPHEMERAL_TABLES.includes(row.table_name)) continue;
    let table = tables.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], primaryKey: [], deferredColumns: [], sequences: [] };
      tables.set(row.table_name, table);
    }
    table.columns.push({
      name: row.column_name,
      type: row.type,
      notNull: row.not_null,
      identityAlways: row.identity_always,
    });
  }
  for (const key of keys) tables.get(key.table_name)?.primaryKey.push(key.column_name);
  for (const seq of sequences) {
    tables.get(seq.table_name)?.sequences.push({ sequence: seq.sequence, column: seq.column_name });
  }
  for (const table of tables.values()) {
    // Keyset batches need a key; every Trellis table has one (a test keeps it so).
    if (table.primaryKey.length === 0) throw new Error(`table ${table.name} has no primary key`);
  }
  const edges = foreignKeys
    .filter((fk) => tables.has(fk.child) && tables.has(fk.parent))
    .map((fk) => ({ child: fk.child, parent: fk.parent, columns: pgArray(fk.columns) }));
  return loadOrder(tables, edges);
}

/** postgres.js parses a text[] into an array; PGlite too, but be lenient with '{a,b}'. */
function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}

interface Edge {
  child: string;
  parent: string;
  columns: string[];
}

/**
 * Parents before children (Kahn's algorithm, ties by name so the order is stable). A cycle is
 * broken by deferring the foreign-key columns of one table in it: they are loaded as null and set
 * after all rows are in, so they must be nullable.
 */
export function loadOrder(tables: Map<string, BackupTable>, edges: Edge[]): BackupTable[] {
  const pending = new Map<string, Edge[]>();
  for (const name of tables.keys()) pending.set(name, []);
  for (const edge of edges) {
    if (edge.child === edge.parent) deferColumns(tables, edge);
    else pending.get(edge.child)?.push(edge);
  }
  const order: BackupTable[] = [];
  const done = new Set<string>();
  while (done.size < tables.size) {
    const remaining = [...pending.keys()].filter((name) => !done.has(name)).sort();
    const ready = remaining.find((name) => (pending.get(name) ?? []).every((e) => done.has(e.parent)));
    if (ready) {
      done.add(ready);
      const table = tables.get(ready);
      if (table) order.push(table);
      continue;
    }
    // Stuck: every remaining table waits for another. Break the cycle at the first table (by name)
    // that can reach itself, deferring its edges to the parents that lead back to it.
    const reaches = (from: string, target: string): boolean => {
      const seen = new Set<string>();
      const stack = [from];
      while (stack.length > 0) {
        const current = stack.pop() as string;
        if (current === target) return true;
        if (seen.has(current) || done.has(current)) continue;
        seen.add(current);
        for (const e of pending.get(current) ?? []) stack.push(e.parent);
      }
      return false;
    };
    const closing = (name: string) =>
      (pending.get(name) ?? []).filter((e) => !done.has(e.parent) && reaches(e.parent, name));
    const nullable = (name: string) =>
      closing(name).every((e) =>
        e.columns.every((c) => !tables.get(name)?.columns.find((col) => col.name === c)?.notNull),
      );
    const inCycle = remaining.filter((name) => closing(name).length > 0);
    // Prefer a table whose closing columns may be null; otherwise deferColumns explains the refusal.
    const breaker = inCycle.find(nullable) ?? inCycle[0];
    if (!breaker) throw new Error("cannot order the tables for a backup");
    const keep: Edge[] = [];
    const deferred = closing(breaker);
    for (const edge of pending.get(breaker) ?? []) {
      if (deferred.includes(edge)) deferColumns(tables, edge);
      else keep.push(edge);
    }
    pending.set(breaker, keep);
  }
  return order;
}

function deferColumns(tables: Map<string, BackupTable>, edge: Edge): void {
  const table = tables.get(edge.child);
  if (!table) return;
  for (const name of edge.columns) {
    const column = table.columns.find((c) => c.name === name);
    if (column?.notNull) {
      throw new Error(
        `cannot order ${table.name} for a backup: ${name} closes a cycle of foreign keys and is not nullable`,
      );
    }
    if (!table.deferredColumns.includes(name)) table.deferredColumns.push(name);
  }
}

/** The latest migration the database has applied (what a backup must be restored onto). */
export async function schemaVersion(db: Db): Promise<SchemaVersion> {
  const exists = rows<{ present: boolean }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`),
  );
  if (!exists[0]?.present) return { tag: null, hash: "", migrations: 0 };
  const latest = rows<{ hash: string; created_at: string; migrations: number }>(
    await db.execute(sql`
      select hash, created_at::text as created_at,
        (select count(*)::int from drizzle.__drizzle_migrations) as migrations
      from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`),
  )[0];
  if (!latest) return { tag: null, hash: "", migrations: 0 };
  // The migrator records a migration's hash and its journal timestamp, not its tag.
  const tag = readJournal().find((entry) => String(entry.when) === latest.created_at)?.tag ?? null;
  return { tag, hash: latest.hash, migrations: latest.migrations };
}

interface JournalEntry {
  tag: string;
  when: number;
}

function readJournal(): JournalEntry[] {
  try {
    const text = fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8");
    return (JSON.parse(text) as { entries?: JournalEntry[] }).entries ?? [];
  } catch {
    return [];
  }
}

/** Values are read as text: fix the settings that text depends on, for this transaction only. */
export async function pinTextFormats(tx: Db): Promise<void> {
  await tx.execute(sql`set local timezone to 'UTC'`);
  await tx.execute(sql`set local datestyle to 'ISO, YMD'`);
  await tx.execute(sql`set local intervalstyle to 'postgres'`);
  await tx.execute(sql`set local extra_float_digits to 1`);
  await tx.execute(sql`set local bytea_output to 'hex'`);
}

/** Text keys sort by byte ("C") so the row order does not depend on the server's collation. */
export function keyExpression(table: BackupTable, column: string, value?: SQL): SQL {
  const type = table.columns.find((c) => c.name === column)?.type ?? "";
  // Qualified: a bare name in ORDER BY would mean the select list's text copy of the column.
  const expression = value ?? sql`${sql.identifier(table.name)}.${sql.identifier(column)}`;
  return type === "text" || type.startsWith("character") ? sql`${expression} collate "C"` : expression;
}

/**
 * A value given in PostgreSQL's text form, as the column's type. The parameter is pinned to text
 * first: postgres.js would otherwise pick a serializer from the inferred type (a boolean parameter
 * turns the string "true" into 'f', a timestamp one drops microseconds, a jsonb one re-quotes).
 * The type name comes from the catalog, never from a file.
 */
export function fromText(value: string | null, table: BackupTable, column: string): SQL {
  const type = table.columns.find((c) => c.name === column)?.type;
  if (!type) throw new Error(`${table.name} has no column ${column}`);
  return sql`cast(cast(${value} as text) as ${sql.raw(type)})`;
}
