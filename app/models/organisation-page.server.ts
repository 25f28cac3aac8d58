// An organisation's page: its profile, its partnerships, relationships and the risks it owns (its
// follow-up actions: linked-actions.server.ts).
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import {
  municipalities,
  organisations,
  partnershipMembers,
  partnerships,
  risks,
  type Organisation,
} from "~/db/schema";
import type { MemberRole, PartnershipStatus, RiskCategory, RiskStatus } from "~/lib/enums";
import { riskExposure } from "~/lib/signals";
import { relationshipsOf, type RelationshipView } from "./relationships.server";

// --- an organisation's page -----------------------------------------------------------------------

export interface OrganisationProfile extends Organisation {
  municipalityName: string | null;
  parentName: string | null;
}

export interface OrganisationMembership {
  partnershipId: string;
  partnershipName: string;
  status: PartnershipStatus;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

/** A risk the organisation owns, as the viewer may see it: the title only for members and coordinators. */
export type OwnedRisk = {
  id: string;
  partnershipId: string;
  partnershipName: string;
  category: RiskCategory;
  exposure: number;
  status: RiskStatus;
  reviewOn: string | null;
} & ({ confidential: false; title: string; mitigation: string | null } | { confidential: true });

export interface OrganisationPage {
  organisation: OrganisationProfile;
  partnerships: OrganisationMembership[];
  relationships: RelationshipView[];
  risks: OwnedRisk[];
}

const parent = alias(organisations, "parent");

/** The organisation (archived too) with its municipality's and parent's names. */
export async function findOrganisation(db: Db, organisationId: string): Promise<OrganisationProfile | null> {
  const [row] = await db
    .select({ organisation: organisations, municipalityName: municipalities.name, parentName: parent.name })
    .from(organisations)
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .leftJoin(parent, eq(parent.id, organisations.parentOrganisationId))
    .where(eq(organisations.id, organisationId));
  if (!row) return null;
  return { ...row.organisation, municipalityName: row.municipalityName, parentName: row.parentName };
}

/** Everything the organisation's page shows, as `viewer` may see it; null for an unknown id. */
export async function organisationPage(
  db: Db,
  viewer: AuthUser | null,
  organisationId: string,
): Promise<OrganisationPage | null> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) return null;
  const [memberships, relationships, riskRows] = await Promise.all([
    db
      .select({
        partnershipId: partnerships.id,
        partnershipName: partnerships.name,
        status: partnerships.status,
        role: partnershipMembers.role,
        mandate: partnershipMembers.mandate,
        contribution: partnershipMembers.contribution,
        joinedOn: partnershipMembers.joinedOn,
        leftOn: partnershipMembers.leftOn,
      })
      .from(partnershipMembers)
      .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
      .where(
        and(
          eq(partnershipMembers.organisationId, organisationId),
          isNull(partnershipMembers.archivedAt),
          isNull(partnerships.archivedAt),
        ),
      )
      .orderBy(asc(partnerships.name), asc(partnerships.id)),
    relationshipsOf(db, organisationId),
    db
      .select({
        id: risks.id,
        partnershipId: risks.partnershipId,
        partnershipName: partnerships.name,
        category: risks.category,
        title: risks.title,
        mitigation: risks.mitigation,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
        reviewOn: risks.reviewOn,
      })
      .from(risks)
      .innerJoin(partnerships, eq(partnerships.id, risks.partnershipId))
      .where(
        and(
          eq(risks.ownerOrganisationId, organisationId),
          isNull(risks.archivedAt),
          isNull(partnerships.archivedAt),
        ),
      )
      .orderBy(asc(partnerships.name), desc(sql`${risks.likelihood} * ${risks.impact}`), asc(risks.id)),
  ]);
  return {
    organisation,
    partnerships: memberships,
    relationships,
    risks: await visibleRisks(db, viewer, riskRows),
  };
}

/**
 * Risk titles and mitigations are partnership-confidential (DOMAIN.md): kept only where the viewer
 * may read that partnership's confidential fields. The members of every partnership concerned are
 * read in one query; the hidden fields are not copied into what the loader returns.
 */
async function visibleRisks(
  db: Db,
  viewer: AuthUser | null,
  rows: {
    id: string;
    partnershipId: string;
    partnershipName: string;
    category: RiskCategory;
    title: string;
    mitigation: string | null;
    likelihood: number;
    impact: number;
    status: RiskStatus;
    reviewOn: string | null;
  }[],
): Promise<OwnedRisk[]> {
  const partnershipIds = [...new Set(rows.map((row) => row.partnershipId))];
  const today = new Date().toISOString().slice(0, 10);
  const members =
    partnershipIds.length === 0 || !viewer?.organisationId
      ? []
      : await db
          .select({
            partnershipId: partnershipMembers.partnershipId,
            organisationId: partnershipMembers.organisationId,
          })
          .from(partnershipMembers)
          .where(
            and(
              inArray(partnershipMembers.partnershipId, partnershipIds),
              isNull(partnershipMembers.archivedAt),
              or(isNull(partnershipMembers.leftOn), sql`${partnershipMembers.leftOn} > ${today}`),
            ),
          );
  const membersOf = new Map<string, string[]>();
  for (const member of members) {
    membersOf.set(member.partnershipId, [
      ...(membersOf.get(member.partnershipId) ?? []),
      member.organisationId,
    ]);
  }
  return rows.map((row): OwnedRisk => {
    const shared = {
      id: row.id,
      partnershipId: row.partnershipId,
      partnershipName: row.partnershipName,
      category: row.category,
      exposure: riskExposure(row.likelihood, row.impact),
      status: row.status,
      reviewOn: row.reviewOn,
    };
    const full = canOn(viewer, "confidential:read", {
      memberOrganisationIds: membersOf.get(row.partnershipId) ?? [],
    });
    return full
      ? { ...shared, confidential: false, title: row.title, mitigation: row.mitigation }
      : { ...shared, confidential: true };
  });
}
