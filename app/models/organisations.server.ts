import { and, asc, count, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations } from "~/db/schema";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";

export type OrganisationListItem = Pick<
  typeof organisations.$inferSelect,
  "id" | "name" | "acronym" | "type" | "level" | "countryCode"
>;

/** Organisations that are not archived, by name, one page at a time. */
export async function listOrganisations(db: Db, request: PageRequest): Promise<Page<OrganisationListItem>> {
  const where = and(isNull(organisations.archivedAt));
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        acronym: organisations.acronym,
        type: organisations.type,
        level: organisations.level,
        countryCode: organisations.countryCode,
      })
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(organisations).where(where),
  ]);
  return toPage(items, totalRow?.total ?? 0, request);
}

/** Every organisation as a choice in a form (id, name, acronym), by name. */
export async function organisationOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name));
}
