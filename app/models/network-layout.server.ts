// The saved layout of the network map: positions a coordinator dragged, shared by every app
// instance through graph_layouts (one row, DEFAULT_LAYOUT_KEY). Reading it, validating and pruning
// positions, saving with optimistic concurrency, and "re-layout" (reset); each mutation writes its
// audit entry in the same transaction. Re-exported by network.server.ts.
import { and, eq } from "drizzle-orm";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { todayIso } from "~/lib/partnership-status";
import { graphLayouts, type GraphNodePositions } from "~/db/schema";
import type { NetworkSnapshot } from "~/lib/network/types";
import { UUID_PATTERN } from "~/lib/uuid";
import { latestDataVersion, recordAudit } from "./audit.server";
import { snapshotAt } from "./network-snapshot.server";

/** The key of the one layout the map uses. */
export const DEFAULT_LAYOUT_KEY = "default";

/** The saved layout (positions, version, last update), or null when none was saved. */
export async function savedLayout(db: Db) {
  const [row] = await db
    .select({
      positions: graphLayouts.positions,
      version: graphLayouts.version,
      updatedAt: graphLayouts.updatedAt,
    })
    .from(graphLayouts)
    .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Saving the layout

export const LAYOUT_MAX_POSITIONS = 20_000;
export const LAYOUT_MAX_COORDINATE = 1e7;
/** Organisation uuid, partnership hub "p:<uuid>", cluster "c:XX", "c:XX:<type>", "c:none". */
const NODE_ID = new RegExp(
  `^(?:${UUID_PATTERN}|p:${UUID_PATTERN}|c:(?:[A-Z]{2}|none)(?::[a-z_]{1,40})?)$`,
  "i",
);

/** Whether `positions` is a map of node ids to finite coordinates within bounds. */
export function validPositions(positions: unknown): positions is GraphNodePositions {
  if (typeof positions !== "object" || positions === null || Array.isArray(positions)) return false;
  const entries = Object.entries(positions as Record<string, unknown>);
  if (entries.length > LAYOUT_MAX_POSITIONS) return false;
  return entries.every(([id, point]) => {
    if (!NODE_ID.test(id)) return false;
    if (typeof point !== "object" || point === null) return false;
    const { x, y } = point as { x?: unknown; y?: unknown };
    return [x, y].every(
      (v) => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= LAYOUT_MAX_COORDINATE,
    );
  });
}

export type SaveLayoutResult = { ok: true; version: number } | { ok: false; reason: "stale" | "invalid" };

class StaleLayout extends Error {}

/**
 * Only the positions of nodes the snapshot still has: its organisations, hubs of its partnerships
 * ("p:<id>"), and clusters ("c:…", which come and go with the filters; their ids are few).
 */
export function positionsInSnapshot(
  positions: GraphNodePositions,
  snapshot: NetworkSnapshot,
): GraphNodePositions {
  const organisationIds = new Set(snapshot.organisations.map((o) => o.id));
  const partnershipIds = new Set(snapshot.partnerships.map((p) => p.id));
  return Object.fromEntries(
    Object.entries(positions).filter(([id]) =>
      id.startsWith("c:")
        ? true
        : id.startsWith("p:")
          ? partnershipIds.has(id.slice(2))
          : organisationIds.has(id),
    ),
  );
}

/**
 * Merge positions into the saved layout (creating it). Optimistic concurrency: `expectedVersion`
 * is the version the client read (null: there was none). Positions of nodes no longer in the
 * network (archived organisations and partnerships) are dropped, the saved ones too, so the layout
 * does not grow forever; graph_layouts.data_version records the data version they were checked
 * against. The audit entry records counts only.
 */
export async function saveLayout(
  db: Db,
  user: AuthUser,
  positions: Record<string, { x: number; y: number }>,
  expectedVersion: number | null,
): Promise<SaveLayoutResult> {
  if (!validPositions(positions)) return { ok: false, reason: "invalid" };
  // The snapshot (cached) says which nodes exist; read before the transaction (never `db` inside it).
  const snapshot = await snapshotAt(db, await latestDataVersion(db), todayIso());
  const clean: GraphNodePositions = positionsInSnapshot(
    Object.fromEntries(Object.entries(positions).map(([id, { x, y }]) => [id, { x, y }])),
    snapshot,
  );
  const dataVersion = snapshot.dataVersion;
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(graphLayouts)
        .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
        .for("update")
        .limit(1);
      if (!current) {
        if (expectedVersion !== null) throw new StaleLayout();
        const [created] = await tx
          .insert(graphLayouts)
          .values({ key: DEFAULT_LAYOUT_KEY, positions: clean, updatedBy: user.id, dataVersion })
          .onConflictDoNothing({ target: graphLayouts.key })
          .returning({ id: graphLayouts.id, version: graphLayouts.version });
        if (!created) throw new StaleLayout();
        await recordAudit(tx, user, {
          action: "create",
          entityType: "graph_layout",
          entityId: created.id,
          after: { key: DEFAULT_LAYOUT_KEY, positions: Object.keys(clean).length },
        });
        return { ok: true as const, version: created.version };
      }
      if (expectedVersion === null || current.version !== expectedVersion) throw new StaleLayout();
      const merged = positionsInSnapshot({ ...current.positions, ...clean }, snapshot);
      if (Object.keys(merged).length > LAYOUT_MAX_POSITIONS)
        return { ok: false as const, reason: "invalid" as const };
      const [updated] = await tx
        .update(graphLayouts)
        .set({
          positions: merged,
          updatedBy: user.id,
          version: current.version + 1,
          dataVersion,
          updatedAt: new Date(),
        })
        .where(and(eq(graphLayouts.id, current.id), eq(graphLayouts.version, expectedVersion)))
        .returning({ version: graphLayouts.version });
      if (!updated) throw new StaleLayout();
      await recordAudit(tx, user, {
        action: "update",
        entityType: "graph_layout",
        entityId: current.id,
        before: { positions: Object.keys(current.positions).length, version: current.version },
        after: {
          positions: Object.keys(merged).length,
          moved: Object.keys(clean).length,
          version: updated.version,
        },
      });
      return { ok: true as const, version: updated.version };
    });
  } catch (error) {
    if (error instanceof StaleLayout) return { ok: false, reason: "stale" };
    throw error;
  }
}

/** "Re-layout": delete the saved layout, so the computed one shows again. */
export async function resetLayout(db: Db, user: AuthUser): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(graphLayouts)
      .where(eq(graphLayouts.key, DEFAULT_LAYOUT_KEY))
      .returning({ id: graphLayouts.id, positions: graphLayouts.positions, version: graphLayouts.version });
    if (!deleted) return;
    await recordAudit(tx, user, {
      action: "delete",
      entityType: "graph_layout",
      entityId: deleted.id,
      before: {
        key: DEFAULT_LAYOUT_KEY,
        positions: Object.keys(deleted.positions).length,
        version: deleted.version,
      },
    });
  });
}
