// Betweenness centrality of the organisation network (Brandes), exact or sampled, over the graph
// analyticsGraph (metrics.ts) builds. Pure; run in a worker thread by betweenness-worker.server.ts.
import type { GraphInput } from "./metrics";

/**
 * Betweenness centrality (Brandes 2001), unweighted and undirected, normalised like
 * graphology-metrics' `betweenness(graph, { normalized: true })`: the sum over sources of the
 * dependencies, times 1 / ((n - 1)(n - 2)). With `samples` = k, only k sources drawn with a
 * seeded generator, scaled by n / k (Brandes & Pich 2007); null: every source (exact).
 *
 * Hub vertices (edge ends >= nodes.length: large partnerships, see GraphInput) carry shortest paths but
 * are neither sources nor targets, and get no value: the result has one entry per organisation
 * (nodes.length), normalised over organisation pairs. A hub vertex must link only organisations and
 * every vertex up to the highest index must have an edge (else RangeError "missing node").
 *
 * Self-contained on purpose: betweennessInWorker (betweenness-worker.server.ts) ships this function's source
 * text to a worker thread, so it references nothing outside its own body (no imports, no
 * module-level helpers).
 */
export function betweenness(
  graph: GraphInput,
  options: { samples: number | null; seed?: number },
): Float64Array {
  const n = graph.nodes.length;
  const m = graph.edges.length;
  const result = new Float64Array(n);
  if (n === 0) return result;

  // Vertices: organisations, then hub vertices (declared in graph.hubs, or implied by the edges).
  let vertexCount = n + (graph.hubs ? graph.hubs.length : 0);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    const a = edge[0];
    const b = edge[1];
    if (!(a >= 0 && b >= 0) || a !== (a | 0) || b !== (b | 0) || (a >= n && b >= n))
      throw new RangeError("betweenness: edge " + e + " refers to a missing node");
    if (a + 1 > vertexCount) vertexCount = a + 1;
    if (b + 1 > vertexCount) vertexCount = b + 1;
  }
  if (graph.hubs && vertexCount > n + graph.hubs.length)
    throw new RangeError("betweenness: an edge refers to a missing node");

  // Compressed adjacency (CSR).
  const offsets = new Int32Array(vertexCount + 1);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    offsets[edge[0] + 1]!++;
    offsets[edge[1] + 1]!++;
  }
  for (let v = n; v < vertexCount; v++) {
    if (offsets[v + 1] === 0) throw new RangeError("betweenness: hub vertex " + v + " is a missing node");
  }
  for (let i = 0; i < vertexCount; i++) offsets[i + 1]! += offsets[i]!;
  const adjacency = new Int32Array(2 * m);
  const fill = offsets.slice(0, vertexCount);
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e]!;
    adjacency[fill[edge[0]]!++] = edge[1];
    adjacency[fill[edge[1]]!++] = edge[0];
  }

  // Sources: all, or a seeded sample (sfc32 seeded with splitmix-style mixing of the seed).
  let sources: Int32Array;
  const samples = options.samples;
  if (samples === null || samples >= n) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    if (!(samples > 0)) throw new RangeError("betweenness: samples must be positive");
    const s = (options.seed ?? 1) | 0;
    let a = 0x9e3779b9 ^ s;
    let b = 0x243f6a88 + s;
    let c = 0xb7e15162 ^ (s << 7);
    let d = 1;
    const next = () => {
      a |= 0;
      b |= 0;
      c |= 0;
      d |= 0;
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    };
    for (let i = 0; i < 16; i++) next();
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < samples; i++) {
      const j = i + Math.floor(next() * (n - i));
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
    }
    sources = pool.slice(0, samples);
  }

  const sigma = new Float64Array(vertexCount);
  const distance = new Int32Array(vertexCount);
  const delta = new Float64Array(vertexCount);
  const stack = new Int32Array(vertexCount);
  const queue = new Int32Array(vertexCount);
  for (let k = 0; k < sources.length; k++) {
    const source = sources[k]!;
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[source] = 1;
    distance[source] = 0;
    let head = 0;
    let tail = 0;
    let top = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++]!;
      stack[top++] = v;
      const dv = distance[v]!;
      for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) {
        const w = adjacency[p]!;
        if (distance[w]! < 0) {
          distance[w] = dv + 1;
          queue[tail++] = w;
        }
        if (distance[w] === dv + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Dependencies in order of non-increasing distance; predecessors are the neighbours one step closer.
    while (top > 0) {
      const w = stack[--top]!;
      const dw = distance[w]!;
      // Only organisations are targets: a hub vertex passes on its dependency, not a pair of its own.
      const coefficient = ((w < n ? 1 : 0) + delta[w]!) / sigma[w]!;
      for (let p = offsets[w]!, end = offsets[w + 1]!; p < end; p++) {
        const v = adjacency[p]!;
        if (distance[v] === dw - 1) delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== source && w < n) result[w]! += delta[w]!;
    }
  }

  let scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  if (sources.length < n && sources.length > 0) scale *= n / sources.length;
  for (let i = 0; i < n; i++) result[i]! *= scale;
  return result;
}
