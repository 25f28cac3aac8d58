// Betweenness centrality off the request path: `betweenness` (lib/network/betweenness.ts) run in a
// worker thread.
//
// The server code is bundled by Vite for production and run from source by tsx and Vitest, so a
// separate worker file would have a different path in each. Instead the worker is started from
// source text (`eval: true`) holding `betweenness.toString()`: that function is self-contained
// (no imports, nothing referenced outside its body). esbuild may wrap inner functions in
// `__name(...)` when keepNames is on, hence the `__name` stub. Node-only (worker_threads): the
// model imports this, never browser code.
//
// The edges travel as one flat Int32Array of pairs, transferred (not cloned): an array of
// arrays would cost a structured clone of m small arrays on the request thread. The worker is
// unref'd (it never keeps the process alive), terminated after a timeout, and on abort.
import { Worker } from "node:worker_threads";
import { betweenness } from "~/lib/network/betweenness";
import type { GraphInput } from "~/lib/network/metrics";

export interface BetweennessOptions {
  samples: number | null;
  seed?: number;
}

export interface BetweennessControl {
  /** Aborting terminates the worker and rejects. */
  signal?: AbortSignal;
  /** The worker is terminated (and the promise rejected) after this long. */
  timeoutMs?: number;
}

/** How long a computation may run before its worker is terminated. */
export const BETWEENNESS_TIMEOUT_MS = 120_000;

function workerSource(): string {
  return [
    "var __name = (f) => f;",
    'const { parentPort, workerData } = require("node:worker_threads");',
    `const betweenness = (${betweenness.toString()});`,
    "const flat = workerData.edges;",
    "const edges = new Array(flat.length >> 1);",
    "for (let e = 0; e < edges.length; e++) edges[e] = [flat[2 * e], flat[2 * e + 1]];",
    "const hubs = workerData.hubCount === null ? undefined : { length: workerData.hubCount };",
    "const graph = { nodes: { length: workerData.nodeCount }, hubs, edges };",
    "const result = betweenness(graph, workerData.options);",
    "parentPort.postMessage(result, [result.buffer]);",
  ].join("\n");
}

/** The edge list as flat pairs [a0, b0, a1, b1, ...]. */
export function flatEdges(edges: GraphInput["edges"]): Int32Array<ArrayBuffer> {
  const flat = new Int32Array(edges.length * 2);
  edges.forEach(([a, b], e) => {
    flat[2 * e] = a;
    flat[2 * e + 1] = b;
  });
  return flat;
}

/**
 * Runs `betweenness` in a worker thread; resolves with its result, rejects when the worker fails,
 * times out (control.timeoutMs, default BETWEENNESS_TIMEOUT_MS) or is aborted (control.signal).
 */
export function betweennessInWorker(
  graph: GraphInput,
  options: BetweennessOptions,
  control: BetweennessControl = {},
): Promise<Float64Array> {
  return new Promise<Float64Array>((resolve, reject) => {
    const { signal, timeoutMs = BETWEENNESS_TIMEOUT_MS } = control;
    if (signal?.aborted) {
      reject(new Error("betweenness worker: aborted"));
      return;
    }
    const edges = flatEdges(graph.edges);
    // Only the node (and hub) counts matter to the worker: spare cloning the ids.
    const worker = new Worker(workerSource(), {
      eval: true,
      // Not the server's own flags: under tsx (`--import tsx`) every worker would load tsx and start
      // its loader-hooks thread, for a script that is plain JavaScript (about as much CPU again as
      // a sampled computation at 2,000 organisations).
      execArgv: [],
      workerData: {
        nodeCount: graph.nodes.length,
        // `hubs` is optional in GraphInput (betweenness then implies hub vertices from the edges).
        hubCount: graph.hubs?.length ?? null,
        edges,
        options,
      },
      transferList: [edges.buffer],
    });
    worker.unref();
    let settled = false;
    const finish = (outcome: () => void, terminate: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      outcome();
      if (terminate) void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new Error("betweenness worker: aborted")), true);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`betweenness worker: no answer after ${timeoutMs} ms`)), true),
      timeoutMs,
    );
    timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (value: unknown) => {
      finish(() => {
        if (value instanceof Float64Array) resolve(value);
        else reject(new Error("betweenness worker: unexpected message"));
      }, true);
    });
    worker.once("error", (error) => finish(() => reject(error), false));
    worker.once("exit", (code) =>
      finish(() => reject(new Error(`betweenness worker exited with code ${code} before answering`)), false),
    );
  });
}
