import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import {
  importKinds,
  importLayouts,
  type ImportKind,
  type ImportLayout,
  type ImportRow,
} from "../../lib/import/kinds";
import { enumCheck, id, timestamptz } from "./columns";
import { users } from "./users";

/**
 * An uploaded file between its upload and its commit (decision 0025): the parsed rows live here,
 * not in process memory, so any app instance can serve the next step. Ephemeral: expired ones are
 * deleted, and backups leave the table out.
 */
export const importBatches = pgTable(
  "import_batches",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ImportKind>().notNull(),
    layout: text("layout").$type<ImportLayout>().notNull(),
    fileName: text("file_name").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    rows: jsonb("rows").$type<ImportRow[]>().notNull(),
    /** Target field -> index of the file's column; null until the columns are mapped. */
    mapping: jsonb("mapping").$type<Record<string, number>>(),
    /** Row numbers of the duplicates to merge into the existing record (the others are skipped). */
    updates: jsonb("updates").$type<number[]>().notNull().default([]),
    /** Counts of the commit, once committed; a committed batch cannot be committed again. */
    result: jsonb("result").$type<Record<string, number>>(),
    committedAt: timestamptz("committed_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    enumCheck("import_batches_kind_check", t.kind, importKinds),
    enumCheck("import_batches_layout_check", t.layout, importLayouts),
    index("import_batches_user_id_idx").on(t.userId),
    index("import_batches_expires_at_idx").on(t.expiresAt),
  ],
);

export type ImportBatch = typeof importBatches.$inferSelect;
export type NewImportBatch = typeof importBatches.$inferInsert;
