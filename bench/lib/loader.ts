// In-process loader figures: time loadNetworkView + loadNetworkAnalytics on a database whose
// statements are counted, with every network cache reset first (cold) and again right after (warm).
// The network modules are imported at run time, so the benchmark runs (baseline only) before they
// exist, and whatever `reset...Cache` functions they export are called.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { AuthUser } from "../../app/auth/session.server";
import type { Db } from "../../app/db/client.server";
import type { NetworkAnalytics, NetworkFilters, NetworkView } from "../../app/lib/network/types";
import type { CountingDatabase } from "./database";

interface NetworkModelModule {
  loadNetworkView(db: Db, user: AuthUser, filters: NetworkFilters, today?: string): Promise<NetworkView>;
}
interface NetworkAnalyticsModule {
  loadNetworkAnalytics(db: Db): Promise<NetworkAnalytics>;
}

export interface NetworkModules {
  loadNetworkView: NetworkModelModule["loadNetworkView"];
  /** Null when no module exports it yet. */
  loadNetworkAnalytics: NetworkAnalyticsModule["loadNetworkAnalytics"] | null;
  emptyFilters: () => NetworkFilters;
  /** Every reset...Cache() the network modules export. */
  resetCaches: (() => void | Promise<void>)[];
  resetNames: string[];
  /** Every when...Settled() the network modules export (background work such as betweenness). */
  settle: (() => Promise<void>)[];
}

type ModuleRecord = Record<string, unknown>;

async function importIfPresent(file: string): Promise<ModuleRecord | null> {
  if (!fs.existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as ModuleRecord;
}

/** The network model modules of the checkout at `root`, or null while loadNetworkView is missing. */
export async function loadNetworkModules(root: string): Promise<NetworkModules | null> {
  const models = path.join(root, "app/models");
  const files = fs.existsSync(models)
    ? fs
        .readdirSync(models)
        .filter((f) => /^network.*\.server\.ts$/.test(f))
        .sort()
        .map((f) => path.join(models, f))
    : [];
  const modules: ModuleRecord[] = [];
  for (const file of files) {
    const mod = await importIfPresent(file);
    if (mod) modules.push(mod);
  }
  const find = <T>(name: string): T | null => {
    for (const mod of modules) if (typeof mod[name] === "function") return mod[name] as T;
    return null;
  };
  const loadNetworkView = find<NetworkModelModule["loadNetworkView"]>("loadNetworkView");
  if (!loadNetworkView) return null;
  const filtersModule = await importIfPresent(path.join(root, "app/lib/network/filters.ts"));
  const rawEmpty = filtersModule?.emptyFilters;
  const emptyFilters = (): NetworkFilters => {
    if (typeof rawEmpty === "function") return (rawEmpty as () => NetworkFilters)();
    if (rawEmpty && typeof rawEmpty === "object") return structuredClone(rawEmpty as NetworkFilters);
    throw new Error("app/lib/network/filters.ts exports no emptyFilters");
  };
  const resetCaches: (() => void | Promise<void>)[] = [];
  const resetNames: string[] = [];
  for (const mod of modules) {
    for (const [name, value] of Object.entries(mod)) {
      const fn = value as () => void | Promise<void>;
      // A module may re-export another's reset: call each function once.
      if (/^reset\w*Cache\w*$/.test(name) && typeof value === "function" && !resetCaches.includes(fn)) {
        resetCaches.push(fn);
        resetNames.push(name);
      }
    }
  }
  const settle: (() => Promise<void>)[] = [];
  for (const mod of modules) {
    for (const [name, value] of Object.entries(mod)) {
      const fn = value as () => Promise<void>;
      if (/^when\w*Settled$/.test(name) && typeof value === "function" && !settle.includes(fn))
        settle.push(fn);
    }
  }
  return {
    settle,
    loadNetworkView,
    loadNetworkAnalytics: find<NetworkAnalyticsModule["loadNetworkAnalytics"]>("loadNetworkAnalytics"),
    emptyFilters,
    resetCaches,
    resetNames,
  };
}

export interface LoaderRun {
  coldMs: number;
  warmMs: number;
  /** loadNetworkView alone, cold. */
  viewColdMs: number;
  /** loadNetworkAnalytics alone, cold (null when missing). */
  analyticsColdMs: number | null;
  coldQueries: number;
  warmQueries: number;
  nodes: number;
  edges: number;
  clustered: boolean;
  organisationCount: number;
  betweenness: string;
  /**
   * From the cold call until the background work it started (betweenness in a worker) settled,
   * ms; null when the modules export no when...Settled().
   */
  backgroundMs: number | null;
}

async function once(
  modules: NetworkModules,
  database: CountingDatabase,
  user: AuthUser,
): Promise<{
  ms: number;
  viewMs: number;
  analyticsMs: number | null;
  queries: number;
  view: NetworkView;
  analytics: NetworkAnalytics | null;
}> {
  database.resetQueries();
  const started = performance.now();
  const view = await modules.loadNetworkView(database.db, user, modules.emptyFilters());
  const viewMs = performance.now() - started;
  let analytics: NetworkAnalytics | null = null;
  let analyticsMs: number | null = null;
  if (modules.loadNetworkAnalytics) {
    const analyticsStarted = performance.now();
    analytics = await modules.loadNetworkAnalytics(database.db);
    analyticsMs = performance.now() - analyticsStarted;
  }
  return {
    ms: performance.now() - started,
    viewMs,
    analyticsMs,
    queries: database.queries(),
    view,
    analytics,
  };
}

/** One cold run (every cache reset) followed by one warm run. */
export async function measureLoader(
  modules: NetworkModules,
  database: CountingDatabase,
  user: AuthUser,
): Promise<LoaderRun> {
  for (const reset of modules.resetCaches) await reset();
  const started = performance.now();
  const cold = await once(modules, database, user);
  const warm = await once(modules, database, user);
  // Wait for the background work, so it neither overlaps the next run nor the browser figures.
  let backgroundMs: number | null = null;
  if (modules.settle.length) {
    for (const settle of modules.settle) await settle();
    backgroundMs = performance.now() - started;
  }
  const b = cold.analytics?.betweenness;
  return {
    coldMs: cold.ms,
    warmMs: warm.ms,
    viewColdMs: cold.viewMs,
    analyticsColdMs: cold.analyticsMs,
    coldQueries: cold.queries,
    warmQueries: warm.queries,
    nodes: cold.view.nodes.length,
    edges: cold.view.edges.length,
    clustered: cold.view.clustered,
    organisationCount: cold.view.organisationCount,
    betweenness: b ? `${b.status}/${b.method}` : modules.loadNetworkAnalytics ? "null" : "n/a",
    backgroundMs,
  };
}
