// npm run backup -- --out FILE: write a complete backup (JSON lines, decision 0023) of the configured
// database (DATABASE_URL, or the embedded one). "--out -" writes to stdout: use `npm run -s` then,
// or npm's own banner lands in the file. A progress line per table goes to stderr.
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { writeBackup } from "../models/backup.server";
import { CliError, cliFlag, withCliDatabase } from "./database";

const USAGE = "usage: npm run backup -- --out FILE   (FILE '-' for stdout)";

const out = cliFlag(process.argv.slice(2), "out");
if (!out) {
  console.error(`[trellis] ${USAGE}`);
  process.exitCode = 1;
} else {
  await withCliDatabase(async ({ db, description }) => {
    const progress = (name: string, rows: number) => console.error(`[trellis] ${name}: ${rows} rows`);
    if (out === "-") {
      await writeBackup(db, process.stdout, { onTable: progress });
      return;
    }
    const target = path.resolve(out);
    if (!fs.existsSync(path.dirname(target)))
      throw new CliError(`No such directory: ${path.dirname(target)}`);
    // Written next to the target and renamed at the end: a failed backup never leaves a file
    // that looks complete.
    const partial = `${target}.partial-${process.pid}`;
    const file = fs.createWriteStream(partial, { flags: "wx" });
    try {
      const header = await writeBackup(db, file, { onTable: progress });
      file.end();
      await finished(file);
      fs.renameSync(partial, target);
      const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
      console.error(
        `[trellis] backup of ${description} written to ${target}: ${header.tables.length} tables, ${total} rows (schema ${header.schemaVersion.tag ?? header.schemaVersion.hash}).`,
      );
    } catch (error) {
      file.destroy();
      fs.rmSync(partial, { force: true });
      throw error;
    }
  });
}
