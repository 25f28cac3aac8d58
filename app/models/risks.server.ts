// The risk register's changes. Reads for the page go through confidential.server.ts
// (riskRegisterFor), which decides what the viewer may see. Every change runs in one transaction
// with its audit entry; an edit carries the version read and is refused when it is stale.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { risks, type Risk } from "~/db/schema";
import type { RiskCommandInput, RiskInput } from "~/lib/validation/risk-health";
import { recordAudit, type Actor } from "./audit.server";
import { partnershipMemberOrganisationIds } from "./confidential.server";

export type { Risk } from "~/db/schema";

export type RiskOutcome =
  | { ok: true; risk: Risk }
  | { ok: false; reason: "notFound" }
  /** Someone else changed (or archived) it since it was read: `current` is what is stored now. */
  | { ok: false; reason: "stale"; current: Risk }
  /** The owner must be a current member of the partnership. */
  | { ok: false; reason: "ownerNotMember" };

/** A risk of the partnership (archived or not), read inside the transaction. */
async function findRisk(tx: Db, partnershipId: string, id: string): Promise<Risk | undefined> {
  const [row] = await tx
    .select()
    .from(risks)
    .where(and(eq(risks.id, id), eq(risks.partnershipId, partnershipId)))
    .for("update");
  return row;
}

/** Add a risk (no id) or edit one of the partnership's risks with the version read. */
export async function saveRisk(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: RiskInput,
): Promise<RiskOutcome> {
  return db.transaction(async (tx) => {
    const before = input.id ? await findRisk(tx, partnershipId, input.id) : undefined;
    if (input.id && (!before || before.archivedAt)) return { ok: false, reason: "notFound" };
    if (before && before.version !== input.version) return { ok: false, reason: "stale", current: before };
    if (input.ownerOrganisationId) {
      const members = await partnershipMemberOrganisationIds(tx, partnershipId);
      if (!members.includes(input.ownerOrganisationId)) return { ok: false, reason: "ownerNotMember" };
    }
    const fields = {
      category: input.category,
      title: input.title,
      description: input.description || null,
      likelihood: input.likelihood,
      impact: input.impact,
      ownerOrganisationId: input.ownerOrganisationId ?? null,
      mitigation: input.mitigation || null,
      status: input.status,
      reviewOn: input.reviewOn ?? null,
    };
    if (!before) {
      const [risk] = await tx
        .insert(risks)
        .values({ ...fields, partnershipId })
        .returning();
      if (!risk) throw new Error("the insert returned no row");
      await recordAudit(tx, actor, { action: "create", entityType: "risk", entityId: risk.id, after: risk });
      return { ok: true, risk };
    }
    const [risk] = await tx
      .update(risks)
      .set({ ...fields, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(risks.id, before.id), eq(risks.version, before.version)))
      .returning();
    if (!risk) return { ok: false, reason: "stale", current: before };
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "risk",
      entityId: risk.id,
      before,
      after: risk,
    });
    return { ok: true, risk };
  });
}

/** Archive a risk (restorable: the row stays, with `archived_at`), or restore an archived one. */
export async function setRiskArchived(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: Pick<RiskCommandInput, "id" | "version">,
  archived: boolean,
): Promise<RiskOutcome> {
  return db.transaction(async (tx) => {
    const before = await findRisk(tx, partnershipId, input.id);
    if (!before) return { ok: false, reason: "notFound" };
    // Already in the state asked for, or changed since: someone else got there first.
    if ((before.archivedAt !== null) === archived || before.version !== input.version) {
      return { ok: false, reason: "stale", current: before };
    }
    const [risk] = await tx
      .update(risks)
      .set({ archivedAt: archived ? new Date() : null, version: before.version + 1 })
      .where(and(eq(risks.id, before.id), eq(risks.version, before.version)))
      .returning();
    if (!risk) return { ok: false, reason: "stale", current: before };
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "risk",
      entityId: risk.id,
      before,
      after: risk,
    });
    return { ok: true, risk };
  });
}

export function archiveRisk(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: Pick<RiskCommandInput, "id" | "version">,
): Promise<RiskOutcome> {
  return setRiskArchived(db, actor, partnershipId, input, true);
}

export function restoreRisk(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: Pick<RiskCommandInput, "id" | "version">,
): Promise<RiskOutcome> {
  return setRiskArchived(db, actor, partnershipId, input, false);
}

export interface ArchivedRisk {
  id: string;
  title: string;
  category: Risk["category"];
  version: number;
  archivedAt: Date;
}

/**
 * The partnership's archived risks, newest archived first: for the restore list, which only
 * coordinators get (they read every partnership's confidential fields).
 */
export async function archivedRisks(db: Db, partnershipId: string): Promise<ArchivedRisk[]> {
  const rows = await db
    .select({
      id: risks.id,
      title: risks.title,
      category: risks.category,
      version: risks.version,
      archivedAt: risks.archivedAt,
    })
    .from(risks)
    .where(and(eq(risks.partnershipId, partnershipId), isNotNull(risks.archivedAt)))
    .orderBy(desc(risks.archivedAt), desc(risks.id));
  return rows.flatMap((row) => (row.archivedAt ? [{ ...row, archivedAt: row.archivedAt }] : []));
}
