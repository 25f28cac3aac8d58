// npm run bench:network-ab -- --apps DIR[,DIR...] [--size 1000] [--runs 15] [--no-plain]
//
// Side by side: the network map's ready time for several builds of the app (each DIR holds a
// `react-router build`, e.g. a `git worktree` of another commit with node_modules linked), loaded in
// turn in one headless Chromium, fresh context per load, and plain React Flow with the same N after
// each round (the builds take turns at being first in a round). Ready: navigation start until the
// map's ready marker is in the DOM (as bench:network). Prints the median ready time, first byte and
// DOMContentLoaded of each, and every run: on a machine where two runs of one build differ by a
// tenth, compare builds only within one run of this script.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import type { Browser } from "playwright-core";
import { SESSION_COOKIE } from "../app/auth/session.server";
import { launchChromium, readyProbeScript, VIEWPORT } from "./lib/browser-measure";
import { benchTarget, prepareBenchDatabase, serverDatabaseEnv } from "./lib/database";
import { buildPlainFlow, serveStatic, type StaticServer } from "./lib/plain-flow";
import { startTrellis, type TrellisServer } from "./lib/server";
import { median } from "./lib/stats";

const USAGE = "usage: npm run bench:network-ab -- --apps DIR[,DIR...] [--size 1000] [--runs 15] [--no-plain]";

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const apps = (flag("apps") ?? "").split(",").filter(Boolean);
const size = Number(flag("size") ?? 1000);
const runs = Number(flag("runs") ?? 15);
const withPlain = !process.argv.includes("--no-plain");
if (apps.length === 0 || !Number.isInteger(size) || size < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error(USAGE);
  process.exit(2);
}

const READ = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return [window.__bench.readyAt, nav ? nav.responseStart : null, nav ? nav.domContentLoadedEventEnd : null];
})()`;

const ms = (value: number | null) => (value === null ? "-" : value.toFixed(0));

type Visit = [ready: number, firstByte: number | null, domContentLoaded: number | null];

async function visit(
  browser: Browser,
  url: string,
  cookie: { value: string; url: string } | null,
): Promise<Visit> {
  const context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
  try {
    if (cookie) await context.addCookies([{ name: SESSION_COOKIE, ...cookie }]);
    const page = await context.newPage();
    await page.addInitScript({ content: readyProbeScript() });
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await page.waitForFunction("window.__bench && window.__bench.readyAt !== undefined", null, {
      timeout: 60_000,
      polling: 100,
    });
    return await page.evaluate<Visit>(READ);
  } finally {
    await context.close();
  }
}

const target = benchTarget(size, {
  pglite: false,
  postgresUrl: "postgres://postgres@127.0.0.1:5432/postgres",
});
const prepared = await prepareBenchDatabase(target, {
  reuse: true,
  log: (line) => console.log(`[ab] ${line}`),
});
const servers: TrellisServer[] = [];
let plain: StaticServer | null = null;
let plainDir: string | null = null;
let browser: Browser | null = null;
try {
  for (const app of apps) servers.push(await startTrellis(app, serverDatabaseEnv(target)));
  if (withPlain) {
    plainDir = await buildPlainFlow();
    plain = await serveStatic(plainDir);
  }
  browser = await launchChromium();
  const results = new Map<string, Visit[]>();
  const load = async (label: string, url: string, cookieUrl: string | null) => {
    const started = performance.now();
    const result = await visit(
      browser as Browser,
      url,
      cookieUrl ? { value: prepared.sessionToken, url: cookieUrl } : null,
    );
    results.set(label, [...(results.get(label) ?? []), result]);
    return performance.now() - started;
  };
  // One load of each build first: server caches warm, as in bench:network.
  for (const server of servers)
    await visit(browser, `${server.baseURL}/network`, { value: prepared.sessionToken, url: server.baseURL });
  for (let run = 0; run < runs; run++) {
    // Each round starts with the next build: the first load after plain React Flow's differs from
    // the others (measured: about 25 ms quicker), and every build takes that place as often.
    for (let k = 0; k < servers.length; k++) {
      const i = (run + k) % servers.length;
      const server = servers[i] as TrellisServer;
      await load(apps[i] ?? server.baseURL, `${server.baseURL}/network`, server.baseURL);
    }
    if (plain) await load("plain React Flow", `${plain.baseURL}/?n=${size}`, null);
  }
  const plainReady = median((results.get("plain React Flow") ?? []).map((r) => r[0]));
  console.log(`N=${size}, ${runs} loads each, medians:`);
  for (const [label, visits] of results) {
    const ready = median(visits.map((r) => r[0]));
    const ratio = ready !== null && plainReady ? ` ratio ${(ready / plainReady).toFixed(2)}x` : "";
    console.log(
      `${label}: ready ${ms(ready)} ms (first byte ${ms(median(visits.map((r) => r[1])))}, DOMContentLoaded ${ms(median(visits.map((r) => r[2])))})${ratio}; runs ${visits.map((r) => r[0].toFixed(0)).join(" ")}`,
    );
  }
} finally {
  await browser?.close();
  for (const server of servers) await server.stop();
  await plain?.close();
  if (plainDir) fs.rmSync(plainDir, { recursive: true, force: true });
}
