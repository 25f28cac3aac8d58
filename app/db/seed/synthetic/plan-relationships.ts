// Planning step 4 of the synthetic network: typed, directed relationships between organisations.
import type { OrganisationType, RelationshipType } from "../../../lib/enums";
import { isoOf } from "./calendar";
import { pickFromPools, type OrgIndex, type PlanContext } from "./plan-helpers";
import { TYPE_SHARES } from "./vocabulary";

/** Direct relationships, typed by what the organisations are (who funds, oversees, refers...). */
export function planRelationships(ctx: PlanContext, index: OrgIndex): void {
  const { n, T, root, ids, plan } = ctx;
  const { byType, byCountryType } = index;
  const rrng = root.fork("relationships");
  const ALL_TYPES = TYPE_SHARES.map(([t]) => t);
  const rules: Record<
    RelationshipType,
    { from: readonly OrganisationType[]; to: readonly OrganisationType[] }
  > = {
    funds: {
      from: ["funder", "eu_body", "national_authority", "regional_authority", "local_authority"],
      to: ["cso", "local_authority", "research_institute", "international_organisation"],
    },
    oversees: {
      from: ["national_authority", "regional_authority", "eu_body"],
      to: ["national_authority", "regional_authority", "local_authority"],
    },
    refers_cases: {
      from: ["local_authority", "cso", "national_authority"],
      to: ["cso", "international_organisation", "national_authority", "local_authority"],
    },
    shares_information: { from: ALL_TYPES, to: ALL_TYPES },
    advises: { from: ["research_institute", "international_organisation", "cso", "eu_body"], to: ALL_TYPES },
  };
  const relationshipKeys = new Set<string>();
  const relationshipTarget = n >= 2 ? Math.round(n / 2) : 0;
  for (let k = 0, attempts = 0; k < relationshipTarget && attempts < relationshipTarget * 20; attempts++) {
    const type = rrng.weighted<RelationshipType>([
      ["shares_information", 35],
      ["refers_cases", 25],
      ["funds", 15],
      ["advises", 15],
      ["oversees", 10],
    ]);
    const rule = rules[type];
    const from = pickFromPools(
      rrng,
      rule.from.map((t) => byType.get(t)),
    );
    if (!from) continue;
    const sameCountry = from.country !== null && rrng.chance(0.8);
    const to = sameCountry
      ? pickFromPools(
          rrng,
          rule.to.map((t) => byCountryType.get(`${from.country}|${t}`)),
        )
      : pickFromPools(
          rrng,
          rule.to.map((t) => byType.get(t)),
        );
    if (!to || to.id === from.id) continue;
    const key = `${from.id}|${to.id}|${type}`;
    if (relationshipKeys.has(key)) continue;
    relationshipKeys.add(key);
    const starts = T - rrng.int(30, 8 * 365);
    plan.relationships.push({
      id: ids.uuid(),
      fromOrganisationId: from.id,
      toOrganisationId: to.id,
      type,
      startsOn: rrng.chance(0.9) ? isoOf(starts) : null,
      endsOn: rrng.chance(0.12) ? isoOf(starts + rrng.int(90, 3 * 365)) : null,
      notes: rrng.chance(0.3) ? `Synthetic ${type.replace(/_/g, " ")} link.` : null,
    });
    k++;
  }
}
