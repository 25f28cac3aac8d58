// A pilot's overview tab in two statements sent together, whatever the pilot holds:
// - the pilot with its municipality's and partnership's names, its latest period, its documents, the
//   facts of its funding lines (count, totals per currency, ends for the alerts) and its open
//   milestones (for the alerts), the lists as JSON arrays;
// - the inputs of its partnership's signals (members, health checks, funding, risks, objectives).
// Both are built once per database handle (app/db/prepared-queries.server.ts). The overview used to read
// these through six model functions (fourteen statements after a header query, each built by
// drizzle on every call, which cost more than running them: issue 9's page speed). What the page
// shows is computed by the same pure functions (lib/alerts.ts, lib/funding.ts, lib/signals.ts), and
// tests/integration/pilot-overview.test.ts checks the result against those model functions
// (findPilot, listDocuments, fundingOverview, partnershipSignals, loadPilotAlerts, loadPeriods): a
// change to what they read must be made here too.
import { and, eq, isNotNull, sql, type Placeholder } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  documents,
  fundingLines,
  healthChecks,
  milestones,
  municipalities,
  objectives,
  partnershipMembers,
  partnerships,
  pilotPeriods,
  pilots,
  risks,
} from "~/db/schema";
import { pilotAlerts, type PilotAlert } from "~/lib/alerts";
import type {
  DocumentKind,
  FundingSource,
  FundingStage,
  MilestoneStatus,
  OutcomePathway,
  RiskStatus,
} from "~/lib/enums";
import { fundingTotals } from "~/lib/funding";
import { todayIso } from "~/lib/objectives";
import { partnershipSignalsFrom, type PartnershipSignals } from "~/lib/signals";
import { isUuid } from "~/lib/uuid";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { subquery, jsonRows } from "~/db/sql-fragments.server";

export interface PilotOverviewDocument {
  id: string;
  title: string;
  url: string;
  kind: DocumentKind;
}

export interface PilotOverview {
  /** The pilot's own fields (all but `illustrative`) with its municipality's and partnership's names. */
  pilot: {
    id: string;
    municipalityId: string;
    partnershipId: string | null;
    name: string;
    description: string | null;
    targetGroup: (typeof pilots.$inferSelect)["targetGroup"];
    pathways: OutcomePathway[];
    status: (typeof pilots.$inferSelect)["status"];
    startsOn: string | null;
    endsOn: string | null;
    capacity: number | null;
    version: number;
    archivedAt: Date | null;
    createdAt: Date;
    updatedAt: Date;
    municipalityName: string;
    partnershipName: string | null;
  };
  /** Its partnership's signals (null without a partnership). */
  signals: PartnershipSignals | null;
  /** Documents not archived, by kind, title and id (listDocuments' order). */
  documents: PilotOverviewDocument[];
  /** Funding lines not archived: how many, and their totals per currency (alphabetical). */
  funding: { lines: number; totals: { currency: string; total: string }[] };
  alerts: PilotAlert[];
  /** The latest period not archived (by start), or null. */
  latestPeriod: { start: string; end: string } | null;
}

interface FundingFacts {
  source: FundingSource;
  stage: FundingStage;
  amount: string | null;
  currency: string;
  pathwaysCovered: OutcomePathway[];
  voluntaryReturnOnly: boolean;
  startsOn: string | null;
  endsOn: string | null;
}

interface OpenMilestone {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  status: MilestoneStatus;
}

/** The pilot's record and what hangs off it (one statement). */
function selectPilot(db: Db, id: Placeholder) {
  const periodsOf = sql`from ${pilotPeriods} where ${pilotPeriods.pilotId} = ${pilots.id} and ${pilotPeriods.archivedAt} is null`;
  return db
    .select({
      id: pilots.id,
      municipalityId: pilots.municipalityId,
      partnershipId: pilots.partnershipId,
      name: pilots.name,
      description: pilots.description,
      targetGroup: pilots.targetGroup,
      pathways: pilots.pathways,
      status: pilots.status,
      startsOn: pilots.startsOn,
      endsOn: pilots.endsOn,
      capacity: pilots.capacity,
      version: pilots.version,
      archivedAt: pilots.archivedAt,
      createdAt: pilots.createdAt,
      updatedAt: pilots.updatedAt,
      municipalityName: municipalities.name,
      partnershipName: partnerships.name,
      // The alerts compare with the latest end; the page shows the latest period by start.
      lastPeriodEnd: subquery<string | null>(sql`select max(${pilotPeriods.periodEnd})::text ${periodsOf}`),
      latestPeriod: subquery<{ start: string; end: string } | null>(
        sql`select json_build_object('start', ${pilotPeriods.periodStart}, 'end', ${pilotPeriods.periodEnd}) ${periodsOf} order by ${pilotPeriods.periodStart} desc, ${pilotPeriods.id} desc limit 1`,
      ),
      documents: jsonRows<PilotOverviewDocument>(
        sql`json_build_object('id', ${documents.id}, 'title', ${documents.title}, 'url', ${documents.url}, 'kind', ${documents.kind})`,
        sql`from ${documents} where ${documents.pilotId} = ${pilots.id} and ${documents.archivedAt} is null`,
        sql`${documents.kind}, ${documents.title}, ${documents.id}`,
      ),
      // Amounts as text, as drizzle reads a numeric (exact decimals for the totals).
      funding: jsonRows<FundingFacts>(
        sql`json_build_object('source', ${fundingLines.source}, 'stage', ${fundingLines.stage}, 'amount', ${fundingLines.amount}::text, 'currency', ${fundingLines.currency}, 'pathwaysCovered', ${fundingLines.pathwaysCovered}, 'voluntaryReturnOnly', ${fundingLines.voluntaryReturnOnly}, 'startsOn', ${fundingLines.startsOn}, 'endsOn', ${fundingLines.endsOn})`,
        sql`from ${fundingLines} where ${fundingLines.pilotId} = ${pilots.id} and ${fundingLines.archivedAt} is null`,
      ),
      // The milestones that can alert: not archived, with a due date, neither done nor cancelled.
      openMilestones: jsonRows<OpenMilestone>(
        sql`json_build_object('id', ${milestones.id}, 'title', ${milestones.title}, 'dueOn', ${milestones.dueOn}, 'doneOn', ${milestones.doneOn}, 'status', ${milestones.status})`,
        sql`from ${milestones} where ${milestones.pilotId} = ${pilots.id} and ${milestones.archivedAt} is null and ${milestones.dueOn} is not null and ${milestones.status} not in ('done', 'cancelled')`,
        sql`${milestones.dueOn}, ${milestones.id}`,
      ),
    })
    .from(pilots)
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
    .where(eq(pilots.id, id));
}

/**
 * The inputs of the signals of the pilot's partnership (one statement, no row without one), as
 * models/signals.server.ts reads them: current members, every health check, funding lines and risks
 * and objectives not archived. Amounts as text, as drizzle reads a numeric.
 */
function selectSignalInputs(db: Db, id: Placeholder, today: Placeholder) {
  return db
    .select({
      memberOrganisationIds: jsonRows<string>(
        sql`${partnershipMembers.organisationId}`,
        sql`from ${partnershipMembers} where ${partnershipMembers.partnershipId} = ${pilots.partnershipId} and ${partnershipMembers.archivedAt} is null and (${partnershipMembers.leftOn} is null or ${partnershipMembers.leftOn} > ${today})`,
      ),
      healthChecks: jsonRows<{ period: string; trust: number | null; powerBalance: number | null }>(
        sql`json_build_object('period', ${healthChecks.period}, 'trust', ${healthChecks.trust}, 'powerBalance', ${healthChecks.powerBalance})`,
        sql`from ${healthChecks} where ${healthChecks.partnershipId} = ${pilots.partnershipId}`,
      ),
      fundingLines: jsonRows<{
        recipientOrganisationId: string | null;
        amount: string | null;
        currency: string;
      }>(
        sql`json_build_object('recipientOrganisationId', ${fundingLines.recipientOrganisationId}, 'amount', ${fundingLines.amount}::text, 'currency', ${fundingLines.currency})`,
        sql`from ${fundingLines} where ${fundingLines.partnershipId} = ${pilots.partnershipId} and ${fundingLines.archivedAt} is null`,
      ),
      risks: jsonRows<{ likelihood: number; impact: number; status: RiskStatus }>(
        sql`json_build_object('likelihood', ${risks.likelihood}, 'impact', ${risks.impact}, 'status', ${risks.status})`,
        sql`from ${risks} where ${risks.partnershipId} = ${pilots.partnershipId} and ${risks.archivedAt} is null`,
      ),
      objectives: jsonRows<{ indicator: string | null; target: number | null; status: string }>(
        sql`json_build_object('indicator', ${objectives.indicator}, 'target', ${objectives.target}, 'status', ${objectives.status})`,
        sql`from ${objectives} where ${objectives.partnershipId} = ${pilots.partnershipId} and ${objectives.archivedAt} is null`,
      ),
    })
    .from(pilots)
    .where(and(eq(pilots.id, id), isNotNull(pilots.partnershipId)));
}

/** Both statements, built once per database handle (values filled at each call). */
const overviewQueries = preparedPerDb((db) => {
  const id = sql.placeholder("id");
  return {
    pilot: prepared(selectPilot(db, id)),
    signalInputs: prepared(selectSignalInputs(db, id, sql.placeholder("today"))),
  };
});

/** Everything the overview tab shows of this pilot (null for an unknown or malformed id). */
export async function loadPilotOverview(
  db: Db,
  id: string,
  today: string = todayIso(),
): Promise<PilotOverview | null> {
  if (!isUuid(id)) return null;
  const queries = overviewQueries(db);
  const [[row], [inputs]] = await Promise.all([
    queries.pilot.execute({ id }),
    queries.signalInputs.execute({ id, today }),
  ]);
  if (!row) return null;
  const { lastPeriodEnd, latestPeriod, documents: documentRows, funding, openMilestones, ...pilot } = row;
  const alerts = pilotAlerts(
    { id: pilot.id, status: pilot.status, startsOn: pilot.startsOn, endsOn: pilot.endsOn, lastPeriodEnd },
    openMilestones.map((m) => ({ ...m, pilotId: pilot.id })),
    funding,
    today,
  );
  return {
    pilot,
    signals: inputs && pilot.partnershipId ? partnershipSignalsFrom(inputs) : null,
    documents: documentRows,
    funding: {
      lines: funding.length,
      totals: fundingTotals(funding).map(({ currency, total }) => ({ currency, total })),
    },
    alerts,
    latestPeriod,
  };
}
