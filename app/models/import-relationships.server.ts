// Importing direct relationships (decision 0025): the plan (lib/import/relationship-plan) from two
// queries, then one transaction inserting the new ones a chunk per statement, each with its audit
// entry under the batch's id. Relationships already recorded are skipped.
import { isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, relationships, type ImportBatch } from "~/db/schema";
import { planRelationshipImport, type RelationshipPlan } from "~/lib/import/relationship-plan";
import { recordAudit } from "./audit.server";
import { finishBatch, lockBatchForCommit, type CommitResult } from "./import-batch-lock.server";

const CHUNK = 500;

async function planOf(db: Db, batch: ImportBatch): Promise<RelationshipPlan> {
  const currentOrganisations = await db
    .select({ id: organisations.id, name: organisations.name, countryCode: organisations.countryCode })
    .from(organisations)
    .where(isNull(organisations.archivedAt));
  const current = await db
    .select({
      id: relationships.id,
      fromOrganisationId: relationships.fromOrganisationId,
      toOrganisationId: relationships.toOrganisationId,
      type: relationships.type,
    })
    .from(relationships)
    .where(isNull(relationships.archivedAt));
  return planRelationshipImport({
    headers: batch.headers,
    rows: batch.rows,
    mapping: batch.mapping ?? {},
    layout: batch.layout,
    organisations: currentOrganisations,
    relationships: current,
  });
}

/** What the commit would do with the batch as mapped: three queries in all (with the batch's). */
export async function previewRelationshipImport(db: Db, batch: ImportBatch): Promise<RelationshipPlan> {
  return planOf(db, batch);
}

export async function commitRelationshipImport(
  db: Db,
  actor: { id: string },
  batchId: string,
  options: { skipErrors: boolean },
  now = new Date(),
): Promise<CommitResult> {
  return db.transaction(async (tx) => {
    const locked = await lockBatchForCommit(tx, actor, batchId, now);
    if (!locked.ok) return locked;
    const { batch } = locked;
    const plan = await planOf(tx, batch);
    if (plan.summary.error > 0 && !options.skipErrors) {
      return { ok: false, reason: "errors", errors: plan.summary.error } as const;
    }
    const values = plan.rows.flatMap((row) =>
      row.status === "new" && row.relationship ? [row.relationship] : [],
    );
    for (let i = 0; i < values.length; i += CHUNK) {
      const created = await tx
        .insert(relationships)
        .values(values.slice(i, i + CHUNK))
        .returning();
      await recordAudit(
        tx,
        actor,
        created.map((relationship) => ({
          action: "import" as const,
          entityType: "relationship",
          entityId: relationship.id,
          after: relationship,
          batchId: batch.id,
        })),
      );
    }
    const result = { created: values.length, skipped: plan.summary.skip, failed: plan.summary.error };
    await finishBatch(tx, batch.id, result, now);
    return { ok: true, result } as const;
  });
}
