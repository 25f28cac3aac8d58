// The server's life: SIGTERM stops it cleanly (exit 0, database closed and its lock released), and
// a restart on the same embedded database finds the data again without seeding twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startServer } from "./server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-lifecycle-"));
const pgliteDir = path.join(dir, "pglite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function organisationCount(baseURL: string): Promise<number> {
  const html = await (await fetch(`${baseURL}/organisations`)).text();
  const match = /(\d+) organisations/.exec(html);
  return Number(match?.[1] ?? Number.NaN);
}

describe("server lifecycle", () => {
  test("SIGTERM: graceful exit; a restart reuses the embedded database", async () => {
    const first = await startServer({ env: { PGLITE_DIR: pgliteDir }, name: "first" });
    const seeded = await organisationCount(first.baseURL);
    expect(seeded).toBeGreaterThanOrEqual(40);
    expect(first.output()).toContain("demo data loaded");
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(true);

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("[trellis] stopped");
    expect(fs.existsSync(`${pgliteDir}.lock`), "the lock is released").toBe(false);

    const second = await startServer({ env: { PGLITE_DIR: pgliteDir }, name: "second" });
    try {
      expect(second.output()).not.toContain("demo data loaded");
      expect(await organisationCount(second.baseURL)).toBe(seeded);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
