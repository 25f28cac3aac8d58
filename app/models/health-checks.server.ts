// Health-check submissions. One answer per member organisation per period (a calendar quarter): a
// second submission in the same period replaces the first, and the audit log keeps the earlier
// answer as the entry's `before`. Reads for the page go through confidential.server.ts
// (healthChecksFor), which decides what the viewer may see.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { healthChecks, healthScoreKeys, organisations, type HealthCheck } from "~/db/schema";
import { healthDimensions } from "~/lib/enums";
import type { HealthCheckInput } from "~/lib/validation/risk-health";
import { recordAudit } from "./audit.server";
import { partnershipMemberOrganisationIds } from "./confidential.server";

export interface OrganisationOption {
  id: string;
  name: string;
}

/** Current members of the partnership, by name: the owners a risk can be given. */
export async function memberOrganisationOptions(
  db: Db,
  partnershipId: string,
): Promise<OrganisationOption[]> {
  const ids = await partnershipMemberOrganisationIds(db, partnershipId);
  if (ids.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), isNull(organisations.archivedAt)))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

/**
 * The member organisations this user may answer for: their own organisation when it is a current
 * member (not for viewers), every current member for coordinators.
 */
export async function submittableOrganisations(
  db: Db,
  user: AuthUser,
  partnershipId: string,
): Promise<OrganisationOption[]> {
  const members = await memberOrganisationOptions(db, partnershipId);
  return members.filter((member) =>
    canOn(user, "healthcheck:submit:own-organisation", { organisationId: member.id }),
  );
}

export type HealthCheckOutcome =
  | { ok: true; healthCheck: HealthCheck; replaced: boolean }
  /** The respondent is not a current member of the partnership. */
  | { ok: false; reason: "notMember" };

/**
 * Record a member's answer for a period, replacing the one it gave earlier in the same period.
 * The caller has checked that `actor` may answer for `input.respondentOrganisationId`.
 */
export async function submitHealthCheck(
  db: Db,
  actor: { id: string },
  partnershipId: string,
  input: HealthCheckInput,
): Promise<HealthCheckOutcome> {
  return db.transaction(async (tx) => {
    const members = await partnershipMemberOrganisationIds(tx, partnershipId);
    if (!members.includes(input.respondentOrganisationId)) return { ok: false, reason: "notMember" };
    const answer = {
      ...Object.fromEntries(
        healthDimensions.map((dimension) => [healthScoreKeys[dimension], input[dimension]]),
      ),
      comment: input.comment || null,
      submittedBy: actor.id,
    };
    const key = {
      partnershipId,
      respondentOrganisationId: input.respondentOrganisationId,
      period: input.period,
    };
    // Insert unless the member already answered for the period; two submissions racing for the
    // same answer then meet at the unique constraint and the second one replaces the first.
    const [created] = await tx
      .insert(healthChecks)
      .values({ ...key, ...answer })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "health_check",
        entityId: created.id,
        after: created,
      });
      return { ok: true, healthCheck: created, replaced: false };
    }
    const [before] = await tx
      .select()
      .from(healthChecks)
      .where(
        and(
          eq(healthChecks.partnershipId, key.partnershipId),
          eq(healthChecks.respondentOrganisationId, key.respondentOrganisationId),
          eq(healthChecks.period, key.period),
        ),
      )
      .for("update");
    if (!before) throw new Error("the health check to replace is gone");
    const [after] = await tx
      .update(healthChecks)
      .set({ ...answer, version: before.version + 1 })
      .where(eq(healthChecks.id, before.id))
      .returning();
    if (!after) throw new Error("the update returned no row");
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "health_check",
      entityId: after.id,
      before,
      after,
    });
    return { ok: true, healthCheck: after, replaced: true };
  });
}
