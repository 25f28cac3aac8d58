// npm run restore -- --in FILE [--force]: load a backup (decision 0023) into the configured database
// (DATABASE_URL, or the embedded one), in one transaction. Refuses a database that holds data
// unless --force (which replaces everything in it). "--in -" reads stdin.
import fs from "node:fs";
import path from "node:path";
import { BackupRestoreError, restoreBackup } from "../models/backup.server";
import { CliError, cliFlag, withCliDatabase } from "./database";

const USAGE = "usage: npm run restore -- --in FILE [--force]   (FILE '-' for stdin)";

const args = process.argv.slice(2);
const input = cliFlag(args, "in");
const force = args.includes("--force");
if (!input) {
  console.error(`[trellis] ${USAGE}`);
  process.exitCode = 1;
} else if (input !== "-" && !fs.existsSync(input)) {
  console.error(`[trellis] No such file: ${path.resolve(input)}`);
  process.exitCode = 1;
} else {
  await withCliDatabase(async ({ db, description }) => {
    const source = input === "-" ? process.stdin : fs.createReadStream(input, { encoding: "utf8" });
    try {
      const summary = await restoreBackup(db, source, {
        force,
        onTable: (name, rows) => console.error(`[trellis] ${name}: ${rows} rows`),
      });
      const total = summary.tables.reduce((sum, t) => sum + t.rows, 0);
      console.error(
        `[trellis] backup of ${summary.createdAt} restored into ${description}: ${summary.tables.length} tables, ${total} rows${summary.replaced ? " (the previous data was replaced)" : ""}.`,
      );
    } catch (error) {
      if (error instanceof BackupRestoreError) throw new CliError(error.message);
      throw error;
    } finally {
      if (source !== process.stdin) source.destroy();
    }
  });
}
