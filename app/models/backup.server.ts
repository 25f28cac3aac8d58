// Backup: the whole database (but its ephemeral tables) as JSON lines, streamed in keyset batches
// from one consistent snapshot. Restore lives in backup-restore.server.ts. See decision 0023.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupTables,
  fromText,
  keyExpression,
  pinTextFormats,
  schemaVersion,
  type BackupTable,
  type SchemaVersion,
} from "./backup-catalog.server";

export { restoreBackup, BackupRestoreError, type RestoreSummary } from "./backup-restore.server";
export { EPHEMERAL_TABLES, BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from "./backup-catalog.server";

/** The first line of a backup. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: SchemaVersion;
  createdAt: string;
  /** In load order (parents first), with the number of rows that follow for each. */
  tables: { name: string; rows: number }[];
}

/** Every further line: one row of one table; each value is PostgreSQL's text form of it, or null. */
export interface BackupRowLine {
  t: string;
  r: Record<string, string | null>;
}

export interface BackupOptions {
  /** Rows read per query (keyset batches by primary key). */
  batchSize?: number;
  /** Called once a table is written (the CLI prints a progress line). */
  onTable?: (name: string, rows: number) => void;
  /** The header's createdAt (tests). */
  now?: Date;
}

/**
 * Write a complete backup to `sink`. Reads in one REPEATABLE READ, read-only transaction so the
 * header's row counts and the rows agree even while the app keeps writing; with the session's
 * TimeZone and DateStyle pinned, the text of every value is the same on PGlite and PostgreSQL.
 */
export async function writeBackup(
  db: Db,
  sink: Writable,
  options: BackupOptions = {},
): Promise<BackupHeader> {
  const batchSize = options.batchSize ?? 1000;
  return db.transaction(
    async (tx) => {
      await pinTextFormats(tx);
      const tables = await backupTables(tx);
      const counts: { name: string; rows: number }[] = [];
      for (const table of tables) {
        const [row] = rows<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table.name)}`),
        );
        counts.push({ name: table.name, rows: Number(row?.n ?? 0) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion: await schemaVersion(tx),
        createdAt: (options.now ?? new Date()).toISOString(),
        tables: counts,
      };
      await write(sink, `${JSON.stringify(header)}\n`);
      for (const table of tables) {
        let written = 0;
        let after: (string | null)[] | null = null;
        for (;;) {
          const batch = rows<Record<string, string | null>>(
            await tx.execute(selectBatch(table, after, batchSize)),
          );
          if (batch.length === 0) break;
          let chunk = "";
          for (const row of batch)
            chunk += `${JSON.stringify({ t: table.name, r: row } satisfies BackupRowLine)}\n`;
          await write(sink, chunk);
          written += batch.length;
          const last = batch[batch.length - 1] as Record<string, string | null>;
          after = table.primaryKey.map((name) => last[name] ?? null);
          if (batch.length < batchSize) break;
        }
        options.onTable?.(table.name, written);
      }
      return header;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function selectBatch(table: BackupTable, after: (string | null)[] | null, limit: number): SQL {
  const columns = sql.join(
    table.columns.map((c) => sql`${sql.identifier(c.name)}::text as ${sql.identifier(c.name)}`),
    sql`, `,
  );
  const key = sql.join(
    table.primaryKey.map((name) => keyExpression(table, name)),
    sql`, `,
  );
  const where = after
    ? sql`where (${key}) > (${sql.join(
        table.primaryKey.map((name, i) =>
          keyExpression(table, name, fromText(after[i] ?? null, table, name)),
        ),
        sql`, `,
      )})`
    : sql``;
  return sql`select ${columns} from ${sql.identifier(table.name)} ${where} order by ${key} limit ${limit}`;
}

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, "drain");
}
