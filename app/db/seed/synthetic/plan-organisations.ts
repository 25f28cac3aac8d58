// Planning step 1 of the synthetic network: organisations and the municipalities of local authorities.
import type { Level, OrganisationType } from "../../../lib/enums";
import { allocate, initials, pushTo, type OrgIndex, type OrgInfo, type PlanContext } from "./plan-helpers";
import {
  TYPE_SHARES,
  COUNTRIES,
  COUNTRY_WEIGHTS,
  CITY_HEADS,
  CITY_TAILS,
  NATIONAL_NAMES,
  UNDER_MINISTRY,
  CSO_NAMES,
  INTERNATIONAL_NAMES,
  EU_BODY_NAMES,
  FUNDER_NAMES,
  RESEARCH_NAMES,
  MANDATES,
  type Country,
} from "./vocabulary";

/** Organisations (and a municipality per local authority), indexed for the later steps. */
export function planOrganisations(ctx: PlanContext): OrgIndex {
  const { n, seed, indexOffset, root, ids, label, plan } = ctx;
  const rng = root.fork("organisations");
  const types = rng.shuffle(
    allocate(n, TYPE_SHARES).flatMap(([type, count]) => Array<OrganisationType>(count).fill(type)),
  );
  const orgs: OrgInfo[] = [];
  const byType = new Map<OrganisationType, OrgInfo[]>();
  const byCountryType = new Map<string, OrgInfo[]>();
  const transnational: OrgInfo[] = [];
  const ministries = new Map<string, OrgInfo[]>();
  const localAuthorities: { org: OrgInfo; municipalityId: string; country: Country }[] = [];
  const cityName = () => `${rng.pick(CITY_HEADS)}${rng.pick(CITY_TAILS)}`;

  types.forEach((type, i) => {
    const id = ids.uuid();
    const tag = label(i);
    const internationalWithoutCountry = type === "international_organisation" && rng.chance(0.25);
    const country = type === "eu_body" || internationalWithoutCountry ? null : rng.weighted(COUNTRY_WEIGHTS);
    const cc = country?.code ?? null;
    let name: string;
    let acronym: string | null = null;
    let level: Level;
    let place = country?.name ?? "Europe";
    let parentOrganisationId: string | null = null;
    let municipalityId: string | null = null;
    switch (type) {
      case "national_authority": {
        const base = rng.pick(NATIONAL_NAMES);
        name = `${base} ${cc} ${tag}`;
        acronym = `${initials(base)}-${cc}`;
        level = "national";
        const parents = cc ? ministries.get(cc) : undefined;
        if (UNDER_MINISTRY.has(base) && parents && rng.chance(0.6))
          parentOrganisationId = rng.pick(parents).id;
        break;
      }
      case "regional_authority": {
        place = rng.pick(country?.regions ?? ["Central"]);
        name = `${rng.pick(["Region of", "Province of"])} ${place} ${tag}`;
        level = "regional";
        break;
      }
      case "local_authority": {
        place = cityName();
        name = `${rng.pick(["City of", "Municipality of"])} ${place} ${tag}`;
        level = "local";
        municipalityId = ids.uuid();
        break;
      }
      case "cso": {
        const local = rng.chance(0.65);
        if (local) place = cityName();
        name = `${rng.pick(CSO_NAMES)} ${place} ${tag}`;
        level = local ? "local" : "national";
        break;
      }
      case "international_organisation": {
        const base = rng.pick(INTERNATIONAL_NAMES);
        name = cc ? `${base} ${cc} ${tag}` : `${base} for the EU ${tag}`;
        acronym = base.split(" ")[0] ?? null;
        level = "eu_international";
        break;
      }
      case "eu_body": {
        const base = rng.pick(EU_BODY_NAMES);
        name = `${base} ${tag}`;
        acronym = initials(base);
        level = "eu_international";
        break;
      }
      case "funder": {
        name = `${rng.pick(FUNDER_NAMES)} ${cc} ${tag}`;
        level = rng.chance(0.2) ? "eu_international" : "national";
        break;
      }
      case "research_institute":
      default: {
        name = `${rng.pick(RESEARCH_NAMES)} ${place} ${tag}`;
        level = "national";
        break;
      }
    }
    const info: OrgInfo = { id, index: i, type, country: cc, place };
    orgs.push(info);
    pushTo(byType, type, info);
    if (cc) pushTo(byCountryType, `${cc}|${type}`, info);
    else transnational.push(info);
    if (type === "national_authority" && cc && name.startsWith("Ministry")) pushTo(ministries, cc, info);
    plan.organisations.push({
      id,
      name,
      acronym,
      type,
      level,
      countryCode: cc,
      municipalityId,
      parentOrganisationId,
      mandate: rng.pick(MANDATES[type]),
      description: `Synthetic ${type.replace(/_/g, " ")} generated for scale tests (seed ${seed}).`,
      website: `https://synthetic-${indexOffset + i + 1}.example.org`,
    });
    if (municipalityId && country) {
      localAuthorities.push({ org: info, municipalityId, country });
      plan.municipalities.push({
        id: municipalityId,
        name: `${place} ${tag}`,
        countryCode: country.code,
        region: rng.pick(country.regions),
        organisationId: id,
      });
    }
  });

  const countriesPresent = COUNTRIES.filter((c) =>
    TYPE_SHARES.some(([t]) => byCountryType.has(`${c.code}|${t}`)),
  );
  const orgCountOf = (c: Country) =>
    TYPE_SHARES.reduce((s, [t]) => s + (byCountryType.get(`${c.code}|${t}`)?.length ?? 0), 0);
  return { orgs, byType, byCountryType, transnational, localAuthorities, countriesPresent, orgCountOf };
}
