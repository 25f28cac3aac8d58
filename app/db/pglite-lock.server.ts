import fs from "node:fs";
import path from "node:path";

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * We take a lock file beside the directory that records the holder's PID. A lock left by a
 * process that is gone (SIGKILL, power loss) is taken over.
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database at ${dir} is in use by another process (PID ${pid}), probably a running Trellis server. ` +
        `Stop it first, or set PGLITE_DIR to another directory.`,
    );
    this.name = "DatabaseLockedError";
  }
}

export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFileFor(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

export function acquireDirectoryLock(dir: string): DirectoryLock {
  const file = lockFileFor(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (readHolder(file) === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      if (holder !== null && holder !== process.pid && processIsAlive(holder)) {
        throw new DatabaseLockedError(path.resolve(dir), holder);
      }
      // Stale lock (holder gone, or unreadable): take it over.
      try {
        fs.unlinkSync(file);
      } catch {
        // someone else removed it first; retry
      }
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
