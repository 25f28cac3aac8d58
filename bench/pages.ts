// npm run bench:pages -- [--quick] [--runs 30] [--synthetic 2000] [--pglite] [--postgres URL]
//
// Page speed of issue 9 (a measurement with targets, not a unit test): for each main page, its
// loader(s) called in process as the server calls them (the coordinator signed in, the i18n
// middleware run) against the raw SQL those loaders need (the statements captured with a drizzle
// logger, replayed straight through the driver with the same waves of parallel queries), medians
// of --runs calls of each, interleaved; the session lookup measured the same way on its own; and
// the number of SQL statements at two data sizes: the demo data, and the demo data plus --synthetic
// organisations. Targets: loader at most 1.5x its raw SQL; query count independent of the size.
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { requestInfoContext, userContext } from "../app/auth/context";
import { SESSION_COOKIE, validateSessionToken } from "../app/auth/session.server";
import { dbContext } from "../app/db/context";
import { describeTarget } from "./lib/database";
import {
  loadTarget,
  openTarget,
  prepareLoadDatabase,
  type LoadDatabase,
  type LoadFixtures,
} from "./lib/load-database";
import { ArgsError, describeMachine, machineMeta, readArgs, writeFormatted } from "./lib/load-report";
import { sqlCapture, type SqlCapture } from "./lib/pages-sql";
import { median } from "./lib/stats";

// Route modules import their stylesheets as URLs (`x.css?url`, a Vite feature): an empty module here.
register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(specifier, context, next) {
      if (/\\.css(\\?.*)?$/.test(specifier)) return { url: "data:text/javascript,export default ''", shortCircuit: true };
      return next(specifier, context);
    }`,
  )}`,
);

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = `usage: npm run bench:pages -- [--quick] [--runs 30] [--warmup 5] [--synthetic 2000] [--pglite] [--postgres URL]
  [--out bench/results/pages-latest.md]`;
const RATIO_TARGET = 1.5;

function log(line: string): void {
  console.log(`[pages] ${line}`);
}

interface PageSpec {
  name: string;
  path: (f: LoadFixtures) => string;
  /** Route modules whose loaders run for the page (a layout and its index run together). */
  modules: string[];
  params: (f: LoadFixtures) => Record<string, string>;
}

const PAGES: readonly PageSpec[] = [
  { name: "dashboard `/`", path: () => "/", modules: ["home.tsx"], params: () => ({}) },
  {
    name: "organisations `/organisations`",
    path: () => "/organisations",
    modules: ["organisations._index.tsx"],
    params: () => ({}),
  },
  {
    name: "an organisation",
    path: (f) => `/organisations/${f.organisationId}`,
    modules: ["organisations.$id.tsx"],
    params: (f) => ({ id: f.organisationId }),
  },
  {
    name: "partnerships `/partnerships`",
    path: () => "/partnerships",
    modules: ["partnerships._index.tsx"],
    params: () => ({}),
  },
  {
    name: "a partnership",
    path: (f) => `/partnerships/${f.partnershipId}`,
    modules: ["partnerships.$id.tsx", "partnerships.$id._index.tsx"],
    params: (f) => ({ id: f.partnershipId }),
  },
  {
    name: "municipalities `/municipalities`",
    path: () => "/municipalities",
    modules: ["municipalities._index.tsx"],
    params: () => ({}),
  },
  {
    name: "a pilot",
    path: (f) => `/pilots/${f.pilotId}`,
    modules: ["pilots.$id.tsx", "pilots.$id._index.tsx"],
    params: (f) => ({ id: f.pilotId }),
  },
  { name: "events `/events`", path: () => "/events", modules: ["events._index.tsx"], params: () => ({}) },
  {
    name: "an event",
    path: (f) => `/events/${f.eventId}`,
    modules: ["events.$id.tsx", "events.$id._index.tsx"],
    params: (f) => ({ id: f.eventId }),
  },
  { name: "actions `/actions`", path: () => "/actions", modules: ["actions.tsx"], params: () => ({}) },
  { name: "network `/network`", path: () => "/network", modules: ["network.tsx"], params: () => ({}) },
];

type LoaderFn = (args: unknown) => Promise<unknown>;

async function loadersOf(spec: PageSpec): Promise<LoaderFn[]> {
  const loaders: LoaderFn[] = [];
  for (const file of spec.modules) {
    const mod = (await import(path.join(checkout, "app/routes", file))) as { loader?: LoaderFn };
    if (typeof mod.loader !== "function") throw new Error(`app/routes/${file} has no loader`);
    loaders.push(mod.loader);
  }
  return loaders;
}

export interface Timing {
  loaderMs: number | null;
  rawMs: number | null;
  queries: number;
  waves: number;
  error: string | null;
}

function statusOf(thrown: unknown): string {
  if (thrown instanceof Response) return `answered HTTP ${thrown.status}`;
  if (thrown && typeof thrown === "object" && "init" in thrown) {
    return `answered ${JSON.stringify((thrown as { init: unknown }).init)}`;
  }
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Time `call` and its raw SQL: warm-up, one captured call, then `runs` of each, interleaved. */
async function timeAgainstSql(
  capture: SqlCapture,
  call: () => Promise<unknown>,
  options: { runs: number; warmup: number },
): Promise<Timing> {
  try {
    for (let i = 0; i < options.warmup; i++) await call();
    const { waves } = await capture.capture(call);
    const loaderMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      // Alternate which goes first, so neither always runs on a just-warmed connection.
      const measureLoader = async () => {
        const started = performance.now();
        await call();
        loaderMs.push(performance.now() - started);
      };
      const measureRaw = async () => void rawMs.push(await capture.replay(waves));
      if (i % 2 === 0) {
        await measureLoader();
        await measureRaw();
      } else {
        await measureRaw();
        await measureLoader();
      }
    }
    return {
      loaderMs: median(loaderMs),
      rawMs: median(rawMs),
      queries: waves.reduce((n, w) => n + w.length, 0),
      waves: waves.length,
      error: null,
    };
  } catch (error) {
    return {
      loaderMs: null,
      rawMs: null,
      queries: 0,
      waves: 0,
      error: statusOf(error),
    };
  }
}

interface SizeRun {
  label: string;
  organisations: number;
  session: Timing;
  pages: Timing[];
}

async function measureSize(
  prepared: LoadDatabase,
  label: string,
  options: { runs: number; warmup: number },
): Promise<SizeRun> {
  const { i18nextMiddleware } = await import("../app/middleware/i18next");
  const database = await openTarget(prepared.target);
  try {
    const capture = await sqlCapture(database);
    const coordinator = prepared.users.find((u) => u.role === "coordinator");
    if (!coordinator) throw new Error("no coordinator");
    const cookie = `${SESSION_COOKIE}=${coordinator.token}`;
    log(`${label}: session lookup...`);
    const session = await timeAgainstSql(
      capture,
      async () => {
        if (!(await validateSessionToken(capture.db, coordinator.token)))
          throw new Error("session not valid");
      },
      options,
    );
    const pages: Timing[] = [];
    for (const spec of PAGES) {
      const loaders = await loadersOf(spec);
      const url = new URL(`http://localhost${spec.path(prepared.fixtures)}`);
      const request = new Request(url, { headers: { cookie, "accept-language": "en" } });
      // The context of one request, as the server's middleware leaves it for the loaders.
      const context = new RouterContextProvider();
      context.set(dbContext, capture.db);
      context.set(requestInfoContext, { clientIp: "127.0.0.1", nonce: "bench" });
      context.set(userContext, coordinator.user);
      const args = { request, context, params: spec.params(prepared.fixtures), url, pattern: url.pathname };
      await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], () =>
        Promise.resolve(new Response(null)),
      );
      const timing = await timeAgainstSql(capture, () => Promise.all(loaders.map((l) => l(args))), options);
      log(
        `${label}: ${spec.name}: loader ${fmt(timing.loaderMs)} ms, raw SQL ${fmt(timing.rawMs)} ms, ${timing.queries} queries in ${timing.waves} waves${timing.error ? `, ERROR ${timing.error}` : ""}`,
      );
      pages.push(timing);
    }
    return { label, organisations: prepared.organisations, session, pages };
  } finally {
    await database.close();
  }
}

const fmt = (v: number | null) => (v === null ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratioOf = (t: Timing) => (t.loaderMs !== null && t.rawMs ? t.loaderMs / t.rawMs : null);
const ratioText = (t: Timing) => {
  const r = ratioOf(t);
  return r === null ? "–" : `${r.toFixed(2)}x ${r <= RATIO_TARGET ? "✅" : "❌"}`;
};

function markdown(
  meta: ReturnType<typeof machineMeta>,
  backend: string,
  runs: number,
  warmup: number,
  sizes: SizeRun[],
): string {
  const [small, large] = sizes as [SizeRun, SizeRun];
  const lines = [
    "### Page loaders against their SQL (`npm run bench:pages`)",
    "",
    `${describeMachine(meta)} · ${backend} · median of ${runs} calls`,
    "",
    `| page | loader ms ${small.label} / ${large.label} | raw SQL ms ${small.label} / ${large.label} | loader / SQL ${small.label} | loader / SQL ${large.label} (≤ ${RATIO_TARGET}) | queries ${small.label} / ${large.label} |`,
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const rows: [string, Timing, Timing][] = [
    ["session lookup (every request, apart)", small.session, large.session],
    ...PAGES.map((p, i): [string, Timing, Timing] => [p.name, small.pages[i]!, large.pages[i]!]),
  ];
  for (const [name, a, b] of rows) {
    const same = a.queries === b.queries;
    lines.push(
      `| ${name} | ${fmt(a.loaderMs)} / ${fmt(b.loaderMs)} | ${fmt(a.rawMs)} / ${fmt(b.rawMs)} | ${ratioText(a)} | ${ratioText(b)} | ${a.queries} / ${b.queries} ${same ? "✅" : "❌"} |`,
    );
  }
  const errors = rows.flatMap(([name, a, b]) =>
    [a, b].filter((t) => t.error).map((t) => `- ${name}: ${t.error}`),
  );
  if (errors.length) lines.push("", ...errors);
  const all = rows.flatMap(([, a, b]) => [a, b]);
  const ratiosMet = all.every((t) => (ratioOf(t) ?? Infinity) <= RATIO_TARGET);
  const countsMet = rows.every(([, a, b]) => a.queries === b.queries && !a.error && !b.error);
  lines.push(
    "",
    `Loader at most ${RATIO_TARGET}x its raw SQL everywhere: ${ratiosMet ? "yes ✅" : "no ❌"}. Query count independent of the data size: ${countsMet ? "yes ✅" : "no ❌"}.`,
    "",
    `${small.label}: the demo data (${small.organisations} organisations); ${large.label}: the demo data plus a synthetic network (${large.organisations.toLocaleString("en")} organisations). Loader: the page's loaders (a layout's and its index's together, as the router runs them) called in process with a coordinator signed in, the request context as the middleware leaves it (database, user, i18n). Raw SQL: the statements one call ran, captured with a drizzle logger and replayed through the driver (postgres.js \`unsafe(...).values()\`, PGlite \`query\` in array mode) in the same waves of parallel queries, without drizzle's mapping or any route code. Loader and raw SQL are timed alternately in the same run, after a warm-up of ${warmup} calls. Session lookup: \`validateSessionToken\`, which the auth middleware runs on every request before any loader.`,
    "",
  );
  return lines.join("\n");
}

async function main(): Promise<number> {
  const args = readArgs(
    process.argv.slice(2),
    ["runs", "warmup", "synthetic", "postgres", "out"],
    ["pglite", "quick", "help"],
    USAGE,
  );
  if (args.flag("help")) {
    console.log(USAGE);
    return 0;
  }
  const quick = args.flag("quick");
  const runs = args.int("runs", quick ? 5 : 30, 1, 1000);
  const warmup = args.int("warmup", quick ? 2 : 20, 0, 1000);
  const synthetic = args.int("synthetic", quick ? 200 : 2000, 1, 20_000);
  const pglite = args.flag("pglite");
  const postgresUrl =
    args.value("postgres") ?? process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const out = args.value("out") ?? (quick ? null : "bench/results/pages-latest.md");
  const meta = machineMeta(checkout);
  log(`load average ${meta.loadAverage.toFixed(2)} at start`);

  const sizes: SizeRun[] = [];
  for (const [suffix, count, label] of [
    ["pages_demo", 0, "demo"],
    [`pages_${synthetic}`, synthetic, `+${synthetic.toLocaleString("en")}`],
  ] as const) {
    const target = loadTarget(suffix, count, {
      pgliteDir: pglite ? path.join(os.tmpdir(), "trellis-load-pages-pglite", suffix) : null,
      postgresUrl,
    });
    log(`preparing ${describeTarget(target)}...`);
    const prepared = await prepareLoadDatabase(target, count, log);
    sizes.push(await measureSize(prepared, label, { runs, warmup }));
  }
  const report = markdown(meta, pglite ? "PGlite" : "PostgreSQL", runs, warmup, sizes);
  console.log(`\n${report}`);
  if (out) {
    await writeFormatted(path.resolve(checkout, out), report);
    log(`written to ${out}`);
  }
  // A loader that fails or a query count that grows with the data fails the run; the time ratio
  // is reported, not failed (it depends on what else the machine is doing).
  const [small, large] = sizes as [SizeRun, SizeRun];
  const timings = (run: SizeRun) => [run.session, ...run.pages];
  const broken = timings(small).some(
    (t, i) => t.error || timings(large)[i]!.error || t.queries !== timings(large)[i]!.queries,
  );
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ArgsError ? error.message : error);
    process.exit(error instanceof ArgsError ? 2 : 1);
  },
);
