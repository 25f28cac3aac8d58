// npm run bench:network -- [--sizes 200,1000] [--runs 3] [--pglite] [--app-dir /tmp/bench-app]
//
// The network map benchmark of issue 5 (not a test): for each size N, a fresh database with N
// synthetic organisations; the loader's time and SQL query count in process (cold and warm);
// the payload of GET /network.data; in headless Chromium, the time until the map is ready, the
// p95 frame during a scripted pan/zoom and the JS heap, for the Trellis page and for plain React
// Flow with the same N (3N random edges). Medians of --runs runs, printed and written to
// bench/results/network-latest.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { BenchArgsError, parseBenchArgs, USAGE, type BenchArgs } from "./lib/args";
import { launchChromium, measurePage, type BrowserRun } from "./lib/browser-measure";
import {
  benchTarget,
  describeTarget,
  openCountingDatabase,
  prepareBenchDatabase,
  serverDatabaseEnv,
} from "./lib/database";
import { loadNetworkModules, measureLoader, type LoaderRun } from "./lib/loader";
import { writeFormatted } from "./lib/load-report";
import { buildPlainFlow, serveStatic, type StaticServer } from "./lib/plain-flow";
import { markdownReport, summarise, type ReportMeta, type SizeResult, type SizeSummary } from "./lib/report";
import {
  buildTrellis,
  fetchPayload,
  startTrellis,
  syncAppCopy,
  waitForIdle,
  type Payload,
} from "./lib/server";
import { SESSION_COOKIE } from "../app/auth/session.server";

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

function fmt(v: number | null, digits = 0): string {
  return v === null ? "–" : v.toFixed(digits);
}

function describeRun(label: string, run: BrowserRun): string {
  if (run.error) return `${label}: ERROR ${run.error}`;
  return `${label}: ready ${fmt(run.readyMs)} ms (first byte ${fmt(run.responseStartMs)}, DOMContentLoaded ${fmt(run.domContentLoadedMs)}), p95 frame ${fmt(run.p95FrameMs, 1)} ms (${run.frames} frames, max ${fmt(run.maxFrameMs)} ms, pan/zoom ${run.interactionMs} ms), heap ${fmt(run.heapBytes === null ? null : run.heapBytes / 1048576, 1)} MB, ${run.flowNodes} nodes / ${run.flowEdges} edges / ${run.domElements} elements${run.viewportMoved ? "" : ", VIEWPORT DID NOT MOVE"}`;
}

function gitCommit(): string | null {
  const result = spawnSync("git", ["rev-parse", "HEAD"], { cwd: checkout, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

interface BrowserSetup {
  browser: Browser;
  plain: StaticServer;
  plainDir: string;
  /** The Trellis page exists in the app dir. */
  trellisPage: boolean;
}

async function setUpBrowser(args: BenchArgs, appDir: string): Promise<BrowserSetup> {
  if (!args.skipBuild || !fs.existsSync(path.join(appDir, "build/server/index.js"))) {
    if (appDir !== checkout) {
      log(`copying the checkout to ${appDir}...`);
      syncAppCopy(checkout, appDir);
    }
    log(`building Trellis in ${appDir} (react-router build)...`);
    buildTrellis(appDir);
  }
  log("building the plain React Flow page (vite)...");
  const plainDir = await buildPlainFlow();
  const plain = await serveStatic(plainDir);
  const browser = await launchChromium();
  const trellisPage = fs.existsSync(path.join(appDir, "app/routes/network.tsx"));
  if (!trellisPage) log("app/routes/network.tsx is not there yet: measuring the baseline only");
  return { browser, plain, plainDir, trellisPage };
}

async function benchSize(
  size: number,
  args: BenchArgs,
  appDir: string,
  modules: Awaited<ReturnType<typeof loadNetworkModules>>,
  setup: BrowserSetup | null,
): Promise<SizeResult> {
  const target = benchTarget(size, args);
  const prepared = await prepareBenchDatabase(target, { reuse: args.reuse, log });
  log(
    `${describeTarget(target)}: ${prepared.organisations} organisations (${prepared.reused ? "reused" : `seeded in ${prepared.seedSeconds.toFixed(1)} s`})`,
  );
  const result: SizeResult = {
    size,
    organisations: prepared.organisations,
    seedSeconds: prepared.seedSeconds,
    reused: prepared.reused,
    loader: null,
    payload: [],
    trellis: null,
    plain: null,
    notes: [],
  };

  // 1. The loader in process (before the server starts: PGlite has one owner at a time).
  if (modules) {
    const database = await openCountingDatabase(target);
    try {
      const runs: LoaderRun[] = [];
      for (let i = 0; i < args.runs; i++) {
        const run = await measureLoader(modules, database, prepared.user);
        runs.push(run);
        log(
          `loader run ${i + 1}: cold ${run.coldMs.toFixed(1)} ms (view ${run.viewColdMs.toFixed(1)}, analytics ${fmt(run.analyticsColdMs, 1)}) ${run.coldQueries} queries; warm ${run.warmMs.toFixed(1)} ms ${run.warmQueries} queries; ${run.nodes} nodes, ${run.edges} edges${run.clustered ? " (clustered)" : ""}, betweenness ${run.betweenness}${run.backgroundMs === null ? "" : `, settled after ${run.backgroundMs.toFixed(0)} ms`}`,
        );
      }
      result.loader = runs;
    } catch (error) {
      result.notes.push(`loader failed: ${error instanceof Error ? error.message : String(error)}`);
      log(`loader failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await database.close();
    }
  } else {
    result.notes.push("network model not there yet: loader not measured");
  }

  if (!setup) return result;

  // 2. The production server: payload, then the page in Chromium, alternating with the baseline.
  const server = await startTrellis(appDir, serverDatabaseEnv(target));
  try {
    const cookie = `${SESSION_COOKIE}=${prepared.sessionToken}`;
    const payloads: Payload[] = [];
    for (let i = 0; i < args.runs; i++) {
      const payload = await fetchPayload(server.baseURL, "/network.data", cookie);
      payloads.push(payload);
      log(
        `payload run ${i + 1}: HTTP ${payload.status}, ${(payload.bytes / 1024).toFixed(1)} KB (gzip ${(payload.gzipBytes / 1024).toFixed(1)} KB) in ${payload.ms.toFixed(0)} ms`,
      );
    }
    result.payload = payloads;
    const idleMs = await waitForIdle(server.pid);
    if (idleMs > 1000) log(`waited ${(idleMs / 1000).toFixed(1)} s for the server to go idle`);
    const measureTrellis = setup.trellisPage && payloads.some((p) => p.status === 200);
    if (setup.trellisPage && !measureTrellis) result.notes.push("/network.data did not answer 200");
    result.trellis = measureTrellis ? [] : null;
    result.plain = [];
    const readyTimeoutMs = Math.max(60_000, size * 20);
    // One unmeasured load of each page first: the payload requests above warmed the loader, not the
    // server's first rendering of the document (its code still unoptimised: 200-300 ms more to the
    // first byte), nor the static server of the baseline. Users meet a server that has served pages.
    if (result.trellis) {
      const warm = await measurePage(setup.browser, {
        url: `${server.baseURL}/network`,
        cookies: [{ name: SESSION_COOKIE, value: prepared.sessionToken, url: server.baseURL }],
        readyTimeoutMs,
      });
      log(describeRun("Trellis warm-up (not counted)", warm));
      await waitForIdle(server.pid, 30_000);
    }
    log(
      describeRun(
        "plain warm-up (not counted)",
        await measurePage(setup.browser, { url: `${setup.plain.baseURL}/?n=${size}`, readyTimeoutMs }),
      ),
    );
    for (let i = 0; i < args.runs; i++) {
      if (result.trellis) {
        const run = await measurePage(setup.browser, {
          url: `${server.baseURL}/network`,
          cookies: [{ name: SESSION_COOKIE, value: prepared.sessionToken, url: server.baseURL }],
          readyTimeoutMs,
          traceFile: args.traceDir && path.resolve(args.traceDir, `trellis-${size}-run${i + 1}.json`),
        });
        result.trellis.push(run);
        log(describeRun(`Trellis run ${i + 1}`, run));
        await waitForIdle(server.pid, 30_000);
      }
      const plainRun = await measurePage(setup.browser, {
        url: `${setup.plain.baseURL}/?n=${size}`,
        readyTimeoutMs,
      });
      result.plain.push(plainRun);
      log(describeRun(`plain run ${i + 1}`, plainRun));
    }
  } finally {
    await server.stop();
  }
  return result;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof BenchArgsError) {
      console.error(`[bench] ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const appDir = path.resolve(checkout, args.appDir);
  const out = path.resolve(checkout, args.out);
  log(
    `sizes ${args.sizes.join(", ")}; ${args.runs} run(s); ${args.pglite ? "PGlite" : "PostgreSQL"}; app dir ${appDir}`,
  );
  const modules = await loadNetworkModules(checkout);
  log(
    modules
      ? `network model found (caches reset: ${modules.resetNames.join(", ") || "none"}; analytics ${modules.loadNetworkAnalytics ? "yes" : "no"})`
      : "app/models/network.server.ts has no loadNetworkView yet: loader not measured",
  );
  const setup = args.noBrowser ? null : await setUpBrowser(args, appDir);
  if (args.traceDir) fs.mkdirSync(args.traceDir, { recursive: true });
  const cpus = os.cpus();
  const meta: ReportMeta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    chromium: setup ? setup.browser.version() : null,
    database: args.pglite ? "PGlite" : "PostgreSQL",
    runs: args.runs,
    commit: gitCommit(),
    loadAverage: os.loadavg()[0],
  };
  const summaries: SizeSummary[] = [];
  const results: SizeResult[] = [];
  // Every run's raw figures next to the Markdown report.
  const rawOut = out.replace(/\.md$/, "") + ".json";
  try {
    for (const size of args.sizes) {
      log(`--- N = ${size} ---`);
      let result: SizeResult;
      try {
        result = await benchSize(size, args, appDir, modules, setup);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`N = ${size} failed: ${message}`);
        result = {
          size,
          organisations: 0,
          seedSeconds: 0,
          reused: false,
          loader: null,
          payload: [],
          trellis: null,
          plain: null,
          notes: [`failed: ${message.split("\n")[0]}`],
        };
      }
      results.push(result);
      summaries.push(summarise(result));
      await writeFormatted(rawOut, JSON.stringify({ meta, results }, null, 2));
      // Written after every size: a long run that dies keeps what it measured.
      await writeFormatted(out, markdownReport(meta, summaries));
    }
  } finally {
    if (setup) {
      await setup.browser.close();
      await setup.plain.close();
      fs.rmSync(setup.plainDir, { recursive: true, force: true });
    }
  }
  const report = await writeFormatted(out, markdownReport(meta, summaries));
  console.log(`\n${report}`);
  log(`written to ${path.relative(process.cwd(), out) || out}`);
}

try {
  await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
// Worker threads or pools the network modules started must not keep the benchmark alive.
process.exit();
