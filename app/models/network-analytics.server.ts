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
//
// The cache is per process and derived from the database; every app instance builds its own.
import { betweennessInWorker } from "~/models/betweenness-worker.server";
import { pairsOf } from "~/models/network-snapshot.server";
import {
  analyticsGraph,
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
  structural: (Stamp & { value: StructuralAnalytics; graph: GraphInput }) | null;
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

/** The structural analytics and graph of the snapshot's version, computed once per version. */
function structuralFor(
  snapshot: NetworkSnapshot,
  client: unknown,
): { value: StructuralAnalytics; graph: GraphInput } {
  useClient(client);
  if (!state.structural || compareStamps(state.structural, snapshot) !== 0) {
    const graph = analyticsGraph(snapshot, pairsOf(snapshot));
    state.structural = {
      ...stampOf(snapshot),
      value: structuralAnalytics(snapshot, graph),
      graph,
    };
  }
  return state.structural;
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
      if (next && needsComputation(next) && !state.running) {
        const structural = state.structural;
        const cached = structural && compareStamps(structural, next) === 0 ? structural.graph : null;
        start(next, cached ?? analyticsGraph(next, pairsOf(next)));
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

function requestBetweenness(snapshot: NetworkSnapshot, graph: GraphInput): void {
  if (!needsComputation(snapshot)) return;
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
  start(snapshot, graph);
}

/**
 * The analytics of the snapshot: structural figures now, betweenness as last computed. `client`
 * is the database the snapshot was read from (clientOf(db)): the cache holds one client's figures.
 */
export function networkAnalytics(snapshot: NetworkSnapshot, client?: unknown): NetworkAnalytics {
  const { value: structuralValue, graph } = structuralFor(snapshot, client);
  state.latest = stampOf(snapshot);
  requestBetweenness(snapshot, graph);

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
  return structuralFor(snapshot, client).value;
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
