// The signals of many partnerships at once: five set-based queries for all ids, whatever their
// number, joined in memory and handed to the pure formulas of app/lib/signals.ts. Only numbers are
// read (no risk titles, no respondents' comments): signals are aggregates anyone may see.
import { and, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { fundingLines, healthChecks, objectives, partnershipMembers, risks } from "~/db/schema";
import { todayIso } from "~/lib/partnership-status";
import { partnershipSignalsFrom, type PartnershipSignals, type SignalInputs } from "~/lib/signals";

function groupBy<T extends { partnershipId: string | null }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    if (row.partnershipId === null) continue;
    const list = groups.get(row.partnershipId) ?? [];
    list.push(row);
    groups.set(row.partnershipId, list);
  }
  return groups;
}

/** The signals of each partnership, by id (every id given gets an entry). */
export async function partnershipSignals(
  db: Db,
  partnershipIds: readonly string[],
  today: string = todayIso(),
): Promise<Map<string, PartnershipSignals>> {
  const ids = [...new Set(partnershipIds)];
  const result = new Map<string, PartnershipSignals>();
  if (ids.length === 0) return result;
  const [members, checks, funding, riskRows, objectiveRows] = await Promise.all([
    db
      .select({
        partnershipId: partnershipMembers.partnershipId,
        organisationId: partnershipMembers.organisationId,
      })
      .from(partnershipMembers)
      .where(
        and(
          inArray(partnershipMembers.partnershipId, ids),
          isNull(partnershipMembers.archivedAt),
          or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
        ),
      ),
    db
      .select({
        partnershipId: healthChecks.partnershipId,
        period: healthChecks.period,
        trust: healthChecks.trust,
        powerBalance: healthChecks.powerBalance,
      })
      .from(healthChecks)
      .where(inArray(healthChecks.partnershipId, ids)),
    db
      .select({
        partnershipId: fundingLines.partnershipId,
        recipientOrganisationId: fundingLines.recipientOrganisationId,
        amount: fundingLines.amount,
        currency: fundingLines.currency,
      })
      .from(fundingLines)
      .where(and(inArray(fundingLines.partnershipId, ids), isNull(fundingLines.archivedAt))),
    db
      .select({
        partnershipId: risks.partnershipId,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
      })
      .from(risks)
      .where(and(inArray(risks.partnershipId, ids), isNull(risks.archivedAt))),
    db
      .select({
        partnershipId: objectives.partnershipId,
        indicator: objectives.indicator,
        target: objectives.target,
        status: objectives.status,
      })
      .from(objectives)
      .where(and(inArray(objectives.partnershipId, ids), isNull(objectives.archivedAt))),
  ]);
  const byMembers = groupBy(members);
  const byChecks = groupBy(checks);
  const byFunding = groupBy(funding);
  const byRisks = groupBy(riskRows);
  const byObjectives = groupBy(objectiveRows);
  for (const id of ids) {
    const inputs: SignalInputs = {
      memberOrganisationIds: (byMembers.get(id) ?? []).map((m) => m.organisationId),
      healthChecks: byChecks.get(id) ?? [],
      fundingLines: byFunding.get(id) ?? [],
      risks: byRisks.get(id) ?? [],
      objectives: byObjectives.get(id) ?? [],
    };
    result.set(id, partnershipSignalsFrom(inputs));
  }
  return result;
}
