// Reads the "save layout" form of the map: positions as JSON ({ id: { x, y } }) and the layout
// version the user started from. Pure, so the route stays thin and the rules are unit-tested.

export type Positions = Record<string, { x: number; y: number }>;

/** Most positions one save may carry (the map never draws more than ~600 nodes). */
export const MAX_SAVED_POSITIONS = 5000;
/** Coordinates beyond this are refused (a layout spans a few thousand px at most). */
export const MAX_COORDINATE = 1_000_000;

const NODE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseLayoutForm(
  form: FormData,
): { ok: true; positions: Positions; version: number | null } | { ok: false } {
  const rawPositions = form.get("positions");
  const rawVersion = form.get("version");
  if (typeof rawPositions !== "string" || rawPositions.length > 500_000) return { ok: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawPositions);
  } catch {
    return { ok: false };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false };
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_SAVED_POSITIONS) return { ok: false };
  const positions: Positions = {};
  for (const [id, value] of entries) {
    if (!NODE_ID.test(id) || typeof value !== "object" || value === null) return { ok: false };
    const { x, y } = value as { x?: unknown; y?: unknown };
    if (!isCoordinate(x) || !isCoordinate(y)) return { ok: false };
    positions[id.toLowerCase()] = { x, y };
  }
  let version: number | null = null;
  if (typeof rawVersion === "string" && rawVersion.trim() !== "") {
    const n = Number(rawVersion);
    if (!Number.isInteger(n) || n < 0) return { ok: false };
    version = n;
  } else if (rawVersion !== null && typeof rawVersion !== "string") {
    return { ok: false };
  }
  return { ok: true, positions, version };
}

function isCoordinate(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}
