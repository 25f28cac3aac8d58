// Reading the network snapshot from the database: six set-based queries in one repeatable-read
// transaction, and the tables' fingerprint the 30-second recheck compares. The cache around it is
// network-snapshot.server.ts.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import {
  healthChecks,
  organisations,
  partnershipMembers,
  partnerships,
  pilots,
  relationships,
  risks,
} from "~/db/schema";
import { riskCategories, type RiskCategory } from "~/lib/enums";
import type {
  NetworkSnapshot,
  SnapshotMember,
  SnapshotOrganisation,
  SnapshotPartnership,
} from "~/lib/network/types";
import { trustSignal } from "~/lib/signals";

/**
 * Read the snapshot: six queries, whatever the size of the network, sent together in one read-only
 * repeatable-read transaction: one consistent view of the network, and one wait for a pooled
 * connection instead of six in turn (under load, each wait was a queue behind other requests).
 */
export async function readSnapshot(
  db: Db,
  dataVersion: number,
  today: string,
): Promise<{ snapshot: NetworkSnapshot; fingerprint: string }> {
  const [snapshotRows, fingerprint] = await db.transaction(
    (tx) => Promise.all([readSnapshotRows(tx), tableFingerprint(tx)]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return { snapshot: snapshotOf(snapshotRows, dataVersion, today), fingerprint };
}

/**
 * A fingerprint of the tables the snapshot reads: each table's row count and the sum of a hash of
 * its rows' xmin (the transaction that wrote each row version: an insert, an update or a delete
 * changes it). Worked out in the database, so a recheck costs the server nothing but a round trip.
 */
export async function tableFingerprint(db: Db | Tx): Promise<string> {
  const tables = [
    organisations,
    pilots,
    partnerships,
    partnershipMembers,
    risks,
    healthChecks,
    relationships,
  ];
  const parts = tables.map(
    (table) => sql`(select count(*) || ':' || coalesce(sum(hashtext(t.xmin::text)), 0) from ${table} t)`,
  );
  const [row] = rows<{ fingerprint: string }>(
    await db.execute(sql`select concat_ws(' ', ${sql.join(parts, sql`, `)}) as fingerprint`),
  );
  return row?.fingerprint ?? "";
}

/** The transaction readSnapshot reads in. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The snapshot's rows, as the six queries return them. */
type SnapshotRows = Awaited<ReturnType<typeof readSnapshotRows>>;

/** The snapshot's columns of organisations (where and order to add). */
export function organisationSelect(db: Db | Tx) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      type: organisations.type,
      level: organisations.level,
      countryCode: organisations.countryCode,
      municipalityId: organisations.municipalityId,
      // Columns of the outer table are written qualified: drizzle leaves them unqualified in the
      // select list of a one-table query, where they would resolve to the subquery's table.
      hasPilot: sql<boolean>`("organisations"."municipality_id" is not null and exists (
        select 1 from ${pilots} pl
        where pl.municipality_id = "organisations"."municipality_id" and pl.archived_at is null))`,
    })
    .from(organisations);
}

type OrganisationRow = Awaited<ReturnType<ReturnType<typeof organisationSelect>["where"]>>[number];

export function organisationOf(row: OrganisationRow): SnapshotOrganisation {
  return { ...row, hasPilot: Boolean(row.hasPilot) };
}

async function readSnapshotRows(db: Tx) {
  const organisationQuery = organisationSelect(db)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name), asc(organisations.id));

  const partnershipQuery = db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      countryCode: partnerships.countryCode,
    })
    .from(partnerships)
    .where(isNull(partnerships.archivedAt))
    .orderBy(asc(partnerships.name), asc(partnerships.id));

  // Members that are not archived, of organisations that are not archived.
  const memberQuery = db
    .select({
      partnershipId: partnershipMembers.partnershipId,
      organisationId: partnershipMembers.organisationId,
      role: partnershipMembers.role,
      joinedOn: partnershipMembers.joinedOn,
      leftOn: partnershipMembers.leftOn,
    })
    .from(partnershipMembers)
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(isNull(partnershipMembers.archivedAt), isNull(organisations.archivedAt)))
    .orderBy(asc(partnershipMembers.partnershipId), asc(organisations.name), asc(organisations.id));

  // Risks aggregated per partnership in SQL: live = not closed.
  const exposure = sql`(${risks.likelihood} * ${risks.impact})`;
  const riskQuery = db
    .select({
      partnershipId: risks.partnershipId,
      highestExposure: sql<number | null>`max(${exposure}) filter (where ${risks.status} <> 'closed')`,
      categories: sql<
        RiskCategory[] | null
      >`array_agg(distinct ${risks.category}) filter (where ${risks.status} <> 'closed')`,
      powerImbalanceExposure: sql<
        number | null
      >`max(${exposure}) filter (where ${risks.status} = 'open' and ${risks.category} = 'power_imbalance')`,
    })
    .from(risks)
    .where(isNull(risks.archivedAt))
    .groupBy(risks.partnershipId);

  // Health checks of each partnership's latest period only (what the trust index reads).
  const healthQuery = db
    .select({
      partnershipId: healthChecks.partnershipId,
      period: healthChecks.period,
      trust: healthChecks.trust,
      powerBalance: healthChecks.powerBalance,
    })
    .from(healthChecks)
    .where(
      sql`(${healthChecks.partnershipId}, ${healthChecks.period}) in (
        select h.partnership_id, max(h.period) from ${healthChecks} h group by h.partnership_id)`,
    );

  const relationshipQuery = db
    .select({
      id: relationships.id,
      fromId: relationships.fromOrganisationId,
      toId: relationships.toOrganisationId,
      type: relationships.type,
      startsOn: relationships.startsOn,
      endsOn: relationships.endsOn,
    })
    .from(relationships)
    .where(
      and(
        isNull(relationships.archivedAt),
        sql`exists (select 1 from ${organisations} f where f.id = ${relationships.fromOrganisationId} and f.archived_at is null)`,
        sql`exists (select 1 from ${organisations} t where t.id = ${relationships.toOrganisationId} and t.archived_at is null)`,
      ),
    )
    .orderBy(asc(relationships.id));

  const [organisationRows, partnershipRows, memberRows, riskRows, healthRows, relationshipRows] =
    await Promise.all([
      organisationQuery,
      partnershipQuery,
      memberQuery,
      riskQuery,
      healthQuery,
      relationshipQuery,
    ]);
  return { organisationRows, partnershipRows, memberRows, riskRows, healthRows, relationshipRows };
}

function snapshotOf(
  { organisationRows, partnershipRows, memberRows, riskRows, healthRows, relationshipRows }: SnapshotRows,
  dataVersion: number,
  today: string,
): NetworkSnapshot {
  const membersOf = new Map<string, SnapshotMember[]>();
  for (const row of memberRows) {
    const list = membersOf.get(row.partnershipId) ?? [];
    list.push({
      organisationId: row.organisationId,
      role: row.role,
      joinedOn: row.joinedOn,
      leftOn: row.leftOn,
    });
    membersOf.set(row.partnershipId, list);
  }
  const risksOf = new Map(riskRows.map((row) => [row.partnershipId, row]));
  const checksOf = new Map<string, { period: string; trust: number | null; powerBalance: number | null }[]>();
  for (const row of healthRows) {
    const list = checksOf.get(row.partnershipId) ?? [];
    list.push({ period: row.period, trust: row.trust, powerBalance: row.powerBalance });
    checksOf.set(row.partnershipId, list);
  }

  const snapshotPartnerships: SnapshotPartnership[] = partnershipRows.map((row) => {
    const risk = risksOf.get(row.id);
    return {
      ...row,
      members: membersOf.get(row.id) ?? [],
      trustIndex: trustSignal(checksOf.get(row.id) ?? []).value,
      highestExposure: Number(risk?.highestExposure ?? 0),
      riskCategories: riskCategories.filter((category) => risk?.categories?.includes(category)),
      powerImbalanceExposure: Number(risk?.powerImbalanceExposure ?? 0),
    };
  });

  return {
    dataVersion,
    today,
    organisations: organisationRows.map(organisationOf),
    partnerships: snapshotPartnerships,
    relationships: relationshipRows,
  };
}
