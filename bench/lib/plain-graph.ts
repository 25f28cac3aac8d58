// The baseline graph: N nodes at random positions drawn from a seeded generator, and 3N random
// edges between distinct nodes. Pure (shared by the baseline page and its unit test).
import { createRng } from "../../app/lib/prng";

export interface PlainNode {
  id: string;
  position: { x: number; y: number };
  data: { label: string };
}
export interface PlainEdge {
  id: string;
  source: string;
  target: string;
}

export function plainGraph(n: number, seed = 1): { nodes: PlainNode[]; edges: PlainEdge[] } {
  const rng = createRng(`plain-flow:${seed}:${n}`);
  // About one default node (150 x 40 px) per 220 x 220 px square.
  const side = Math.sqrt(n) * 220;
  const nodes: PlainNode[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `n${i}`,
      position: { x: rng.float(0, side), y: rng.float(0, side) },
      data: { label: `Organisation ${i + 1}` },
    });
  }
  const edges: PlainEdge[] = [];
  if (n > 1) {
    for (let i = 0; i < 3 * n; i++) {
      const source = rng.int(0, n - 1);
      let target = rng.int(0, n - 2);
      if (target >= source) target++;
      edges.push({ id: `e${i}`, source: `n${source}`, target: `n${target}` });
    }
  }
  return { nodes, edges };
}
