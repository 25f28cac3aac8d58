// Geometry of the network map's layout (layout.ts): discs and points pushed apart until none
// overlap. Pure and deterministic.

/** Scales the discs' centres to the space they need, then pushes discs closer than `gap` apart. */
export function separateDiscs(discs: { x: number; y: number; r: number }[], gap: number): void {
  if (discs.length < 2) {
    for (const d of discs) {
      d.x = 0;
      d.y = 0;
    }
    return;
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const d of discs) {
    minX = Math.min(minX, d.x);
    maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y);
    maxY = Math.max(maxY, d.y);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const needed = Math.sqrt(discs.reduce((s, d) => s + (2 * d.r + gap) ** 2, 0));
  const factor = needed / span;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  for (const d of discs) {
    d.x = (d.x - cx) * factor;
    d.y = (d.y - cy) * factor;
  }
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = false;
    for (let i = 0; i < discs.length; i++) {
      const a = discs[i]!;
      for (let j = i + 1; j < discs.length; j++) {
        const b = discs[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let dist = Math.hypot(dx, dy);
        const min = a.r + b.r + gap;
        if (dist >= min) continue;
        if (dist < 1e-6) {
          // Coincident: separate along a fixed direction that depends on the pair.
          const angle = (i * 7 + j * 13) % 360;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          dist = 1;
        }
        const push = (min - dist) / 2 + 0.01;
        const ux = dx / dist;
        const uy = dy / dist;
        a.x -= ux * push;
        a.y -= uy * push;
        b.x += ux * push;
        b.y += uy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

/**
 * Pushes points closer than `min` apart (a few passes over a grid of `min`-sized cells, so about
 * linear in the number of points). Deterministic: fixed order, fixed direction for coincident points.
 */
export function separatePoints(xs: Float64Array, ys: Float64Array, min: number, passes = 8): void {
  const n = xs.length;
  if (n < 2) return;
  const min2 = min * min;
  for (let pass = 0; pass < passes; pass++) {
    const grid = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = `${Math.floor(xs[i]! / min)},${Math.floor(ys[i]! / min)}`;
      const cell = grid.get(key);
      if (cell) cell.push(i);
      else grid.set(key, [i]);
    }
    let moved = false;
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(xs[i]! / min);
      const gy = Math.floor(ys[i]! / min);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const cell = grid.get(`${gx + dx},${gy + dy}`);
          if (!cell) continue;
          for (const j of cell) {
            if (j <= i) continue;
            let vx = xs[j]! - xs[i]!;
            let vy = ys[j]! - ys[i]!;
            let d2 = vx * vx + vy * vy;
            if (d2 >= min2) continue;
            if (d2 < 1e-12) {
              const angle = ((i * 31 + j * 17) % 360) * (Math.PI / 180);
              vx = Math.cos(angle);
              vy = Math.sin(angle);
              d2 = 1;
            }
            const d = Math.sqrt(d2);
            const push = (min - d) / 2 / d;
            xs[i]! -= vx * push;
            ys[i]! -= vy * push;
            xs[j]! += vx * push;
            ys[j]! += vy * push;
            moved = true;
          }
        }
      }
    }
    if (!moved) break;
  }
}
