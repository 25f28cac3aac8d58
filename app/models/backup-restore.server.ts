// Restore: load a backup (backup.server.ts) into the database in ONE transaction, all or nothing.
// Refuses a file of another format or schema version, and a database that holds data unless
// forced. See decision 0023.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupTables,
  fromText,
  pinTextFormats,
  schemaVersion,
  type BackupTable,
  type SchemaVersion,
} from "./backup-catalog.server";
import { recordAudit, type Actor } from "./audit.server";

/** A backup that cannot be restored here: the message says why (and on which line). */
export class BackupRestoreError extends Error {
  override name = "BackupRestoreError";
}

export interface RestoreOptions {
  /** Empty the database's tables first (in the same transaction) instead of refusing. */
  force?: boolean;
  /** Who restores; null (the command line) is the system. */
  actor?: Actor;
  /** Called once a table's rows are in (the CLI prints a progress line). */
  onTable?: (name: string, rows: number) => void;
}

export interface RestoreSummary {
  createdAt: string;
  schemaVersion: SchemaVersion;
  tables: { name: string; rows: number }[];
  /** True when --force emptied a database that held data. */
  replaced: boolean;
}

interface Header {
  format: unknown;
  formatVersion: unknown;
  schemaVersion?: { tag?: unknown; hash?: unknown };
  createdAt: unknown;
  tables: unknown;
}

interface PendingRow {
  line: number;
  values: (string | null)[];
}

/** Bind parameters per statement stay well under PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export async function restoreBackup(
  db: Db,
  source: Readable | AsyncIterable<string>,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const lines = (isReadable(source) ? createInterface({ input: source, crlfDelay: Infinity }) : source)[
    Symbol.asyncIterator
  ]();
  const first = await lines.next();
  if (first.done) throw new BackupRestoreError("The file is empty: it is not a Trellis backup.");
  const tables = await backupTables(db);
  const current = await schemaVersion(db);
  const header = checkHeader(first.value, tables, current);

  return db.transaction(async (tx) => {
    await pinTextFormats(tx);
    const replaced = await emptyTarget(tx, tables, options.force ?? false);
    const byName = new Map(tables.map((table, index) => [table.name, { table, index }]));
    const loaded = new Map<string, number>();
    const deferred = new Map<string, PendingRow[]>();
    let currentIndex = -1;
    let batch: PendingRow[] = [];
    const flush = async () => {
      const table = tables[currentIndex];
      if (!table || batch.length === 0) return;
      await insertRows(tx, table, batch, deferred);
      loaded.set(table.name, (loaded.get(table.name) ?? 0) + batch.length);
      batch = [];
    };
    // Report every table up to `index` as done (those without rows too).
    const finishTablesBefore = async (index: number) => {
      await flush();
      for (const table of tables.slice(Math.max(currentIndex, 0), index)) {
        options.onTable?.(table.name, loaded.get(table.name) ?? 0);
      }
    };

    let lineNumber = 1;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      lineNumber++;
      const line = next.value;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new BackupRestoreError(
          `Line ${lineNumber} is not valid JSON (${errorText(error)}): nothing was restored.`,
        );
      }
      const { t, r } = (parsed ?? {}) as { t?: unknown; r?: unknown };
      const entry = typeof t === "string" ? byName.get(t) : undefined;
      if (!entry || typeof r !== "object" || r === null || Array.isArray(r)) {
        throw new BackupRestoreError(
          `Line ${lineNumber} is not a row of a known table (${typeof t === "string" ? t : "no table"}): nothing was restored.`,
        );
      }
      if (entry.index < currentIndex) {
        throw new BackupRestoreError(
          `Line ${lineNumber}: rows of ${entry.table.name} come after those of ${tables[currentIndex]?.name}; the file is out of order: nothing was restored.`,
        );
      }
      if (entry.index !== currentIndex) {
        await finishTablesBefore(entry.index);
        currentIndex = entry.index;
      }
      batch.push({
        line: lineNumber,
        values: rowValues(entry.table, r as Record<string, unknown>, lineNumber),
      });
      if (batch.length >= batchSizeFor(entry.table)) await flush();
    }
    await finishTablesBefore(tables.length);

    const announced = new Map(header.tables.map((t) => [t.name, t.rows]));
    for (const { name } of tables) {
      const actual = loaded.get(name) ?? 0;
      const expected = announced.get(name) ?? 0;
      if (actual !== expected) {
        throw new BackupRestoreError(
          `The file holds ${actual} rows of ${name} where its header announces ${expected} (was it cut short?): nothing was restored.`,
        );
      }
    }
    for (const table of tables) {
      const pending = deferred.get(table.name);
      if (pending && pending.length > 0) await setDeferredColumns(tx, table, pending);
      await advanceSequences(tx, table);
    }
    const summary: RestoreSummary = {
      createdAt: header.createdAt,
      schemaVersion: current,
      tables: header.tables,
      replaced,
    };
    await recordAudit(tx, options.actor ?? null, {
      action: "restore",
      entityType: "backup",
      entityId: header.createdAt,
      after: {
        backupCreatedAt: header.createdAt,
        schemaVersion: current.tag ?? current.hash,
        replaced,
        rows: Object.fromEntries(header.tables.map((t) => [t.name, t.rows])),
      },
    });
    return summary;
  });
}

function checkHeader(
  line: string,
  tables: BackupTable[],
  current: SchemaVersion,
): { createdAt: string; tables: { name: string; rows: number }[] } {
  let header: Header;
  try {
    header = JSON.parse(line) as Header;
  } catch {
    throw new BackupRestoreError("Line 1 is not a Trellis backup header (not JSON).");
  }
  if (header === null || typeof header !== "object" || header.format !== BACKUP_FORMAT) {
    throw new BackupRestoreError(`Line 1 is not a Trellis backup header (format is not "${BACKUP_FORMAT}").`);
  }
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupRestoreError(
      `This backup uses format version ${String(header.formatVersion)}; this Trellis reads version ${BACKUP_FORMAT_VERSION} only.`,
    );
  }
  const hash = header.schemaVersion?.hash;
  if (hash !== current.hash) {
    const theirs = String(header.schemaVersion?.tag ?? hash ?? "unknown");
    const ours = current.tag ?? (current.hash || "no migrations");
    throw new BackupRestoreError(
      `This backup was made at database schema ${theirs}, but this database is at ${ours}: restore it with the Trellis version that made it (same migrations), then upgrade.`,
    );
  }
  if (typeof header.createdAt !== "string" || !Array.isArray(header.tables)) {
    throw new BackupRestoreError("Line 1 is not a complete Trellis backup header (createdAt, tables).");
  }
  const known = new Set(tables.map((t) => t.name));
  const listed: { name: string; rows: number }[] = [];
  for (const item of header.tables as { name?: unknown; rows?: unknown }[]) {
    if (typeof item?.name !== "string" || !known.has(item.name) || !Number.isInteger(item.rows)) {
      throw new BackupRestoreError(
        `Line 1 lists a table this database does not have: ${String(item?.name)}.`,
      );
    }
    listed.push({ name: item.name, rows: item.rows as number });
  }
  return { createdAt: header.createdAt, tables: listed };
}

/** Refuse a database with data, or (forced) empty every backed-up table in this transaction. */
async function emptyTarget(tx: Db, tables: BackupTable[], force: boolean): Promise<boolean> {
  const list = sql.join(
    tables.map((t) => sql.identifier(t.name)),
    sql`, `,
  );
  // No one may write between the emptiness check and the load (a running app, another restore).
  await tx.execute(sql`lock table ${list} in share row exclusive mode`);
  const counts = rows<{ name: string }>(
    await tx.execute(
      sql.join(
        tables.map(
          (t) => sql`select ${t.name}::text as name where exists (select 1 from ${sql.identifier(t.name)})`,
        ),
        sql` union all `,
      ),
    ),
  );
  if (counts.length === 0) return false;
  if (!force) {
    const names = counts.map((c) => c.name).join(", ");
    throw new BackupRestoreError(
      `This database already holds data (${names}): restore only loads into an empty database. Use --force to replace everything in it.`,
    );
  }
  // CASCADE also empties the sessions of the replaced users: everyone signs in again.
  await tx.execute(sql`truncate table ${list} cascade`);
  return true;
}

function rowValues(table: BackupTable, row: Record<string, unknown>, line: number): (string | null)[] {
  const keys = Object.keys(row);
  const unknown = keys.filter((key) => !table.columns.some((c) => c.name === key));
  const missing = table.columns.filter((c) => !(c.name in row)).map((c) => c.name);
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown column ${unknown.join(", ")}` : "",
      missing.length > 0 ? `missing column ${missing.join(", ")}` : "",
    ].filter(Boolean);
    throw new BackupRestoreError(`Line ${line} (${table.name}): ${parts.join("; ")}: nothing was restored.`);
  }
  return table.columns.map((column) => {
    const value = row[column.name];
    if (value === null || typeof value === "string") return value;
    throw new BackupRestoreError(
      `Line ${line} (${table.name}.${column.name}): a value must be a string or null: nothing was restored.`,
    );
  });
}

function batchSizeFor(table: BackupTable): number {
  return Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / table.columns.length)));
}

async function insertRows(
  tx: Db,
  table: BackupTable,
  batch: PendingRow[],
  deferred: Map<string, PendingRow[]>,
): Promise<void> {
  const deferredIndexes = table.deferredColumns.map((name) =>
    table.columns.findIndex((c) => c.name === name),
  );
  const keyIndexes = table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name));
  if (deferredIndexes.length > 0) {
    const later = deferred.get(table.name) ?? [];
    for (const row of batch) {
      // Deferred foreign keys go in once every table is loaded: keep the key and their values.
      if (deferredIndexes.some((i) => row.values[i] !== null)) {
        later.push({
          line: row.line,
          values: [...keyIndexes, ...deferredIndexes].map((i) => row.values[i] ?? null),
        });
      }
    }
    deferred.set(table.name, later);
  }
  const overriding = table.columns.some((c) => c.identityAlways) ? sql` overriding system value` : sql``;
  const names = sql.join(
    table.columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  await inBatchOrLocate(tx, table, batch, (subset) => {
    const tuples = subset.map(
      (row) =>
        sql`(${sql.join(
          table.columns.map((column, i) =>
            deferredIndexes.includes(i) ? sql`null` : fromText(row.values[i] ?? null, table, column.name),
          ),
          sql`, `,
        )})`,
    );
    return sql`insert into ${sql.identifier(table.name)} (${names})${overriding} values ${sql.join(tuples, sql`, `)}`;
  });
}

/** Set the foreign keys that closed a cycle, now that the rows they point to are in. */
async function setDeferredColumns(tx: Db, table: BackupTable, pending: PendingRow[]): Promise<void> {
  const columns = [...table.primaryKey, ...table.deferredColumns];
  const aliases = columns.map((_, i) => sql.identifier(`c${i}`));
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < pending.length; start += size) {
    await inBatchOrLocate(tx, table, pending.slice(start, start + size), (subset) => {
      const tuples = subset.map(
        (row) =>
          sql`(${sql.join(
            columns.map((name, i) => fromText(row.values[i] ?? null, table, name)),
            sql`, `,
          )})`,
      );
      const assignments = table.deferredColumns.map(
        (name, i) => sql`${sql.identifier(name)} = v.${aliases[table.primaryKey.length + i]}`,
      );
      const match = table.primaryKey.map((name, i) => sql`t.${sql.identifier(name)} = v.${aliases[i]}`);
      return sql`update ${sql.identifier(table.name)} as t set ${sql.join(assignments, sql`, `)}
        from (values ${sql.join(tuples, sql`, `)}) as v(${sql.join(aliases, sql`, `)})
        where ${sql.join(match, sql` and `)}`;
    });
  }
}

/**
 * Set a table's sequences (serial, identity) past the restored rows, and never back: after a
 * forced restore the ids the replaced data used (audit entries quoted elsewhere) are not reused.
 */
async function advanceSequences(tx: Db, table: BackupTable): Promise<void> {
  for (const { sequence, column } of table.sequences) {
    const id = sql.identifier(column);
    const seq = sql`cast(cast(${sequence} as text) as regclass)`;
    await tx.execute(
      sql`select setval(${seq}, greatest(coalesce(max(${id}), 1), coalesce(pg_sequence_last_value(${seq}), 1)),
          max(${id}) is not null or pg_sequence_last_value(${seq}) is not null)
        from ${sql.identifier(table.name)}`,
    );
  }
}

/**
 * Run a multi-row statement in a savepoint; if the database refuses it, replay the rows one by
 * one to name the line at fault. Either way the error aborts the whole restore.
 */
async function inBatchOrLocate(
  tx: Db,
  table: BackupTable,
  batch: PendingRow[],
  statement: (rows: PendingRow[]) => SQL,
): Promise<void> {
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(statement(batch));
    });
    return;
  } catch (batchError) {
    for (const row of batch) {
      try {
        await tx.transaction(async (savepoint) => {
          await savepoint.execute(statement([row]));
        });
      } catch (error) {
        throw new BackupRestoreError(
          `Line ${row.line} (${table.name}): ${databaseMessage(error)}: nothing was restored.`,
        );
      }
    }
    const first = batch[0]?.line ?? 0;
    const last = batch[batch.length - 1]?.line ?? 0;
    throw new BackupRestoreError(
      `Lines ${first}-${last} (${table.name}): ${databaseMessage(batchError)}: nothing was restored.`,
    );
  }
}

/** The database's own message, without drizzle's "Failed query: <the whole statement>" wrapper. */
function databaseMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const detail = (current as { detail?: unknown }).detail;
  const text = errorText(current);
  return typeof detail === "string" && detail ? `${text} (${detail})` : text;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isReadable(source: Readable | AsyncIterable<string>): source is Readable {
  return typeof (source as Readable).pipe === "function";
}
