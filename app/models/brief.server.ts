// The follow-up brief of an event (issue 7, decision 0021): what an organiser sends to the
// participants after it. Takeaways, commitments with their owner, due date and status, what changed
// since the event in the participants' partnerships, pilot milestones reached since, and the open
// risks of those partnerships, in detail only where the reader may see them (decision 0009).
// A fixed number of queries whatever the size of the event or of the network.
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { isActionOverdue } from "~/lib/actions";
import type {
  BriefCommitment,
  BriefData,
  BriefPartnership,
  BriefRiskCategoryCount,
  BriefRiskGroup,
} from "~/lib/brief/types";
import { riskCategories } from "~/lib/enums";
import { isCurrentPartnership } from "~/lib/partnership-status";
import { riskExposure, riskSummary } from "~/lib/signals";
import { listEventActions, type ActionRow } from "./action-lists.server";
import {
  auditSince,
  milestonesSince,
  openRisks,
  participantPartnerships,
  type OpenRiskRow,
  type ParticipantPartnershipRow,
  type PartnershipAuditSummary,
} from "./brief-partnerships.server";
import { listParticipants, listTakeaways } from "./event-details.server";
import { findEvent } from "./events.server";

export type { BriefData } from "~/lib/brief/types";

function commitmentOf(row: ActionRow, today: string): BriefCommitment {
  const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
  return {
    id: row.id,
    title: row.title,
    ownerOrganisation: row.ownerOrganisationName,
    ownerUser: row.ownerUserName,
    dueOn: row.dueOn,
    status: row.status,
    doneOn: row.doneOn,
    overdue: isActionOverdue(row, today),
    partnership: ref(row.partnershipId, row.partnershipName),
    pilot: ref(row.pilotId, row.pilotName),
    organisation: ref(row.organisationId, row.organisationName),
  };
}

const inWindow = (day: string | null, since: string, today: string) =>
  day !== null && day >= since && day <= today;

/**
 * New: started since the event (start date from its start day to today), or, without a start date,
 * created in the app since. Ended: its last day (end date) from the event's start day to yesterday,
 * or its latest status change since the event set it to "ended": the complement of
 * `isCurrentPartnership` (a partnership whose last day is today is still current, not ended).
 * Changed: any audit entry since on it or its child records, and neither new nor ended.
 */
function classify(
  rows: readonly ParticipantPartnershipRow[],
  audit: ReadonlyMap<string, PartnershipAuditSummary>,
  since: string,
  today: string,
) {
  const created: BriefPartnership[] = [];
  const ended: BriefPartnership[] = [];
  const changed: BriefPartnership[] = [];
  for (const row of rows) {
    const entries = audit.get(row.id);
    const partnership: BriefPartnership = {
      id: row.id,
      name: row.name,
      status: row.status,
      startDate: row.startDate,
      endDate: row.endDate,
      participantMembers: row.participantMembers,
      changes: entries?.changes ?? 0,
      lastChangedOn: entries?.lastChangedOn ?? null,
    };
    const isNew =
      inWindow(row.startDate, since, today) || (row.startDate === null && entries?.created === true);
    const isEnded =
      (row.endDate !== null && row.endDate >= since && row.endDate < today) ||
      entries?.endedByStatus === true;
    if (isNew) created.push(partnership);
    if (isEnded) ended.push(partnership);
    if (!isNew && !isEnded && partnership.changes > 0) changed.push(partnership);
  }
  return { created, ended, changed };
}

function riskGroups(
  rows: readonly ParticipantPartnershipRow[],
  detailed: readonly (OpenRiskRow & { title: string })[],
  aggregated: readonly OpenRiskRow[],
): BriefRiskGroup[] {
  const byPartnership = <R extends OpenRiskRow>(list: readonly R[]) => {
    const map = new Map<string, R[]>();
    for (const risk of list) map.set(risk.partnershipId, [...(map.get(risk.partnershipId) ?? []), risk]);
    return map;
  };
  const detailedOf = byPartnership(detailed);
  const aggregatedOf = byPartnership(aggregated);
  const groups: BriefRiskGroup[] = [];
  for (const row of rows) {
    const partnership = { id: row.id, name: row.name };
    const full = detailedOf.get(row.id) ?? [];
    if (full.length > 0) {
      groups.push({
        partnership,
        access: "full",
        risks: full
          .map((risk) => ({
            title: risk.title,
            category: risk.category,
            status: risk.status,
            exposure: riskExposure(risk.likelihood, risk.impact),
          }))
          .sort((a, b) => b.exposure - a.exposure || a.title.localeCompare(b.title)),
      });
      continue;
    }
    const hidden = aggregatedOf.get(row.id) ?? [];
    if (hidden.length === 0) continue;
    // The same aggregates the partnership's risk tab shows non-members: counts per category and
    // the highest exposure, built from numbers only.
    const summary = riskSummary(hidden);
    const byCategory: BriefRiskCategoryCount[] = riskCategories
      .map((category) => ({ category, count: summary.byCategory[category] }))
      .filter((entry) => entry.count > 0);
    groups.push({
      partnership,
      access: "aggregate",
      openCount: summary.openCount,
      highestExposure: summary.highestExposure,
      byCategory,
    });
  }
  return groups;
}

/**
 * The brief of an event (archived ones too: it is history) for this reader on `today`
 * ('YYYY-MM-DD'); null for an unknown event.
 */
export async function eventBrief(
  db: Db,
  eventId: string,
  reader: AuthUser | null,
  today: string,
): Promise<BriefData | null> {
  const event = await findEvent(db, eventId);
  if (!event) return null;
  const since = event.startsOn;
  const [participants, takeaways, actions, partnershipRows] = await Promise.all([
    listParticipants(db, event.id),
    listTakeaways(db, event.id),
    listEventActions(db, event.id),
    participantPartnerships(db, event.id, since, reader?.organisationId ?? null, today),
  ]);
  const ids = partnershipRows.map((row) => row.id);
  // Risks: of the partnerships still current. Full detail where canOn says the reader may read
  // the partnership's confidential fields (coordinators, current members).
  const current = partnershipRows.filter((row) => isCurrentPartnership(row, today));
  const mayRead = (row: ParticipantPartnershipRow) =>
    canOn(reader, "confidential:read", {
      memberOrganisationIds: row.readerIsMember && reader?.organisationId ? [reader.organisationId] : [],
    });
  const [audit, milestones, risks] = await Promise.all([
    auditSince(db, ids, since),
    milestonesSince(db, event.id, ids, since, today),
    openRisks(
      db,
      current.filter(mayRead).map((row) => row.id),
      current.filter((row) => !mayRead(row)).map((row) => row.id),
    ),
  ]);
  const { created, ended, changed } = classify(partnershipRows, audit, since, today);
  return {
    today,
    since,
    event: {
      id: event.id,
      title: event.title,
      kind: event.kind,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      location: event.location,
      online: event.online,
      archived: event.archivedAt !== null,
      organisers: event.organisers,
    },
    participants: participants.participants.map((p) => ({
      id: p.organisationId,
      name: p.name,
      acronym: p.acronym,
      attendeeCount: p.attendeeCount,
    })),
    attendees: participants.attendees,
    unknownAttendeeCounts: participants.unknownCounts,
    takeaways: takeaways.map((t) => ({ theme: t.theme, text: t.text })),
    commitments: actions.map((row) => commitmentOf(row, today)),
    partnershipCount: partnershipRows.length,
    newPartnerships: created,
    endedPartnerships: ended,
    changedPartnerships: changed,
    milestones,
    risks: riskGroups(current, risks.detailed, risks.aggregated),
  };
}
