// Imports (decision 0025): an uploaded file waits in import_batches (any app instance can serve the
// next step), its columns are mapped, the preview is computed from it on every request, and the
// commit writes every row in one transaction with its audit entries, all under the batch's id.
// Organisations here; partnerships (import-partnerships) and relationships (import-relationships)
// have their own plan and commit, and import-run.server.ts picks the one of a batch's kind.
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { importBatches, organisations, type ImportBatch, type Organisation } from "~/db/schema";
import {
  planOrganisationImport,
  type ExistingOrganisation,
  type OrganisationPlan,
  type PlannedRow,
} from "~/lib/import/organisation-plan";
import { IMPORT_TTL_HOURS, type ImportKind } from "~/lib/import/kinds";
import type { ColumnMapping, OrganisationImportField } from "~/lib/import/mapping";
import type { ImportTable } from "~/lib/import/read-file.server";
import { rows } from "~/db/rows.server";
import {
  finishBatch,
  lockBatchForCommit,
  type CommitResult,
  type ImportResult,
} from "./import-batch-lock.server";
import { changedFields, recordAudit, type AuditEntry } from "./audit.server";

/** Rows written per statement: well under PostgreSQL's 65,535 parameters with ten columns. */
const CHUNK = 500;

// --- the batch between steps --------------------------------------------------------------------

/** Store an upload for its user; expired uploads (anyone's) are deleted on the way. */
export async function createImportBatch(
  db: Db,
  actor: { id: string },
  kind: ImportKind,
  fileName: string,
  table: ImportTable,
  now = new Date(),
): Promise<ImportBatch> {
  return db.transaction(async (tx) => {
    await tx.delete(importBatches).where(lte(importBatches.expiresAt, now));
    const [batch] = await tx
      .insert(importBatches)
      .values({
        userId: actor.id,
        kind,
        layout: table.layout,
        fileName: fileName.slice(0, 200),
        headers: table.headers,
        rows: table.rows,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IMPORT_TTL_HOURS * 3_600_000),
      })
      .returning();
    if (!batch) throw new Error("the import batch was not stored");
    return batch;
  });
}

/** Delete the expired uploads (anyone's): called by the server's periodic sweep. */
export async function deleteExpiredImportBatches(db: Db, now = new Date()): Promise<void> {
  await db.delete(importBatches).where(lte(importBatches.expiresAt, now));
}

/** The user's own upload, while it has not expired; null otherwise (another user's is not found). */
export async function findImportBatch(
  db: Db,
  userId: string,
  batchId: string,
  now = new Date(),
): Promise<ImportBatch | null> {
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(
      and(eq(importBatches.id, batchId), eq(importBatches.userId, userId), gt(importBatches.expiresAt, now)),
    );
  return batch ?? null;
}

/** Save the confirmed mapping; the duplicate choices start again (they were made for other columns). */
export async function saveImportMapping(db: Db, batch: ImportBatch, mapping: ColumnMapping): Promise<void> {
  await db
    .update(importBatches)
    .set({ mapping, updates: [] })
    .where(and(eq(importBatches.id, batch.id), isNull(importBatches.committedAt)));
}

/**
 * Record the choices made on one page of the preview: of the duplicates `shown` there, the `chosen`
 * ones are merged into the existing organisation, the others skipped. Other pages keep theirs.
 */
export async function chooseDuplicateUpdates(
  db: Db,
  batch: ImportBatch,
  shown: readonly number[],
  chosen: readonly number[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ updates: importBatches.updates })
      .from(importBatches)
      .where(and(eq(importBatches.id, batch.id), isNull(importBatches.committedAt)))
      .for("update");
    if (!current) return;
    const shownSet = new Set(shown);
    const updates = new Set(current.updates.filter((line) => !shownSet.has(line)));
    for (const line of chosen) if (shownSet.has(line)) updates.add(line);
    await tx
      .update(importBatches)
      .set({ updates: [...updates].sort((a, b) => a - b) })
      .where(eq(importBatches.id, batch.id));
  });
}

// --- preview and commit -------------------------------------------------------------------------

/**
 * Current organisations, to find duplicates in: one query whatever the file's size. Ordered, so that
 * of two of the same name and country the preview and the commit both pick the oldest.
 */
async function currentOrganisations(db: Db): Promise<ExistingOrganisation[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, countryCode: organisations.countryCode })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
}

function planOf(batch: ImportBatch, existing: ExistingOrganisation[]): OrganisationPlan {
  return planOrganisationImport({
    headers: batch.headers,
    rows: batch.rows,
    mapping: batch.mapping ?? {},
    layout: batch.layout,
    existing,
    updates: new Set(batch.updates),
  });
}

/** What the commit would do with the batch as mapped: two queries in all. */
export async function previewOrganisationImport(db: Db, batch: ImportBatch): Promise<OrganisationPlan> {
  return planOf(batch, await currentOrganisations(db));
}

export type { CommitResult, ImportResult } from "./import-batch-lock.server";

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Write the batch: every row in one transaction (all or nothing), new organisations inserted and the
 * chosen duplicates merged a chunk of rows per statement, each with its audit entry under the batch's
 * id. The plan is computed again inside the transaction, so it matches the data it writes to.
 */
export async function commitOrganisationImport(
  db: Db,
  actor: { id: string },
  batchId: string,
  options: { skipErrors: boolean },
  now = new Date(),
): Promise<CommitResult> {
  return db.transaction(async (tx) => {
    const locked = await lockBatchForCommit(tx, actor, batchId, now);
    if (!locked.ok) return locked;
    const { batch, mapping } = locked;
    const plan = planOf(batch, await currentOrganisations(tx));
    if (plan.summary.error > 0 && !options.skipErrors) {
      return { ok: false, reason: "errors", errors: plan.summary.error } as const;
    }
    const batchAudit = { batchId: batch.id };
    for (const chunk of chunks(plan.rows.filter((row) => row.status === "new"))) {
      const created = await insertChunk(tx, chunk);
      await recordAudit(
        tx,
        actor,
        created.map((organisation) => ({
          action: "import",
          entityType: "organisation",
          entityId: organisation.id,
          after: organisation,
          ...batchAudit,
        })),
      );
    }
    const mapped = new Set(Object.keys(mapping) as OrganisationImportField[]);
    let updated = 0;
    for (const chunk of chunks(plan.rows.filter((row) => row.status === "update"))) {
      updated += await mergeChunk(tx, actor, chunk, mapped, batch.id);
    }
    const result: ImportResult = {
      created: plan.summary.new,
      updated,
      unchanged: plan.summary.update - updated,
      skipped: plan.summary.skip,
      failed: plan.summary.error,
    };
    await finishBatch(tx, batch.id, result, now);
    return { ok: true, result } as const;
  });
}

/** The columns of a new organisation from a valid row. */
function columnsOf(row: PlannedRow) {
  const fields = row.fields;
  if (!fields) throw new Error(`row ${row.line} has no valid values`);
  return {
    name: fields.name,
    acronym: fields.acronym || null,
    type: fields.type,
    level: fields.level,
    countryCode: fields.countryCode || null,
    website: fields.website || null,
    description: fields.description || null,
    mandate: fields.mandate || null,
  };
}

/**
 * Insert a chunk of new organisations with the rows passed as one jsonb parameter: a statement with
 * thousands of bound parameters is several times slower to build and parse (measured on PGlite and
 * PostgreSQL). Read back through drizzle, in the order of the file.
 */
async function insertChunk(tx: Db, chunk: PlannedRow[]): Promise<Organisation[]> {
  const records = chunk.map((row, n) => {
    const c = columnsOf(row);
    return {
      n,
      name: c.name,
      acronym: c.acronym,
      type: c.type,
      level: c.level,
      country_code: c.countryCode,
      website: c.website,
      description: c.description,
      mandate: c.mandate,
    };
  });
  const inserted = rows<{ id: string }>(
    await tx.execute(sql`
      insert into organisations (name, acronym, type, level, country_code, website, description, mandate)
      select r.name, r.acronym, r.type, r.level, r.country_code, r.website, r.description, r.mandate
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
        n int, name text, acronym text, type text, level text, country_code text, website text,
        description text, mandate text)
      order by r.n
      returning id`),
  );
  const ids = inserted.map((row) => row.id);
  const created = await tx
    .select()
    .from(organisations)
    .where(
      sql`${organisations.id} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`,
    );
  const byId = new Map(created.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The columns a merge sets: the mapped fields the file gave a value for (null keeps the existing one). */
function mergeValues(row: PlannedRow, mapped: ReadonlySet<OrganisationImportField>) {
  const columns = { ...columnsOf(row), type: row.stated.type, level: row.stated.level };
  const pick = <K extends keyof typeof columns>(field: K & OrganisationImportField) =>
    mapped.has(field) ? (columns[field] ?? null) : null;
  return {
    acronym: pick("acronym"),
    type: pick("type"),
    level: pick("level"),
    countryCode: pick("countryCode"),
    website: pick("website"),
    description: pick("description"),
    mandate: pick("mandate"),
  };
}

type MergeValues = ReturnType<typeof mergeValues>;

/** Whether merging the values would change the organisation (a value given that differs). */
function changes(values: MergeValues, organisation: Organisation): boolean {
  return (Object.keys(values) as (keyof MergeValues)[]).some(
    (key) => values[key] !== null && values[key] !== organisation[key],
  );
}

/**
 * Merge a chunk of duplicates into their existing organisations: three statements whatever the
 * chunk's size (lock and read, update from a VALUES list, read back). The name stays as recorded.
 * Only organisations a value changes are written (version, audit entry); the count of those is returned.
 */
async function mergeChunk(
  tx: Db,
  actor: { id: string },
  chunk: PlannedRow[],
  mapped: ReadonlySet<OrganisationImportField>,
  batchId: string,
): Promise<number> {
  const ids = chunk.flatMap((row) => (row.duplicateOf ? [row.duplicateOf.id] : []));
  if (ids.length === 0) return 0;
  const before = await tx.select().from(organisations).where(inArray(organisations.id, ids)).for("update");
  const beforeById = new Map<string, Organisation>(before.map((row) => [row.id, row]));
  const changing = chunk.flatMap((row) => {
    const previous = row.duplicateOf ? beforeById.get(row.duplicateOf.id) : undefined;
    if (!previous) return [];
    const v = mergeValues(row, mapped);
    return changes(v, previous) ? [{ id: previous.id, v }] : [];
  });
  if (changing.length === 0) return 0;
  const values = sql.join(
    changing.map(
      ({ id, v }) =>
        sql`(${id}::uuid, ${v.acronym}::text, ${v.type}::text, ${v.level}::text,
          ${v.countryCode}::text, ${v.website}::text, ${v.description}::text, ${v.mandate}::text)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update organisations as o set
      acronym = coalesce(v.acronym, o.acronym),
      type = coalesce(v.type, o.type),
      level = coalesce(v.level, o.level),
      country_code = coalesce(v.country_code, o.country_code),
      website = coalesce(v.website, o.website),
      description = coalesce(v.description, o.description),
      mandate = coalesce(v.mandate, o.mandate),
      version = o.version + 1,
      updated_at = now()
    from (values ${values}) as v(id, acronym, type, level, country_code, website, description, mandate)
    where o.id = v.id`);
  const changedIds = changing.map((row) => row.id);
  const after = await tx.select().from(organisations).where(inArray(organisations.id, changedIds));
  const entries: AuditEntry[] = after.flatMap((organisation) => {
    const previous = beforeById.get(organisation.id);
    if (!previous) return [];
    return [
      {
        action: "update",
        entityType: "organisation",
        entityId: organisation.id,
        ...changedFields(previous, organisation),
        batchId,
      },
    ];
  });
  await recordAudit(tx, actor, entries);
  return changing.length;
}
