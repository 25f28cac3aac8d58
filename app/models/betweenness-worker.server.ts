// Betweenness centrality off the request path: `betweenness` (metrics.ts) run in a worker thread.
//
// The server code is bundled by Vite for production and run from source by tsx and Vitest, so a
// separate worker file would have a different path in each. Instead the worker is started from
// source text (`eval: true`) holding `betweenness.toString()`: that function is self-contained
// (no imports, nothing referenced outside its body). esbuild may wrap inner functions in
// `__name(...)` when keepNames is on, hence the `__name` stub. Node-only (worker_threads): the
// model imports this, never browser code.
import { Worker } from "node:worker_threads";
import { betweenness, type GraphInput } from "~/lib/network/metrics";

export interface BetweennessOptions {
  samples: number | null;
  seed?: number;
}

function workerSource(): string {
  return [
    "var __name = (f) => f;",
    'const { parentPort, workerData } = require("node:worker_threads");',
    `const betweenness = (${betweenness.toString()});`,
    "const result = betweenness(workerData.graph, workerData.options);",
    "parentPort.postMessage(result, [result.buffer]);",
  ].join("\n");
}

/** Runs `betweenness` in a worker thread; resolves with its result, rejects when the worker fails. */
export function betweennessInWorker(graph: GraphInput, options: BetweennessOptions): Promise<Float64Array> {
  return new Promise<Float64Array>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerSource(), {
      eval: true,
      // Only the node count matters to the worker: spare cloning the ids.
      workerData: { graph: { nodes: { length: graph.nodes.length }, edges: graph.edges }, options },
    });
    worker.once("message", (value: unknown) => {
      settled = true;
      if (value instanceof Float64Array) resolve(value);
      else reject(new Error("betweenness worker: unexpected message"));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`betweenness worker exited with code ${code} before answering`));
    });
  });
}
