// The frame of every import's commit (decision 0025): the batch locked FOR UPDATE (so it cannot be
// committed twice), refused when it is not the user's, expired, committed or not mapped yet; then,
// once written, its result recorded. Called inside the commit's transaction.
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { importBatches, type ImportBatch } from "~/db/schema";
import type { ColumnMapping } from "~/lib/import/mapping";

/** What a commit wrote, by kind: created, merged into (updated), members added, skipped, failed. */
export type ImportResult = {
  created: number;
  updated?: number;
  /** Duplicates chosen for a merge whose file values changed nothing (organisations). */
  unchanged?: number;
  /** Members added (partnerships). */
  members?: number;
  skipped: number;
  /** Rows left out because of their errors ("skip rows with errors"). */
  failed: number;
};

export type CommitResult =
  | { ok: true; result: ImportResult }
  | { ok: false; reason: "notFound" | "committed" | "notMapped" }
  | { ok: false; reason: "errors"; errors: number };

export type LockedBatch =
  | { ok: true; batch: ImportBatch; mapping: ColumnMapping }
  | { ok: false; reason: "notFound" | "committed" | "notMapped" };

export async function lockBatchForCommit(
  tx: Db,
  actor: { id: string },
  batchId: string,
  now: Date,
): Promise<LockedBatch> {
  const [batch] = await tx
    .select()
    .from(importBatches)
    .where(
      and(
        eq(importBatches.id, batchId),
        eq(importBatches.userId, actor.id),
        gt(importBatches.expiresAt, now),
      ),
    )
    .for("update");
  if (!batch) return { ok: false, reason: "notFound" };
  if (batch.committedAt) return { ok: false, reason: "committed" };
  if (!batch.mapping) return { ok: false, reason: "notMapped" };
  return { ok: true, batch, mapping: batch.mapping };
}

export async function finishBatch(tx: Db, batchId: string, result: ImportResult, now: Date): Promise<void> {
  await tx
    .update(importBatches)
    // The file's rows (unmapped columns too, e.g. contact details) are not kept once written.
    .set({ committedAt: now, result: { ...result }, rows: [], headers: [] })
    .where(eq(importBatches.id, batchId));
}
