// Planning step 2 of the synthetic network: partnerships and their members.
import type {
  Level,
  MemberRole,
  OrganisationType,
  PartnershipStatus,
  Formalisation,
} from "../../../lib/enums";
import type { WeightedEntry } from "../../../lib/prng";
import { isoOf } from "./calendar";
import { pushTo, type OrgIndex, type OrgInfo, type PartnershipInfo, type PlanContext } from "./plan-helpers";
import {
  TYPE_SHARES,
  MANDATES,
  CONTRIBUTIONS,
  PARTNERSHIP_THEMES,
  GOVERNANCE,
  type Country,
} from "./vocabulary";

/** Partnerships of 2 to 8 members (mostly within a country), each with exactly one lead. */
export function planPartnerships(
  ctx: PlanContext,
  index: OrgIndex,
): { partnershipInfos: PartnershipInfo[]; partnershipsOf: Map<string, PartnershipInfo[]> } {
  const { n, seed, T, root, ids, label, plan } = ctx;
  const { orgs, byCountryType, transnational, countriesPresent, orgCountOf } = index;
  const prng = root.fork("partnerships");
  const partnershipInfos: PartnershipInfo[] = [];
  const partnershipsOf = new Map<string, PartnershipInfo[]>();
  /** One entry per membership: drawing from it favours organisations already in partnerships. */
  const hubs = new Map<string, OrgInfo[]>();
  const memberTypeWeight: Record<OrganisationType, number> = {
    local_authority: 3,
    cso: 3.5,
    national_authority: 2,
    regional_authority: 1.2,
    international_organisation: 0.8,
    funder: 0.6,
    research_institute: 0.6,
    eu_body: 0.4,
    other: 0.2,
  };
  const leadTypeWeight: Record<OrganisationType, number> = {
    local_authority: 4,
    national_authority: 3,
    cso: 3,
    regional_authority: 2,
    international_organisation: 1,
    research_institute: 0.5,
    eu_body: 0.5,
    funder: 0.3,
    other: 0.3,
  };
  const countryEntries: WeightedEntry<Country>[] = countriesPresent.map((c) => [c, orgCountOf(c)]);

  const drawMember = (countries: readonly Country[], transnationalChance: number): OrgInfo | undefined => {
    if (transnational.length > 0 && prng.chance(transnationalChance)) return prng.pick(transnational);
    const country = prng.pick(countries);
    const hubList = hubs.get(country.code);
    if (hubList && prng.chance(0.25)) return prng.pick(hubList);
    const entries: WeightedEntry<OrganisationType>[] = [];
    for (const [type] of TYPE_SHARES) {
      if (byCountryType.has(`${country.code}|${type}`)) entries.push([type, memberTypeWeight[type]]);
    }
    if (entries.length === 0) return undefined;
    const pool = byCountryType.get(`${country.code}|${prng.weighted(entries)}`);
    return pool ? prng.pick(pool) : undefined;
  };

  const partnershipTarget = n >= 2 ? Math.round(n / 3) : 0;
  for (let k = 0; k < partnershipTarget; k++) {
    const anchor = countryEntries.length > 0 ? prng.weighted(countryEntries) : null;
    const crossBorder = anchor === null || prng.chance(0.18) || orgCountOf(anchor) < 2;
    const countries: Country[] = anchor ? [anchor] : [];
    if (crossBorder) {
      const others = countriesPresent.filter((c) => c !== anchor);
      countries.push(...prng.sample(others, prng.int(1, 2)));
    }
    const size = prng.weighted<number>([
      [2, 15],
      [3, 25],
      [4, 25],
      [5, 15],
      [6, 10],
      [7, 6],
      [8, 4],
    ]);
    const chosen = new Map<string, OrgInfo>();
    for (let attempt = 0; chosen.size < size && attempt < size * 10; attempt++) {
      const org = countries.length > 0 ? drawMember(countries, crossBorder ? 0.3 : 0.06) : undefined;
      if (org) chosen.set(org.id, org);
    }
    // Small networks: fill from anywhere.
    for (let attempt = 0; chosen.size < Math.min(2, orgs.length) && attempt < 50; attempt++) {
      const org = prng.pick(orgs);
      chosen.set(org.id, org);
    }
    if (chosen.size < 2) continue;
    const members = [...chosen.values()];
    const lead = prng.weighted(members.map((m) => [m, leadTypeWeight[m.type]] as const));

    const status = prng.weighted<PartnershipStatus>([
      ["active", 60],
      ["forming", 12],
      ["exploring", 10],
      ["paused", 8],
      ["ended", 10],
    ]);
    let start: number | null = null;
    let end: number | null = null;
    switch (status) {
      case "exploring":
        break;
      case "forming":
        start = T + prng.int(-60, 180);
        break;
      case "active":
        start = T - prng.int(60, 6 * 365);
        if (prng.chance(0.3)) end = T + prng.int(90, 3 * 365);
        break;
      case "paused":
        start = T - prng.int(365, 6 * 365);
        break;
      case "ended":
        start = T - prng.int(2 * 365, 9 * 365);
        end = Math.min(start + prng.int(180, 5 * 365), T - 1);
        break;
    }
    const formalisation: Formalisation =
      status === "exploring" || status === "forming"
        ? prng.weighted<Formalisation>([
            ["informal", 75],
            ["memorandum", 25],
          ])
        : prng.weighted<Formalisation>([
            ["covenant", 30],
            ["memorandum", 25],
            ["grant_agreement", 25],
            ["contract", 10],
            ["informal", 10],
          ]);
    const country = crossBorder ? null : anchor;
    const memberTypes = new Set(members.map((m) => m.type));
    const scopeLevel: Level = crossBorder
      ? "eu_international"
      : memberTypes.has("national_authority")
        ? "national"
        : memberTypes.has("regional_authority")
          ? "regional"
          : "local";
    const localLead = members.find((m) => m.type === "local_authority" && m.country === country?.code);
    const placeName = crossBorder ? "Europe" : (localLead?.place ?? country?.name ?? "Europe");
    const id = ids.uuid();
    const info: PartnershipInfo = { id, status, start, end, country, members, lead };
    partnershipInfos.push(info);
    plan.partnerships.push({
      id,
      name: `${prng.pick(PARTNERSHIP_THEMES)} ${placeName} ${label(k)}`,
      description: `Synthetic partnership of ${members.length} organisations (seed ${seed}).`,
      status,
      startDate: start === null ? null : isoOf(start),
      endDate: end === null ? null : isoOf(end),
      scopeLevel,
      countryCode: country?.code ?? null,
      formalisation,
      governance: prng.pick(GOVERNANCE),
      illustrative: true,
    });

    // Members: exactly one lead; at most one member (never the lead) has left an ongoing one.
    const leaver =
      (status === "active" || status === "paused") &&
      members.length >= 3 &&
      start !== null &&
      start < T - 60 &&
      prng.chance(0.15)
        ? prng.pick(members.filter((m) => m !== lead))
        : undefined;
    for (const member of members) {
      let role: MemberRole;
      if (member === lead) role = "lead";
      else if (member.type === "funder") role = "funder";
      else if (member.type === "national_authority" && prng.chance(0.1)) role = "funder";
      else if (
        (member.type === "eu_body" ||
          member.type === "research_institute" ||
          member.type === "international_organisation") &&
        prng.chance(0.4)
      )
        role = "observer";
      else role = "partner";
      let joined: number | null = start;
      if (start !== null && member !== lead && prng.chance(0.25)) {
        const latest = Math.min(end ?? T, T);
        if (latest > start + 30) joined = prng.int(start + 30, Math.min(start + 400, latest));
      }
      let left: number | null = null;
      if (member === leaver && joined !== null && joined < T - 1) left = prng.int(joined + 1, T - 1);
      plan.partnershipMembers.push({
        id: ids.uuid(),
        partnershipId: id,
        organisationId: member.id,
        role,
        mandate: prng.pick(MANDATES[member.type]),
        contribution: prng.pick(CONTRIBUTIONS[member.type]),
        joinedOn: joined === null ? null : isoOf(joined),
        leftOn: left === null ? null : isoOf(left),
      });
      pushTo(partnershipsOf, member.id, info);
      if (member.country) pushTo(hubs, member.country, member);
    }
  }
  return { partnershipInfos, partnershipsOf };
}
