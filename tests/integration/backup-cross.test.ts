// Backups move between engines (the laptop's PGlite to a PostgreSQL server and back) and the npm
// scripts work as commands. Needs a PostgreSQL server for the first part: DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432 if it answers; skipped with the reason otherwise.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../app/db/seed/demo.server";
import {
  addTrickyRows,
  backupText,
  freshPglite,
  freshPostgres,
  headerOf,
  normalised,
  reachablePostgres,
  restoreText,
} from "../helpers/backup";

const postgresUrl = await reachablePostgres();
const crossTitle = postgresUrl
  ? "PGlite -> PostgreSQL -> PGlite"
  : "PGlite -> PostgreSQL -> PGlite (skipped: no PostgreSQL answers at DATABASE_URL or 127.0.0.1:5432)";

describe.skipIf(!postgresUrl)(crossTitle, () => {
  it("every hop gives back the same backup", { timeout: 120_000 }, async () => {
    if (!postgresUrl) return;
    const laptop = await freshPglite();
    await seedDemo(laptop.db, { today: "2026-11-26" });
    await addTrickyRows(laptop.db);
    const fromPglite = await backupText(laptop.db);
    expect(headerOf(fromPglite).tables.every((t) => t.rows > 0)).toBe(true);

    const server = await freshPostgres(postgresUrl);
    expect(server.kind).toBe("postgres");
    await restoreText(server.db, fromPglite);
    const fromPostgres = await backupText(server.db);
    expect(normalised(fromPostgres)).toBe(normalised(fromPglite));

    const back = await freshPglite();
    expect(back.kind).toBe("pglite");
    await restoreText(back.db, fromPostgres);
    expect(normalised(await backupText(back.db))).toBe(normalised(fromPglite));
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

describe("npm run backup / restore (child processes, PGlite data directories)", () => {
  it(
    "backs up a data directory and restores it into another; refuses a second restore without --force",
    {
      timeout: 180_000,
    },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-backup-cli-"));
      try {
        const laptop = { PGLITE_DIR: path.join(dir, "laptop") };
        const other = { PGLITE_DIR: path.join(dir, "other") };
        const file = path.join(dir, "backup.jsonl");
        expect((await npm(["db:seed-demo"], laptop)).code).toBe(0);

        const backup = await npm(["backup", "--", "--out", file], laptop);
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stderr).toMatch(/^\[trellis\] organisations: \d+ rows$/m);
        expect(backup.stderr).toMatch(/written to .*backup\.jsonl: \d+ tables/);
        const written = fs.readFileSync(file, "utf8");
        expect(headerOf(written).format).toBe("trellis-backup");

        const restore = await npm(["restore", "--", "--in", file], other);
        expect(restore.code, restore.stderr).toBe(0);
        expect(restore.stderr).toMatch(/^\[trellis\] pilot_outcomes: \d+ rows$/m);

        const refused = await npm(["restore", "--", "--in", file], other);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/already holds data .*Use --force/);

        const forced = await npm(["restore", "--", "--in", file, "--force"], other);
        expect(forced.code, forced.stderr).toBe(0);
        expect(forced.stderr).toMatch(/the previous data was replaced/);

        // "--out -" writes the backup itself to stdout (progress stays on stderr).
        const again = await npm(["backup", "--", "--out", "-"], other);
        expect(again.code, again.stderr).toBe(0);
        expect(normalised(again.stdout)).toBe(normalised(written));

        const missing = await npm(["restore", "--", "--in", path.join(dir, "nope.jsonl")], other);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toMatch(/No such file/);
        const usage = await npm(["backup"], other);
        expect(usage.code).toBe(1);
        expect(usage.stderr).toMatch(/usage: npm run backup -- --out FILE/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
