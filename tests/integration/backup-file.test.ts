// The backup file and the backup command: the file is private (0600), an existing file is never
// replaced silently, and `npm run backup` reads the database as it is, without migrating it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/db/client.server";
import { appliedMigrationCount, migrateDatabase } from "../../app/db/migrate.server";
import { BackupFileExistsError, writeBackupFile } from "../../app/models/backup-file.server";
import { createOrganisation } from "../factories";
import { headerOf } from "../helpers/backup";
import { testDb } from "../helpers/db";

const { db } = await testDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-backup-file-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeBackupFile", () => {
  it("creates the file readable by its owner only (mode 0600)", async () => {
    await createOrganisation(db, { name: "Private" });
    const file = path.join(dir, "private.jsonl");
    const header = await writeBackupFile(db, file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(headerOf(fs.readFileSync(file, "utf8")).tables).toEqual(header.tables);
  });

  it("refuses to replace an existing file unless told to, and leaves it as it was", async () => {
    const file = path.join(dir, "existing.jsonl");
    fs.writeFileSync(file, "keep me\n", { mode: 0o644 });
    await expect(writeBackupFile(db, file)).rejects.toThrow(BackupFileExistsError);
    await expect(writeBackupFile(db, file)).rejects.toThrow(/already exists.*--force/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me\n");
    expect(fs.readdirSync(dir).filter((name) => name.includes(".partial-"))).toEqual([]);
    await writeBackupFile(db, file, { overwrite: true });
    expect(headerOf(fs.readFileSync(file, "utf8")).format).toBe("trellis-backup");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

function npm(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("npm", ["run", "--silent", ...args], {
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run backup (child process, a PGlite data directory)", () => {
  it(
    "does not migrate: a database one migration behind is backed up at its own schema version",
    { timeout: 120_000 },
    async () => {
      const env = { PGLITE_DIR: path.join(dir, "behind") };
      const file = path.join(dir, "behind.jsonl");
      // A database whose latest migration is not applied (as after an upgrade of the code).
      let database = await openDatabase({ pgliteDir: env.PGLITE_DIR });
      await migrateDatabase(database);
      await createOrganisation(database.db, { name: "Behind" });
      await database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
      );
      const behind = await appliedMigrationCount(database.db);
      await database.close();

      const backup = await npm(["backup", "--", "--out", file], env);
      expect(backup.code, backup.stderr).toBe(0);
      expect(headerOf(fs.readFileSync(file, "utf8")).schemaVersion.migrations).toBe(behind);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const again = await npm(["backup", "--", "--out", file], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists.*--force/);
      const forced = await npm(["backup", "--", "--out", file, "--force"], env);
      expect(forced.code, forced.stderr).toBe(0);

      database = await openDatabase({ pgliteDir: env.PGLITE_DIR });
      try {
        expect(await appliedMigrationCount(database.db)).toBe(behind);
      } finally {
        await database.close();
      }
    },
  );
});
