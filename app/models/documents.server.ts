// Document links of a partnership or of a pilot. Every mutation runs in one transaction with its
// audit entry; an edit carries the version it was read at, and a stale one is refused.
import { and, asc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { documents, type Document } from "~/db/schema";
import type { DocumentInput, RecordCommandInput } from "~/lib/validation/partnership-records";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { findOwner, ownedBy, ownerColumns, type Outcome, type RecordOwner } from "./owned-records.server";
import { one } from "~/db/rows.server";

export type { Document } from "~/db/schema";

function ownerCondition(owner: RecordOwner): SQL {
  return "partnershipId" in owner
    ? eq(documents.partnershipId, owner.partnershipId)
    : eq(documents.pilotId, owner.pilotId);
}

/** The owner's documents by kind and title; archived ones apart, when asked for. */
export async function listDocuments(
  db: Db,
  owner: RecordOwner,
  { archived = false }: { archived?: boolean } = {},
): Promise<Document[]> {
  return db
    .select()
    .from(documents)
    .where(
      and(ownerCondition(owner), archived ? isNotNull(documents.archivedAt) : isNull(documents.archivedAt)),
    )
    .orderBy(asc(documents.kind), asc(documents.title), asc(documents.id));
}

async function lockDocument(tx: Db, owner: RecordOwner, id: string) {
  const [row] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), ownerCondition(owner)))
    .for("update");
  return row && ownedBy(row, owner) ? row : undefined;
}

/** Add a document link (no id) or edit one (id and the version read). */
export async function saveDocument(
  db: Db,
  actor: Actor,
  owner: RecordOwner,
  input: DocumentInput,
): Promise<Outcome<Document>> {
  return db.transaction(async (tx) => {
    if (!(await findOwner(tx, owner))) return { ok: false, reason: "notFound" } as const;
    const values = { title: input.title, url: input.url, kind: input.kind };
    if (!input.id) {
      const created = one(
        await tx
          .insert(documents)
          .values({ ...values, ...ownerColumns(owner) })
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "document",
        entityId: created.id,
        after: created,
      });
      return { ok: true, record: created } as const;
    }
    const before = await lockDocument(tx, owner, input.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    const updated = one(
      await tx
        .update(documents)
        .set({ ...values, version: before.version + 1, updatedAt: new Date() })
        .where(eq(documents.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "document",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}

/** Archive (or restore) a document link, at the version read. */
export async function setDocumentArchived(
  db: Db,
  actor: Actor,
  owner: RecordOwner,
  command: Pick<RecordCommandInput, "id" | "version" | "intent">,
): Promise<Outcome<Document>> {
  return db.transaction(async (tx) => {
    const before = await lockDocument(tx, owner, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
    const updated = one(
      await tx
        .update(documents)
        .set({ archivedAt: archive ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(documents.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archive ? "archive" : "restore",
      entityType: "document",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}
