import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { acquireDirectoryLock, DatabaseLockedError, lockFileFor } from "~/db/pglite-lock.server";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The PID of a process that has exited (and so cannot hold anything). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("the embedded database lock", () => {
  test("records the holder's PID and is released", () => {
    const dir = tempDir();
    const lock = acquireDirectoryLock(dir);
    expect(fs.readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lockFileFor(dir))).toBe(false);
  });

  test("a second holder is refused with a clear message while the first is alive", async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      fs.writeFileSync(lockFileFor(dir), `${holder.pid}\n`);
      expect(() => acquireDirectoryLock(dir)).toThrow(DatabaseLockedError);
      expect(() => acquireDirectoryLock(dir)).toThrow(/in use by another process \(PID \d+\).*Stop it first/);
      // The holder's lock is left alone.
      expect(fs.readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(holder.pid));
    } finally {
      holder.kill("SIGKILL");
    }
  });

  test("a lock left by a process that is gone is taken over", () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(lockFileFor(dir), `${deadPid()}\n`);
    const lock = acquireDirectoryLock(dir);
    expect(fs.readFileSync(lockFileFor(dir), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  test("an unreadable lock file is taken over", () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(lockFileFor(dir), "not a pid");
    const lock = acquireDirectoryLock(dir);
    lock.release();
    expect(fs.existsSync(lockFileFor(dir))).toBe(false);
  });
});
