// Start the BUILT app (server/main.ts in production mode) as a child process, for end-to-end tests.
// Reusable: later suites start servers with other settings (e.g. two instances on one PostgreSQL).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface StartServerOptions {
  /**
   * Extra environment for the server. A key set to `undefined` is removed from the inherited
   * environment. DATABASE_URL is NOT inherited: pass it here to run on PostgreSQL. Without it, the
   * server gets a fresh embedded database in a temporary directory (removed by stop()), unless
   * PGLITE_DIR is given. PORT defaults to 0 (a random free port), HOST to 127.0.0.1.
   */
  env?: Record<string, string | undefined>;
  /** How long to wait for "listening on" and a healthy /healthz. Default 60 s. */
  timeoutMs?: number;
  /** A name in log lines, to tell several servers apart. */
  name?: string;
  /** Echo the server's output as it comes (default: only when E2E_SERVER_LOG=1). */
  echo?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseURL: string;
  /** The embedded database directory, when the server runs on PGlite. */
  pgliteDir: string | undefined;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /**
   * SIGTERM, wait for a graceful exit (SIGKILL after 15 s), then remove the temporary directory.
   * Resolves to the exit code (0 after a graceful stop), or the signal's name.
   */
  stop(): Promise<number | string | null>;
}

const LISTENING = /\[trellis\] listening on (http:\/\/\S+)/;

/** `react-router build`, in the project root; throws with the build output when it fails. */
export function buildApp(): void {
  const result = spawnSync("npx", ["react-router", "build"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(
      `react-router build failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    );
  }
}

export async function startServer({
  env = {},
  timeoutMs = 60_000,
  name = "server",
  echo = process.env.E2E_SERVER_LOG === "1",
}: StartServerOptions = {}): Promise<RunningServer> {
  const serverBuild = path.join(projectRoot, "build/server/index.js");
  if (!fs.existsSync(serverBuild)) {
    throw new Error("build/server/index.js is missing: run buildApp() (npx react-router build) first");
  }
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.DATABASE_URL;
  let tempDir: string | undefined;
  const usesPostgres = typeof env.DATABASE_URL === "string" && env.DATABASE_URL !== "";
  if (!usesPostgres && env.PGLITE_DIR === undefined) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-"));
    childEnv.PGLITE_DIR = path.join(tempDir, "pglite");
  }
  // AUTO_BUILD=0: serve the build the global setup made; never rebuild it under running servers.
  Object.assign(childEnv, { NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", AUTO_BUILD: "0" });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const pgliteDir = usesPostgres ? undefined : childEnv.PGLITE_DIR;

  // `node --import tsx` rather than `npx tsx`: one process, so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: projectRoot,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Should the test process die without stopping the server, do not leave it running.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  const exited = new Promise<number | string | null>((resolve) => {
    child.once("exit", (code, signal) => {
      process.off("exit", killOnExit);
      resolve(code ?? signal);
    });
  });
  let exitStatus: number | string | null | undefined;
  void exited.then((status) => (exitStatus = status));

  const removeTemp = () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
    tempDir = undefined;
  };
  const stop = async () => {
    await terminate(child, exited);
    removeTemp();
    return exited;
  };

  try {
    const baseURL = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not print "listening on" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        output += text;
        if (echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `));
        const match = LISTENING.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ""));
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then((status) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${status}) before listening`));
      });
    });
    await waitForHealthy(baseURL, timeoutMs, () => exitStatus);
    return { baseURL, pgliteDir, output: () => output, stop };
  } catch (error) {
    await stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- ${name} output ---\n${output}`, { cause: error });
  }
}

async function waitForHealthy(
  baseURL: string,
  timeoutMs: number,
  exitStatus: () => number | string | null | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exitStatus() !== undefined)
      throw new Error(`the server exited (${exitStatus()}) before /healthz answered`);
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${baseURL}/healthz was not healthy within ${timeoutMs} ms (last: ${last})`);
}

async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
