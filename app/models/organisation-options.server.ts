// Organisations as choices in a form. Up to ORGANISATION_PICKER_THRESHOLD current organisations a
// form gets them all (a plain <select>, which works without JavaScript); above it the page sends
// none and the form searches them (GET /organisations/options), so a page does not carry thousands
// of <option>s (docs/decisions/0029-organisation-picker.md).
import { and, asc, count, eq, ilike, inArray, isNull, ne, notExists, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers } from "~/db/schema";
import { escapeLike } from "~/models/organisations.server";
import { memberCandidates } from "~/models/partnership-members.server";

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

export async function countCurrentOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations).where(isNull(organisations.archivedAt));
  return row?.n ?? 0;
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

/** The add-member form's choices: the organisations not yet members, or (above the threshold) a search. */
export async function memberCandidateChoices(
  db: Db,
  partnershipId: string,
  known: readonly (string | null | undefined)[] = [],
): Promise<OrganisationChoices> {
  if ((await countCurrentOrganisations(db)) <= ORGANISATION_PICKER_THRESHOLD) {
    return { mode: "select", options: await memberCandidates(db, partnershipId) };
  }
  return { mode: "search", known: await organisationLabels(db, known) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of these organisations (archived too: a form may still show one); unknown ids are left out. */
export async function organisationLabels(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<OrganisationOption[]> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string" && UUID.test(id)))];
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
        exclude && UUID.test(exclude) ? ne(organisations.id, exclude) : undefined,
        // As memberCandidates (partnership-members.server.ts): a past member is edited, not added again.
        notMemberOf && UUID.test(notMemberOf)
          ? notExists(
              db
                .select({ one: sql`1` })
                .from(partnershipMembers)
                .where(
                  and(
                    eq(partnershipMembers.partnershipId, notMemberOf),
                    eq(partnershipMembers.organisationId, organisations.id),
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(Math.max(1, Math.min(limit, ORGANISATION_SEARCH_LIMIT)));
}
