// Partnerships and pilots as choices in a form (the follow-up action form's links). As for
// organisations (organisation-options.server.ts): up to the picker's threshold of current rows a
// form lists them all in a <select>; above it the page sends none, only the names of the records
// the form already holds, and the form searches them (GET /partnerships/options, /pilots/options).
// docs/decisions/0030-record-pickers.md
import { type AnyColumn, and, asc, ilike, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { partnerships, pilots } from "~/db/schema";
import { isUuid } from "~/lib/uuid";
import {
  ORGANISATION_PICKER_THRESHOLD,
  ORGANISATION_SEARCH_LIMIT,
} from "~/models/organisation-options.server";
import { escapeLike } from "~/models/organisations.server";

/** The records a picker may choose. */
export type RecordKind = "partnership" | "pilot";

/** Above this many current records of a kind, forms search them instead of listing them all. */
export const RECORD_PICKER_THRESHOLD = ORGANISATION_PICKER_THRESHOLD;

/** How many matches a search answers with. */
export const RECORD_SEARCH_LIMIT = ORGANISATION_SEARCH_LIMIT;

export interface RecordOption {
  id: string;
  name: string;
}

/** Every record (a select), or none and the names of those the form holds (a searching combobox). */
export type RecordChoices =
  { mode: "select"; options: RecordOption[] } | { mode: "search"; known: RecordOption[] };

const tables = { partnership: partnerships, pilot: pilots } as const;

/** Not archived (or disabled), or one of `kept` (a form's current values stay choices). */
export function liveOrKept(off: AnyColumn, id: AnyColumn, kept: readonly string[]) {
  return kept.length > 0 ? or(isNull(off), inArray(id, [...kept])) : isNull(off);
}

const uuids = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter(isUuid))];

/** The names of these records (archived too: a form may still show one); unknown ids are left out. */
export async function recordLabels(
  db: Db,
  kind: RecordKind,
  ids: readonly (string | null | undefined)[],
): Promise<RecordOption[]> {
  const wanted = uuids(ids);
  if (wanted.length === 0) return [];
  const table = tables[kind];
  return db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(inArray(table.id, wanted))
    .orderBy(asc(table.name), asc(table.id));
}

/**
 * A form's choices of one kind: up to the threshold the current records and the `kept` ones (the
 * edited record's links, archived or not), by name; above it none, with the names of the `kept`.
 * One query decides and lists (no count first): at most threshold + 1 + kept rows are read, and
 * more current ones among them than the threshold means search. Only a search that names `kept`
 * records runs a second query.
 */
export async function recordChoices(
  db: Db,
  kind: RecordKind,
  kept: readonly (string | null | undefined)[] = [],
): Promise<RecordChoices> {
  const ids = uuids(kept);
  const table = tables[kind];
  // Archived rows are kept ones only (at most ids.length): with at most the threshold current
  // ones, every row fits under the limit; with more, over threshold current ones come back.
  const rows = await db
    .select({ id: table.id, name: table.name, archivedAt: table.archivedAt })
    .from(table)
    .where(liveOrKept(table.archivedAt, table.id, ids))
    .orderBy(asc(table.name), asc(table.id))
    .limit(RECORD_PICKER_THRESHOLD + 1 + ids.length);
  if (rows.filter((row) => row.archivedAt === null).length > RECORD_PICKER_THRESHOLD) {
    return { mode: "search", known: await recordLabels(db, kind, ids) };
  }
  return { mode: "select", options: rows.map(({ id, name }) => ({ id, name })) };
}

/**
 * At most `limit` current records whose name contains `query` (any case; `%`, `_` and `\` taken
 * literally), by name. The ILIKE scans the table, as for organisations: no pg_trgm on PGlite.
 */
export async function searchRecordOptions(
  db: Db,
  kind: RecordKind,
  query: string,
  limit = RECORD_SEARCH_LIMIT,
): Promise<RecordOption[]> {
  const table = tables[kind];
  const text = query.trim();
  return db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(isNull(table.archivedAt), text ? ilike(table.name, `%${escapeLike(text)}%`) : undefined))
    .orderBy(asc(table.name), asc(table.id))
    .limit(Math.max(1, Math.min(limit, RECORD_SEARCH_LIMIT)));
}
