import { bigint, bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { auditActions, type AuditAction } from "../../lib/enums";
import { enumCheck, id, timestamps, timestamptz, versioned } from "./columns";
import { users } from "./users";

/**
 * Before/after of every change. Append-only. Its latest id is the data version that keys
 * caches (graph layout and metrics).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamptz("at").notNull().defaultNow(),
    // Null for system actions such as seeding.
    userId: uuid("user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    action: text("action").$type<AuditAction>().notNull(),
    entityType: text("entity_type").notNull(),
    // Text, not uuid: some entities have bigserial or composite keys.
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    // Groups the entries written by one operation (an import, a seed).
    batchId: uuid("batch_id"),
  },
  (t) => [
    enumCheck("audit_log_action_check", t.action, auditActions),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    // (at, id): the newest entries first, ties by id (dashboard activity, /admin/audit) read only as many as shown.
    index("audit_log_at_id_idx").on(t.at, t.id),
    index("audit_log_user_id_idx").on(t.userId),
    index("audit_log_batch_id_idx").on(t.batchId),
  ],
);

/** Node position on the network map, keyed by node id. */
export type GraphNodePositions = Record<string, { x: number; y: number }>;

/** Saved node positions of the network map, shared by all app instances. */
export const graphLayouts = pgTable(
  "graph_layouts",
  {
    id: id(),
    // Which layout, e.g. 'default'.
    key: text("key").notNull().unique("graph_layouts_key_unique"),
    positions: jsonb("positions").$type<GraphNodePositions>().notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, {
      onDelete: "set null",
    }),
    // audit_log id (data version) the layout was computed for.
    dataVersion: bigint("data_version", { mode: "number" }),
    ...versioned(),
    ...timestamps(),
  },
  (t) => [index("graph_layouts_updated_by_idx").on(t.updatedBy)],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
export type GraphLayout = typeof graphLayouts.$inferSelect;
export type NewGraphLayout = typeof graphLayouts.$inferInsert;
