// A partnership's audit trail: the entries of the partnership itself and of its child records
// (members, objectives, funding lines, documents, risks, health checks), newest first, one page at
// a time. Children are matched by subqueries on their partnership, so one query serves any size.
//
// Risk and health-check entries hold partnership-confidential fields (titles, mitigations,
// comments, each member's scores): without full access the entry is listed ("a risk was updated")
// but its before/after never leave this module.
import { and, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  documents,
  fundingLines,
  healthChecks,
  objectives,
  partnershipMembers,
  risks,
  users,
} from "~/db/schema";
import { auditDiff, type AuditEntryView } from "~/lib/audit-diff";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import type { ConfidentialAccess } from "./confidential.server";

/** Entity types whose audit entries carry partnership-confidential fields. */
export const CONFIDENTIAL_ENTITY_TYPES: ReadonlySet<string> = new Set(["risk", "health_check"]);

export interface PartnershipHistoryEntry extends AuditEntryView {
  /** The changes were withheld: the reader may not see this record's confidential fields. */
  withheld: boolean;
}

function childrenOf(entityType: string, table: { id: AnyPgColumn; partnershipId: AnyPgColumn }, id: string) {
  return and(
    eq(auditLog.entityType, entityType),
    // audit_log.entity_id is text: compare with the children's ids as text.
    inArray(
      auditLog.entityId,
      sql`(select ${table.id}::text from ${table} where ${table.partnershipId} = ${id})`,
    ),
  );
}

function historyCondition(partnershipId: string): SQL | undefined {
  return or(
    and(eq(auditLog.entityType, "partnership"), eq(auditLog.entityId, partnershipId)),
    childrenOf("partnership_member", partnershipMembers, partnershipId),
    childrenOf("objective", objectives, partnershipId),
    childrenOf("funding_line", fundingLines, partnershipId),
    childrenOf("document", documents, partnershipId),
    childrenOf("risk", risks, partnershipId),
    childrenOf("health_check", healthChecks, partnershipId),
  );
}

export async function partnershipHistory(
  db: Db,
  partnershipId: string,
  access: ConfidentialAccess,
  request: PageRequest,
): Promise<Page<PartnershipHistoryEntry>> {
  const where = historyCondition(partnershipId);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        batchId: auditLog.batchId,
        userId: auditLog.userId,
        before: auditLog.before,
        after: auditLog.after,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  const items = rows.map((row): PartnershipHistoryEntry => {
    const withheld = access !== "full" && CONFIDENTIAL_ENTITY_TYPES.has(row.entityType);
    // Withheld: only the lifecycle (archived/restored) is told, from `archivedAt` alone.
    const { changes, lifecycle } = withheld
      ? auditDiff({
          action: row.action,
          before: archivedAtOf(row.before),
          after: archivedAtOf(row.after),
        })
      : auditDiff(row);
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      batchId: row.batchId,
      actor: row.userId && row.actorName !== null ? { id: row.userId, name: row.actorName } : null,
      changes: withheld ? [] : changes,
      lifecycle,
      withheld,
    };
  });
  return toPage(items, totalRow?.total ?? 0, request);
}

function archivedAtOf(value: Record<string, unknown> | null): Record<string, unknown> | null {
  return value && "archivedAt" in value ? { archivedAt: value.archivedAt } : null;
}
