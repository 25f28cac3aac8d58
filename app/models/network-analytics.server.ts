// The network's analytics, cached in process per data version (no SQL of its own: the caller
// passes the snapshot it read).
//
// - Everything is keyed by the database client first (`client`, as the snapshot and layout
//   caches key by clientOf(db)): a call for another client forgets the state (and stops a running
//   computation), so one database's figures are never handed to another.
// - Structural figures (components, gaps, degrees) are computed synchronously, once per
//   snapshot.dataVersion (and snapshot.revision, and snapshot.today: which partnerships are
//   current depends on the date); only the latest version is kept. Any other version is
//   recomputed, older ones too (a restored database goes back in versions). The same version
//   gives the same object until the betweenness figures change.
// - Betweenness is never computed on the request path: the first call for a version starts a
//   worker thread (exact up to EXACT_BETWEENNESS_MAX_NODES organisations, else sampled from
//   min(N, 200) sources) and answers with the last ready result (possibly of an older version,
//   which it says) or status "computing". One computation at a time: a version asked for while
//   one runs is started after it (only the last one asked for). A version whose computation
//   failed is not retried; with no earlier result the status is "failed".
// - Between two computations the worker rests BETWEENNESS_REST_FACTOR times as long as the last
//   one took (at most BETWEENNESS_MAX_REST_MS): under a steady stream of writes every request
//   would otherwise start a new computation, and the background work would take a core from
//   the requests. A version asked for during the rest starts when it ends.
// - A snapshot made by adding organisations to the one the figures are of (extensionOf: new
//   organisations have no link yet) gets them extended, not worked out again: the structural
//   figures count the new organisations as isolated (extendStructuralAnalytics), and betweenness
//   is carried over (an isolated vertex lies on no shortest path and adds none between others:
//   every value stays, rescaled to the new normalisation; the new ones are 0). The graph the
//   worker needs is only built when a computation starts.
//
// The cache is per process and derived from the database; every app instance builds its own.
import { betweennessInWorker } from "~/models/betweenness-worker.server";
import { extensionOf, pairsOf } from "~/models/network-snapshot.server";
import {
  analyticsGraph,
  extendStructuralAnalytics,
  structuralAnalytics,
  TOP_COUNT,
  type GraphInput,
  type StructuralAnalytics,
} from "~/lib/network/metrics";
import {
  EXACT_BETWEENNESS_MAX_NODES,
  type NetworkAnalytics,
  type NetworkSnapshot,
} from "~/lib/network/types";

/** Sources drawn for the sampled estimate above EXACT_BETWEENNESS_MAX_NODES organisations. */
export const BETWEENNESS_SAMPLES = 200;
/** Fixed so that the same data gives the same estimate. */
const BETWEENNESS_SEED = 1;
/** Rest after a computation, as a multiple of its duration: at most a fifth of a core in the background. */
export const BETWEENNESS_REST_FACTOR = 4;
/** The longest rest (a slow computation at 10,000 organisations), so that figures never lag long. */
export const BETWEENNESS_MAX_REST_MS = 30_000;

/** What a cached figure was computed from: the data version (and revision), then the day. */
interface Stamp {
  dataVersion: number;
  revision?: number;
  today: string;
}

/** Orders stamps: by data version, then revision, then day (0: the same data). */
function compareStamps(a: Stamp, b: Stamp): number {
  return (
    a.dataVersion - b.dataVersion ||
    (a.revision ?? 0) - (b.revision ?? 0) ||
    (a.today < b.today ? -1 : a.today > b.today ? 1 : 0)
  );
}

const stampOf = (snapshot: NetworkSnapshot): Stamp => ({
  dataVersion: snapshot.dataVersion,
  revision: snapshot.revision ?? 0,
  today: snapshot.today,
});

interface ReadyBetweenness extends Stamp {
  method: "exact" | "sampled";
  samples: number | null;
  ids: string[];
  values: Float64Array;
  top: { id: string; label: string; value: number }[];
  map: Map<string, number> | null;
}

interface State {
  /** The database client the state belongs to (undefined: callers that pass none). */
  client: unknown;
  /** Bumped by resetAnalyticsCache so that a computation started before is ignored. */
  generation: number;
  /** Stops the running computation's worker. */
  abort: AbortController | null;
  /** The last snapshot asked for: its result is taken even when older than the one held. */
  latest: Stamp | null;
  /** graph: analyticsGraph of the snapshot, built when a computation needs it (null until then). */
  structural: (Stamp & { value: StructuralAnalytics; graph: GraphInput | null }) | null;
  result: { key: string; value: NetworkAnalytics } | null;
  ready: ReadyBetweenness | null;
  running: (Stamp & { promise: Promise<void> }) | null;
  /** The newest snapshot asked for while a computation ran or the worker rested. */
  pending: NetworkSnapshot | null;
  /** No computation starts before this time (performance.now()): the rest after the last one. */
  restUntil: number;
  /** The timer that starts the pending snapshot when the rest ends; `done` resolves then. */
  rest: { timer: ReturnType<typeof setTimeout>; done: Promise<void>; settle: () => void } | null;
  /** A version whose computation failed: not retried (a newer version will be). */
  failed: Stamp | null;
}

const state: State = {
  client: undefined,
  generation: 0,
  abort: null,
  latest: null,
  structural: null,
  result: null,
  ready: null,
  running: null,
  pending: null,
  restUntil: 0,
  rest: null,
  failed: null,
};

function betweennessPlan(organisations: number): { method: "exact" | "sampled"; samples: number | null } {
  return organisations <= EXACT_BETWEENNESS_MAX_NODES
    ? { method: "exact", samples: null }
    : { method: "sampled", samples: Math.min(organisations, BETWEENNESS_SAMPLES) };
}

/**
 * The structural analytics of the snapshot's version, computed once per version (extended from the
 * previous version's when the snapshot only adds organisations to it).
 */
function structuralFor(snapshot: NetworkSnapshot, client: unknown): StructuralAnalytics {
  useClient(client);
  const held = state.structural;
  if (held && compareStamps(held, snapshot) === 0) return held.value;
  const extension = extensionOf(snapshot);
  const extended =
    held && extension && compareStamps(held, extension.base) === 0
      ? extendStructuralAnalytics(held.value, snapshot, extension.added)
      : null;
  if (extended) {
    state.structural = { ...stampOf(snapshot), value: extended, graph: null };
    return extended;
  }
  const graph = analyticsGraph(snapshot, pairsOf(snapshot));
  const value = structuralAnalytics(snapshot, graph);
  state.structural = { ...stampOf(snapshot), value, graph };
  return value;
}

/** analyticsGraph of the snapshot, from the structural cache when it holds this version's. */
function graphOf(snapshot: NetworkSnapshot): GraphInput {
  const held = state.structural;
  if (!held || compareStamps(held, snapshot) !== 0) return analyticsGraph(snapshot, pairsOf(snapshot));
  held.graph ??= analyticsGraph(snapshot, pairsOf(snapshot));
  return held.graph;
}

/**
 * Betweenness of a snapshot that only adds organisations to the one of the ready figures: carried
 * over (see the top of this file). Values are normalised by (n - 1)(n - 2) over the n organisations
 * (the sampled estimate too, which also scales by n / k: the same sum of dependencies estimated from
 * the same sources), so each is rescaled to the new n. Returns whether it did.
 */
function carryBetweenness(snapshot: NetworkSnapshot): boolean {
  const ready = state.ready;
  const extension = extensionOf(snapshot);
  if (!ready || !extension || compareStamps(ready, extension.base) !== 0) return false;
  const n = ready.ids.length;
  const next = n + extension.added.length;
  if (next !== snapshot.organisations.length) return false;
  const before = n > 2 ? (n - 1) * (n - 2) : 1;
  const after = next > 2 ? (next - 1) * (next - 2) : 1;
  const scale = before / after;
  const values = new Float64Array(next);
  for (let i = 0; i < n; i++) values[i] = ready.values[i]! * scale;
  state.ready = {
    ...ready,
    ...stampOf(snapshot),
    ids: [...ready.ids, ...extension.added.map((o) => o.id)],
    values,
    top: ready.top.map((row) => ({ ...row, value: row.value * scale })),
    map: null,
  };
  return true;
}

function start(snapshot: NetworkSnapshot, graph: GraphInput): void {
  const generation = state.generation;
  const stamp = stampOf(snapshot);
  const dataVersion = stamp.dataVersion;
  const plan = betweennessPlan(graph.nodes.length);
  const labels = snapshot.organisations.map((o) => o.acronym ?? o.name);
  const abort = new AbortController();
  const startedAt = performance.now();
  const promise = betweennessInWorker(
    graph,
    { samples: plan.samples, seed: BETWEENNESS_SEED },
    { signal: abort.signal },
  )
    .then(
      (values) => {
        if (generation !== state.generation) return;
        // Keep a result newer than this one, unless this one is what was asked for last.
        const asked = state.latest !== null && compareStamps(state.latest, stamp) === 0;
        if (state.ready && compareStamps(state.ready, stamp) > 0 && !asked) return;
        const order = [...values.keys()]
          .filter((i) => values[i]! > 0)
          .sort((a, b) => values[b]! - values[a]! || labels[a]!.localeCompare(labels[b]!, "en"))
          .slice(0, TOP_COUNT);
        state.ready = {
          ...stamp,
          ...plan,
          ids: graph.nodes,
          values,
          top: order.map((i) => ({ id: graph.nodes[i]!, label: labels[i]!, value: values[i]! })),
          map: null,
        };
      },
      (error: unknown) => {
        if (generation !== state.generation) return;
        state.failed = stamp;
        console.error(`network analytics: betweenness of data version ${dataVersion} failed`, error);
      },
    )
    .finally(() => {
      if (generation !== state.generation) return;
      state.running = null;
      state.abort = null;
      const took = performance.now() - startedAt;
      state.restUntil = performance.now() + Math.min(BETWEENNESS_MAX_REST_MS, BETWEENNESS_REST_FACTOR * took);
      if (state.pending && carryBetweenness(state.pending)) state.pending = null;
      if (state.pending) scheduleRest();
    });
  state.running = { ...stamp, promise };
  state.abort = abort;
}

/** Starts the pending snapshot (if it still needs computing) once the rest is over. */
function scheduleRest(): void {
  if (state.rest) return;
  let settle = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));
  const timer = setTimeout(
    () => {
      state.rest = null;
      const next = state.pending;
      state.pending = null;
      if (next && !carryBetweenness(next) && needsComputation(next) && !state.running) {
        start(next, graphOf(next));
      }
      settle();
    },
    Math.max(0, state.restUntil - performance.now()),
  );
  timer.unref();
  state.rest = { timer, done, settle };
}

function needsComputation(snapshot: Stamp): boolean {
  if (state.ready && compareStamps(state.ready, snapshot) === 0) return false;
  if (state.failed && compareStamps(state.failed, snapshot) === 0) return false;
  return true;
}

function requestBetweenness(snapshot: NetworkSnapshot): void {
  if (!needsComputation(snapshot) || carryBetweenness(snapshot)) return;
  if (state.running) {
    if (compareStamps(state.running, snapshot) === 0) return;
    state.pending = snapshot;
    return;
  }
  if (performance.now() < state.restUntil) {
    state.pending = snapshot;
    scheduleRest();
    return;
  }
  start(snapshot, graphOf(snapshot));
}

/**
 * The analytics of the snapshot: structural figures now, betweenness as last computed. `client`
 * is the database the snapshot was read from (clientOf(db)): the cache holds one client's figures.
 */
export function networkAnalytics(snapshot: NetworkSnapshot, client?: unknown): NetworkAnalytics {
  const structuralValue = structuralFor(snapshot, client);
  state.latest = stampOf(snapshot);
  requestBetweenness(snapshot);

  const ready = state.ready;
  const failed = state.failed !== null && compareStamps(state.failed, snapshot) === 0;
  const key = [
    snapshot.dataVersion,
    snapshot.revision ?? 0,
    snapshot.today,
    ready?.dataVersion,
    ready?.revision,
    ready?.today,
    failed,
  ].join("/");
  if (state.result && state.result.key === key) return state.result.value;

  // Degree and partnership counts stay out of the page's payload (structuralNetworkAnalytics has them).
  const { degree: _degree, partnershipCount: _partnershipCount, ...structural } = structuralValue;
  let betweenness: NetworkAnalytics["betweenness"];
  if (ready) {
    betweenness = {
      // A failed computation leaves the last figures as they are: ready, of an older version.
      status: compareStamps(ready, snapshot) === 0 || failed ? "ready" : "computing",
      method: ready.method,
      samples: ready.samples,
      dataVersion: ready.dataVersion,
      top: ready.top,
    };
  } else {
    // No figures at all: computing, or failed (not retried for this version; the page stops polling).
    const plan = betweennessPlan(snapshot.organisations.length);
    const status = failed ? "failed" : "computing";
    betweenness = { status, ...plan, dataVersion: snapshot.dataVersion, top: [] };
  }
  const value: NetworkAnalytics = { ...structural, betweenness };
  state.result = { key, value };
  return value;
}

/**
 * The structural analytics (with degree and partnership counts per organisation) of the snapshot,
 * from the same cache as networkAnalytics.
 */
export function structuralNetworkAnalytics(snapshot: NetworkSnapshot, client?: unknown): StructuralAnalytics {
  return structuralFor(snapshot, client);
}

/**
 * Betweenness per organisation id from the last ready result of the client's database (as passed
 * to networkAnalytics); null when there is none. With a data version: only a result of that
 * version (else null).
 */
export function betweennessValues(dataVersion?: number, client?: unknown): Map<string, number> | null {
  if (client !== state.client) return null;
  const ready = state.ready;
  if (!ready) return null;
  if (dataVersion !== undefined && ready.dataVersion !== dataVersion) return null;
  if (!ready.map) {
    const map = new Map<string, number>();
    ready.ids.forEach((id, i) => map.set(id, ready.values[i]!));
    ready.map = map;
  }
  return ready.map;
}

/** Resolves when no betweenness computation runs (nor waits for the worker's rest to end). */
export async function whenAnalyticsSettled(): Promise<void> {
  while (state.running || state.rest) await (state.running?.promise ?? state.rest?.done);
}

/** Another database: forget the state of the previous one. */
function useClient(client: unknown): void {
  if (client === state.client) return;
  resetAnalyticsCache();
  state.client = client;
}

/** Forgets everything (tests; another client). A running computation's worker is terminated. */
export function resetAnalyticsCache(): void {
  state.abort?.abort();
  state.abort = null;
  state.client = undefined;
  state.latest = null;
  state.generation++;
  state.structural = null;
  state.result = null;
  state.ready = null;
  state.running = null;
  state.pending = null;
  state.restUntil = 0;
  if (state.rest) {
    clearTimeout(state.rest.timer);
    state.rest.settle();
    state.rest = null;
  }
  state.failed = null;
}
