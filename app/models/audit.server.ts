import { and, asc, count, desc, eq, gte, inArray, isNull, lt, max, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { auditLog, users, type AuditLogEntry } from "~/db/schema";
import { auditDiff, type AuditEntryView } from "~/lib/audit-diff";
import type { AuditAction } from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";

/** Who did it: a signed-in user, or the system (seeding, migrations) when null. */
export type Actor = { id: string } | null;

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  batchId?: string | null;
}

/**
 * Write audit entries. Call it with the transaction of the change it records (`tx`, never `db`
 * inside a transaction), so the change and its audit entry commit or roll back together.
 */
export async function recordAudit(tx: Db, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  // Insert in chunks: a seed or import can write thousands of entries in one call.
  for (let i = 0; i < list.length; i += 500) {
    await tx.insert(auditLog).values(
      list.slice(i, i + 500).map((entry) => ({
        userId: actor?.id ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: toJson(entry.before),
        after: toJson(entry.after),
        batchId: entry.batchId ?? null,
      })),
    );
  }
}

/** Dates become ISO strings; undefined becomes null (jsonb has no undefined). */
function toJson(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Reading the log

export interface AuditFilters {
  /** The acting user's id; null: entries of the system (no user). */
  userId?: string | null | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: AuditAction | undefined;
  /** First day, 'YYYY-MM-DD' (UTC), inclusive. */
  from?: string | undefined;
  /** Last day, 'YYYY-MM-DD' (UTC), inclusive. */
  to?: string | undefined;
}

/** The log, newest first, one page at a time, with the acting user's name. */
export async function listAuditEntries(
  db: Db,
  filters: AuditFilters,
  request: PageRequest,
): Promise<Page<AuditEntryView>> {
  const where = and(...conditionsFor(filters));
  const [rows, [totalRow]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return toPage(await withActors(db, rows), totalRow?.total ?? 0, request);
}

/** A record's own history, newest first: for the record's page. */
export async function entityHistory(
  db: Db,
  entityType: string,
  entityId: string,
  limit = 50,
): Promise<AuditEntryView[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return withActors(db, rows);
}

export interface AuditFilterOptions {
  /** Every entity type in the log, alphabetically. */
  entityTypes: string[];
  /** The users who appear in the log, by name. */
  users: { id: string; name: string }[];
  /** Whether the log has entries of the system (no user). */
  hasSystemEntries: boolean;
}

/** The choices of the audit page's filter form: only values that can match something. */
export async function auditFilterOptions(db: Db): Promise<AuditFilterOptions> {
  const [types, actors, [system]] = await Promise.all([
    db.selectDistinct({ entityType: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, db.selectDistinct({ userId: auditLog.userId }).from(auditLog)))
      .orderBy(asc(users.name), asc(users.id)),
    db.select({ id: auditLog.id }).from(auditLog).where(isNull(auditLog.userId)).limit(1),
  ]);
  return {
    entityTypes: types.map((row) => row.entityType),
    users: actors,
    hasSystemEntries: system !== undefined,
  };
}

/**
 * The data version: the latest audit id (0 for an empty log). Every change writes an audit entry
 * in its transaction, so a cache keyed on it (graph layout, metrics) is stale exactly when it moved.
 */
export async function latestDataVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: max(auditLog.id) }).from(auditLog);
  return Number(row?.version ?? 0);
}

function conditionsFor(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.userId === null) conditions.push(isNull(auditLog.userId));
  else if (filters.userId !== undefined) conditions.push(eq(auditLog.userId, filters.userId));
  if (filters.entityType !== undefined) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId !== undefined) conditions.push(eq(auditLog.entityId, filters.entityId));
  if (filters.action !== undefined) conditions.push(eq(auditLog.action, filters.action));
  // Whole UTC days: from the start of `from` up to, not including, the start of the day after `to`.
  if (filters.from !== undefined) conditions.push(gte(auditLog.at, startOfDay(filters.from, 0)));
  if (filters.to !== undefined) {
    const end = startOfDay(filters.to, 1);
    // After 9999-12-31 nothing can follow (and PostgreSQL does not read five-digit years).
    if (end.getUTCFullYear() <= 9999) conditions.push(lt(auditLog.at, end));
  }
  return conditions;
}

function startOfDay(isoDay: string, plusDays: number): Date {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a day (YYYY-MM-DD): ${isoDay}`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

/** Attach each entry's actor (one query for all of them) and what it changed. */
async function withActors(db: Db, rows: AuditLogEntry[]): Promise<AuditEntryView[]> {
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  const actors =
    userIds.length === 0
      ? []
      : await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds));
  const byId = new Map(actors.map((actor) => [actor.id, actor]));
  return rows.map((row) => {
    const { changes, lifecycle } = auditDiff(row);
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      batchId: row.batchId,
      actor: row.userId ? (byId.get(row.userId) ?? null) : null,
      changes,
      lifecycle,
    };
  });
}

/**
 * What the audit log keeps of an update: the fields that differ, before and after (updatedAt is
 * noise: it changes with every update).
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === "updatedAt") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
