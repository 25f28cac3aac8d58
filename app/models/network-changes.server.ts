// "Changes since" for the network map: which partnerships were added, ended or changed since a day,
// from the audit log and the partnerships' dates, in two set-based queries.
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  documents,
  fundingLines,
  healthChecks,
  objectives,
  partnershipMembers,
  partnerships,
  risks,
} from "~/db/schema";
import type { ChangeKind, ChangeSet } from "~/lib/network/types";

/** Child records whose audit entries count as a change of their partnership. */
const CHILD_TABLES = [
  { entityType: "partnership_member", table: partnershipMembers },
  { entityType: "objective", table: objectives },
  { entityType: "funding_line", table: fundingLines },
  { entityType: "document", table: documents },
  { entityType: "risk", table: risks },
  { entityType: "health_check", table: healthChecks },
] as const;

/**
 * Partnerships added, ended or changed since `since` (inclusive, UTC days) up to `today`: two
 * queries, set-based (child records are joined to their partnership).
 */
export async function loadChanges(db: Db, since: string, today: string): Promise<ChangeSet> {
  const from = new Date(`${since}T00:00:00Z`);
  if (Number.isNaN(from.getTime())) throw new RangeError(`not a day (YYYY-MM-DD): ${since}`);

  // Every audit entry since, reduced to (partnership, kind) pairs: the partnership's own entries
  // and, joined to their partnership, its child records' entries (hash joins: no per-row lookup).
  const kind = sql<ChangeKind>`(case
    when ${auditLog.action} in ('create', 'seed', 'import') then 'added'
    when ${auditLog.action} = 'update' and ${auditLog.after} ->> 'status' = 'ended' then 'ended'
    else 'changed' end)`;
  const own = db
    .selectDistinct({ partnershipId: sql<string | null>`${auditLog.entityId}`, kind })
    .from(auditLog)
    .where(and(gte(auditLog.at, from), eq(auditLog.entityType, "partnership")));
  const children = CHILD_TABLES.map(({ entityType, table }) =>
    db
      .selectDistinct({
        partnershipId: sql<string | null>`${table.partnershipId}::text`,
        kind: sql<ChangeKind>`'changed'::text`,
      })
      .from(auditLog)
      .innerJoin(table, sql`${table.id}::text = ${auditLog.entityId}`)
      .where(and(gte(auditLog.at, from), eq(auditLog.entityType, entityType))),
  );
  const [firstChild, ...otherChildren] = children;
  const entries = firstChild ? await unionAll(own, firstChild, ...otherChildren) : await own;

  // Partnerships (not archived) that started or ended in [since, today].
  const dated = await db
    .select({ id: partnerships.id, startDate: partnerships.startDate, endDate: partnerships.endDate })
    .from(partnerships)
    .where(isNull(partnerships.archivedAt));

  const live = new Set(dated.map((row) => row.id));
  const added = new Set<string>();
  const ended = new Set<string>();
  const touched = new Set<string>();
  const inRange = (day: string | null) => day !== null && day >= since && day <= today;
  for (const row of dated) {
    if (inRange(row.startDate)) added.add(row.id);
    if (inRange(row.endDate)) ended.add(row.id);
  }
  for (const entry of entries) {
    const id = entry.partnershipId;
    if (id === null || !live.has(id)) continue;
    if (entry.kind === "added") added.add(id);
    else if (entry.kind === "ended") ended.add(id);
    else touched.add(id);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    since,
    added: sorted(added),
    ended: sorted(ended),
    changed: sorted(new Set([...touched].filter((id) => !added.has(id) && !ended.has(id)))),
  };
}
