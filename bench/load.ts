// npm run load -- [--connections 50] [--duration 60] [--quick] [--only postgres|pglite]
//
// The load test of issue 9 (a measurement with targets, not a unit test): the production build,
// served on loopback, under autocannon with a mix of page reads and form writes by signed-in users
// of every role, on PostgreSQL and then on the embedded PGlite, each time on a fresh database with
// the demo data plus a synthetic network of 2,000 organisations. Prints throughput and latency per
// route and overall, errors and unexpected statuses, and writes bench/results/load-latest.md.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { describeTarget, serverDatabaseEnv, type BenchTarget } from "./lib/database";
import { loadTarget, prepareLoadDatabase, type LoadDatabase } from "./lib/load-database";
import { cookieOf, MIX, requestOf, type RouteSpec } from "./lib/load-mix";
import { ArgsError, describeMachine, machineMeta, readArgs, writeFormatted } from "./lib/load-report";
import { buildTrellis, startTrellis, syncAppCopy, type TrellisServer } from "./lib/server";
import { percentile } from "./lib/stats";

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `usage: npm run load -- [--connections 50] [--duration 60] [--quick] [--only postgres|pglite]
  [--synthetic 2000] [--timeout 30] [--reads-only] [--app-dir /tmp/trellis-load-app] [--skip-build] [--postgres URL]
  [--out bench/results/load-latest.md] [--cpu-prof DIR] [--web-concurrency 1] [--warmup 10]`;

/** Issue 9's targets. */
const P99_TARGET_MS = 500;

function log(line: string): void {
  console.log(`[load] ${line}`);
}

interface RouteTally {
  name: string;
  expect: number;
  /** Requests sent. */
  sent: number;
  /** Latency of every reply, ms. */
  latencies: number[];
  statuses: Map<number, number>;
  unexpected: number;
  /** Requests cut off by the timeout (autocannon reports some of them as a reply without status). */
  timedOut: number;
  /** Bytes of every reply as sent (gzip where the server compresses). */
  bytes: number;
}

// --- one run ----------------------------------------------------------------------------------

interface RunResult {
  backend: string;
  organisations: number;
  seedSeconds: number;
  connections: number;
  /** Server processes (WEB_CONCURRENCY; PostgreSQL only). */
  processes: number;
  /** Seconds after which a request counts as an error (timeout). */
  timeout: number;
  seconds: number;
  routes: RouteTally[];
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  total: number;
  notes: string[];
  /** The warm-up before the measured run (not counted in the figures), or null without one. */
  warmup: {
    seconds: number;
    requests: number;
    perSecond: number;
    p99: number | null;
    errors: number;
    unexpected: number;
  } | null;
}

/** One pass over the mix with fetch: every route answers what it should before the load starts. */
async function checkRoutes(
  server: TrellisServer,
  db: LoadDatabase,
  mix: readonly RouteSpec[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const spec of mix) {
    for (const role of spec.roles) {
      const headers: Record<string, string> = { cookie: cookieOf(db, role) };
      let body: string | undefined;
      if (spec.method === "POST") {
        headers["content-type"] = "application/x-www-form-urlencoded";
        headers.origin = server.baseURL;
        body = new URLSearchParams(spec.form!(db)).toString();
      }
      const response = await fetch(`${server.baseURL}${spec.path(db)}`, {
        method: spec.method,
        headers,
        body,
        redirect: "manual",
      });
      await response.arrayBuffer();
      if (response.status !== spec.expect) {
        problems.push(`${spec.name} as ${role}: HTTP ${response.status} (expected ${spec.expect})`);
      }
    }
  }
  return problems;
}

async function runLoad(
  server: TrellisServer,
  db: LoadDatabase,
  options: { connections: number; seconds: number; timeout: number; mix: readonly RouteSpec[] },
): Promise<Pick<RunResult, "routes" | "errors" | "timeouts" | "total" | "seconds">> {
  const mix = options.mix;
  const tallies = mix.map((spec): RouteTally => ({
    name: spec.name,
    expect: spec.expect,
    sent: 0,
    latencies: [],
    statuses: new Map(),
    unexpected: 0,
    timedOut: 0,
    bytes: 0,
  }));
  // The routes of one round, interleaved (every route once, then the routes of weight 2, ...):
  // every connection takes the next route of this shared sequence, so the mix holds overall
  // however few requests each connection gets through.
  const sequence: number[] = [];
  const passes = Math.max(...mix.map((spec) => spec.weight));
  for (let pass = 0; pass < passes; pass++) {
    mix.forEach((spec, index) => spec.weight > pass && sequence.push(index));
  }
  const counters = mix.map(() => ({ n: 0 }));
  let next = 0;
  // One dynamic request: setupRequest picks the route and notes it in the client's context (a fresh
  // context per request: a one-request list wraps every time); the reply's onResponse gets that
  // context and runs right before the instance's "response" event of the same reply, in one tick.
  let last: RouteTally | null = null;
  const requests: autocannon.Request[] = [
    {
      setupRequest: (request, context) => {
        const index = sequence[next++ % sequence.length]!;
        (context as { route?: number }).route = index;
        tallies[index]!.sent++;
        return { ...request, ...requestOf(mix[index]!, db, server.baseURL, counters[index]!) };
      },
      onResponse: (_status, _body, context) => {
        const index = (context as { route?: number }).route;
        last = index === undefined ? null : tallies[index]!;
      },
    },
  ];
  const url = new URL(server.baseURL);
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: url.origin,
      connections: options.connections,
      duration: options.seconds,
      requests,
      timeout: options.timeout,
    },
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : finish(result)),
  );
  let total = 0;
  instance.on("response", (_client, statusCode, bytes, responseTime) => {
    total++;
    const tally: RouteTally | null = last;
    last = null;
    if (!tally) return;
    if (!statusCode) {
      tally.timedOut++;
      return;
    }
    tally.latencies.push(responseTime);
    tally.bytes += bytes;
    tally.statuses.set(statusCode, (tally.statuses.get(statusCode) ?? 0) + 1);
    if (statusCode !== tally.expect) tally.unexpected++;
  });
  const result = await done;
  const tracked = tallies.reduce((sum, t) => sum + t.latencies.length + t.timedOut, 0);
  if (tracked !== total) throw new Error(`${total - tracked} replies could not be matched to their route`);
  return {
    routes: tallies,
    errors: result.errors,
    timeouts: result.timeouts,
    total,
    seconds: (performance.now() - started) / 1000,
  };
}

// --- figures and the report -------------------------------------------------------------------

interface Figures {
  name: string;
  requests: number;
  /** Sent without a reply: cut off by the timeout, or still in flight when the run ended. */
  noReply: number;
  perSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  unexpected: number;
  statuses: string;
  /** Mean reply size, KB as sent. */
  kilobytes: number | null;
}

function figuresOf(name: string, tallies: readonly RouteTally[], seconds: number): Figures {
  const latencies = tallies.flatMap((t) => t.latencies);
  const statuses = new Map<number, number>();
  for (const t of tallies) for (const [s, n] of t.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  return {
    name,
    requests: latencies.length,
    noReply: tallies.reduce((sum, t) => sum + t.sent - t.latencies.length, 0),
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies.reduce((a, b) => (b > a ? b : a)) : null,
    unexpected: tallies.reduce((sum, t) => sum + t.unexpected, 0),
    kilobytes: latencies.length
      ? tallies.reduce((sum, t) => sum + t.bytes, 0) / 1024 / latencies.length
      : null,
    statuses: [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", "),
  };
}

const ms = (v: number | null) => (v === null ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(1));

function table(result: RunResult): string[] {
  const overall = figuresOf("**all**", result.routes, result.seconds);
  const rows = [...result.routes.map((t) => figuresOf(t.name, [t], result.seconds)), overall];
  const lines = [
    "| route | replies | req/s | p50 ms | p95 ms | p99 ms | max ms | KB/reply | statuses | unexpected | no reply |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
  ];
  for (const f of rows) {
    lines.push(
      `| ${f.name} | ${f.requests} | ${f.perSecond.toFixed(1)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.kilobytes === null ? "–" : f.kilobytes.toFixed(1)} | ${f.statuses} | ${f.unexpected} | ${f.noReply} |`,
    );
  }
  return lines;
}

function describeWarmup(w: NonNullable<RunResult["warmup"]>): string {
  return `${w.requests} requests in ${w.seconds.toFixed(1)} s (${w.perSecond.toFixed(1)} req/s), p99 ${ms(w.p99)} ms, errors ${w.errors}, unexpected statuses ${w.unexpected}`;
}

function verdict(result: RunResult): { met: boolean; text: string } {
  const overall = figuresOf("all", result.routes, result.seconds);
  const errors = result.errors + overall.unexpected + result.notes.length;
  const p99 = overall.p99;
  const met = errors === 0 && p99 !== null && p99 < P99_TARGET_MS && overall.requests > 0;
  return {
    met,
    text: `${overall.requests} requests in ${result.seconds.toFixed(1)} s (${overall.perSecond.toFixed(1)} req/s); errors ${result.errors} (timeouts ${result.timeouts}), unexpected statuses ${overall.unexpected} (target 0) ${result.errors + overall.unexpected === 0 ? "✅" : "❌"}; p99 ${ms(p99)} ms (target < ${P99_TARGET_MS}) ${p99 !== null && p99 < P99_TARGET_MS ? "✅" : "❌"}`,
  };
}

function markdown(meta: ReturnType<typeof machineMeta>, results: readonly RunResult[]): string {
  const lines = ["### Load test (`npm run load`)", "", describeMachine(meta), ""];
  for (const r of results) {
    lines.push(
      `#### ${r.backend}${r.processes > 1 ? ` (${r.processes} server processes)` : ""}: ${r.connections} connections for ${r.seconds.toFixed(0)} s, ${r.organisations.toLocaleString("en")} organisations, timeout ${r.timeout} s${r.routes.some((t) => t.name.startsWith("POST")) ? "" : ", reads only"}`,
    );
    lines.push("");
    lines.push(...table(r));
    lines.push("");
    lines.push(`${verdict(r).text}.`);
    if (r.warmup)
      lines.push("", `Before it, a warm-up of the same load (not counted): ${describeWarmup(r.warmup)}.`);
    if (r.notes.length) lines.push("", ...r.notes.map((n) => `- ${n}`));
    lines.push("");
  }
  lines.push(
    "autocannon on loopback against the production build (`react-router build`, `server/main.ts`, NODE_ENV=production), on a fresh database with the demo data plus a synthetic network (`app/db/seed/synthetic.server.ts`). One user of each role (coordinator, organiser, municipal official, viewer) with a session made in the database; every role reads, coordinators create organisations and coordinators and organisers create follow-up actions, through the real form POSTs (same-origin check included). One round of the mix: dashboard ×2, organisations ×2, an organisation ×1, partnerships ×2, a partnership ×2, `/network.data` ×1, actions ×2, a new organisation ×1, a new action ×2. KB/reply: mean size of a reply as sent (gzip, as the browser asks for it). Latency: from the request sent until the whole reply is read, every reply counted (not only 2xx). Reads must answer 200 and writes 302 (the redirect after a save); anything else counts as unexpected; a connection error or a reply slower than the timeout counts as an error. “No reply”: requests sent and not answered, cut off by the timeout or still in flight when the run ended (at most one per connection). Before the load, one request of each route by each of its roles checks the answers (a failure is listed under the table). Targets (issue 9): 0 errors and p99 under 500 ms.",
  );
  lines.push("");
  return lines.join("\n");
}

// --- main -------------------------------------------------------------------------------------

async function measure(
  target: BenchTarget,
  appDir: string,
  options: {
    connections: number;
    seconds: number;
    synthetic: number;
    timeout: number;
    mix: readonly RouteSpec[];
    /** Write the server's CPU profile there (node --cpu-prof), to see where a request's time goes. */
    cpuProfDir: string | undefined;
    /** WEB_CONCURRENCY of the PostgreSQL run (PGlite: always 1). */
    webConcurrency: number;
    /** Seconds of the same load before the measured run, not counted (0: none). */
    warmupSeconds: number;
  },
): Promise<RunResult> {
  log(`preparing ${describeTarget(target)}...`);
  const db = await prepareLoadDatabase(target, options.synthetic, log);
  log(`${db.organisations} organisations, seeded in ${db.seedSeconds.toFixed(1)} s; starting the server...`);
  const profArgs = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const processes = target.kind === "postgres" ? options.webConcurrency : 1;
  const server = await startTrellis(
    appDir,
    { ...serverDatabaseEnv(target), WEB_CONCURRENCY: String(processes) },
    120_000,
    profArgs,
  );
  try {
    const notes = await checkRoutes(server, db, options.mix);
    for (const note of notes) log(`CHECK FAILED: ${note}`);
    let warmup: RunResult["warmup"] = null;
    if (options.warmupSeconds > 0) {
      // A server just started runs its code unoptimised at first (V8 compiles the hot paths as they
      // get hot): a few seconds of the same load first, reported apart, then the measured run.
      log(`warm-up: ${options.connections} connections for ${options.warmupSeconds} s (not counted)...`);
      const warm = await runLoad(server, db, { ...options, seconds: options.warmupSeconds });
      const all = figuresOf("warm-up", warm.routes, warm.seconds);
      warmup = {
        seconds: warm.seconds,
        requests: all.requests,
        perSecond: all.perSecond,
        p99: all.p99,
        errors: warm.errors,
        unexpected: all.unexpected,
      };
      log(`warm-up: ${describeWarmup(warmup)}`);
    }
    log(`${options.connections} connections for ${options.seconds} s on ${server.baseURL}...`);
    const run = await runLoad(server, db, options);
    const result: RunResult = {
      backend: target.kind === "postgres" ? "PostgreSQL" : "PGlite",
      organisations: db.organisations,
      seedSeconds: db.seedSeconds,
      connections: options.connections,
      processes,
      timeout: options.timeout,
      notes,
      warmup,
      ...run,
    };
    console.log(`\n${result.backend}\n${table(result).join("\n")}\n${verdict(result).text}\n`);
    return result;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  const args = readArgs(
    process.argv.slice(2),
    [
      "connections",
      "duration",
      "timeout",
      "only",
      "synthetic",
      "app-dir",
      "postgres",
      "out",
      "cpu-prof",
      "web-concurrency",
      "warmup",
    ],
    ["quick", "skip-build", "reads-only", "help"],
    USAGE,
  );
  if (args.flag("help")) {
    console.log(USAGE);
    return 0;
  }
  const quick = args.flag("quick");
  const connections = args.int("connections", quick ? 10 : 50, 1, 1000);
  const seconds = args.int("duration", quick ? 5 : 60, 1, 600);
  const synthetic = args.int("synthetic", quick ? 200 : 2000, 0, 20_000);
  const timeout = args.int("timeout", 30, 1, 600);
  // Reads only: to tell what the writes cost the reads (every write moves the data version).
  const mix = args.flag("reads-only") ? MIX.filter((spec) => spec.method === "GET") : MIX;
  const only = args.value("only");
  if (only !== undefined && only !== "postgres" && only !== "pglite") {
    throw new ArgsError(`--only takes postgres or pglite, not "${only}"`);
  }
  const postgresUrl =
    args.value("postgres") ?? process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const appDir = path.resolve(args.value("app-dir") ?? "/tmp/trellis-load-app");
  const out = args.value("out") ?? (quick || args.flag("reads-only") ? null : "bench/results/load-latest.md");
  const meta = machineMeta(checkout);
  log(`load average ${meta.loadAverage.toFixed(2)} at start`);

  if (!args.flag("skip-build")) {
    const started = performance.now();
    log(`building the app in ${appDir}...`);
    syncAppCopy(checkout, appDir);
    buildTrellis(appDir);
    log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const targets: BenchTarget[] = [];
  if (only !== "pglite") targets.push(loadTarget("run", synthetic, { pgliteDir: null, postgresUrl }));
  if (only !== "postgres") {
    const dir = path.join(os.tmpdir(), "trellis-load-pglite");
    targets.push(loadTarget("run", synthetic, { pgliteDir: dir, postgresUrl }));
  }
  const results: RunResult[] = [];
  for (const target of targets)
    results.push(
      await measure(target, appDir, {
        connections,
        seconds,
        synthetic,
        timeout,
        mix,
        cpuProfDir: args.value("cpu-prof") && path.resolve(args.value("cpu-prof")!),
        webConcurrency: args.int("web-concurrency", 1, 1, 64),
        warmupSeconds: args.int("warmup", quick ? 1 : 10, 0, 600),
      }),
    );

  if (out) {
    await writeFormatted(path.resolve(checkout, out), markdown(meta, results));
    log(`written to ${out}`);
  }
  // Errors and unexpected statuses fail the run; a missed latency target is reported, not failed
  // (it depends on what else the machine is doing).
  return results.every((r) => r.errors + r.notes.length + figuresOf("all", r.routes, 1).unexpected === 0)
    ? 0
    : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ArgsError ? error.message : error);
    process.exit(error instanceof ArgsError ? 2 : 1);
  },
);
