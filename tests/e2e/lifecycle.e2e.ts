// The server's life on a fresh embedded database: it seeds the demo data and opens on /setup (no
// account yet); SIGTERM stops it cleanly (exit 0, database closed, lock released); a restart on
// the same directory finds the data again and does not seed twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startServer } from "./server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-lifecycle-"));
const pgliteDir = path.join(dir, "pglite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("server lifecycle", () => {
  test("fresh start opens on /setup; SIGTERM exits cleanly; a restart reuses the database", async () => {
    const first = await startServer({ env: { PGLITE_DIR: pgliteDir }, name: "first" });
    expect(first.output()).toMatch(/demo data loaded: \d+ organisations/);
    const home = await fetch(`${first.baseURL}/`, { redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/login?redirectTo=%2F");
    const login = await fetch(`${first.baseURL}/login`, { redirect: "manual" });
    expect(login.headers.get("location")).toBe("/setup");
    // The first account, made through the setup form (same-origin POST).
    const setup = await fetch(`${first.baseURL}/setup`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: first.baseURL },
      body: new URLSearchParams({
        name: "First Coordinator",
        email: "first@example.org",
        password: "a long enough passphrase",
      }),
    });
    expect(setup.status).toBe(302);
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(true);

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("[trellis] stopped");
    expect(fs.existsSync(`${pgliteDir}.lock`), "the lock is released").toBe(false);

    const second = await startServer({ env: { PGLITE_DIR: pgliteDir }, name: "second" });
    try {
      expect(second.output()).not.toContain("demo data loaded");
      // The account made before the restart is still there: setup is closed.
      expect((await fetch(`${second.baseURL}/setup`)).status).toBe(404);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
