// The Trellis production server for the benchmark, built and run from an app directory: by
// default a copy of the checkout in /tmp/bench-app (so the benchmark's build never clashes with
// another `react-router build` in the checkout), or the checkout itself with --app-dir .
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** Copy the checkout into appDir (without node_modules, build, .git) and link node_modules back. */
export function syncAppCopy(checkout: string, appDir: string): void {
  if (path.resolve(checkout) === path.resolve(appDir)) return;
  fs.mkdirSync(appDir, { recursive: true });
  const result = spawnSync(
    "rsync",
    [
      "-a",
      "--delete",
      "--exclude",
      "node_modules",
      "--exclude",
      "build",
      "--exclude",
      ".git",
      "--exclude",
      "data",
      `${path.resolve(checkout)}/`,
      `${path.resolve(appDir)}/`,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`rsync failed: ${result.stderr}`);
  const link = path.join(appDir, "node_modules");
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(path.join(path.resolve(checkout), "node_modules"), link);
}

/** `react-router build` in appDir. */
export function buildTrellis(appDir: string): void {
  const result = spawnSync("npx", ["react-router", "build"], {
    cwd: appDir,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`react-router build failed in ${appDir}:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface TrellisServer {
  baseURL: string;
  pid: number | undefined;
  output(): string;
  stop(): Promise<void>;
}

const LISTENING = /\[trellis(?: \d+)?\] listening on (http:\/\/\S+)/;

/** Start the built app on a database (env from serverDatabaseEnv) on a free port. */
export async function startTrellis(
  appDir: string,
  databaseEnv: Record<string, string | undefined>,
  timeoutMs = 120_000,
  /** Extra Node.js flags (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs: readonly string[] = [],
): Promise<TrellisServer> {
  if (!fs.existsSync(path.join(appDir, "build/server/index.js"))) {
    throw new Error(`${appDir}/build/server/index.js is missing: build first`);
  }
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    AUTO_BUILD: "0",
    SEED_DEMO: "0",
    AUTH_RATE_LIMIT: "1000000",
  };
  for (const [key, value] of Object.entries(databaseEnv)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
    cwd: appDir,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  let exitStatus: number | string | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitStatus = code ?? signal;
      process.off("exit", killOnExit);
      resolve();
    });
  });
  const stop = async () => {
    if (exitStatus !== undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const baseURL = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server did not start in time")), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const match = LISTENING.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ""));
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${String(exitStatus)}) before listening`));
      });
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) break;
      } catch {
        // not yet
      }
      if (Date.now() > deadline || exitStatus !== undefined) throw new Error("/healthz never answered");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { baseURL, pid: child.pid, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${output}`,
      {
        cause: error,
      },
    );
  }
}

export interface Payload {
  status: number;
  /** Bytes of the body as served without compression. */
  bytes: number;
  /** The same body gzipped (zlib, default level). */
  gzipBytes: number;
  /** Round trip of the request, ms. */
  ms: number;
}

/** GET a path (e.g. /network.data) with the session cookie; the body's raw and gzipped sizes. */
export async function fetchPayload(baseURL: string, pathname: string, cookie: string): Promise<Payload> {
  const started = performance.now();
  const response = await fetch(`${baseURL}${pathname}`, {
    headers: { cookie, "accept-encoding": "identity" },
    redirect: "manual",
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes: body.length,
    gzipBytes: gzipSync(body).length,
    ms: performance.now() - started,
  };
}

/** CPU seconds a process has used so far (all its threads), from /proc; null off Linux. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds the PostgreSQL server processes on this machine have used so far (every backend and
 * background process named "postgres"), from /proc; null off Linux. Only meaningful when the
 * database runs on this machine, and it counts every database's work, not only the benchmark's.
 */
export function postgresCpuSeconds(): number | null {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return null;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    if (!stat.includes("(postgres)")) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * Wait until a process is idle (under 10% of a core over half a second), e.g. the server after a
 * request that started a background computation (betweenness in a worker), so it does not take
 * CPU from the browser measurements. Gives up after `maxMs`; returns how long it waited.
 */
export async function waitForIdle(pid: number | undefined, maxMs = 120_000): Promise<number> {
  const started = Date.now();
  if (pid === undefined) return 0;
  let last = processCpuSeconds(pid);
  if (last === null) return 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = processCpuSeconds(pid);
    if (now === null) return Date.now() - started;
    const busy = (now - last) / 0.5;
    last = now;
    if (busy < 0.1 || Date.now() - started > maxMs) return Date.now() - started;
  }
}
