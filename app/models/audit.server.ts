import type { Db } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import type { AuditAction } from "~/lib/enums";

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
