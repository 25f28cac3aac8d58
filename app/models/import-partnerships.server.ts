// Importing partnerships with their members (decision 0025): the plan (lib/import/partnership-plan)
// from three queries, then one transaction writing new partnerships and members a chunk per
// statement, each with its audit entry under the batch's id. Merging into an existing partnership
// adds the file's members to it and leaves its own values as recorded.
import { inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers, partnerships, type ImportBatch } from "~/db/schema";
import { planPartnershipImport, type PartnershipPlan } from "~/lib/import/partnership-plan";
import { foldText } from "~/lib/import/text";
import { recordAudit } from "./audit.server";
import { finishBatch, lockBatchForCommit, type CommitResult } from "./import-batch-lock.server";

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

async function planOf(db: Db, batch: ImportBatch): Promise<PartnershipPlan> {
  const [currentOrganisations, currentPartnerships, members] = [
    await db
      .select({ id: organisations.id, name: organisations.name, countryCode: organisations.countryCode })
      .from(organisations)
      .where(isNull(organisations.archivedAt)),
    await db
      .select({ id: partnerships.id, name: partnerships.name })
      .from(partnerships)
      .where(isNull(partnerships.archivedAt)),
    await db
      .select({
        partnershipId: partnershipMembers.partnershipId,
        organisationId: partnershipMembers.organisationId,
        role: partnershipMembers.role,
        leftOn: partnershipMembers.leftOn,
        archivedAt: partnershipMembers.archivedAt,
      })
      .from(partnershipMembers),
  ];
  return planPartnershipImport({
    headers: batch.headers,
    rows: batch.rows,
    mapping: batch.mapping ?? {},
    layout: batch.layout,
    organisations: currentOrganisations,
    partnerships: currentPartnerships,
    members: members.map((m) => ({
      partnershipId: m.partnershipId,
      organisationId: m.organisationId,
      role: m.role,
      current: m.leftOn === null && m.archivedAt === null,
    })),
    updates: new Set(batch.updates),
  });
}

/** What the commit would do with the batch as mapped: four queries in all (with the batch's). */
export async function previewPartnershipImport(db: Db, batch: ImportBatch): Promise<PartnershipPlan> {
  return planOf(db, batch);
}

export async function commitPartnershipImport(
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
    const adding = plan.rows.filter((row) => (row.status === "new" || row.status === "update") && row.member);
    // New partnerships: those with at least one member to add (the values sit on their first row).
    const groupsAdding = new Set(adding.filter((row) => row.status === "new").map((row) => row.groupLine));
    const newPartnerships = plan.rows.filter((row) => row.partnership && groupsAdding.has(row.line));
    const idOfGroup = new Map<number, string>();
    for (const chunk of chunks(newPartnerships)) {
      const created = await tx
        .insert(partnerships)
        .values(
          chunk.map(({ partnership: p }) => {
            if (!p) throw new Error("a partnership without values");
            return {
              name: p.name,
              status: p.status,
              startDate: p.startDate ?? null,
              endDate: p.endDate ?? null,
              scopeLevel: p.scopeLevel ?? null,
              countryCode: p.countryCode ?? null,
              formalisation: p.formalisation,
            };
          }),
        )
        .returning();
      const byName = new Map(created.map((p) => [foldText(p.name), p.id]));
      for (const row of chunk) {
        const id = byName.get(foldText(row.name));
        if (id) idOfGroup.set(row.groupLine, id);
      }
      await recordAudit(
        tx,
        actor,
        created.map((p) => ({
          action: "import" as const,
          entityType: "partnership",
          entityId: p.id,
          after: p,
          batchId: batch.id,
        })),
      );
    }
    // Merged into: locked, so their members do not change under the import.
    const mergedIds = [
      ...new Set(
        adding.flatMap((row) => (row.status === "update" && row.duplicateOf ? [row.duplicateOf.id] : [])),
      ),
    ];
    for (const chunk of chunks(mergedIds)) {
      await tx
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(inArray(partnerships.id, chunk))
        .for("update");
    }
    for (const chunk of chunks(adding)) {
      const created = await tx
        .insert(partnershipMembers)
        .values(
          chunk.map((row) => {
            const partnershipId =
              row.status === "update" ? row.duplicateOf?.id : idOfGroup.get(row.groupLine);
            if (!partnershipId || !row.member) throw new Error(`row ${row.line} has no partnership`);
            return { partnershipId, ...row.member };
          }),
        )
        .returning();
      await recordAudit(
        tx,
        actor,
        created.map((member) => ({
          action: "import" as const,
          entityType: "partnership_member",
          entityId: member.id,
          after: member,
          batchId: batch.id,
        })),
      );
    }
    const result = {
      created: newPartnerships.length,
      updated: mergedIds.length,
      members: adding.length,
      skipped: plan.summary.skip,
      failed: plan.summary.error,
    };
    await finishBatch(tx, batch.id, result, now);
    return { ok: true, result } as const;
  });
}
