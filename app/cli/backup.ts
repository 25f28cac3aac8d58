// npm run backup -- --out FILE [--force]: write a complete backup (JSON lines, decision 0023) of the
// configured database (DATABASE_URL, or the embedded one), as it is: the database is NOT migrated
// first (a backup changes nothing; its header names the schema version the database is at). The
// file is created readable by its owner only; an existing FILE is replaced only with --force.
// "--out -" writes to stdout: use `npm run -s` then, or npm's own banner lands in the file. A
// progress line per table goes to stderr.
import { writeBackup } from "../models/backup.server";
import { BackupFileError, writeBackupFile } from "../models/backup-file.server";
import { appliedMigrationCount } from "../db/migrate.server";
import { CliError, cliFlag, withCliDatabase } from "./database";

const USAGE = "usage: npm run backup -- --out FILE [--force]   (FILE '-' for stdout)";

const args = process.argv.slice(2);
const out = cliFlag(args, "out");
const overwrite = args.includes("--force") || args.includes("--overwrite");
if (!out) {
  console.error(`[trellis] ${USAGE}`);
  process.exitCode = 1;
} else {
  await withCliDatabase(
    async ({ db, description }) => {
      if ((await appliedMigrationCount(db)) === 0) {
        throw new CliError(
          `${description} holds no Trellis database (no migrations applied): nothing to back up.`,
        );
      }
      const progress = (name: string, rows: number) => console.error(`[trellis] ${name}: ${rows} rows`);
      if (out === "-") {
        await writeBackup(db, process.stdout, { onTable: progress });
        return;
      }
      try {
        const header = await writeBackupFile(db, out, { overwrite, onTable: progress });
        const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
        console.error(
          `[trellis] backup of ${description} written to ${out}: ${header.tables.length} tables, ${total} rows (schema ${header.schemaVersion.tag ?? header.schemaVersion.hash}, ${header.schemaVersion.migrations} migrations).`,
        );
      } catch (error) {
        if (error instanceof BackupFileError) throw new CliError(error.message);
        throw error;
      }
    },
    { migrate: false },
  );
}
