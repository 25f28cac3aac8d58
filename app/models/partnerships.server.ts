import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  fundingLines,
  healthChecks,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  risks,
  type Partnership,
  type PartnershipMember,
} from "~/db/schema";
import {
  memberRoles,
  partnershipStatuses,
  type Level,
  type MemberRole,
  type PartnershipStatus,
} from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { activationProblem, membershipChangeProblem, todayIso } from "~/lib/partnership-status";
import {
  SIGNAL_MIN_RESPONDENTS,
  TRUST_HIGH_FROM,
  TRUST_LOW_BELOW,
  needsAttention,
  type AttentionItem,
  type HealthBand,
  type PartnershipSignals,
} from "~/lib/signals";
import {
  parsePartnershipListQuery,
  type PartnershipFields,
  type PartnershipListQuery,
  type PartnershipRefusal,
} from "~/lib/validation/partnerships";
import { recordAudit, type Actor, changedFields } from "./audit.server";

export type { Partnership } from "~/db/schema";
import { partnershipSignals } from "./signals.server";
import { one } from "~/db/rows.server";

export interface NextDueItem {
  kind: "objective" | "funding" | "riskReview";
  date: string;
  /** The objective's title, or the funding line's reference; none for a risk (its title is confidential). */
  label: string | null;
}

export interface PartnershipListItem {
  id: string;
  name: string;
  status: PartnershipStatus;
  countryCode: string | null;
  scopeLevel: Level | null;
  startDate: string | null;
  endDate: string | null;
  archivedAt: Date | null;
  memberCount: number;
  lead: { id: string; name: string; acronym: string | null } | null;
  signals: PartnershipSignals;
  nextDue: NextDueItem | null;
}

/** Current members on `today`: not archived, not left (a left day today or past means gone). */
function currentMemberSql(today: string) {
  return sql`m.archived_at is null and (m.left_on is null or m.left_on > ${today})`;
}

function memberCountSql(today: string) {
  return sql<number>`(select count(*)::int from ${partnershipMembers} m where m.partnership_id = ${partnerships.id} and ${currentMemberSql(today)})`;
}

/** Highest likelihood x impact among live risks (null when none): the exposure signal, in SQL. */
const exposureSql = sql`(select max(r.likelihood * r.impact) from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed')`;

/** The trust index in SQL, as app/lib/signals.ts computes it (latest period, enough answers, one decimal). */
const trustSql = sql`(select case when count(h.trust) >= ${SIGNAL_MIN_RESPONDENTS} then round(avg(h.trust)::numeric, 1) end from ${healthChecks} h where h.partnership_id = ${partnerships.id} and h.period = (select max(h2.period) from ${healthChecks} h2 where h2.partnership_id = ${partnerships.id}))`;

function healthBandSql(band: HealthBand): SQL {
  switch (band) {
    case "none":
      return sql`${trustSql} is null`;
    case "low":
      return sql`${trustSql} < ${TRUST_LOW_BELOW}`;
    case "medium":
      return sql`${trustSql} >= ${TRUST_LOW_BELOW} and ${trustSql} < ${TRUST_HIGH_FROM}`;
    case "high":
      return sql`${trustSql} >= ${TRUST_HIGH_FROM}`;
  }
}

const statusOrderSql = sql`case ${partnerships.status} ${sql.join(
  partnershipStatuses.map((status, i) => sql.raw(`when '${status}' then ${i}`)),
  sql` `,
)} end`;

function orderFor(query: PartnershipListQuery, today: string): SQL[] {
  const dir = sql.raw(query.direction === "desc" ? "desc nulls last" : "asc nulls last");
  const by: Record<PartnershipListQuery["sort"], SQL | null> = {
    name: null,
    status: statusOrderSql,
    start: sql`${partnerships.startDate}`,
    members: memberCountSql(today),
    exposure: exposureSql,
    trust: trustSql,
  };
  const first = by[query.sort];
  const name =
    query.direction === "desc" && query.sort === "name" ? desc(partnerships.name) : asc(partnerships.name);
  return [...(first ? [sql`${first} ${dir}`] : []), name, asc(partnerships.id)];
}

function listConditions(query: PartnershipListQuery): SQL[] {
  const conditions: SQL[] = [
    query.archived ? isNotNull(partnerships.archivedAt) : isNull(partnerships.archivedAt),
  ];
  if (query.status) conditions.push(eq(partnerships.status, query.status));
  if (query.country) conditions.push(eq(partnerships.countryCode, query.country));
  if (query.level) conditions.push(eq(partnerships.scopeLevel, query.level));
  if (query.riskCategory) {
    conditions.push(
      sql`exists (select 1 from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed' and r.category = ${query.riskCategory})`,
    );
  }
  if (query.healthBand) conditions.push(healthBandSql(query.healthBand));
  return conditions;
}

/**
 * Partnerships matching the filters, one page at a time, sorted, with member count, lead, signals
 * and next due item. A handful of queries per page, whatever its size.
 */
export async function listPartnerships(
  db: Db,
  request: PageRequest,
  query: PartnershipListQuery = parsePartnershipListQuery(new URLSearchParams()),
  today: string = todayIso(),
): Promise<Page<PartnershipListItem>> {
  const where = and(...listConditions(query));
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: partnerships.id,
        name: partnerships.name,
        status: partnerships.status,
        countryCode: partnerships.countryCode,
        scopeLevel: partnerships.scopeLevel,
        startDate: partnerships.startDate,
        endDate: partnerships.endDate,
        archivedAt: partnerships.archivedAt,
      })
      .from(partnerships)
      .where(where)
      .orderBy(...orderFor(query, today))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(partnerships).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [members, signals, nextDue] = await Promise.all([
    ids.length
      ? db
          .select({
            partnershipId: partnershipMembers.partnershipId,
            role: partnershipMembers.role,
            organisationId: organisations.id,
            name: organisations.name,
            acronym: organisations.acronym,
          })
          .from(partnershipMembers)
          .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
          .where(
            and(
              inArray(partnershipMembers.partnershipId, ids),
              isNull(partnershipMembers.archivedAt),
              or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
            ),
          )
      : Promise.resolve([]),
    partnershipSignals(db, ids, today),
    nextDueItems(db, ids, today),
  ]);
  const items = rows.map((row): PartnershipListItem => {
    const own = members.filter((m) => m.partnershipId === row.id);
    const lead = own.find((m) => m.role === "lead");
    const rowSignals = signals.get(row.id);
    if (!rowSignals) throw new Error("signals missing for a listed partnership");
    return {
      ...row,
      memberCount: own.length,
      lead: lead ? { id: lead.organisationId, name: lead.name, acronym: lead.acronym } : null,
      signals: rowSignals,
      nextDue: nextDue.get(row.id) ?? null,
    };
  });
  return toPage(items, totalRow?.total ?? 0, request);
}

/**
 * The nearest item due today or later for each partnership: an open objective's due date, a funding
 * line's end, or a live risk's review date. Three queries for all ids.
 */
export async function nextDueItems(
  db: Db,
  ids: readonly string[],
  today: string = todayIso(),
): Promise<Map<string, NextDueItem>> {
  const result = new Map<string, NextDueItem>();
  if (ids.length === 0) return result;
  const list = [...ids];
  const [objectiveRows, fundingRows, riskRows] = await Promise.all([
    db
      .select({ partnershipId: objectives.partnershipId, date: objectives.dueDate, label: objectives.title })
      .from(objectives)
      .where(
        and(
          inArray(objectives.partnershipId, list),
          isNull(objectives.archivedAt),
          notInArray(objectives.status, ["achieved", "dropped"]),
          gte(objectives.dueDate, today),
        ),
      ),
    db
      .select({
        partnershipId: fundingLines.partnershipId,
        date: fundingLines.endsOn,
        label: fundingLines.reference,
      })
      .from(fundingLines)
      .where(
        and(
          inArray(fundingLines.partnershipId, list),
          isNull(fundingLines.archivedAt),
          gte(fundingLines.endsOn, today),
        ),
      ),
    db
      .select({ partnershipId: risks.partnershipId, date: risks.reviewOn })
      .from(risks)
      .where(
        and(
          inArray(risks.partnershipId, list),
          isNull(risks.archivedAt),
          ne(risks.status, "closed"),
          gte(risks.reviewOn, today),
        ),
      ),
  ]);
  const candidates: { partnershipId: string | null; item: NextDueItem }[] = [
    ...objectiveRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "objective" as const,
      date: r.date,
      label: r.label,
    })),
    ...fundingRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "funding" as const,
      date: r.date,
      label: r.label,
    })),
    ...riskRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "riskReview" as const,
      date: r.date,
      label: null,
    })),
  ].flatMap(({ partnershipId, kind, date, label }) =>
    date === null ? [] : [{ partnershipId, item: { kind, date, label } }],
  );
  for (const { partnershipId, item } of candidates) {
    if (partnershipId === null) continue;
    const best = result.get(partnershipId);
    if (!best || item.date < best.date) result.set(partnershipId, item);
  }
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string from a URL can be an id at all (PostgreSQL refuses a malformed uuid). */
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The partnership's heading fields, or undefined when there is none with that id. */
export async function findPartnershipHeader(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      countryCode: partnerships.countryCode,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      archivedAt: partnerships.archivedAt,
      version: partnerships.version,
    })
    .from(partnerships)
    .where(eq(partnerships.id, id));
  return row;
}

/** The overview's own fields of a partnership. */
export async function findPartnershipOverview(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Creating, editing, archiving and restoring. One transaction each, the audit entry inside it.

export type PartnershipOutcome =
  { ok: true; partnership: Partnership } | { ok: false; reason: PartnershipRefusal; current?: Partnership };

function partnershipValues(input: PartnershipFields) {
  return {
    name: input.name,
    description: input.description ?? null,
    status: input.status,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    scopeLevel: input.scopeLevel ?? null,
    countryCode: input.countryCode ?? null,
    formalisation: input.formalisation,
    governance: input.governance ?? null,
  };
}

async function lockPartnership(tx: Db, id: string): Promise<Partnership | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(partnerships).where(eq(partnerships.id, id)).for("update");
  return row;
}

/** Members without a left date: those the rules of an active partnership count. */
async function continuingMembers(tx: Db, partnershipId: string) {
  return tx
    .select()
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.partnershipId, partnershipId),
        isNull(partnershipMembers.archivedAt),
        isNull(partnershipMembers.leftOn),
      ),
    );
}

/**
 * A new partnership. It has no members yet, so it cannot start as "active" (two members and a lead
 * first).
 */
export async function createPartnership(
  db: Db,
  actor: Actor,
  input: PartnershipFields,
): Promise<PartnershipOutcome> {
  if (input.status === "active") return { ok: false, reason: "activeNeedsMembers" };
  return db.transaction(async (tx) => {
    const partnership = one(await tx.insert(partnerships).values(partnershipValues(input)).returning());
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "partnership",
      entityId: partnership.id,
      after: partnership,
    });
    return { ok: true, partnership } as const;
  });
}

/** Edit a partnership with the version read; becoming active needs two members and one lead. */
export async function updatePartnership(
  db: Db,
  actor: Actor,
  id: string,
  input: PartnershipFields & { version: number },
): Promise<PartnershipOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPartnership(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    if (before.archivedAt) return { ok: false, reason: "archived", current: before } as const;
    if (input.status === "active" && before.status !== "active") {
      const problem = activationProblem(await continuingMembers(tx, id));
      if (problem) return { ok: false, reason: problem } as const;
    }
    const after = one(
      await tx
        .update(partnerships)
        .set({ ...partnershipValues(input), version: before.version + 1 })
        .where(eq(partnerships.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "partnership",
      entityId: id,
      ...changedFields(before, after),
    });
    return { ok: true, partnership: after } as const;
  });
}

/** Archive (hide) or restore a partnership, with the version read. */
export async function setPartnershipArchived(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  archived: boolean,
): Promise<PartnershipOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPartnership(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (Boolean(before.archivedAt) === archived) return { ok: true, partnership: before } as const;
    const after = one(
      await tx
        .update(partnerships)
        .set({ archivedAt: archived ? new Date() : null, version: before.version + 1 })
        .where(eq(partnerships.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "partnership",
      entityId: id,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, partnership: after } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Members

export interface MemberRow {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationAcronym: string | null;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  version: number;
  /** Not left on `today` (a left day today or past means gone). */
  current: boolean;
}

/** The partnership's members (archived rows left out): current ones first, the lead first, then by name. */
export async function listMembers(
  db: Db,
  partnershipId: string,
  today: string = todayIso(),
): Promise<MemberRow[]> {
  if (!isUuid(partnershipId)) return [];
  const rows = await db
    .select({
      id: partnershipMembers.id,
      organisationId: partnershipMembers.organisationId,
      organisationName: organisations.name,
      organisationAcronym: organisations.acronym,
      role: partnershipMembers.role,
      mandate: partnershipMembers.mandate,
      contribution: partnershipMembers.contribution,
      joinedOn: partnershipMembers.joinedOn,
      leftOn: partnershipMembers.leftOn,
      version: partnershipMembers.version,
    })
    .from(partnershipMembers)
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(eq(partnershipMembers.partnershipId, partnershipId), isNull(partnershipMembers.archivedAt)));
  const roleOrder = (role: MemberRole) => memberRoles.indexOf(role);
  return rows
    .map((row) => ({ ...row, current: row.leftOn === null || row.leftOn > today }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        roleOrder(a.role) - roleOrder(b.role) ||
        a.organisationName.localeCompare(b.organisationName) ||
        a.id.localeCompare(b.id),
    );
}

export type MemberOutcome =
  | { ok: true; member: PartnershipMember }
  | { ok: false; reason: PartnershipRefusal; current?: PartnershipMember };

interface MemberFields {
  role: MemberRole;
  mandate?: string | undefined;
  contribution?: string | undefined;
  joinedOn?: string | undefined;
}

/** Add an organisation to a partnership (at most one lead). An organisation is a member once. */
export async function addMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: MemberFields & { organisationId: string },
): Promise<MemberOutcome> {
  return db.transaction(async (tx) => {
    const partnership = await lockPartnership(tx, partnershipId);
    if (!partnership) return { ok: false, reason: "notFound" } as const;
    if (partnership.archivedAt) return { ok: false, reason: "archived" } as const;
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), isNull(organisations.archivedAt)));
    if (!organisation) return { ok: false, reason: "unknownOrganisation" } as const;
    const [existing] = await tx
      .select({ id: partnershipMembers.id })
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, partnershipId),
          eq(partnershipMembers.organisationId, input.organisationId),
        ),
      );
    if (existing) return { ok: false, reason: "alreadyMember" } as const;
    const before = await continuingMembers(tx, partnershipId);
    const problem = membershipChangeProblem(partnership.status, before, [...before, { role: input.role }]);
    if (problem) return { ok: false, reason: problem } as const;
    const member = one(
      await tx
        .insert(partnershipMembers)
        .values({
          partnershipId,
          organisationId: input.organisationId,
          role: input.role,
          mandate: input.mandate ?? null,
          contribution: input.contribution ?? null,
          joinedOn: input.joinedOn ?? null,
        })
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "partnership_member",
      entityId: member.id,
      after: member,
    });
    return { ok: true, member } as const;
  });
}

async function lockMember(tx: Db, partnershipId: string, memberId: string) {
  if (!isUuid(memberId)) return undefined;
  const [row] = await tx
    .select()
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.id, memberId),
        eq(partnershipMembers.partnershipId, partnershipId),
        isNull(partnershipMembers.archivedAt),
      ),
    )
    .for("update");
  return row;
}

/**
 * Change a member's row (role, mandate, contribution, dates) with the version read, or remove it:
 * removing sets its left date, so the row stays for the "as of" view and the history.
 */
async function changeMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  memberId: string,
  version: number,
  changes: Partial<Pick<PartnershipMember, "role" | "mandate" | "contribution" | "joinedOn" | "leftOn">>,
): Promise<MemberOutcome> {
  return db.transaction(async (tx) => {
    const partnership = await lockPartnership(tx, partnershipId);
    if (!partnership) return { ok: false, reason: "notFound" } as const;
    const before = await lockMember(tx, partnershipId, memberId);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (partnership.archivedAt) return { ok: false, reason: "archived" } as const;
    const others = (await continuingMembers(tx, partnershipId)).filter((m) => m.id !== memberId);
    const next = { ...before, ...changes };
    const problem = membershipChangeProblem(
      partnership.status,
      before.leftOn === null ? [...others, before] : others,
      next.leftOn === null ? [...others, next] : others,
    );
    if (problem) return { ok: false, reason: problem } as const;
    const after = one(
      await tx
        .update(partnershipMembers)
        .set({ ...changes, version: before.version + 1 })
        .where(eq(partnershipMembers.id, memberId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "partnership_member",
      entityId: memberId,
      ...changedFields(before, after),
    });
    return { ok: true, member: after } as const;
  });
}

export function updateMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: MemberFields & { memberId: string; version: number; leftOn?: string | undefined },
): Promise<MemberOutcome> {
  return changeMember(db, actor, partnershipId, input.memberId, input.version, {
    role: input.role,
    mandate: input.mandate ?? null,
    contribution: input.contribution ?? null,
    joinedOn: input.joinedOn ?? null,
    leftOn: input.leftOn ?? null,
  });
}

/** Remove a member: it left the partnership on `leftOn`. */
export function removeMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: { memberId: string; version: number; leftOn: string },
): Promise<MemberOutcome> {
  return changeMember(db, actor, partnershipId, input.memberId, input.version, { leftOn: input.leftOn });
}

// ---------------------------------------------------------------------------------------------
// The overview: what needs attention

/**
 * The partnership's problems today. Risk titles are partnership-confidential: with aggregate access
 * only the count of overdue reviews is returned (the titles are not even read).
 */
export async function partnershipAttention(
  db: Db,
  partnership: Pick<Partnership, "id" | "status">,
  access: "full" | "aggregate",
  today: string = todayIso(),
): Promise<AttentionItem[]> {
  const id = partnership.id;
  const [members, objectiveRows, riskRows, fundingRows] = await Promise.all([
    db
      .select({ role: partnershipMembers.role })
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, id),
          isNull(partnershipMembers.archivedAt),
          or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
        ),
      ),
    db
      .select({
        title: objectives.title,
        indicator: objectives.indicator,
        dueDate: objectives.dueDate,
        status: objectives.status,
      })
      .from(objectives)
      .where(and(eq(objectives.partnershipId, id), isNull(objectives.archivedAt)))
      .orderBy(asc(objectives.dueDate), asc(objectives.title)),
    access === "full"
      ? db
          .select({ title: risks.title, status: risks.status, reviewOn: risks.reviewOn })
          .from(risks)
          .where(and(eq(risks.partnershipId, id), isNull(risks.archivedAt)))
          .orderBy(asc(risks.reviewOn))
      : db
          .select({ title: sql<null>`null`, status: risks.status, reviewOn: risks.reviewOn })
          .from(risks)
          .where(and(eq(risks.partnershipId, id), isNull(risks.archivedAt))),
    db
      .select({ endsOn: fundingLines.endsOn })
      .from(fundingLines)
      .where(and(eq(fundingLines.partnershipId, id), isNull(fundingLines.archivedAt))),
  ]);
  return needsAttention(
    {
      status: partnership.status,
      members,
      objectives: objectiveRows,
      risks: riskRows,
      fundingLines: fundingRows,
    },
    today,
  );
}

/** Organisations that can be added: not archived and not yet (or formerly) a member. */
export async function memberCandidates(db: Db, partnershipId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(
      and(
        isNull(organisations.archivedAt),
        sql`not exists (select 1 from ${partnershipMembers} m where m.partnership_id = ${partnershipId} and m.organisation_id = ${organisations.id})`,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id));
}
