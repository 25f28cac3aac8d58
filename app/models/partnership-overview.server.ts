// A partnership's page in one statement per loader, whatever the partnership holds:
// - its header (every tab's layout): the heading fields and the inputs of its signals (current
//   members, every health check, funding lines, risks and objectives not archived) as JSON arrays;
// - its overview tab: its own fields, and the inputs of its signals and of "what needs attention"
//   (members with their roles, objectives with titles and due dates, risks with review dates and,
//   for a viewer who may read them, their titles, funding lines with their ends).
// Both are built once per database handle (app/db/prepared-queries.server.ts). The page used to read
// these through five model functions (findPartnershipHeader and partnershipSignals for the layout;
// findPartnershipOverview, confidentialAccess, partnershipSignals again and partnershipAttention for
// the tab: 17 statements in two waves besides the follow-ups, each built by drizzle on every call,
// which cost more than running them: issue 9's page speed). What the page shows is computed by the
// same pure functions (lib/signals.ts, lib/attention.ts, canOn of auth/permissions.server.ts), and
// tests/integration/partnership-overview.test.ts checks the result against those model functions: a
// change to what they read must be made here too.
import { eq, getTableColumns, sql, type Placeholder, type SQL } from "drizzle-orm";
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { jsonRows } from "~/db/sql-fragments.server";
import { fundingLines, healthChecks, objectives, partnershipMembers, partnerships, risks } from "~/db/schema";
import { needsAttention, type AttentionItem } from "~/lib/attention";
import type { RiskStatus } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import { partnershipSignalsFrom, type PartnershipSignals } from "~/lib/signals";
import { isUuid } from "~/lib/uuid";

// The rows of the partnership in the outer select, with the conditions of the model functions the
// other pages use (signals.server.ts, confidential.server.ts, partnershipAttention).

/** Current members: not archived, and not left by `today` (a left day of today or before: left). */
function currentMembers(today: Placeholder): SQL {
  return sql`from ${partnershipMembers} where ${partnershipMembers.partnershipId} = ${partnerships.id} and ${partnershipMembers.archivedAt} is null and (${partnershipMembers.leftOn} is null or ${partnershipMembers.leftOn} > ${today})`;
}

/** Every health check (archived ones too, as partnershipSignals reads them). */
function allHealthChecks(): SQL {
  return sql`from ${healthChecks} where ${healthChecks.partnershipId} = ${partnerships.id}`;
}

function liveFundingLines(): SQL {
  return sql`from ${fundingLines} where ${fundingLines.partnershipId} = ${partnerships.id} and ${fundingLines.archivedAt} is null`;
}

function liveRisks(): SQL {
  return sql`from ${risks} where ${risks.partnershipId} = ${partnerships.id} and ${risks.archivedAt} is null`;
}

function liveObjectives(): SQL {
  return sql`from ${objectives} where ${objectives.partnershipId} = ${partnerships.id} and ${objectives.archivedAt} is null`;
}

type HealthCheckInput = { period: string; trust: number | null; powerBalance: number | null };

const healthCheckObject = sql`json_build_object('period', ${healthChecks.period}, 'trust', ${healthChecks.trust}, 'powerBalance', ${healthChecks.powerBalance})`;

// ---------------------------------------------------------------------------------------------
// The header (the layout of every tab)

export interface PartnershipHeader {
  partnership: {
    id: string;
    name: string;
    status: (typeof partnerships.$inferSelect)["status"];
    countryCode: string | null;
    startDate: string | null;
    endDate: string | null;
    archivedAt: Date | null;
    version: number;
  };
  signals: PartnershipSignals;
}

/** The heading fields (findPartnershipHeader's) and the signal inputs (amounts as text, as drizzle reads a numeric). */
function selectHeader(db: Db, id: Placeholder, today: Placeholder) {
  return db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      countryCode: partnerships.countryCode,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      archivedAt: partnerships.archivedAt,
      version: partnerships.version,
      memberOrganisationIds: jsonRows<string>(
        sql`${partnershipMembers.organisationId}`,
        currentMembers(today),
      ),
      healthChecks: jsonRows<HealthCheckInput>(healthCheckObject, allHealthChecks()),
      fundingLines: jsonRows<{
        recipientOrganisationId: string | null;
        amount: string | null;
        currency: string;
      }>(
        sql`json_build_object('recipientOrganisationId', ${fundingLines.recipientOrganisationId}, 'amount', ${fundingLines.amount}::text, 'currency', ${fundingLines.currency})`,
        liveFundingLines(),
      ),
      risks: jsonRows<{ likelihood: number; impact: number; status: RiskStatus }>(
        sql`json_build_object('likelihood', ${risks.likelihood}, 'impact', ${risks.impact}, 'status', ${risks.status})`,
        liveRisks(),
      ),
      objectives: jsonRows<{ indicator: string | null; target: number | null; status: string }>(
        sql`json_build_object('indicator', ${objectives.indicator}, 'target', ${objectives.target}, 'status', ${objectives.status})`,
        liveObjectives(),
      ),
    })
    .from(partnerships)
    .where(eq(partnerships.id, id));
}

// ---------------------------------------------------------------------------------------------
// The overview tab

/** The partnership's own fields: every column but `illustrative` (which the page never shows). */
const { illustrative: _illustrative, ...fieldColumns } = getTableColumns(partnerships);

export interface PartnershipOverview {
  partnership: Omit<typeof partnerships.$inferSelect, "illustrative">;
  signals: PartnershipSignals;
  /** What needs attention today; risk titles only for a viewer with confidential access. */
  attention: AttentionItem[];
}

/**
 * The partnership's fields and the inputs of its signals and of what needs attention. Risk titles are
 * partnership-confidential (confidential.server.ts): the statement reads them only when the viewer may
 * see them, which is `canOn(viewer, "confidential:read", ...)` in SQL: `readsAll` (a coordinator), or
 * the viewer's organisation among the current members. Otherwise each title is null.
 */
function selectOverview(db: Db, id: Placeholder, today: Placeholder) {
  const readsAll = sql.placeholder("readsAll");
  const organisationId = sql.placeholder("organisationId");
  const titlesVisible = sql`(${readsAll}::boolean or exists (select 1 ${currentMembers(today)} and ${partnershipMembers.organisationId} = ${organisationId}::uuid))`;
  return db
    .select({
      ...fieldColumns,
      members: jsonRows<{ organisationId: string; role: string }>(
        sql`json_build_object('organisationId', ${partnershipMembers.organisationId}, 'role', ${partnershipMembers.role})`,
        currentMembers(today),
      ),
      healthChecks: jsonRows<HealthCheckInput>(healthCheckObject, allHealthChecks()),
      fundingLines: jsonRows<{
        recipientOrganisationId: string | null;
        amount: string | null;
        currency: string;
        endsOn: string | null;
      }>(
        sql`json_build_object('recipientOrganisationId', ${fundingLines.recipientOrganisationId}, 'amount', ${fundingLines.amount}::text, 'currency', ${fundingLines.currency}, 'endsOn', ${fundingLines.endsOn})`,
        liveFundingLines(),
      ),
      // By review day, as partnershipAttention lists the titles of overdue reviews.
      risks: jsonRows<{
        title: string | null;
        likelihood: number;
        impact: number;
        status: RiskStatus;
        reviewOn: string | null;
      }>(
        sql`json_build_object('title', case when ${titlesVisible} then ${risks.title} end, 'likelihood', ${risks.likelihood}, 'impact', ${risks.impact}, 'status', ${risks.status}, 'reviewOn', ${risks.reviewOn})`,
        liveRisks(),
        sql`${risks.reviewOn}`,
      ),
      // By due day and title, as partnershipAttention lists them.
      objectives: jsonRows<{
        title: string;
        indicator: string | null;
        target: number | null;
        dueDate: string | null;
        status: string;
      }>(
        sql`json_build_object('title', ${objectives.title}, 'indicator', ${objectives.indicator}, 'target', ${objectives.target}, 'dueDate', ${objectives.dueDate}, 'status', ${objectives.status})`,
        liveObjectives(),
        sql`${objectives.dueDate}, ${objectives.title}`,
      ),
    })
    .from(partnerships)
    .where(eq(partnerships.id, id));
}

/** Both statements, built once per database handle (values filled at each call). */
const queries = preparedPerDb((db) => {
  const id = sql.placeholder("id");
  const today = sql.placeholder("today");
  return {
    header: prepared(selectHeader(db, id, today)),
    overview: prepared(selectOverview(db, id, today)),
  };
});

/** The partnership's heading fields and signals (undefined for an unknown or malformed id). One query. */
export async function loadPartnershipHeader(
  db: Db,
  id: string,
  today: string = todayIso(),
): Promise<PartnershipHeader | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await queries(db).header.execute({ id, today });
  if (!row) return undefined;
  const { memberOrganisationIds, healthChecks, fundingLines, risks, objectives, ...partnership } = row;
  return {
    partnership,
    signals: partnershipSignalsFrom({ memberOrganisationIds, healthChecks, fundingLines, risks, objectives }),
  };
}

/**
 * Everything the overview tab shows of this partnership to this viewer (undefined for an unknown or
 * malformed id). One query.
 */
export async function loadPartnershipOverview(
  db: Db,
  id: string,
  viewer: AuthUser | null,
  today: string = todayIso(),
): Promise<PartnershipOverview | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await queries(db).overview.execute({
    id,
    today,
    readsAll: canOn(viewer, "confidential:read", { memberOrganisationIds: [] }),
    organisationId: viewer?.organisationId ?? null,
  });
  if (!row) return undefined;
  const { members, healthChecks, fundingLines, risks, objectives, ...partnership } = row;
  const memberOrganisationIds = members.map((m) => m.organisationId);
  // The statement's rule, once more in code: without access no title leaves this function.
  const full = canOn(viewer, "confidential:read", { memberOrganisationIds });
  return {
    partnership,
    signals: partnershipSignalsFrom({ memberOrganisationIds, healthChecks, fundingLines, risks, objectives }),
    attention: needsAttention(
      {
        status: partnership.status,
        members,
        objectives,
        risks: full ? risks : risks.map((risk) => ({ ...risk, title: null })),
        fundingLines,
      },
      today,
    ),
  };
}
