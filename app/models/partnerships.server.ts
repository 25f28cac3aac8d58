import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers, partnerships } from "~/db/schema";
import type { PartnershipStatus } from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";

export interface PartnershipListItem {
  id: string;
  name: string;
  status: PartnershipStatus;
  countryCode: string | null;
  startDate: string | null;
  endDate: string | null;
  memberCount: number;
  lead: { id: string; name: string; acronym: string | null } | null;
}

/** Partnerships that are not archived, one page at a time, with member counts and the lead. */
export async function listPartnerships(db: Db, request: PageRequest): Promise<Page<PartnershipListItem>> {
  const where = isNull(partnerships.archivedAt);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: partnerships.id,
        name: partnerships.name,
        status: partnerships.status,
        countryCode: partnerships.countryCode,
        startDate: partnerships.startDate,
        endDate: partnerships.endDate,
      })
      .from(partnerships)
      .where(where)
      .orderBy(asc(partnerships.name), asc(partnerships.id))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(partnerships).where(where),
  ]);
  // One query for the members of the whole page, joined in memory.
  const members = rows.length
    ? await db
        .select({
          partnershipId: partnershipMembers.partnershipId,
          role: partnershipMembers.role,
          organisationId: organisations.id,
          name: organisations.name,
          acronym: organisations.acronym,
        })
        .from(partnershipMembers)
        .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
        .where(
          and(
            inArray(
              partnershipMembers.partnershipId,
              rows.map((r) => r.id),
            ),
            isNull(partnershipMembers.archivedAt),
            isNull(partnershipMembers.leftOn),
          ),
        )
    : [];
  const items = rows.map((row) => {
    const own = members.filter((m) => m.partnershipId === row.id);
    const lead = own.find((m) => m.role === "lead");
    return {
      ...row,
      memberCount: own.length,
      lead: lead ? { id: lead.organisationId, name: lead.name, acronym: lead.acronym } : null,
    };
  });
  return toPage(items, totalRow?.total ?? 0, request);
}

/** The most recently changed partnerships, for the overview. */
export async function recentPartnerships(db: Db, limit = 5) {
  return db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      updatedAt: partnerships.updatedAt,
    })
    .from(partnerships)
    .where(isNull(partnerships.archivedAt))
    .orderBy(desc(partnerships.updatedAt))
    .limit(limit);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string from a URL can be an id at all (PostgreSQL refuses a malformed uuid). */
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The partnership's heading fields, or undefined when there is none with that id. */
export async function findPartnershipHeader(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      countryCode: partnerships.countryCode,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      archivedAt: partnerships.archivedAt,
      version: partnerships.version,
    })
    .from(partnerships)
    .where(eq(partnerships.id, id));
  return row;
}

/** The overview's own fields of a partnership. */
export async function findPartnershipOverview(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
  return row;
}
