// npm run bench:route-cost -- [--requests 150] [--synthetic 2000] [--only TEXT] [--app-dir DIR] [--skip-build]
//   [--cpu-prof DIR]
//
// What one request of each route of the load test's mix costs (a measurement, not a test): the
// production build, one server process on PostgreSQL with the load test's data (demo data plus a
// synthetic network), a coordinator's requests one after another (no concurrency, so no queueing),
// and for each route the server's CPU time per request (all its threads, from /proc: the betweenness
// worker included), the CPU time of the PostgreSQL processes on this machine per request, and the
// wall time. Each route is first run a few times unmeasured (V8 compiles the hot paths). Besides
// the mix's routes: a new organisation followed by the map's data, which rebuilds what the map
// derives from the network (decision 0037). Where the load test tells how fast the whole mix
// goes, this tells which route to look at.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serverDatabaseEnv } from "./lib/database";
import { loadTarget, prepareLoadDatabase, type LoadDatabase } from "./lib/load-database";
import { MIX, requestOf, type RouteSpec } from "./lib/load-mix";
import { ArgsError, describeMachine, machineMeta, readArgs } from "./lib/load-report";
import {
  buildTrellis,
  postgresCpuSeconds,
  processCpuSeconds,
  startTrellis,
  syncAppCopy,
  type TrellisServer,
} from "./lib/server";

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = `usage: npm run bench:route-cost -- [--requests 150] [--warm 30] [--synthetic 2000] [--only TEXT]
  [--app-dir /tmp/trellis-load-app] [--skip-build] [--postgres URL] [--cpu-prof DIR]`;

function log(line: string): void {
  console.log(`[route-cost] ${line}`);
}

/** One measured step: a request of the mix, or several in a row counted as one. */
interface Step {
  name: string;
  specs: RouteSpec[];
}

function steps(): Step[] {
  const byName = (name: string) => {
    const spec = MIX.find((s) => s.name === name);
    if (!spec) throw new Error(`the mix has no route "${name}"`);
    return spec;
  };
  return [
    ...MIX.map((spec) => ({ name: spec.name, specs: [spec] })),
    {
      name: "POST /organisations/new, then GET /network.data",
      specs: [byName("POST /organisations/new"), byName("GET /network.data")],
    },
  ];
}

/** One request as a coordinator (every route of the mix is open to one); fails on another status. */
async function send(server: TrellisServer, db: LoadDatabase, spec: RouteSpec): Promise<void> {
  const request = requestOf({ ...spec, roles: ["coordinator"] }, db, server.baseURL, { n: 0 });
  const response = await fetch(`${server.baseURL}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual",
  });
  await response.arrayBuffer();
  if (response.status !== spec.expect) {
    throw new Error(`${spec.name}: HTTP ${response.status} (expected ${spec.expect})`);
  }
}

interface Cost {
  name: string;
  serverMs: number;
  postgresMs: number | null;
  wallMs: number;
}

async function measureStep(
  server: TrellisServer,
  db: LoadDatabase,
  step: Step,
  requests: number,
  warm: number,
): Promise<Cost> {
  const pid = server.pid;
  if (pid === undefined) throw new Error("the server's process id is unknown");
  for (let i = 0; i < warm; i++) for (const spec of step.specs) await send(server, db, spec);
  const cpu0 = processCpuSeconds(pid);
  const pg0 = postgresCpuSeconds();
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) for (const spec of step.specs) await send(server, db, spec);
  const wall = performance.now() - t0;
  const cpu1 = processCpuSeconds(pid);
  const pg1 = postgresCpuSeconds();
  if (cpu0 === null || cpu1 === null) throw new Error("no CPU counters (/proc) on this machine");
  return {
    name: step.name,
    serverMs: ((cpu1 - cpu0) * 1000) / requests,
    postgresMs: pg0 === null || pg1 === null ? null : ((pg1 - pg0) * 1000) / requests,
    wallMs: wall / requests,
  };
}

function table(costs: Cost[]): string[] {
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(1));
  return [
    "| route | server CPU ms / request | PostgreSQL CPU ms / request | wall ms / request |",
    "| --- | ---: | ---: | ---: |",
    ...costs.map((c) => `| ${c.name} | ${f(c.serverMs)} | ${f(c.postgresMs)} | ${f(c.wallMs)} |`),
  ];
}

async function main(): Promise<number> {
  const args = readArgs(
    process.argv.slice(2),
    ["requests", "warm", "synthetic", "only", "app-dir", "postgres", "cpu-prof"],
    ["skip-build", "help"],
    USAGE,
  );
  if (args.flag("help")) {
    console.log(USAGE);
    return 0;
  }
  const requests = args.int("requests", 150, 1, 100_000);
  const warm = args.int("warm", 30, 0, 10_000);
  const synthetic = args.int("synthetic", 2000, 0, 20_000);
  const only = args.value("only");
  const postgresUrl =
    args.value("postgres") ?? process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const appDir = path.resolve(args.value("app-dir") ?? "/tmp/trellis-load-app");
  const chosen = steps().filter((step) => only === undefined || step.name.includes(only));
  if (chosen.length === 0) throw new ArgsError(`no route matches "${only}"\n${USAGE}`);
  log(describeMachine(machineMeta(checkout)));
  if (!args.flag("skip-build")) {
    log(`building the app in ${appDir}...`);
    syncAppCopy(checkout, appDir);
    buildTrellis(appDir);
  }
  const target = loadTarget("cost", synthetic, { pgliteDir: null, postgresUrl });
  const db = await prepareLoadDatabase(target, synthetic, log);
  log(`${db.organisations} organisations; one server process, ${requests} requests per route after ${warm}`);
  // A CPU profile of the server (node --cpu-prof), written when it stops: with --only, one route's.
  const profDir = args.value("cpu-prof");
  const nodeArgs = profDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profDir)}`] : [];
  const server = await startTrellis(
    appDir,
    { ...serverDatabaseEnv(target), WEB_CONCURRENCY: "1" },
    120_000,
    nodeArgs,
  );
  try {
    const costs: Cost[] = [];
    for (const step of chosen) {
      const cost = await measureStep(server, db, step, requests, warm);
      log(
        `${step.name}: server ${cost.serverMs.toFixed(1)} ms, PostgreSQL ${cost.postgresMs?.toFixed(1)} ms`,
      );
      costs.push(cost);
    }
    console.log(`\n${table(costs).join("\n")}\n`);
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ArgsError ? error.message : error);
    process.exit(error instanceof ArgsError ? 2 : 1);
  },
);
