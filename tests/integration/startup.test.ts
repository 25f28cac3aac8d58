// Start-up failures an operator can fix end in one clear line and a non-zero exit.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { acquireDirectoryLock } from "~/db/pglite-lock.server";

function runServer(env: Record<string, string>) {
  return run("server/main.ts", env);
}

function run(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, DATABASE_URL: "", PORT: "0", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe("server start-up", () => {
  test("an unreachable DATABASE_URL: one line, exit 1", async () => {
    const result = await runServer({ DATABASE_URL: "postgres://trellis:pw@127.0.0.1:1/trellis" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[trellis\] Cannot reach PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/trellis: /),
    ]);
  });

  test("a malformed DATABASE_URL: one line, exit 1", async () => {
    const result = await runServer({ DATABASE_URL: "localhost:5432/trellis" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^\[trellis\] DATABASE_URL must start with postgres:\/\//);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a second process on the same embedded database exits with a clear message", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trellis-start-")), "pglite");
    // This test process plays the running server.
    const lock = acquireDirectoryLock(dir);
    try {
      const result = await runServer({ PGLITE_DIR: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by another process (PID ${process.pid})`);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      lock.release();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  test("a command that opens the embedded database says to stop the server first", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trellis-cli-")), "pglite");
    const lock = acquireDirectoryLock(dir);
    try {
      const result = await run("app/cli/seed-demo.ts", { PGLITE_DIR: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by another process (PID ${process.pid})`);
      expect(result.stderr).toContain("stop the server first");
    } finally {
      lock.release();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
