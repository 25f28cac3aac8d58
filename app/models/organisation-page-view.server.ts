// Everything an organisation's page shows, in one statement (organisation-page-query.server.ts)
// whatever the organisation holds: what organisationPage (organisation-page.server.ts) answers, and,
// as the viewer may see them, its history (entityHistory), the choices of its relationship forms
// (organisationChoices) and its follow-ups (linkedActionsView). It used to take eight statements in
// three waves, each built by drizzle on every call, which cost more than running them (issue 9's
// page speed). tests/integration/organisation-page-prepared.test.ts checks the answer against those
// model functions.
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { isActionOverdue, type LinkedActionsView } from "~/lib/actions";
import { auditDiff, type AuditEntryView } from "~/lib/audit-diff";
import { riskExposure } from "~/lib/signals";
import { isUuid } from "~/lib/uuid";
import type { OrganisationChoices } from "./organisation-options.server";
import type { OrganisationPage, OwnedRisk } from "./organisation-page.server";
import { organisationPageQuery, type HistoryRow } from "./organisation-page-query.server";
import type { RelationshipView } from "./relationships.server";

export interface OrganisationPageView {
  page: OrganisationPage;
  /** Empty unless `editing`. */
  history: AuditEntryView[];
  /** Nothing to choose from unless `editing`. */
  choices: OrganisationChoices;
  /** Null unless `actions`. */
  linkedActions: LinkedActionsView | null;
}

export interface OrganisationPageParts {
  /** The history and the relationship forms' choices (organisation:write). */
  editing: boolean;
  /** The follow-ups (action:read). */
  actions: boolean;
}

/** The organisation's page as `viewer` may see it; null for an unknown or malformed id. One query. */
export async function loadOrganisationPage(
  db: Db,
  viewer: AuthUser | null,
  organisationId: string,
  parts: OrganisationPageParts,
  today: string,
): Promise<OrganisationPageView | null> {
  if (!isUuid(organisationId)) return null;
  const [row] = await organisationPageQuery(db).page.execute({
    id: organisationId,
    today,
    viewerOrganisationId: viewer?.organisationId ?? null,
    withActions: parts.actions,
    withEditing: parts.editing,
  });
  if (!row) return null;
  const {
    municipalityName,
    parentName,
    memberships,
    relationships,
    risks,
    actionTotals,
    actions,
    history,
    choices,
    ...organisation
  } = row;
  return {
    page: {
      organisation: { ...organisation, municipalityName, parentName },
      partnerships: memberships,
      relationships: relationshipViews(organisationId, relationships),
      risks: risks.map(({ viewerIsMember, likelihood, impact, title, mitigation, ...risk }): OwnedRisk => {
        const shared = {
          id: risk.id,
          partnershipId: risk.partnershipId,
          partnershipName: risk.partnershipName,
          category: risk.category,
          exposure: riskExposure(likelihood, impact),
          status: risk.status,
          reviewOn: risk.reviewOn,
        };
        // visibleRisks: members of the partnership and coordinators read the title and mitigation.
        const memberOrganisationIds = viewerIsMember && viewer?.organisationId ? [viewer.organisationId] : [];
        return canOn(viewer, "confidential:read", { memberOrganisationIds })
          ? { ...shared, confidential: false, title, mitigation }
          : { ...shared, confidential: true };
      }),
    },
    history: parts.editing ? (history ?? []).map(historyEntry) : [],
    choices:
      parts.editing && choices === null
        ? { mode: "search", known: [] }
        : { mode: "select", options: parts.editing ? (choices ?? []) : [] },
    linkedActions: parts.actions
      ? {
          items: (actions ?? []).map((a) => ({
            ...a,
            overdue: isActionOverdue(a, today),
            relation: a.ownerOrganisationId === organisationId ? ("owner" as const) : ("linked" as const),
          })),
          total: actionTotals?.total ?? 0,
          open: actionTotals?.open ?? 0,
          overdue: actionTotals?.overdue ?? 0,
        }
      : null,
  };
}

/** relationshipsOf's view and order: by direction, type and the other's name (then type and id). */
function relationshipViews(
  organisationId: string,
  rows: {
    id: string;
    type: RelationshipView["type"];
    fromOrganisationId: string;
    otherId: string;
    otherName: string;
    otherAcronym: string | null;
    startsOn: string | null;
    endsOn: string | null;
    notes: string | null;
    version: number;
  }[],
): RelationshipView[] {
  return rows
    .map((row): RelationshipView => ({
      id: row.id,
      type: row.type,
      direction: row.fromOrganisationId === organisationId ? "outgoing" : "incoming",
      other: { id: row.otherId, name: row.otherName, acronym: row.otherAcronym },
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      notes: row.notes,
      version: row.version,
    }))
    .sort(
      (a, b) =>
        a.direction.localeCompare(b.direction) ||
        a.type.localeCompare(b.type) ||
        a.other.name.localeCompare(b.other.name),
    );
}

/** entityHistory's entry: its actor (null for the system or a user since removed) and what it changed. */
function historyEntry(row: HistoryRow): AuditEntryView {
  const { changes, lifecycle } = auditDiff(row);
  return {
    id: row.id,
    at: new Date(row.atMs),
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    batchId: row.batchId,
    actor: row.userId && row.actorName !== null ? { id: row.userId, name: row.actorName } : null,
    changes,
    lifecycle,
  };
}
