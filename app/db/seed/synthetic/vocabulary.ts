// Reference data of the synthetic network: type shares, countries, names, mandates, templates.
import type { OrganisationType, OutcomeGroup, RiskCategory } from "../../../lib/enums";
import type { WeightedEntry } from "../../../lib/prng";

/** Shares per 100 organisations. */
export const TYPE_SHARES: readonly (readonly [OrganisationType, number])[] = [
  ["national_authority", 8],
  ["regional_authority", 4],
  ["local_authority", 30],
  ["cso", 40],
  ["international_organisation", 5],
  ["eu_body", 3],
  ["funder", 5],
  ["research_institute", 5],
];

export interface Country {
  code: string;
  name: string;
  weight: number;
  currency: string;
  regions: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
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
export const COUNTRY_WEIGHTS: readonly WeightedEntry<Country>[] = COUNTRIES.map((c) => [c, c.weight]);
/** Exchange rates to EUR, rounded: amounts in SEK and PLN look like amounts in those currencies. */
export const PER_EUR: Record<string, number> = { EUR: 1, SEK: 11, PLN: 4 };

export const CITY_HEADS = [
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
export const CITY_TAILS = [
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

export const NATIONAL_NAMES = [
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
export const UNDER_MINISTRY = new Set<string>([
  "Immigration Office",
  "Return and Departure Service",
  "Reception Agency",
  "Asylum Service",
  "Aliens Police",
]);
export const CSO_NAMES = [
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
export const INTERNATIONAL_NAMES = ["IOM Office", "UNHCR Office", "ICMPD Office", "Red Cross Liaison Office"];
export const EU_BODY_NAMES = [
  "European Migration Network",
  "European Union Agency for Asylum",
  "Frontex Return Division",
  "DG Migration and Home Affairs",
  "European Return and Reintegration Network",
  "European Commission AMIF Unit",
];
export const FUNDER_NAMES = [
  "Foundation for Social Inclusion",
  "Open Society Fund",
  "Community Foundation",
  "Lottery Fund",
  "Charitable Trust",
];
export const RESEARCH_NAMES = [
  "Institute for Migration Studies",
  "Centre for Migration Law",
  "Policy Research Institute",
  "Observatory on Irregular Migration",
];

export const MANDATES: Record<OrganisationType, readonly string[]> = {
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

export const CONTRIBUTIONS: Record<OrganisationType, readonly string[]> = {
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

export const PARTNERSHIP_THEMES = [
  "Durable Solutions Partnership",
  "Case Resolution Network",
  "Local Cooperation Platform",
  "Shelter and Guidance Covenant",
  "Return Counselling Alliance",
  "Regularisation Support Network",
  "Multi-track Guidance Partnership",
];
export const GOVERNANCE = [
  "Steering group meeting quarterly; local case meetings every month",
  "Local steering group, with escalation to a national meeting",
  "Bilateral coordination meetings",
  "Joint case conferences and an annual review",
  "Informal exchanges between coordinators",
];

export const OBJECTIVE_TEMPLATES: readonly {
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

export const RISK_TITLES: Record<RiskCategory, readonly string[]> = {
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
export const RISK_MITIGATIONS: Record<RiskCategory, readonly string[]> = {
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
export const RISK_CATEGORY_WEIGHTS: readonly WeightedEntry<RiskCategory>[] = [
  ["trust_deficit", 25],
  ["power_imbalance", 22],
  ["conflicting_priorities", 15],
  ["organisational_diversity", 10],
  ["funding", 14],
  ["legal_mandate", 9],
  ["other", 5],
];

export const PILOT_THEMES = [
  "Shelter and guidance pilot",
  "Case resolution pilot",
  "Multi-track counselling pilot",
  "24-hour shelter pilot",
  "Early guidance pilot",
];
export const MILESTONE_TITLES = [
  "Covenant signed",
  "Steering group installed",
  "Shelter places available",
  "First local case meeting",
  "Guidance scenarios agreed for all participants",
  "Interim evaluation",
  "Escalation procedure agreed",
  "Final evaluation published",
];
export const HEALTH_COMMENTS = [
  "Good cooperation at the case meetings.",
  "We are not always heard in the steering group.",
  "Funding after this year is uncertain.",
  "Information is shared late.",
  "Shared objectives are clear to everyone.",
];

/** Rough shares of outcome groups among those who left (the LVV evaluation: 18/41/41). */
export const GROUP_WEIGHTS: Record<OutcomeGroup, number> = {
  durable: 0.2,
  semi_durable: 0.4,
  no_solution: 0.4,
};
