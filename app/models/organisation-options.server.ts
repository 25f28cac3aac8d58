// Organisations as choices in a form. Up to ORGANISATION_PICKER_THRESHOLD current organisations a
// form gets them all (a plain <select>, which works without JavaScript); above it the page sends
// none and the form searches them (GET /organisations/options), so a page does not carry thousands
// of <option>s (docs/decisions/0029-organisation-picker.md).
import { and, asc, eq, ilike, inArray, isNull, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers } from "~/db/schema";
import { isUuid } from "~/lib/uuid";
import { escapeLike } from "~/models/organisations.server";

/** Above this many current organisations, forms search them instead of listing them all. */
export const ORGANISATION_PICKER_THRESHOLD = 200;

/** How many matches a search answers with. */
export const ORGANISATION_SEARCH_LIMIT = 20;

export interface OrganisationOption {
  id: string;
  name: string;
  acronym: string | null;
}

/**
 * What a form offers: every current organisation (`select`), or nothing up front (`search`), with
 * the names of the organisations the form already shows (`known`), so the picker can label them.
 */
export type OrganisationChoices =
  { mode: "select"; options: OrganisationOption[] } | { mode: "search"; known: OrganisationOption[] };

/** Every current organisation as a choice in a form (id, name, acronym), by name; at most `limit`. */
export async function organisationOptions(db: Db, limit?: number): Promise<OrganisationOption[]> {
  const query = db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name), asc(organisations.id));
  return limit === undefined ? query : query.limit(limit);
}

/**
 * The choices of a form that picks one organisation: all of them (but `exclude`) up to the
 * threshold, else none, with the labels of `known` ids (the values the form already holds). One
 * query decides and lists: at most threshold + 1 rows are read, one more than the threshold means
 * search (no count first).
 */
export async function organisationChoices(
  db: Db,
  options: { exclude?: string | null; known?: readonly (string | null | undefined)[] } = {},
): Promise<OrganisationChoices> {
  const all = await organisationOptions(db, ORGANISATION_PICKER_THRESHOLD + 1);
  if (all.length <= ORGANISATION_PICKER_THRESHOLD) {
    return { mode: "select", options: all.filter((o) => o.id !== options.exclude) };
  }
  return { mode: "search", known: await organisationLabels(db, options.known ?? []) };
}

/**
 * A partnership's add-member form's choices: the current organisations that were never its members
 * (a past member is edited, not added again), by name; or, above the threshold of current
 * organisations (members or not), none and the labels of `known`. One query decides and lists, as
 * organisationChoices: the first threshold + 1 current organisations, each marked candidate or not.
 */
export async function memberCandidateChoices(
  db: Db,
  partnershipId: string,
  known: readonly (string | null | undefined)[] = [],
): Promise<OrganisationChoices> {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      candidate: sql<boolean>`${neverMemberOf(db, partnershipId)}`,
    })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATION_PICKER_THRESHOLD + 1);
  if (rows.length > ORGANISATION_PICKER_THRESHOLD) {
    return { mode: "search", known: await organisationLabels(db, known) };
  }
  return {
    mode: "select",
    options: rows.filter((row) => row.candidate).map(({ id, name, acronym }) => ({ id, name, acronym })),
  };
}

/** True for an organisation that was never a member of this partnership (past members count). */
function neverMemberOf(db: Db, partnershipId: string): SQL {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, partnershipId),
          eq(partnershipMembers.organisationId, organisations.id),
        ),
      ),
  );
}

/** The names of these organisations (archived too: a form may still show one); unknown ids are left out. */
export async function organisationLabels(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<OrganisationOption[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(inArray(organisations.id, wanted));
}

export interface OrganisationSearch {
  /** An organisation never offered (e.g. the one being edited). */
  exclude?: string | null;
  /** Offer only organisations that were never members of this partnership (its add-member form). */
  notMemberOf?: string | null;
  limit?: number;
}

/**
 * At most `limit` current organisations whose name or acronym contains `query` (any case; `%`,
 * `_` and `\` taken literally), by name, without `exclude` (e.g. the organisation being edited).
 */
export async function searchOrganisationOptions(
  db: Db,
  query: string,
  { exclude, notMemberOf, limit = ORGANISATION_SEARCH_LIMIT }: OrganisationSearch = {},
): Promise<OrganisationOption[]> {
  const text = query.trim();
  const pattern = `%${escapeLike(text)}%`;
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(
      and(
        isNull(organisations.archivedAt),
        text ? or(ilike(organisations.name, pattern), ilike(organisations.acronym, pattern)) : undefined,
        isUuid(exclude) ? ne(organisations.id, exclude) : undefined,
        // As the add-member form's list (memberCandidateChoices): a past member is edited, not added again.
        isUuid(notMemberOf) ? neverMemberOf(db, notMemberOf) : undefined,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(Math.max(1, Math.min(limit, ORGANISATION_SEARCH_LIMIT)));
}
