// A deterministic synthetic network of any size, for scale tests and benchmarks
// (`npm run db:seed-synthetic -- --organisations N`).
//
// planSyntheticNetwork() is pure: it builds every row in memory, ids included (uuid v4-shaped
// strings drawn from a seeded PRNG), so the same options always give the same plan.
// seedSynthetic() inserts a plan in one transaction, in chunks, with one audit entry per row.
// It adds to whatever is in the database already: every name carries "(Synthetic #n)", and a
// second run continues the numbering (and draws other ids) instead of colliding.
import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { createRng, type Rng, type WeightedEntry } from "../../lib/prng";
import {
  healthDimensions,
  outcomePathways,
  pathwayGroup,
  riskCategories,
  type FundingSource,
  type FundingStage,
  type Level,
  type MemberRole,
  type MilestoneStatus,
  type ObjectiveStatus,
  type OrganisationType,
  type OutcomeGroup,
  type OutcomePathway,
  type PartnershipStatus,
  type PilotStatus,
  type RelationshipType,
  type RiskCategory,
  type RiskStatus,
  type TargetGroup,
  type Formalisation,
} from "../../lib/enums";
import { recordAudit, type AuditEntry } from "../../models/audit.server";
import type { Db } from "../client.server";
import { rows as resultRows } from "../rows.server";
import {
  fundingLines,
  healthChecks,
  healthScoreKeys,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilotOutcomes,
  pilotPeriods,
  pilots,
  relationships,
  risks,
  type NewFundingLine,
  type NewHealthCheck,
  type NewMilestone,
  type NewMunicipality,
  type NewObjective,
  type NewOrganisation,
  type NewPartnership,
  type NewPartnershipMember,
  type NewPilot,
  type NewPilotOutcome,
  type NewPilotPeriod,
  type NewRelationship,
  type NewRisk,
} from "../schema";

export const SYNTHETIC_MAX_ORGANISATIONS = 100_000;
export const SYNTHETIC_DEFAULT_SEED = 1;
/** Rows per INSERT statement. */
export const SYNTHETIC_CHUNK_SIZE = 1000;

export interface SyntheticOptions {
  organisations: number;
  seed?: number;
  /** 'YYYY-MM-DD' the dates are relative to; default: the current UTC date. */
  today?: string;
  /**
   * Numbering starts after this index ("(Synthetic #offset+1)"); it also changes the ids drawn.
   * Default 0 for a plan; seedSynthetic() reads it from the database (the highest index there).
   */
  indexOffset?: number;
}

type Row<T> = T & { id: string };

/** Every row of a synthetic network, in insertion order per table. */
export interface SyntheticTables {
  organisations: Row<NewOrganisation>[];
  municipalities: Row<NewMunicipality>[];
  partnerships: Row<NewPartnership>[];
  partnershipMembers: Row<NewPartnershipMember>[];
  relationships: Row<NewRelationship>[];
  objectives: Row<NewObjective>[];
  fundingLines: Row<NewFundingLine>[];
  risks: Row<NewRisk>[];
  healthChecks: Row<NewHealthCheck>[];
  pilots: Row<NewPilot>[];
  milestones: Row<NewMilestone>[];
  pilotPeriods: Row<NewPilotPeriod>[];
  pilotOutcomes: Row<NewPilotOutcome>[];
}

export type SyntheticTable = keyof SyntheticTables;
export type SyntheticCounts = Record<SyntheticTable, number>;

export interface SyntheticPlan extends SyntheticTables {
  seed: number;
  today: string;
  indexOffset: number;
  /** audit_log.batch_id of every entry the seed writes. */
  batchId: string;
}

export interface SyntheticSummary {
  seed: number;
  today: string;
  indexOffset: number;
  batchId: string;
  counts: SyntheticCounts;
  auditEntries: number;
}

const TABLE_ORDER: readonly SyntheticTable[] = [
  "organisations",
  "municipalities",
  "partnerships",
  "partnershipMembers",
  "relationships",
  "objectives",
  "fundingLines",
  "risks",
  "healthChecks",
  "pilots",
  "milestones",
  "pilotPeriods",
  "pilotOutcomes",
];

/** audit_log.entity_type per table. */
const ENTITY_TYPES: Record<SyntheticTable, string> = {
  organisations: "organisation",
  municipalities: "municipality",
  partnerships: "partnership",
  partnershipMembers: "partnership_member",
  relationships: "relationship",
  objectives: "objective",
  fundingLines: "funding_line",
  risks: "risk",
  healthChecks: "health_check",
  pilots: "pilot",
  milestones: "milestone",
  pilotPeriods: "pilot_period",
  pilotOutcomes: "pilot_outcome",
};

export function countPlan(plan: SyntheticTables): SyntheticCounts {
  const counts = {} as SyntheticCounts;
  for (const table of TABLE_ORDER) counts[table] = plan[table].length;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Reference data

/** Shares per 100 organisations. */
const TYPE_SHARES: readonly (readonly [OrganisationType, number])[] = [
  ["national_authority", 8],
  ["regional_authority", 4],
  ["local_authority", 30],
  ["cso", 40],
  ["international_organisation", 5],
  ["eu_body", 3],
  ["funder", 5],
  ["research_institute", 5],
];

interface Country {
  code: string;
  name: string;
  weight: number;
  currency: string;
  regions: readonly string[];
}

const COUNTRIES: readonly Country[] = [
  {
    code: "DE",
    name: "Germany",
    weight: 14,
    currency: "EUR",
    regions: ["Bavaria", "Hesse", "Saxony", "Lower Saxony"],
  },
  {
    code: "FR",
    name: "France",
    weight: 13,
    currency: "EUR",
    regions: ["Occitanie", "Brittany", "Grand Est", "Normandy"],
  },
  {
    code: "IT",
    name: "Italy",
    weight: 11,
    currency: "EUR",
    regions: ["Lombardy", "Lazio", "Sicily", "Piedmont"],
  },
  {
    code: "ES",
    name: "Spain",
    weight: 10,
    currency: "EUR",
    regions: ["Catalonia", "Andalusia", "Valencia", "Madrid"],
  },
  {
    code: "NL",
    name: "Netherlands",
    weight: 9,
    currency: "EUR",
    regions: ["Utrecht", "Groningen", "North Holland"],
  },
  {
    code: "BE",
    name: "Belgium",
    weight: 8,
    currency: "EUR",
    regions: ["Flanders", "Wallonia", "Brussels-Capital"],
  },
  {
    code: "SE",
    name: "Sweden",
    weight: 7,
    currency: "SEK",
    regions: ["Stockholm", "Skåne", "Västra Götaland"],
  },
  {
    code: "PL",
    name: "Poland",
    weight: 7,
    currency: "PLN",
    regions: ["Masovia", "Lesser Poland", "Silesia"],
  },
  { code: "AT", name: "Austria", weight: 6, currency: "EUR", regions: ["Vienna", "Tyrol", "Styria"] },
  {
    code: "GR",
    name: "Greece",
    weight: 6,
    currency: "EUR",
    regions: ["Attica", "Central Macedonia", "Crete"],
  },
  { code: "PT", name: "Portugal", weight: 5, currency: "EUR", regions: ["Lisbon", "Norte", "Algarve"] },
  { code: "IE", name: "Ireland", weight: 4, currency: "EUR", regions: ["Dublin", "Munster", "Connacht"] },
];
const COUNTRY_WEIGHTS: readonly WeightedEntry<Country>[] = COUNTRIES.map((c) => [c, c.weight]);
/** Exchange rates to EUR, rounded: amounts in SEK and PLN look like amounts in those currencies. */
const PER_EUR: Record<string, number> = { EUR: 1, SEK: 11, PLN: 4 };

const CITY_HEADS = [
  "Val",
  "Mont",
  "Ber",
  "Lind",
  "Cor",
  "Aren",
  "Bel",
  "Dor",
  "Fal",
  "Gren",
  "Hal",
  "Kast",
  "Lor",
  "Mar",
  "Nor",
  "Ost",
  "Rav",
  "San",
  "Tor",
  "Vel",
  "Wes",
  "Zan",
  "Alt",
  "Bra",
  "Cas",
  "Eis",
];
const CITY_TAILS = [
  "by",
  "dorf",
  "burg",
  "ville",
  "ona",
  "ano",
  "stad",
  "heim",
  "ia",
  "ecke",
  "mere",
  "haven",
  "ford",
  "lund",
  "ena",
  "ora",
  "ez",
  "ice",
  "ade",
  "ow",
];

const NATIONAL_NAMES = [
  "Ministry of the Interior",
  "Ministry of Justice and Security",
  "Immigration Office",
  "Return and Departure Service",
  "Reception Agency",
  "Asylum Service",
  "Aliens Police",
  "Ministry of Social Affairs",
] as const;
/** National authorities that usually sit under a ministry. */
const UNDER_MINISTRY = new Set<string>([
  "Immigration Office",
  "Return and Departure Service",
  "Reception Agency",
  "Asylum Service",
  "Aliens Police",
]);
const CSO_NAMES = [
  "Refugee Support",
  "Migrant Legal Aid",
  "Night Shelter Foundation",
  "Undocumented Migrants Network",
  "Caritas",
  "Red Cross Migration Service",
  "Diaconal Shelter",
  "Migrant Health Clinic",
  "Return Counselling Centre",
  "Community Sponsorship Network",
];
const INTERNATIONAL_NAMES = ["IOM Office", "UNHCR Office", "ICMPD Office", "Red Cross Liaison Office"];
const EU_BODY_NAMES = [
  "European Migration Network",
  "European Union Agency for Asylum",
  "Frontex Return Division",
  "DG Migration and Home Affairs",
  "European Return and Reintegration Network",
  "European Commission AMIF Unit",
];
const FUNDER_NAMES = [
  "Foundation for Social Inclusion",
  "Open Society Fund",
  "Community Foundation",
  "Lottery Fund",
  "Charitable Trust",
];
const RESEARCH_NAMES = [
  "Institute for Migration Studies",
  "Centre for Migration Law",
  "Policy Research Institute",
  "Observatory on Irregular Migration",
];

const MANDATES: Record<OrganisationType, readonly string[]> = {
  national_authority: ["Decides on residence, protection and return", "Organises reception and departure"],
  regional_authority: ["Coordinates services across municipalities", "Funds regional social services"],
  local_authority: [
    "Provides shelter and local case management",
    "Responsible for public order and emergency care",
  ],
  cso: [
    "Independent counselling and legal aid",
    "Shelter, food and health care",
    "Outreach to people unknown to the authorities",
  ],
  international_organisation: ["Return and reintegration assistance", "Protection advice and monitoring"],
  eu_body: ["Exchange of practice between member states", "Manages EU funding programmes"],
  funder: ["Grants to civil-society projects"],
  research_institute: ["Monitoring and evaluation", "Independent research on migration policy"],
  other: ["Other"],
};

const CONTRIBUTIONS: Record<OrganisationType, readonly string[]> = {
  national_authority: ["Access to case files and decisions", "Residence-status checks", "Departure support"],
  regional_authority: ["Regional coordination", "Co-funding"],
  local_authority: ["Shelter places", "Local steering group", "Case managers"],
  cso: ["Trusted contact with migrants", "Legal counselling", "Night shelter"],
  international_organisation: ["Assisted voluntary return", "Reintegration support"],
  eu_body: ["Networking", "Comparative knowledge"],
  funder: ["Co-funding"],
  research_institute: ["Evaluation", "Data analysis"],
  other: ["Support"],
};

const PARTNERSHIP_THEMES = [
  "Durable Solutions Partnership",
  "Case Resolution Network",
  "Local Cooperation Platform",
  "Shelter and Guidance Covenant",
  "Return Counselling Alliance",
  "Regularisation Support Network",
  "Multi-track Guidance Partnership",
];
const GOVERNANCE = [
  "Steering group meeting quarterly; local case meetings every month",
  "Local steering group, with escalation to a national meeting",
  "Bilateral coordination meetings",
  "Joint case conferences and an annual review",
  "Informal exchanges between coordinators",
];

const OBJECTIVE_TEMPLATES: readonly {
  title: string;
  indicator: string;
  unit: string;
  target: readonly [number, number];
}[] = [
  {
    title: "Guide participants to a durable solution",
    indicator: "Participants who left with a durable solution",
    unit: "people",
    target: [10, 120],
  },
  {
    title: "Shorten case resolution",
    indicator: "Median months from intake to outcome",
    unit: "months",
    target: [6, 18],
  },
  { title: "Provide shelter places", indicator: "Places available", unit: "places", target: [10, 150] },
  { title: "Hold joint case meetings", indicator: "Case meetings held", unit: "meetings", target: [6, 48] },
  {
    title: "Inform migrants of all options",
    indicator: "People given full information on stay and return",
    unit: "people",
    target: [30, 400],
  },
  { title: "Train frontline staff", indicator: "Staff trained", unit: "people", target: [10, 80] },
  {
    title: "Secure follow-up funding",
    indicator: "Share of next year's budget committed",
    unit: "%",
    target: [50, 100],
  },
  {
    title: "Publish an evaluation",
    indicator: "Evaluation reports published",
    unit: "reports",
    target: [1, 2],
  },
];

const RISK_TITLES: Record<RiskCategory, readonly string[]> = {
  trust_deficit: [
    "Migrants distrust the return desk",
    "Low trust between civil society and the immigration service",
    "Fear of enforcement deters participation",
  ],
  power_imbalance: [
    "The national partner sets the agenda alone",
    "Small CSOs have no say in steering",
    "The funder dictates outcome targets",
  ],
  conflicting_priorities: [
    "Return targets clash with the shelter's aims",
    "Municipal and national priorities diverge",
  ],
  organisational_diversity: [
    "Incompatible case-management systems",
    "Working cultures differ between partners",
  ],
  funding: ["The AMIF grant ends before the pilot does", "Co-financing not secured", "Municipal budget cut"],
  legal_mandate: [
    "No legal basis to share case data",
    "Municipality not mandated to shelter people with a return decision",
  ],
  other: ["Staff turnover", "Loss of the shelter building"],
};
const RISK_MITIGATIONS: Record<RiskCategory, readonly string[]> = {
  trust_deficit: [
    "Independent counsellors give full information on every option",
    "Joint visits by CSO and authority staff",
  ],
  power_imbalance: [
    "Rotating chair of the steering group",
    "Decisions by consensus, documented in the covenant",
  ],
  conflicting_priorities: ["Agree shared objectives each year", "Escalation to the national meeting"],
  organisational_diversity: ["Shared case-file template", "Exchange of staff between partners"],
  funding: ["Apply for a follow-up grant early", "Municipal bridge funding"],
  legal_mandate: ["Data-sharing agreement with consent", "Ask the ministry for a legal opinion"],
  other: ["Back-up staff plan", "Alternative location identified"],
};
const RISK_CATEGORY_WEIGHTS: readonly WeightedEntry<RiskCategory>[] = [
  ["trust_deficit", 25],
  ["power_imbalance", 22],
  ["conflicting_priorities", 15],
  ["organisational_diversity", 10],
  ["funding", 14],
  ["legal_mandate", 9],
  ["other", 5],
];

const PILOT_THEMES = [
  "Shelter and guidance pilot",
  "Case resolution pilot",
  "Multi-track counselling pilot",
  "24-hour shelter pilot",
  "Early guidance pilot",
];
const MILESTONE_TITLES = [
  "Covenant signed",
  "Steering group installed",
  "Shelter places available",
  "First local case meeting",
  "Guidance scenarios agreed for all participants",
  "Interim evaluation",
  "Escalation procedure agreed",
  "Final evaluation published",
];
const HEALTH_COMMENTS = [
  "Good cooperation at the case meetings.",
  "We are not always heard in the steering group.",
  "Funding after this year is uncertain.",
  "Information is shared late.",
  "Shared objectives are clear to everyone.",
];

/** Rough shares of outcome groups among those who left (the LVV evaluation: 18/41/41). */
const GROUP_WEIGHTS: Record<OutcomeGroup, number> = { durable: 0.2, semi_durable: 0.4, no_solution: 0.4 };

// ---------------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01 (UTC)

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}
function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
function currentUtcDay(): string {
  return new Date().toISOString().slice(0, 10);
}
/** Index of a half-year: year * 2 + (0 for January-June, 1 for July-December). */
function halfOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 2 + (d.getUTCMonth() < 6 ? 0 : 1);
}
function halfStart(half: number): number {
  const year = Math.floor(half / 2);
  return dayOf(`${year}-${half % 2 === 0 ? "01-01" : "07-01"}`);
}
function halfEnd(half: number): number {
  const year = Math.floor(half / 2);
  return dayOf(`${year}-${half % 2 === 0 ? "06-30" : "12-31"}`);
}
/** Index of a calendar quarter: year * 4 + quarter - 1. */
function quarterOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}
function quarterLabel(quarter: number): string {
  return `${Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Planning

interface OrgInfo {
  id: string;
  index: number;
  type: OrganisationType;
  country: string | null;
  /** The place the organisation is named after (local authorities: their municipality). */
  place: string;
}

interface PartnershipInfo {
  id: string;
  status: PartnershipStatus;
  start: number | null;
  end: number | null;
  country: Country | null;
  members: OrgInfo[];
  lead: OrgInfo;
}

/** Split `total` over the shares (largest remainder), so the counts add up exactly. */
function allocate<T>(total: number, shares: readonly (readonly [T, number])[]): [T, number][] {
  const sum = shares.reduce((s, [, w]) => s + w, 0);
  const exact = shares.map(([key, w]) => ({ key, exact: (total * w) / sum }));
  const counts = exact.map((e) => Math.floor(e.exact));
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e.exact - Math.floor(e.exact) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return exact.map((e, i) => [e.key, counts[i] ?? 0]);
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join("");
}

/** Push onto the list stored under `key`, creating it. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Uniform pick over the union of several lists, without concatenating them. */
function pickFromPools<T>(rng: Rng, pools: readonly (readonly T[] | undefined)[]): T | undefined {
  let total = 0;
  for (const pool of pools) total += pool?.length ?? 0;
  if (total === 0) return undefined;
  let i = Math.floor(rng.next() * total);
  for (const pool of pools) {
    if (!pool) continue;
    if (i < pool.length) return pool[i];
    i -= pool.length;
  }
  return undefined;
}

function validateOptions(options: SyntheticOptions): { seed: number; today: string; indexOffset: number } {
  const n = options.organisations;
  if (!Number.isInteger(n) || n < 1 || n > SYNTHETIC_MAX_ORGANISATIONS) {
    throw new RangeError(
      `organisations must be an integer from 1 to ${SYNTHETIC_MAX_ORGANISATIONS}, not ${n}`,
    );
  }
  const seed = options.seed ?? SYNTHETIC_DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
  const today = options.today ?? currentUtcDay();
  if (
    !ISO_DAY.test(today) ||
    Number.isNaN(Date.parse(`${today}T00:00:00Z`)) ||
    isoOf(dayOf(today)) !== today
  ) {
    throw new RangeError(`today must be a date YYYY-MM-DD, not ${today}`);
  }
  const indexOffset = options.indexOffset ?? 0;
  if (!Number.isSafeInteger(indexOffset) || indexOffset < 0) {
    throw new RangeError(`indexOffset must be a non-negative integer, not ${indexOffset}`);
  }
  return { seed, today, indexOffset };
}

/** Build a synthetic network in memory. Pure: the same options give the same plan. */
export function planSyntheticNetwork(options: SyntheticOptions): SyntheticPlan {
  const { seed, today, indexOffset } = validateOptions(options);
  const n = options.organisations;
  const root = createRng(`trellis-synthetic/${seed}/${indexOffset}`);
  // Ids come from their own stream, so changing how a value is drawn does not shift every id.
  const ids = root.fork("ids");
  const T = dayOf(today);
  const label = (i: number) => `(Synthetic #${indexOffset + i + 1})`;

  const plan: SyntheticPlan = {
    seed,
    today,
    indexOffset,
    batchId: ids.uuid(),
    organisations: [],
    municipalities: [],
    partnerships: [],
    partnershipMembers: [],
    relationships: [],
    objectives: [],
    fundingLines: [],
    risks: [],
    healthChecks: [],
    pilots: [],
    milestones: [],
    pilotPeriods: [],
    pilotOutcomes: [],
  };

  // --- Organisations and municipalities -------------------------------------------------------
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

  // --- Partnerships ------------------------------------------------------------------------------
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

  // --- Objectives, funding, risks, health checks ------------------------------------------------
  const orng = root.fork("partnership-details");
  let riskCount = 0;
  const healthQuarters = [quarterOf(T) - 2, quarterOf(T) - 1];
  const nationalOf = (cc: string | undefined) =>
    cc ? byCountryType.get(`${cc}|national_authority`) : undefined;
  for (const p of partnershipInfos) {
    const cc = p.country?.code ?? p.lead.country ?? undefined;
    const baseDay = p.start ?? T + orng.int(30, 300);

    const objectiveCount = orng.int(1, 3);
    for (const template of orng.sample(OBJECTIVE_TEMPLATES, objectiveCount)) {
      const target = orng.int(template.target[0], template.target[1]);
      let status: ObjectiveStatus;
      if (p.status === "exploring" || p.status === "forming")
        status = orng.chance(0.85) ? "not_started" : "on_track";
      else if (p.status === "ended")
        status = orng.weighted<ObjectiveStatus>([
          ["achieved", 50],
          ["at_risk", 25],
          ["dropped", 25],
        ]);
      else
        status = orng.weighted<ObjectiveStatus>([
          ["on_track", 45],
          ["at_risk", 25],
          ["achieved", 15],
          ["not_started", 10],
          ["dropped", 5],
        ]);
      const share =
        status === "not_started"
          ? 0
          : status === "achieved"
            ? orng.float(1, 1.2)
            : status === "on_track"
              ? orng.float(0.3, 0.9)
              : orng.float(0, 0.5);
      plan.objectives.push({
        id: ids.uuid(),
        partnershipId: p.id,
        title: template.title,
        indicator: template.indicator,
        target,
        unit: template.unit,
        progress: Math.round(target * share),
        dueDate: isoOf(Math.min(baseDay + orng.int(365, 4 * 365), p.end ?? Number.MAX_SAFE_INTEGER)),
        status,
        illustrative: true,
      });
    }

    const fundingCount = orng.weighted<number>([
      [0, 25],
      [1, 45],
      [2, 30],
    ]);
    for (let f = 0; f < fundingCount; f++) {
      const source = orng.weighted<FundingSource>([
        ["amif", 38],
        ["national", 20],
        ["other_eu", 10],
        ["municipal", 12],
        ["regional", 8],
        ["private_foundation", 12],
      ]);
      let funder: OrgInfo | undefined;
      switch (source) {
        case "amif":
          funder = pickFromPools(orng, [nationalOf(cc)]) ?? pickFromPools(orng, [byType.get("eu_body")]);
          break;
        case "other_eu":
          funder = pickFromPools(orng, [byType.get("eu_body")]);
          break;
        case "national":
          funder = pickFromPools(orng, [nationalOf(cc)]);
          break;
        case "regional":
          funder = pickFromPools(orng, [cc ? byCountryType.get(`${cc}|regional_authority`) : undefined]);
          break;
        case "municipal":
          funder =
            p.members.find((m) => m.type === "local_authority") ??
            pickFromPools(orng, [cc ? byCountryType.get(`${cc}|local_authority`) : undefined]);
          break;
        case "private_foundation":
          funder =
            p.members.find((m) => m.type === "funder") ??
            pickFromPools(orng, [cc ? byCountryType.get(`${cc}|funder`) : undefined]) ??
            pickFromPools(orng, [byType.get("funder")]);
          break;
      }
      const recipient = orng.chance(0.6) ? p.lead : orng.pick(p.members);
      const voluntaryReturnOnly = orng.chance(source === "amif" ? 0.12 : 0.03);
      const pathwaysCovered: OutcomePathway[] = voluntaryReturnOnly
        ? ["voluntary_return"]
        : orng.chance(0.3)
          ? [...outcomePathways]
          : outcomePathways.filter((pw) => orng.chance(0.5) || pw === "voluntary_return");
      const localCurrency =
        p.country && source !== "amif" && source !== "other_eu" ? p.country.currency : "EUR";
      const eurCents =
        source === "amif" ? orng.int(20_000_000, 600_000_000) : orng.int(2_000_000, 200_000_000);
      const cofinancingRate =
        source === "amif"
          ? orng.chance(0.07)
            ? 90
            : orng.chance(0.6)
              ? 75
              : orng.int(50, 74)
          : source === "other_eu"
            ? orng.int(60, 80)
            : orng.chance(0.5)
              ? null
              : orng.int(20, 100);
      const starts = baseDay + orng.int(0, 180);
      let ends = starts + orng.int(365, 4 * 365);
      if (p.end !== null) ends = Math.max(starts, Math.min(ends, p.end));
      let stage: FundingStage;
      if (starts > T)
        stage = orng.weighted<FundingStage>([
          ["proposal", 60],
          ["grant_agreement", 40],
        ]);
      else if (ends < T)
        stage = orng.weighted<FundingStage>([
          ["closed", 60],
          ["reporting", 25],
          ["evaluation", 15],
        ]);
      else
        stage = orng.weighted<FundingStage>([
          ["implementation", 55],
          ["monitoring", 30],
          ["grant_agreement", 15],
        ]);
      const lineNumber = indexOffset + plan.fundingLines.length + 1;
      plan.fundingLines.push({
        id: ids.uuid(),
        partnershipId: p.id,
        pilotId: null,
        source,
        reference:
          source === "amif"
            ? `AMIF-SYN-${String(lineNumber).padStart(6, "0")}`
            : orng.chance(0.5)
              ? `SYN-${cc ?? "EU"}-${lineNumber}`
              : null,
        funderOrganisationId: funder?.id ?? null,
        recipientOrganisationId: recipient.id,
        amount: (Math.round(eurCents * (PER_EUR[localCurrency] ?? 1)) / 100).toFixed(2),
        currency: localCurrency,
        cofinancingRate,
        startsOn: isoOf(starts),
        endsOn: isoOf(ends),
        stage,
        pathwaysCovered,
        voluntaryReturnOnly,
        illustrative: true,
      });
    }

    const riskTotal = orng.weighted<number>([
      [0, 15],
      [1, 25],
      [2, 25],
      [3, 20],
      [4, 15],
    ]);
    for (let r = 0; r < riskTotal; r++) {
      // The first risks of the network cycle through every category, so each one is present.
      const category =
        riskCount < riskCategories.length
          ? (riskCategories[riskCount] ?? "other")
          : orng.weighted(RISK_CATEGORY_WEIGHTS);
      riskCount++;
      const seriousCategory = category === "trust_deficit" || category === "power_imbalance";
      const status: RiskStatus =
        p.status === "ended"
          ? orng.chance(0.8)
            ? "closed"
            : "mitigating"
          : orng.weighted<RiskStatus>([
              ["open", 50],
              ["mitigating", 35],
              ["closed", 15],
            ]);
      plan.risks.push({
        id: ids.uuid(),
        partnershipId: p.id,
        category,
        title: orng.pick(RISK_TITLES[category]),
        description: `Synthetic risk (${category.replace(/_/g, " ")}).`,
        likelihood: seriousCategory ? orng.int(2, 5) : orng.int(1, 5),
        impact: seriousCategory ? orng.int(2, 5) : orng.int(1, 5),
        ownerOrganisationId: orng.chance(0.6) ? p.lead.id : orng.pick(p.members).id,
        mitigation: orng.chance(0.85) ? orng.pick(RISK_MITIGATIONS[category]) : null,
        status,
        reviewOn: status === "closed" ? null : isoOf(T + orng.int(-30, 180)),
        illustrative: true,
      });
    }

    if (p.status === "active" && orng.chance(0.3)) {
      const respondents = orng.sample(p.members, orng.int(2, Math.min(3, p.members.length)));
      const level = orng.float(2.2, 4.5);
      for (const respondent of respondents) {
        const bias = orng.float(-1.2, 1);
        for (const quarter of healthQuarters) {
          const check: Row<NewHealthCheck> = {
            id: ids.uuid(),
            partnershipId: p.id,
            respondentOrganisationId: respondent.id,
            submittedBy: null,
            period: quarterLabel(quarter),
            comment: orng.chance(0.3) ? orng.pick(HEALTH_COMMENTS) : null,
          };
          for (const dimension of healthDimensions) {
            check[healthScoreKeys[dimension]] = orng.chance(0.04)
              ? null
              : Math.min(5, Math.max(1, Math.round(level + bias + orng.float(-0.8, 0.8))));
          }
          plan.healthChecks.push(check);
        }
      }
    }
  }

  // --- Direct relationships ----------------------------------------------------------------------
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

  // --- Pilots, milestones, periods and outcomes ---------------------------------------------------
  const lrng = root.fork("pilots");
  const pilotTarget = Math.round(localAuthorities.length / 5);
  const lastHalf = halfOf(T) - 1;
  for (const [k, la] of lrng.sample(localAuthorities, pilotTarget).entries()) {
    const candidates = (partnershipsOf.get(la.org.id) ?? []).filter((p) => p.status !== "exploring");
    const partnership = candidates.length > 0 && lrng.chance(0.85) ? lrng.pick(candidates) : undefined;
    const status = lrng.weighted<PilotStatus>([
      ["running", 55],
      ["completed", 20],
      ["paused", 10],
      ["stopped", 15],
    ]);
    const periodCount = lrng.int(2, 4);
    const finalHalf = status === "running" || status === "paused" ? lastHalf : lastHalf - lrng.int(0, 3);
    const firstHalf = finalHalf - periodCount + 1;
    const starts = halfStart(firstHalf);
    const ends =
      status === "completed" || status === "stopped"
        ? halfEnd(finalHalf)
        : status === "running" && lrng.chance(0.5)
          ? T + lrng.int(90, 900)
          : null;
    const pathways = outcomePathways.filter(() => lrng.chance(0.55));
    if (!pathways.includes("voluntary_return")) pathways.push("voluntary_return");
    const pilotId = ids.uuid();
    plan.pilots.push({
      id: pilotId,
      municipalityId: la.municipalityId,
      partnershipId: partnership?.id ?? null,
      name: `${lrng.pick(PILOT_THEMES)} ${la.org.place} ${label(k)}`,
      description: `Synthetic pilot in ${la.org.place} (seed ${seed}).`,
      targetGroup: lrng.weighted<TargetGroup>([
        ["return_decision", 45],
        ["unknown_to_authorities", 20],
        ["both", 35],
      ]),
      pathways,
      status,
      startsOn: isoOf(starts),
      endsOn: ends === null ? null : isoOf(ends),
      capacity: lrng.chance(0.9) ? lrng.int(10, 200) : null,
      illustrative: true,
    });

    // Milestones spread over the pilot's life (or its first years when it has no end).
    const milestoneCount = lrng.int(3, 6);
    const picked = [0, ...lrng.sample([1, 2, 3, 4, 5, 6, 7], milestoneCount - 1).sort((a, b) => a - b)];
    const span = (ends ?? T + lrng.int(180, 720)) - starts;
    let inProgressGiven = false;
    picked.forEach((titleIndex, position) => {
      const due = starts + Math.round((span * (position + 1)) / (milestoneCount + 1)) + lrng.int(-10, 10);
      let milestoneStatus: MilestoneStatus;
      let doneOn: number | null = null;
      if (due < T) {
        milestoneStatus = lrng.weighted<MilestoneStatus>([
          ["done", 75],
          ["delayed", status === "running" || status === "paused" ? 15 : 0],
          ["cancelled", position === 0 ? 0 : 10],
        ]);
        if (milestoneStatus === "done") doneOn = Math.max(starts, Math.min(T, due + lrng.int(-20, 45)));
      } else if (status === "stopped") {
        milestoneStatus = "cancelled";
      } else if (!inProgressGiven && lrng.chance(0.5)) {
        milestoneStatus = "in_progress";
        inProgressGiven = true;
      } else {
        milestoneStatus = "planned";
      }
      plan.milestones.push({
        id: ids.uuid(),
        pilotId,
        title: MILESTONE_TITLES[titleIndex] ?? "Milestone",
        description: null,
        dueOn: isoOf(due),
        doneOn: doneOn === null ? null : isoOf(doneOn),
        status: milestoneStatus,
        position,
        notes: lrng.chance(0.15) ? "Synthetic note." : null,
      });
    });

    // Half-year periods with aggregated outcomes of those who left.
    const weights: WeightedEntry<OutcomePathway>[] = [];
    for (const group of ["durable", "semi_durable", "no_solution"] as const) {
      const inGroup = outcomePathways.filter((pw) => pathwayGroup[pw] === group);
      const chosen = lrng.sample(inGroup, lrng.int(1, Math.min(3, inGroup.length)));
      const groupWeight = GROUP_WEIGHTS[group] * lrng.float(0.6, 1.4);
      for (const pw of chosen) weights.push([pw, groupWeight / chosen.length]);
    }
    let inGuidance = 0;
    for (let h = firstHalf; h <= finalHalf; h++) {
      const newParticipants = lrng.int(3, 40);
      const present = inGuidance + newParticipants;
      const leftCount = Math.round(present * lrng.float(0.15, 0.6));
      inGuidance = present - leftCount;
      const periodId = ids.uuid();
      plan.pilotPeriods.push({
        id: periodId,
        pilotId,
        periodStart: isoOf(halfStart(h)),
        periodEnd: isoOf(halfEnd(h)),
        newParticipants,
        participantsAtEnd: inGuidance,
        notes: null,
        illustrative: true,
      });
      const counts = new Map<OutcomePathway, number>();
      for (let person = 0; person < leftCount; person++) {
        const pw = lrng.weighted(weights);
        counts.set(pw, (counts.get(pw) ?? 0) + 1);
      }
      for (const pw of outcomePathways) {
        const count = counts.get(pw);
        if (count) plan.pilotOutcomes.push({ id: ids.uuid(), pilotPeriodId: periodId, pathway: pw, count });
      }
    }
  }

  return plan;
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** The highest "(Synthetic #n)" index among organisations already in the database (0 if none). */
export async function syntheticIndexOffset(tx: Db): Promise<number> {
  const result = await tx.execute<{ max: number | null }>(
    sql`select max(substring(${organisations.name} from ${"\\(Synthetic #([0-9]+)\\)$"})::int) as max
        from ${organisations} where ${organisations.name} like ${"%(Synthetic #%"}`,
  );
  return Number(resultRows<{ max: number | null }>(result)[0]?.max ?? 0);
}

async function insertChunks<TTable extends PgTable>(
  tx: Db,
  table: TTable,
  rows: readonly TTable["$inferInsert"][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += SYNTHETIC_CHUNK_SIZE) {
    await tx.insert(table).values(rows.slice(i, i + SYNTHETIC_CHUNK_SIZE));
  }
}

/** Insert a plan with `tx` (never `db`: PGlite has one connection), audit entries included. */
export async function insertSyntheticPlan(tx: Db, plan: SyntheticPlan): Promise<SyntheticSummary> {
  // organisations.municipality_id and municipalities.organisation_id point at each other:
  // insert the organisations without it, then the municipalities, then set it.
  await insertChunks(
    tx,
    organisations,
    plan.organisations.map((o) => ({ ...o, municipalityId: null })),
  );
  await insertChunks(tx, municipalities, plan.municipalities);
  const linked = plan.organisations.filter((o) => o.municipalityId).map((o) => o.id);
  for (let i = 0; i < linked.length; i += SYNTHETIC_CHUNK_SIZE) {
    await tx
      .update(organisations)
      .set({
        municipalityId: sql`(select m.id from municipalities m where m.organisation_id = "organisations"."id")`,
      })
      .where(inArray(organisations.id, linked.slice(i, i + SYNTHETIC_CHUNK_SIZE)));
  }
  await insertChunks(tx, partnerships, plan.partnerships);
  await insertChunks(tx, partnershipMembers, plan.partnershipMembers);
  await insertChunks(tx, relationships, plan.relationships);
  await insertChunks(tx, objectives, plan.objectives);
  await insertChunks(tx, fundingLines, plan.fundingLines);
  await insertChunks(tx, risks, plan.risks);
  await insertChunks(tx, healthChecks, plan.healthChecks);
  await insertChunks(tx, pilots, plan.pilots);
  await insertChunks(tx, milestones, plan.milestones);
  await insertChunks(tx, pilotPeriods, plan.pilotPeriods);
  await insertChunks(tx, pilotOutcomes, plan.pilotOutcomes);

  const entries: AuditEntry[] = [];
  for (const table of TABLE_ORDER) {
    const entityType = ENTITY_TYPES[table];
    for (const row of plan[table]) {
      entries.push({ action: "seed", entityType, entityId: row.id, after: row, batchId: plan.batchId });
    }
  }
  await recordAudit(tx, null, entries);
  return {
    seed: plan.seed,
    today: plan.today,
    indexOffset: plan.indexOffset,
    batchId: plan.batchId,
    counts: countPlan(plan),
    auditEntries: entries.length,
  };
}

/**
 * Add a synthetic network to the database in one transaction. Numbering continues after the
 * synthetic organisations already there, unless `indexOffset` is given.
 */
export async function seedSynthetic(db: Db, options: SyntheticOptions): Promise<SyntheticSummary> {
  validateOptions(options);
  return db.transaction(async (tx) => {
    const indexOffset = options.indexOffset ?? (await syntheticIndexOffset(tx));
    const plan = planSyntheticNetwork({ ...options, indexOffset });
    return insertSyntheticPlan(tx, plan);
  });
}
