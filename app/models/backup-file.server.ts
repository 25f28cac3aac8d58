// A backup written to a file (npm run backup -- --out FILE): written next to the target and renamed
// at the end, so a failed backup never leaves a file that looks complete. The file holds password
// and token hashes and confidential data: it is created readable by its owner only (0600), and an
// existing file is replaced only when asked (--force). See decision 0023.
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import type { Db } from "~/db/client.server";
import { writeBackup, type BackupHeader, type BackupOptions } from "./backup.server";

/** A target the backup cannot be written to: the message says why. */
export class BackupFileError extends Error {
  override name = "BackupFileError";
}

/** The target exists and replacing it was not asked for. */
export class BackupFileExistsError extends BackupFileError {
  override name = "BackupFileExistsError";
}

export interface BackupFileOptions extends Pick<BackupOptions, "onTable" | "batchSize"> {
  /** Replace an existing file (--force). */
  overwrite?: boolean;
}

export async function writeBackupFile(
  db: Db,
  file: string,
  options: BackupFileOptions = {},
): Promise<BackupHeader> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new BackupFileError(`No such directory: ${path.dirname(target)}`);
  }
  if (!options.overwrite && fs.existsSync(target)) {
    throw new BackupFileExistsError(
      `${target} already exists: choose another file, or use --force to replace it.`,
    );
  }
  const partial = `${target}.partial-${process.pid}`;
  const out = fs.createWriteStream(partial, { flags: "wx", mode: 0o600 });
  try {
    const header = await writeBackup(db, out, options);
    out.end();
    await finished(out);
    // The mode is set at creation (umask can only remove bits); chmod in case it removed ours.
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, target);
    return header;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
