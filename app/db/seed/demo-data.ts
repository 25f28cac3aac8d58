// Demo dataset of Trellis: real cases from public sources (docs: /work/shared/DOMAIN.md,
// "Real cases"), as typed plain data. No I/O: app/db/seed/demo.server.ts inserts it.
//
// Records refer to each other by stable string keys ("ind", "lvv-utrecht"), never by id.
// Sourced values carry their source as a document link; values that were invented to make the
// demo complete (splits, capacities, scores, amounts per city) sit on records marked
// `illustrative: true` where the table has that column.
//
// Dates are 'YYYY-MM-DD' strings, or relative to the day of seeding (`rel(-30)`: 30 days ago)
// for the things that must stay "upcoming" or "overdue" whenever the demo is loaded.
import type {
  ActionStatus,
  DocumentKind,
  EventKind,
  Formalisation,
  FundingSource,
  FundingStage,
  Level,
  MemberRole,
  MilestoneStatus,
  ObjectiveStatus,
  OrganisationType,
  OutcomePathway,
  PartnershipStatus,
  PilotStatus,
  RelationshipType,
  RiskCategory,
  RiskStatus,
  TargetGroup,
} from "../../lib/enums";

/** A day relative to the day the demo is seeded (negative: in the past). */
export interface RelativeDate {
  readonly daysFromToday: number;
}
/** 'YYYY-MM-DD', or relative to the seeding day. */
export type DemoDate = string | RelativeDate;
/** 'YYYY-Qn', or a whole number of calendar quarters before the seeding day's quarter. */
export type DemoQuarter = string | { readonly quartersBeforeToday: number };

const rel = (daysFromToday: number): RelativeDate => ({ daysFromToday });
const quartersAgo = (quartersBeforeToday: number) => ({ quartersBeforeToday });

export interface DemoOrganisation {
  key: string;
  name: string;
  acronym?: string;
  type: OrganisationType;
  level: Level;
  /** ISO 3166-1 alpha-2; null for EU-wide and international bodies. */
  countryCode: string | null;
  /** Key of the parent organisation (e.g. a return service under its ministry). */
  parent?: string;
  mandate: string;
  description: string;
  website?: string;
}

export interface DemoMunicipality {
  key: string;
  name: string;
  countryCode: string;
  region: string;
  /** Key of the local authority's organisation. */
  authority: string;
}

export interface DemoRelationship {
  from: string;
  to: string;
  type: RelationshipType;
  startsOn?: DemoDate;
  endsOn?: DemoDate;
  notes: string;
}

export interface DemoMember {
  organisation: string;
  role: MemberRole;
  mandate: string;
  contribution: string;
  joinedOn?: DemoDate;
  leftOn?: DemoDate;
}

export interface DemoObjective {
  title: string;
  /** Left out on purpose for one objective: the "not clearly defined" case. */
  indicator?: string;
  target?: number;
  unit?: string;
  progress?: number;
  dueDate?: DemoDate;
  status: ObjectiveStatus;
  illustrative: boolean;
}

export interface DemoFundingLine {
  source: FundingSource;
  reference?: string;
  funder?: string;
  recipient?: string;
  /** Decimal string (numeric(14,2)): never a float. */
  amount?: string;
  currency: string;
  /** Percentage, e.g. 75. */
  cofinancingRate?: number;
  startsOn?: DemoDate;
  endsOn?: DemoDate;
  stage: FundingStage;
  pathwaysCovered: OutcomePathway[];
  voluntaryReturnOnly: boolean;
  illustrative: boolean;
}

export interface DemoRisk {
  category: RiskCategory;
  title: string;
  description: string;
  likelihood: 1 | 2 | 3 | 4 | 5;
  impact: 1 | 2 | 3 | 4 | 5;
  owner: string;
  mitigation: string;
  status: RiskStatus;
  reviewOn?: DemoDate;
  illustrative: boolean;
}

export interface DemoDocument {
  title: string;
  url: string;
  kind: DocumentKind;
}

export interface DemoPartnership {
  key: string;
  name: string;
  description: string;
  status: PartnershipStatus;
  startDate?: DemoDate;
  endDate?: DemoDate;
  scopeLevel: Level;
  /** Null for transnational partnerships. */
  countryCode: string | null;
  formalisation: Formalisation;
  governance: string;
  illustrative: boolean;
  members: DemoMember[];
  objectives: DemoObjective[];
  funding: DemoFundingLine[];
  risks: DemoRisk[];
  documents: DemoDocument[];
}

type Score = 1 | 2 | 3 | 4 | 5 | null;
/**
 * Scores in the order of `healthDimensions` (app/lib/enums.ts): objectives clarity, mutual
 * understanding, trust, recognition, power balance, funding stability, priority alignment,
 * communication. Null: left empty.
 */
export type HealthScores = readonly [Score, Score, Score, Score, Score, Score, Score, Score];

export interface DemoHealthAnswer {
  period: DemoQuarter;
  scores: HealthScores;
  comment: string;
}

/** One member's answers over several periods (all illustrative: health checks are self-assessments). */
export interface DemoHealthSeries {
  partnership: string;
  respondent: string;
  answers: DemoHealthAnswer[];
}

export interface DemoMilestone {
  title: string;
  description?: string;
  dueOn?: DemoDate;
  doneOn?: DemoDate;
  status: MilestoneStatus;
  notes?: string;
}

/** Aggregated counts only: never individual people. */
export interface DemoPilotPeriod {
  start: string;
  end: string;
  newParticipants: number;
  participantsAtEnd: number;
  /** People who left the pilot in the period, by pathway (zero counts left out). */
  outcomes: Partial<Record<OutcomePathway, number>>;
  illustrative: boolean;
  notes?: string;
}

export interface DemoPilot {
  key: string;
  municipality: string;
  partnership: string;
  name: string;
  description: string;
  targetGroup: TargetGroup;
  pathways: OutcomePathway[];
  status: PilotStatus;
  startsOn: DemoDate;
  endsOn?: DemoDate;
  capacity: number;
  illustrative: boolean;
  milestones: DemoMilestone[];
  periods: DemoPilotPeriod[];
  documents: DemoDocument[];
  funding: DemoFundingLine[];
}

export interface DemoFollowUpAction {
  title: string;
  description: string;
  owner: string;
  /** The organisation the action concerns, when not the owner. */
  organisation?: string;
  partnership?: string;
  pilot?: string;
  dueOn: DemoDate;
  status: ActionStatus;
  doneOn?: DemoDate;
}

export interface DemoEvent {
  key: string;
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn?: string;
  location: string;
  online: boolean;
  description: string;
  organisers: string[];
  participants: { organisation: string; attendeeCount: number | null }[];
  takeaways: { theme: string; text: string }[];
  followUps: DemoFollowUpAction[];
}

export interface DemoDataset {
  organisations: DemoOrganisation[];
  municipalities: DemoMunicipality[];
  relationships: DemoRelationship[];
  partnerships: DemoPartnership[];
  healthChecks: DemoHealthSeries[];
  pilots: DemoPilot[];
  events: DemoEvent[];
}

// ---------------------------------------------------------------------------------------------
// Sources (DOMAIN.md, "Sources")
// ---------------------------------------------------------------------------------------------

export const sources = {
  lvvAgreement: "https://zoek.officielebekendmakingen.nl/kst-19637-2445.html",
  lvvEvaluationWodc:
    "https://www.wodc.nl/actueel/nieuws/2022/11/25/pilot-landelijke-vreemdelingenvoorzieningen-vond-voor-18-van-deelnemende-migranten-bestendige-oplossing",
  lvvEvaluationRegioplan:
    "https://www.regioplan.nl/actueel/landelijke-vreemdelingenvoorzieningen-oplossing-voor-18-procent-van-deelnemende-migranten/",
  lvvGovernanceDtv:
    "https://www.dienstterugkeerenvertrek.nl/over-dtv/leidraad-terugkeer-en-vertrek/opvanglocaties/de-landelijke-vreemdelingenvoorzieningen-lvv",
  lvvGroningenFirstYear:
    "https://www.logogemeenten.nl/nieuws/item/236/gemeente-groningen-succesvol-eerste-jaar-lvv",
  lvvUtrechtSndvu: "https://www.sndvu.nl/lvv/",
  lvvRotterdamNas: "https://nasrotterdam.nl/lvv/",
  fedasilReturnDesks: "http://fedasil.be/en/voluntary-return/assistance-and-information",
  conex: "https://fedasil.be/en/node/11415",
  icam: "https://dofi.ibz.be/en/documentation/projects-funded-eu/amif-060-086-coaching-return-process-and-early-alternatives-atd",
  emnAdHocQuery:
    "https://emnbelgium.be/fr/publication/question-ad-hoc-sur-la-gouvernance-multipartite-axee-sur-la-recherche-de-solutions",
  regSeminarNews:
    "https://emnbelgium.be/fr/nouvelles/le-seminaire-reg-du-rem-devoile-des-strategies-cles-en-vue-de-trouver-des-solutions",
  cMise: "https://www.compas.ox.ac.uk/project/city-initiative-on-irregular-migrants-in-europe-c-mise",
  irelandScheme: "https://www.justice.ie/en/JELR/Pages/PR22000012",
  irelandFigures: "https://www.oireachtas.ie/ga/debates/question/2023-04-25/393/",
  amifRegulation: "https://eur-lex.europa.eu/eli/reg/2021/1147/oj",
} as const;

/** ICAM coaching, AMIF project AMIF-060-086, as published by the Immigration Office. */
export const icamFunding = {
  reference: "AMIF-060-086",
  startsOn: "2022-01-01",
  endsOn: "2024-12-31",
  /** Total project budget, EUR. */
  amount: "5139366.07",
  /** Of which AMIF: EUR 3,854,524.55, i.e. 75%. */
  amifShare: "3854524.55",
  cofinancingRate: 75,
  currency: "EUR",
} as const;

// Outcome pathways offered by the LVV (guidance open to legal stay, return and onward migration).
const lvvPathways: OutcomePathway[] = [
  "residence_permit",
  "regularisation_humanitarian",
  "regularisation_medical",
  "international_protection",
  "voluntary_return",
  "independent_return",
  "onward_migration",
  "new_asylum_application",
  "postponed_departure_medical",
  "state_reception",
];

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

const organisations: DemoOrganisation[] = [
  // Netherlands: national
  {
    key: "jenv",
    name: "Ministry of Justice and Security",
    acronym: "JenV",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    mandate: "Responsible for migration policy, reception and return in the Netherlands.",
    description: "Dutch ministry; party to the national LVV agreement with VNG and funder of the LVV pilots.",
    website: "https://www.rijksoverheid.nl/ministeries/ministerie-van-justitie-en-veiligheid",
  },
  {
    key: "ind",
    name: "Immigration and Naturalisation Service",
    acronym: "IND",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    parent: "jenv",
    mandate: "Decides on applications for residence permits, asylum and naturalisation.",
    description:
      "Dutch immigration service; sits in the LVV local cooperation meetings to assess legal-stay prospects.",
    website: "https://ind.nl",
  },
  {
    key: "dtv",
    name: "Repatriation and Departure Service",
    acronym: "DT&V",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    parent: "jenv",
    mandate: "Organises the departure of foreign nationals without a right of residence.",
    description:
      "Dutch return service; partner in every LVV covenant, discusses return options in the local cooperation meetings.",
    website: "https://www.dienstterugkeerenvertrek.nl",
  },
  {
    key: "politie",
    name: "Netherlands Police",
    acronym: "Politie",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    parent: "jenv",
    mandate: "National police force, including immigration supervision.",
    description:
      "National police of the Netherlands; its AVIM units handle identification and registration of migrants.",
    website: "https://www.politie.nl",
  },
  {
    key: "avim",
    name: "Aliens Police, Identification and Human Trafficking Department",
    acronym: "AVIM",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    parent: "politie",
    mandate: "Identification, registration and supervision of foreign nationals.",
    description:
      "Police department that identifies and registers LVV participants and takes part in the local cooperation meetings.",
  },
  {
    key: "coa",
    name: "Central Agency for the Reception of Asylum Seekers",
    acronym: "COA",
    type: "national_authority",
    level: "national",
    countryCode: "NL",
    parent: "jenv",
    mandate: "Provides reception for asylum seekers during their procedure.",
    description: "Dutch reception agency; people who leave an LVV for state reception move to its locations.",
    website: "https://www.coa.nl",
  },
  {
    key: "vng",
    name: "Association of Netherlands Municipalities",
    acronym: "VNG",
    type: "other",
    level: "national",
    countryCode: "NL",
    mandate: "Represents all Dutch municipalities towards the national government.",
    description: "Party to the national LVV agreement of 29 November 2018 on behalf of the municipalities.",
    website: "https://vng.nl",
  },
  {
    key: "wodc",
    name: "Research and Documentation Centre",
    acronym: "WODC",
    type: "research_institute",
    level: "national",
    countryCode: "NL",
    parent: "jenv",
    mandate: "Independent research for the Ministry of Justice and Security.",
    description: "Commissioned the evaluation of the LVV pilots (final report of 25 November 2022).",
    website: "https://www.wodc.nl",
  },
  {
    key: "regioplan",
    name: "Regioplan Policy Research",
    acronym: "Regioplan",
    type: "research_institute",
    level: "national",
    countryCode: "NL",
    mandate: "Independent policy research and evaluation.",
    description: "Carried out the evaluation of the LVV pilots for the WODC.",
    website: "https://www.regioplan.nl",
  },
  // Netherlands: the five LVV municipalities
  {
    key: "ams",
    name: "Municipality of Amsterdam",
    acronym: "Gemeente Amsterdam",
    type: "local_authority",
    level: "local",
    countryCode: "NL",
    mandate: "Local government; shelter and care for people in need on its territory.",
    description:
      "Runs the LVV Amsterdam pilot with HVO-Querido, ASKV/Steunpunt Vluchtelingen and VluchtelingenWerk.",
    website: "https://www.amsterdam.nl",
  },
  {
    key: "rtm",
    name: "Municipality of Rotterdam",
    acronym: "Gemeente Rotterdam",
    type: "local_authority",
    level: "local",
    countryCode: "NL",
    mandate: "Local government; shelter and care for people in need on its territory.",
    description: "Runs the LVV Rotterdam pilot with NAS.",
    website: "https://www.rotterdam.nl",
  },
  {
    key: "utr",
    name: "Municipality of Utrecht",
    acronym: "Gemeente Utrecht",
    type: "local_authority",
    level: "local",
    countryCode: "NL",
    mandate: "Local government; shelter and care for people in need on its territory.",
    description: "Runs the LVV Utrecht pilot with SNDVU since 1 April 2019; chairs the C-MISE city network.",
    website: "https://www.utrecht.nl",
  },
  {
    key: "ehv",
    name: "Municipality of Eindhoven",
    acronym: "Gemeente Eindhoven",
    type: "local_authority",
    level: "local",
    countryCode: "NL",
    mandate: "Local government; shelter and care for people in need on its territory.",
    description: "Runs the LVV Eindhoven pilot with Vluchtelingen in de Knel.",
    website: "https://www.eindhoven.nl",
  },
  {
    key: "gro",
    name: "Municipality of Groningen",
    acronym: "Gemeente Groningen",
    type: "local_authority",
    level: "local",
    countryCode: "NL",
    mandate: "Local government; shelter and care for people in need on its territory.",
    description: "Runs the LVV Groningen pilot with INLIA since 1 April 2019.",
    website: "https://gemeente.groningen.nl",
  },
  // Netherlands: civil society
  {
    key: "sndvu",
    name: "Stichting Noodopvang Dakloze Vreemdelingen Utrecht",
    acronym: "SNDVU",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Shelter and guidance for homeless undocumented migrants in Utrecht.",
    description: "Utrecht foundation running shelter and guidance in the LVV Utrecht.",
    website: "https://www.sndvu.nl",
  },
  {
    key: "inlia",
    name: "INLIA",
    acronym: "INLIA",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Church-based shelter and support for asylum seekers and undocumented migrants.",
    description: "Groningen foundation running shelter and guidance in the LVV Groningen.",
    website: "https://www.inlia.nl",
  },
  {
    key: "hvo",
    name: "HVO-Querido",
    acronym: "HVO-Querido",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Shelter, housing and care for vulnerable people in Amsterdam.",
    description: "Runs LVV shelter locations in Amsterdam.",
    website: "https://www.hvoquerido.nl",
  },
  {
    key: "askv",
    name: "ASKV/Steunpunt Vluchtelingen",
    acronym: "ASKV",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Legal and social support for undocumented migrants in Amsterdam.",
    description: "Provides guidance and legal counselling to LVV Amsterdam participants.",
    website: "https://www.askv.nl",
  },
  {
    key: "vwn",
    name: "VluchtelingenWerk Nederland",
    acronym: "VWN",
    type: "cso",
    level: "national",
    countryCode: "NL",
    mandate: "Support and advocacy for refugees and asylum seekers.",
    description: "Dutch refugee council; provides guidance in the LVV Amsterdam.",
    website: "https://www.vluchtelingenwerk.nl",
  },
  {
    key: "nas",
    name: "NAS Rotterdam",
    acronym: "NAS",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Shelter and guidance for undocumented migrants in Rotterdam.",
    description: "Rotterdam CSO running shelter and guidance in the LVV Rotterdam.",
    website: "https://nasrotterdam.nl",
  },
  {
    key: "vidk",
    name: "Vluchtelingen in de Knel",
    acronym: "VidK",
    type: "cso",
    level: "local",
    countryCode: "NL",
    mandate: "Support for refugees and undocumented migrants in the Eindhoven region.",
    description: "Eindhoven CSO providing guidance in the LVV Eindhoven.",
    website: "https://www.vluchtelingenindeknel.nl",
  },
  {
    key: "los",
    name: "Stichting LOS",
    acronym: "LOS",
    type: "cso",
    level: "national",
    countryCode: "NL",
    mandate: "National knowledge centre on undocumented migrants.",
    description: "Advises municipalities and CSOs on the rights of undocumented migrants.",
    website: "https://www.stichtinglos.nl",
  },
  // International organisations
  {
    key: "iom",
    name: "International Organization for Migration",
    acronym: "IOM",
    type: "international_organisation",
    level: "eu_international",
    countryCode: null,
    mandate: "UN migration agency; assisted voluntary return and reintegration among its programmes.",
    description: "Intergovernmental organisation with country offices in the Netherlands and Belgium.",
    website: "https://www.iom.int",
  },
  {
    key: "iom-nl",
    name: "IOM Netherlands",
    acronym: "IOM NL",
    type: "international_organisation",
    level: "national",
    countryCode: "NL",
    parent: "iom",
    mandate: "Assisted voluntary return and reintegration from the Netherlands.",
    description: "Informs LVV participants about assisted return and organises it.",
    website: "https://netherlands.iom.int",
  },
  {
    key: "iom-be",
    name: "IOM Belgium and Luxembourg",
    acronym: "IOM BE",
    type: "international_organisation",
    level: "national",
    countryCode: "BE",
    parent: "iom",
    mandate: "Assisted voluntary return and reintegration from Belgium.",
    description: "Partner of Fedasil in the return desks and the CONEX network.",
    website: "https://belgium.iom.int",
  },
  // Belgium
  {
    key: "fedasil",
    name: "Federal Agency for the Reception of Asylum Seekers",
    acronym: "Fedasil",
    type: "national_authority",
    level: "national",
    countryCode: "BE",
    mandate: "Reception of asylum seekers and the voluntary return programme in Belgium.",
    description:
      "Runs return desks in Brussels, Ghent, Antwerp, Charleroi and Liège and leads the CONEX network; co-host of the EMN REG seminar of 2023.",
    website: "https://www.fedasil.be",
  },
  {
    key: "ibz",
    name: "Federal Public Service Home Affairs",
    acronym: "IBZ",
    type: "national_authority",
    level: "national",
    countryCode: "BE",
    mandate: "Belgian federal home affairs administration.",
    description: "Federal public service to which the Immigration Office belongs.",
    website: "https://www.ibz.be",
  },
  {
    key: "dvz",
    name: "Immigration Office",
    acronym: "DVZ/OE",
    type: "national_authority",
    level: "national",
    countryCode: "BE",
    parent: "ibz",
    mandate: "Access to the territory, residence and removal of foreign nationals in Belgium.",
    description:
      "Dienst Vreemdelingenzaken / Office des Étrangers; project holder of the ICAM coaching (AMIF-060-086).",
    website: "https://dofi.ibz.be",
  },
  {
    key: "bxl",
    name: "City of Brussels",
    acronym: "Ville de Bruxelles",
    type: "local_authority",
    level: "local",
    countryCode: "BE",
    mandate: "Local government; social services through its public centre for social welfare.",
    description: "Return-desk city and member of the CONEX network.",
    website: "https://www.bruxelles.be",
  },
  {
    key: "gent",
    name: "City of Ghent",
    acronym: "Stad Gent",
    type: "local_authority",
    level: "local",
    countryCode: "BE",
    mandate: "Local government; social services through its public centre for social welfare.",
    description: "Ran a shelter-and-orientation pilot with federal actors and CSOs; CONEX and C-MISE member.",
    website: "https://stad.gent",
  },
  {
    key: "antw",
    name: "City of Antwerp",
    acronym: "Stad Antwerpen",
    type: "local_authority",
    level: "local",
    countryCode: "BE",
    mandate: "Local government; social services through its public centre for social welfare.",
    description: "Return-desk city and member of the CONEX network.",
    website: "https://www.antwerpen.be",
  },
  {
    key: "chrl",
    name: "City of Charleroi",
    acronym: "Ville de Charleroi",
    type: "local_authority",
    level: "local",
    countryCode: "BE",
    mandate: "Local government; social services through its public centre for social welfare.",
    description: "Return-desk city and member of the CONEX network.",
    website: "https://www.charleroi.be",
  },
  {
    key: "liege",
    name: "City of Liège",
    acronym: "Ville de Liège",
    type: "local_authority",
    level: "local",
    countryCode: "BE",
    mandate: "Local government; social services through its public centre for social welfare.",
    description: "Return-desk city and member of the CONEX network.",
    website: "https://www.liege.be",
  },
  {
    key: "caritas-be",
    name: "Caritas International Belgium",
    acronym: "Caritas BE",
    type: "cso",
    level: "national",
    countryCode: "BE",
    mandate: "Support for migrants and refugees, including return and reintegration counselling.",
    description: "CSO partner of Fedasil in the CONEX network offering multi-track guidance.",
    website: "https://www.caritasinternational.be",
  },
  {
    key: "vwvl",
    name: "Vluchtelingenwerk Vlaanderen",
    acronym: "VWV",
    type: "cso",
    level: "regional",
    countryCode: "BE",
    mandate: "Support and advocacy for refugees and undocumented migrants in Flanders.",
    description: "Flemish refugee council; CSO partner in the Ghent pilot.",
    website: "https://www.vluchtelingenwerk.be",
  },
  // EU bodies and networks
  {
    key: "emn",
    name: "European Migration Network",
    acronym: "EMN",
    type: "eu_body",
    level: "eu_international",
    countryCode: null,
    mandate: "Comparable information on migration and asylum for EU policy-making.",
    description:
      "Network of national contact points coordinated by the European Commission; its Return Expert Group (REG) held the 2023 seminar.",
    website: "https://home-affairs.ec.europa.eu/networks/european-migration-network-emn_en",
  },
  {
    key: "emn-be",
    name: "EMN Belgium",
    acronym: "EMN BE",
    type: "eu_body",
    level: "national",
    countryCode: "BE",
    parent: "emn",
    mandate: "Belgian national contact point of the European Migration Network.",
    description:
      "Co-hosted the EMN REG seminar on multi-stakeholder governance (2023) and published its conclusions.",
    website: "https://emnbelgium.be",
  },
  {
    key: "dghome",
    name: "European Commission, Directorate-General for Migration and Home Affairs",
    acronym: "DG HOME",
    type: "funder",
    level: "eu_international",
    countryCode: null,
    mandate: "Manages the Asylum, Migration and Integration Fund (AMIF) with the Member States.",
    description: "EU funder of AMIF projects such as the ICAM coaching (AMIF-060-086).",
    website: "https://home-affairs.ec.europa.eu",
  },
  {
    key: "picum",
    name: "Platform for International Cooperation on Undocumented Migrants",
    acronym: "PICUM",
    type: "cso",
    level: "eu_international",
    countryCode: null,
    mandate: "Network advocating for the rights of undocumented migrants in Europe.",
    description: "Brussels-based network of about 150 organisations working with undocumented migrants.",
    website: "https://picum.org",
  },
  {
    key: "compas",
    name: "Centre on Migration, Policy and Society, University of Oxford",
    acronym: "COMPAS",
    type: "research_institute",
    level: "eu_international",
    countryCode: "GB",
    mandate: "Research on migration; coordinates the C-MISE city network.",
    description:
      "Oxford research centre that runs the City Initiative on Migrants with Irregular Status in Europe.",
    website: "https://www.compas.ox.ac.uk",
  },
  // C-MISE cities (besides Utrecht and Ghent)
  {
    key: "athens",
    name: "City of Athens",
    acronym: "Dimos Athinaion",
    type: "local_authority",
    level: "local",
    countryCode: "GR",
    mandate: "Local government; municipal social services.",
    description: "Member city of C-MISE.",
    website: "https://www.cityofathens.gr",
  },
  {
    key: "bcn",
    name: "Barcelona City Council",
    acronym: "Ajuntament de Barcelona",
    type: "local_authority",
    level: "local",
    countryCode: "ES",
    mandate: "Local government; municipal social services.",
    description: "Member city of C-MISE.",
    website: "https://www.barcelona.cat",
  },
  {
    key: "ffm",
    name: "City of Frankfurt am Main",
    acronym: "Stadt Frankfurt",
    type: "local_authority",
    level: "local",
    countryCode: "DE",
    mandate: "Local government; municipal social and health services.",
    description: "Member city of C-MISE.",
    website: "https://frankfurt.de",
  },
  {
    key: "gbg",
    name: "City of Gothenburg",
    acronym: "Göteborgs Stad",
    type: "local_authority",
    level: "local",
    countryCode: "SE",
    mandate: "Local government; municipal social services.",
    description: "Member city of C-MISE.",
    website: "https://goteborg.se",
  },
  {
    key: "lis",
    name: "Lisbon City Council",
    acronym: "Câmara Municipal de Lisboa",
    type: "local_authority",
    level: "local",
    countryCode: "PT",
    mandate: "Local government; municipal social services.",
    description: "Member city of C-MISE.",
    website: "https://www.lisboa.pt",
  },
  {
    key: "oslo",
    name: "City of Oslo",
    acronym: "Oslo kommune",
    type: "local_authority",
    level: "local",
    countryCode: "NO",
    mandate: "Local government; municipal social and health services.",
    description: "Member city of C-MISE.",
    website: "https://www.oslo.kommune.no",
  },
  {
    key: "sthlm",
    name: "City of Stockholm",
    acronym: "Stockholms stad",
    type: "local_authority",
    level: "local",
    countryCode: "SE",
    mandate: "Local government; municipal social services.",
    description: "Member city of C-MISE.",
    website: "https://start.stockholm",
  },
  // Ireland
  {
    key: "ie-doj",
    name: "Department of Justice (Ireland)",
    acronym: "DoJ",
    type: "national_authority",
    level: "national",
    countryCode: "IE",
    mandate: "Irish government department responsible for immigration policy.",
    description:
      "Opened the regularisation scheme for long-term undocumented migrants (31 January to 31 July 2022).",
    website: "https://www.justice.ie",
  },
  {
    key: "isd",
    name: "Immigration Service Delivery",
    acronym: "ISD",
    type: "national_authority",
    level: "national",
    countryCode: "IE",
    parent: "ie-doj",
    mandate: "Processes immigration, residence and citizenship applications in Ireland.",
    description: "Processed the applications to the 2022 regularisation scheme.",
    website: "https://www.irishimmigration.ie",
  },
  {
    key: "mrci",
    name: "Migrant Rights Centre Ireland",
    acronym: "MRCI",
    type: "cso",
    level: "national",
    countryCode: "IE",
    mandate: "Advocacy and support for migrant workers and undocumented migrants in Ireland.",
    description: "Campaigned for the regularisation scheme and helped undocumented people apply.",
    website: "https://www.mrci.ie",
  },
];

// ---------------------------------------------------------------------------------------------
// Municipalities (each linked to its local authority's organisation, and back)
// ---------------------------------------------------------------------------------------------

const municipalities: DemoMunicipality[] = [
  { key: "m-amsterdam", name: "Amsterdam", countryCode: "NL", region: "North Holland", authority: "ams" },
  { key: "m-rotterdam", name: "Rotterdam", countryCode: "NL", region: "South Holland", authority: "rtm" },
  { key: "m-utrecht", name: "Utrecht", countryCode: "NL", region: "Utrecht", authority: "utr" },
  { key: "m-eindhoven", name: "Eindhoven", countryCode: "NL", region: "North Brabant", authority: "ehv" },
  { key: "m-groningen", name: "Groningen", countryCode: "NL", region: "Groningen", authority: "gro" },
  {
    key: "m-brussels",
    name: "Brussels",
    countryCode: "BE",
    region: "Brussels-Capital Region",
    authority: "bxl",
  },
  { key: "m-ghent", name: "Ghent", countryCode: "BE", region: "Flanders (East Flanders)", authority: "gent" },
  { key: "m-antwerp", name: "Antwerp", countryCode: "BE", region: "Flanders (Antwerp)", authority: "antw" },
  {
    key: "m-charleroi",
    name: "Charleroi",
    countryCode: "BE",
    region: "Wallonia (Hainaut)",
    authority: "chrl",
  },
  { key: "m-liege", name: "Liège", countryCode: "BE", region: "Wallonia (Liège)", authority: "liege" },
  { key: "m-athens", name: "Athens", countryCode: "GR", region: "Attica", authority: "athens" },
  { key: "m-barcelona", name: "Barcelona", countryCode: "ES", region: "Catalonia", authority: "bcn" },
  { key: "m-frankfurt", name: "Frankfurt am Main", countryCode: "DE", region: "Hesse", authority: "ffm" },
  { key: "m-gothenburg", name: "Gothenburg", countryCode: "SE", region: "Västra Götaland", authority: "gbg" },
  { key: "m-lisbon", name: "Lisbon", countryCode: "PT", region: "Lisbon", authority: "lis" },
  { key: "m-oslo", name: "Oslo", countryCode: "NO", region: "Oslo", authority: "oslo" },
  {
    key: "m-stockholm",
    name: "Stockholm",
    countryCode: "SE",
    region: "Stockholm County",
    authority: "sthlm",
  },
];

// ---------------------------------------------------------------------------------------------
// Direct relationships (outside any partnership, Net-Map style)
// ---------------------------------------------------------------------------------------------

const relationships: DemoRelationship[] = [
  { from: "jenv", to: "dtv", type: "oversees", notes: "DT&V is an agency of the ministry." },
  { from: "jenv", to: "ind", type: "oversees", notes: "The IND is an agency of the ministry." },
  {
    from: "jenv",
    to: "coa",
    type: "oversees",
    notes: "The COA is an independent administrative body under the ministry.",
  },
  { from: "ibz", to: "dvz", type: "oversees", notes: "The Immigration Office is part of FPS Home Affairs." },
  {
    from: "ie-doj",
    to: "isd",
    type: "oversees",
    notes: "Immigration Service Delivery is a function of the Department of Justice.",
  },
  {
    from: "dghome",
    to: "dvz",
    type: "funds",
    startsOn: "2022-01-01",
    endsOn: "2024-12-31",
    notes: "AMIF project AMIF-060-086 (ICAM coaching): 75% AMIF co-financing.",
  },
  {
    from: "dghome",
    to: "fedasil",
    type: "funds",
    startsOn: "2021-01-01",
    notes: "AMIF co-financing of the voluntary return programme (illustrative).",
  },
  {
    from: "caritas-be",
    to: "fedasil",
    type: "refers_cases",
    notes: "Refers people who consider return to the Fedasil return desks.",
  },
  {
    from: "askv",
    to: "ams",
    type: "refers_cases",
    startsOn: "2019-05-01",
    notes: "Refers undocumented people it supports to the LVV Amsterdam intake.",
  },
  {
    from: "iom-nl",
    to: "dtv",
    type: "shares_information",
    notes: "Coordination on assisted voluntary return of LVV participants.",
  },
  {
    from: "emn-be",
    to: "emn",
    type: "shares_information",
    notes: "National contact point reporting to the network (ad-hoc queries, studies).",
  },
  {
    from: "picum",
    to: "emn",
    type: "shares_information",
    notes: "Contributes CSO practice to EMN REG discussions.",
  },
  { from: "compas", to: "utr", type: "advises", notes: "Research support to the C-MISE chair." },
  {
    from: "los",
    to: "vng",
    type: "advises",
    notes: "Knowledge on the rights of undocumented migrants for municipalities.",
  },
];

// ---------------------------------------------------------------------------------------------
// Partnerships
// ---------------------------------------------------------------------------------------------

const lvvGovernance =
  "Local steering group (municipality, DT&V, IND, AVIM, CSOs); weekly local cooperation meeting (LSO) agreeing a guidance scenario per person; national escalation meeting for cases the LSO cannot resolve.";

/** The national members of every local LVV covenant. */
function lvvNationalMembers(joinedOn: DemoDate): DemoMember[] {
  return [
    {
      organisation: "jenv",
      role: "funder",
      mandate: "Funds the local facility under the national agreement; no role in individual cases.",
      contribution: "State funding of shelter and guidance.",
      joinedOn,
    },
    {
      organisation: "dtv",
      role: "partner",
      mandate: "Discusses and prepares return in the LSO; no enforcement inside the facility.",
      contribution: "Return expertise, travel documents, contacts with countries of origin.",
      joinedOn,
    },
    {
      organisation: "ind",
      role: "partner",
      mandate: "Assesses legal-stay prospects in the LSO; decisions stay in the regular procedures.",
      contribution: "Case-file knowledge and quick checks of new applications.",
      joinedOn,
    },
    {
      organisation: "avim",
      role: "partner",
      mandate: "Identifies and registers participants at intake.",
      contribution: "Identification and registration, so every participant is known to the authorities.",
      joinedOn,
    },
  ];
}

function municipalityLead(organisation: string, joinedOn: DemoDate): DemoMember {
  return {
    organisation,
    role: "lead",
    mandate: "Runs the local facility; chairs the local steering group and the LSO.",
    contribution: "Shelter locations, social and medical care, the local network of services.",
    joinedOn,
  };
}

/** LVV 2023 funding, split illustratively over the five cities (state about EUR 24m, municipalities about EUR 6m). */
function lvvFunding2023(
  city: string,
  cso: string,
  stateAmount: string,
  municipalAmount: string,
): DemoFundingLine[] {
  return [
    {
      source: "national",
      funder: "jenv",
      recipient: city,
      amount: stateAmount,
      currency: "EUR",
      startsOn: "2023-01-01",
      endsOn: "2023-12-31",
      stage: "closed",
      pathwaysCovered: lvvPathways,
      voluntaryReturnOnly: false,
      illustrative: true,
    },
    {
      source: "municipal",
      funder: city,
      recipient: cso,
      amount: municipalAmount,
      currency: "EUR",
      startsOn: "2023-01-01",
      endsOn: "2023-12-31",
      stage: "closed",
      pathwaysCovered: lvvPathways,
      voluntaryReturnOnly: false,
      illustrative: true,
    },
  ];
}

const partnerships: DemoPartnership[] = [
  {
    key: "lvv-national",
    name: "National LVV agreement",
    description:
      "Agreement of 29 November 2018 between the national government and VNG on pilot national facilities for undocumented migrants (Landelijke Vreemdelingenvoorzieningen) in Amsterdam, Rotterdam, Utrecht, Eindhoven and Groningen: shelter and guidance towards a durable solution (legal stay, return or onward migration).",
    status: "active",
    startDate: "2018-11-29",
    scopeLevel: "national",
    countryCode: "NL",
    formalisation: "covenant",
    governance:
      "National steering group of the ministry and VNG; a covenant per municipality; national escalation meeting for cases a local cooperation meeting cannot resolve; evaluation commissioned through the WODC.",
    illustrative: false,
    members: [
      {
        organisation: "jenv",
        role: "lead",
        mandate: "Sets national migration policy and funds the pilots.",
        contribution: "State funding and the national services (IND, DT&V, AVIM) at every local table.",
        joinedOn: "2018-11-29",
      },
      {
        organisation: "vng",
        role: "partner",
        mandate: "Negotiates on behalf of all Dutch municipalities.",
        contribution: "Municipal commitment and the experience of local shelter for undocumented migrants.",
        joinedOn: "2018-11-29",
      },
      {
        organisation: "dtv",
        role: "partner",
        mandate: "Departure of people without a right of residence.",
        contribution: "Return expertise in every local cooperation meeting.",
        joinedOn: "2018-11-29",
      },
      {
        organisation: "ind",
        role: "partner",
        mandate: "Decisions on residence and asylum applications.",
        contribution: "Assessment of legal-stay prospects.",
        joinedOn: "2018-11-29",
      },
      {
        organisation: "avim",
        role: "partner",
        mandate: "Identification and registration of foreign nationals.",
        contribution: "Identification of participants at intake.",
        joinedOn: "2018-11-29",
      },
      {
        organisation: "wodc",
        role: "observer",
        mandate: "Independent research for the ministry.",
        contribution: "Commissioned the evaluation of the pilots.",
        joinedOn: "2019-04-01",
      },
    ],
    objectives: [
      {
        title: "Guide participants in the five pilot municipalities",
        indicator: "Participants admitted since the start of the pilots",
        target: 2000,
        unit: "participants",
        progress: 2065,
        dueDate: "2022-07-01",
        status: "achieved",
        illustrative: true,
      },
      {
        title: "A durable solution for those who leave",
        indicator: "Share of leavers with a durable solution (permit, independent return, onward migration)",
        target: 30,
        unit: "%",
        progress: 18,
        dueDate: "2022-11-25",
        status: "at_risk",
        illustrative: true,
      },
      {
        title: "Independent evaluation of the pilots",
        indicator: "Final evaluation published",
        target: 1,
        unit: "report",
        progress: 1,
        dueDate: "2022-12-31",
        status: "achieved",
        illustrative: false,
      },
    ],
    funding: [],
    risks: [
      {
        category: "conflicting_priorities",
        title: "Departure focus of the state against the solution focus of municipalities",
        description:
          "National services measure success by departures; municipalities and CSOs by any durable solution, including legal stay.",
        likelihood: 4,
        impact: 4,
        owner: "jenv",
        mitigation:
          "Agree a guidance scenario per person in the LSO that is open to every outcome; escalate disagreements to the national escalation meeting.",
        status: "mitigating",
        reviewOn: rel(45),
        illustrative: true,
      },
      {
        category: "funding",
        title: "Funding gap after the pilot period",
        description:
          "The agreement funds a pilot; without structural funding municipalities must bridge or close the facilities.",
        likelihood: 4,
        impact: 5,
        owner: "vng",
        mitigation:
          "Negotiate structural funding before the pilot period ends; municipalities bridge with their own budgets.",
        status: "open",
        reviewOn: rel(-20),
        illustrative: true,
      },
      {
        category: "legal_mandate",
        title: "Municipalities have no mandate on residence decisions",
        description: "Outcomes depend on IND and DT&V decisions that the local partners cannot take.",
        likelihood: 3,
        impact: 3,
        owner: "ind",
        mitigation:
          "IND and DT&V sit in every LSO; decisions stay in the regular procedures, with fast checks of new applications.",
        status: "mitigating",
        reviewOn: rel(90),
        illustrative: true,
      },
      {
        category: "power_imbalance",
        title: "Local partners depend on national services for every case decision",
        description:
          "Municipalities and CSOs bring the participants but the national services hold the decisions.",
        likelihood: 3,
        impact: 4,
        owner: "vng",
        mitigation: "Equal seats in the national steering group; escalation meeting with a rotating chair.",
        status: "open",
        reviewOn: rel(60),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "LVV agreement and design (letter to parliament, Kamerstuk 19637 nr. 2445)",
        url: sources.lvvAgreement,
        kind: "covenant",
      },
      {
        title: "WODC: LVV pilot found a durable solution for 18% of participants (25 Nov 2022)",
        url: sources.lvvEvaluationWodc,
        kind: "evaluation",
      },
      {
        title: "Regioplan: final evaluation of the LVV pilots",
        url: sources.lvvEvaluationRegioplan,
        kind: "evaluation",
      },
      { title: "DT&V: how the LVV is organised", url: sources.lvvGovernanceDtv, kind: "other" },
    ],
  },
  {
    key: "lvv-amsterdam",
    name: "LVV Amsterdam covenant",
    description:
      "Local covenant of the LVV pilot in Amsterdam (from spring 2019), with three CSOs providing shelter, guidance and legal counselling.",
    status: "active",
    startDate: "2019-05-01",
    scopeLevel: "local",
    countryCode: "NL",
    formalisation: "covenant",
    governance: lvvGovernance,
    illustrative: true,
    members: [
      municipalityLead("ams", "2019-05-01"),
      ...lvvNationalMembers("2019-05-01"),
      {
        organisation: "hvo",
        role: "partner",
        mandate: "Runs the 24-hour shelter locations.",
        contribution: "Shelter, daily care and a stable place to work on a future.",
        joinedOn: "2019-05-01",
      },
      {
        organisation: "askv",
        role: "partner",
        mandate: "Independent guidance and legal counselling.",
        contribution: "Trusted contact of participants; legal assessment of every file.",
        joinedOn: "2019-05-01",
      },
      {
        organisation: "vwn",
        role: "partner",
        mandate: "Guidance of participants with a prior asylum procedure.",
        contribution: "Knowledge of asylum procedures and of new-application prospects.",
        joinedOn: "2019-05-01",
      },
    ],
    objectives: [
      {
        title: "Shelter with guidance for every participant",
        indicator: "Shelter places available",
        target: 260,
        unit: "places",
        progress: 250,
        dueDate: rel(120),
        status: "on_track",
        illustrative: true,
      },
      {
        title: "A durable or semi-durable outcome for those who leave",
        indicator: "Share of leavers with a durable or semi-durable solution",
        target: 60,
        unit: "%",
        progress: 58,
        dueDate: rel(200),
        status: "on_track",
        illustrative: true,
      },
    ],
    funding: lvvFunding2023("ams", "hvo", "7200000.00", "1800000.00"),
    risks: [
      {
        category: "organisational_diversity",
        title: "Three CSOs with different working methods and case files",
        description:
          "Shelter, guidance and legal counselling sit with three organisations, each with its own systems and culture.",
        likelihood: 3,
        impact: 3,
        owner: "ams",
        mitigation: "One shared intake form and a joint case review before each LSO.",
        status: "mitigating",
        reviewOn: rel(30),
        illustrative: true,
      },
      {
        category: "trust_deficit",
        title: "Participants fear that information shared in the LSO leads to removal",
        description: "Some participants avoid guidance when DT&V sits at the table.",
        likelihood: 3,
        impact: 4,
        owner: "askv",
        mitigation:
          "Explain in writing which information is shared and why; CSO counsellor present at every conversation.",
        status: "open",
        reviewOn: rel(75),
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "lvv-rotterdam",
    name: "LVV Rotterdam covenant",
    description:
      "Local covenant of the LVV pilot in Rotterdam (from spring 2019), with NAS for shelter and guidance.",
    status: "active",
    startDate: "2019-05-01",
    scopeLevel: "local",
    countryCode: "NL",
    formalisation: "covenant",
    governance: lvvGovernance,
    illustrative: true,
    members: [
      municipalityLead("rtm", "2019-05-01"),
      ...lvvNationalMembers("2019-05-01"),
      {
        organisation: "nas",
        role: "partner",
        mandate: "Runs shelter and guidance for LVV participants.",
        contribution: "Shelter, guidance towards a future and trusted contact with participants.",
        joinedOn: "2019-05-01",
      },
    ],
    objectives: [
      {
        title: "Fewer departures to an unknown destination",
        indicator: "Share of leavers departing to an unknown destination",
        target: 30,
        unit: "%",
        progress: 36,
        dueDate: rel(150),
        status: "at_risk",
        illustrative: true,
      },
    ],
    funding: lvvFunding2023("rtm", "nas", "4800000.00", "1200000.00"),
    risks: [
      {
        category: "power_imbalance",
        title: "NAS has no say in the agenda of the LSO",
        description: "The municipality and the national services set the agenda; the CSO brings the cases.",
        likelihood: 3,
        impact: 3,
        owner: "rtm",
        mitigation: "Rotating agenda item for the CSO; evaluate the LSO working method twice a year.",
        status: "open",
        reviewOn: rel(-5),
        illustrative: true,
      },
      {
        category: "trust_deficit",
        title: "Low trust between the CSO and the return service",
        description: "Different views on when return is realistic slow down agreement on guidance scenarios.",
        likelihood: 4,
        impact: 3,
        owner: "nas",
        mitigation: "Joint case conferences with DT&V before the LSO; shared training on all pathways.",
        status: "mitigating",
        reviewOn: rel(40),
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "lvv-utrecht",
    name: "LVV Utrecht covenant",
    description:
      "Local covenant of the LVV pilot in Utrecht, started 1 April 2019, with SNDVU for shelter and guidance.",
    status: "active",
    startDate: "2019-04-01",
    scopeLevel: "local",
    countryCode: "NL",
    formalisation: "covenant",
    governance: lvvGovernance,
    illustrative: false,
    members: [
      municipalityLead("utr", "2019-04-01"),
      ...lvvNationalMembers("2019-04-01"),
      {
        organisation: "sndvu",
        role: "partner",
        mandate: "Runs shelter and independent guidance.",
        contribution: "Shelter, guidance and long-standing trust of undocumented people in Utrecht.",
        joinedOn: "2019-04-01",
      },
    ],
    objectives: [
      {
        title: "A guidance scenario for every participant within eight weeks",
        indicator: "Share of participants with a scenario agreed in the LSO within 8 weeks",
        target: 90,
        unit: "%",
        progress: 78,
        dueDate: rel(90),
        status: "on_track",
        illustrative: true,
      },
      {
        title: "Durable solutions for leavers",
        indicator: "Leavers with a durable solution (cumulative)",
        target: 60,
        unit: "people",
        progress: 40,
        dueDate: rel(-30),
        status: "at_risk",
        illustrative: true,
      },
    ],
    funding: lvvFunding2023("utr", "sndvu", "4800000.00", "1200000.00"),
    risks: [
      {
        category: "trust_deficit",
        title: "Trust deficit between the CSO and the return service",
        description:
          "Participants and SNDVU counsellors doubt that return is discussed as one option among others.",
        likelihood: 4,
        impact: 4,
        owner: "sndvu",
        mitigation:
          "Give participants full written information on every pathway; DT&V meets participants only with their counsellor.",
        status: "mitigating",
        reviewOn: rel(20),
        illustrative: true,
      },
      {
        category: "funding",
        title: "Municipal budget pressure after the pilot",
        description: "The municipal share may be cut if the national share is not continued.",
        likelihood: 3,
        impact: 4,
        owner: "utr",
        mitigation: "Multi-year municipal commitment; report results to the council each year.",
        status: "open",
        reviewOn: rel(100),
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "lvv-eindhoven",
    name: "LVV Eindhoven covenant",
    description:
      "Local covenant of the LVV pilot in Eindhoven (from spring 2019), with Vluchtelingen in de Knel.",
    status: "active",
    startDate: "2019-06-01",
    scopeLevel: "local",
    countryCode: "NL",
    formalisation: "covenant",
    governance: lvvGovernance,
    illustrative: true,
    members: [
      municipalityLead("ehv", "2019-06-01"),
      ...lvvNationalMembers("2019-06-01"),
      {
        organisation: "vidk",
        role: "partner",
        mandate: "Guidance and legal support for participants.",
        contribution: "Legal expertise and contacts in the Eindhoven region.",
        joinedOn: "2019-06-01",
      },
    ],
    objectives: [
      {
        // Deliberately without indicator, target or unit: the "not clearly defined" case.
        title: "Strengthen cooperation with the surrounding region",
        dueDate: rel(180),
        status: "not_started",
        illustrative: true,
      },
      {
        title: "Keep the facility within its capacity",
        indicator: "Participants in guidance at the end of the period",
        target: 70,
        unit: "participants",
        progress: 67,
        dueDate: rel(60),
        status: "on_track",
        illustrative: true,
      },
    ],
    funding: lvvFunding2023("ehv", "vidk", "2400000.00", "600000.00"),
    risks: [
      {
        category: "organisational_diversity",
        title: "Small team, many partners",
        description: "A small CSO faces four national services with different procedures.",
        likelihood: 2,
        impact: 3,
        owner: "ehv",
        mitigation: "One contact person per national service.",
        status: "closed",
        reviewOn: "2023-06-30",
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "lvv-groningen",
    name: "LVV Groningen covenant",
    description:
      "Local covenant of the LVV pilot in Groningen, started 1 April 2019, with INLIA; in its first year 330 people took part, 133 left and 36 of them with a durable solution.",
    status: "active",
    startDate: "2019-04-01",
    scopeLevel: "local",
    countryCode: "NL",
    formalisation: "covenant",
    governance: lvvGovernance,
    illustrative: false,
    members: [
      municipalityLead("gro", "2019-04-01"),
      ...lvvNationalMembers("2019-04-01"),
      {
        organisation: "inlia",
        role: "partner",
        mandate: "Runs shelter and guidance for participants.",
        contribution: "Shelter, guidance and a church-based support network in the north of the Netherlands.",
        joinedOn: "2019-04-01",
      },
    ],
    objectives: [
      {
        title: "A durable solution for those who leave",
        indicator: "Share of leavers with a durable solution",
        target: 25,
        unit: "%",
        progress: 23,
        dueDate: rel(120),
        status: "on_track",
        illustrative: true,
      },
      {
        title: "Intake from the whole northern region",
        indicator: "Municipalities in the region referring participants",
        target: 10,
        unit: "municipalities",
        progress: 7,
        dueDate: rel(240),
        status: "on_track",
        illustrative: true,
      },
    ],
    funding: lvvFunding2023("gro", "inlia", "4800000.00", "1200000.00"),
    risks: [
      {
        category: "funding",
        title: "Funding gap after the pilot period",
        description: "Without continued state funding the regional facility cannot keep its capacity.",
        likelihood: 4,
        impact: 4,
        owner: "gro",
        mitigation:
          "Bridge funding from the municipality; joint lobby with the other LVV cities through VNG.",
        status: "open",
        reviewOn: rel(15),
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "conex",
    name: "CONEX network",
    description:
      "Fedasil's multi-stakeholder network with city administrations, IOM and Caritas offering undocumented migrants 'multi-track' guidance: stay, return or elsewhere.",
    status: "active",
    startDate: "2021-01-01",
    scopeLevel: "national",
    countryCode: "BE",
    formalisation: "memorandum",
    governance:
      "Coordinated by Fedasil; quarterly network meeting of the cities, IOM and Caritas; case discussions at the return desks.",
    illustrative: true,
    members: [
      {
        organisation: "fedasil",
        role: "lead",
        mandate: "Runs the return desks and the voluntary return programme.",
        contribution: "Coordination, return desks in five cities, reintegration support.",
        joinedOn: "2021-01-01",
      },
      {
        organisation: "bxl",
        role: "partner",
        mandate: "Local social services.",
        contribution: "Referrals from local social services and outreach.",
        joinedOn: "2021-01-01",
      },
      {
        organisation: "gent",
        role: "partner",
        mandate: "Local social services.",
        contribution: "Referrals and the experience of its shelter-and-orientation pilot.",
        joinedOn: "2021-01-01",
      },
      {
        organisation: "antw",
        role: "partner",
        mandate: "Local social services.",
        contribution: "Referrals from local social services.",
        joinedOn: "2021-01-01",
      },
      {
        organisation: "chrl",
        role: "partner",
        mandate: "Local social services.",
        contribution: "Referrals from local social services.",
        joinedOn: "2021-06-01",
      },
      {
        organisation: "liege",
        role: "partner",
        mandate: "Local social services.",
        contribution: "Referrals from local social services.",
        joinedOn: "2021-06-01",
      },
      {
        organisation: "iom-be",
        role: "partner",
        mandate: "Assisted voluntary return and reintegration.",
        contribution: "Return counselling and reintegration in countries of origin.",
        joinedOn: "2021-01-01",
      },
      {
        organisation: "caritas-be",
        role: "partner",
        mandate: "Independent counselling of migrants.",
        contribution: "Multi-track counselling trusted by people who avoid the authorities.",
        joinedOn: "2021-01-01",
      },
    ],
    objectives: [
      {
        title: "Multi-track guidance in the five return-desk cities",
        indicator: "Cities with a multi-track contact point",
        target: 5,
        unit: "cities",
        progress: 5,
        dueDate: "2023-12-31",
        status: "achieved",
        illustrative: true,
      },
      {
        title: "Inform people about all their options",
        indicator: "People given multi-track information",
        target: 2000,
        unit: "people",
        progress: 1450,
        dueDate: rel(35),
        status: "at_risk",
        illustrative: true,
      },
    ],
    funding: [
      {
        source: "amif",
        funder: "dghome",
        recipient: "fedasil",
        amount: "3000000.00",
        currency: "EUR",
        cofinancingRate: 75,
        startsOn: "2024-01-01",
        endsOn: "2026-12-31",
        stage: "implementation",
        pathwaysCovered: ["voluntary_return"],
        voluntaryReturnOnly: true,
        illustrative: true,
      },
      {
        source: "national",
        funder: "fedasil",
        recipient: "caritas-be",
        amount: "450000.00",
        currency: "EUR",
        startsOn: "2024-01-01",
        endsOn: "2025-12-31",
        stage: "monitoring",
        pathwaysCovered: [
          "voluntary_return",
          "residence_permit",
          "regularisation_humanitarian",
          "regularisation_medical",
          "family_reunification",
          "international_protection",
          "onward_migration",
        ],
        voluntaryReturnOnly: false,
        illustrative: true,
      },
    ],
    risks: [
      {
        category: "conflicting_priorities",
        title: "Return mandate of Fedasil against the social mandate of the cities",
        description: "The network's main funding pays for return; cities want every option on the table.",
        likelihood: 3,
        impact: 4,
        owner: "fedasil",
        mitigation: "Present stay, return and elsewhere as equal tracks in every conversation.",
        status: "mitigating",
        reviewOn: rel(50),
        illustrative: true,
      },
      {
        category: "funding",
        title: "Funding restricted to voluntary return",
        description:
          "The AMIF line pays for voluntary return only; counselling towards legal stay depends on small national budgets.",
        likelihood: 4,
        impact: 4,
        owner: "fedasil",
        mitigation:
          "Argue for a holistic case-resolution approach in the next AMIF call, as the EMN REG seminar asked.",
        status: "open",
        reviewOn: rel(-40),
        illustrative: true,
      },
      {
        category: "trust_deficit",
        title: "Undocumented people fear a link with the Immigration Office",
        description: "People stay away from return desks they see as part of the removal chain.",
        likelihood: 3,
        impact: 3,
        owner: "caritas-be",
        mitigation: "First contact through CSOs; clear information on what is and is not shared.",
        status: "open",
        reviewOn: rel(80),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "Fedasil: return desks, assistance and information",
        url: sources.fedasilReturnDesks,
        kind: "other",
      },
      { title: "Fedasil: the CONEX network", url: sources.conex, kind: "other" },
    ],
  },
  {
    key: "icam",
    name: "ICAM coaching (AMIF-060-086)",
    description:
      "Individual case management by the Immigration Office: coaching in the return process and early alternatives to detention, funded by AMIF project AMIF-060-086 (1 January 2022 to 31 December 2024).",
    status: "ended",
    startDate: "2022-01-01",
    endDate: "2024-12-31",
    scopeLevel: "national",
    countryCode: "BE",
    formalisation: "grant_agreement",
    governance:
      "AMIF grant agreement; project steering by the Immigration Office with reporting to the AMIF responsible authority.",
    illustrative: false,
    members: [
      {
        organisation: "dvz",
        role: "lead",
        mandate: "Residence and removal of foreign nationals; project holder.",
        contribution: "ICAM coaches and the case files.",
        joinedOn: "2022-01-01",
      },
      {
        organisation: "dghome",
        role: "funder",
        mandate: "Manages AMIF with the Member States.",
        contribution: "AMIF co-financing of 75%.",
        joinedOn: "2022-01-01",
      },
      {
        organisation: "fedasil",
        role: "partner",
        mandate: "Voluntary return programme.",
        contribution: "Return desks to which coached people can turn.",
        joinedOn: "2022-01-01",
      },
    ],
    objectives: [
      {
        title: "Coach people in irregular stay towards a sustainable solution",
        indicator: "People coached",
        target: 2500,
        unit: "people",
        progress: 2710,
        dueDate: "2024-12-31",
        status: "achieved",
        illustrative: true,
      },
    ],
    funding: [
      {
        source: "amif",
        reference: icamFunding.reference,
        funder: "dghome",
        recipient: "dvz",
        amount: icamFunding.amount,
        currency: icamFunding.currency,
        cofinancingRate: icamFunding.cofinancingRate,
        startsOn: icamFunding.startsOn,
        endsOn: icamFunding.endsOn,
        stage: "reporting",
        pathwaysCovered: ["voluntary_return", "independent_return", "forced_return"],
        voluntaryReturnOnly: false,
        illustrative: false,
      },
    ],
    risks: [
      {
        category: "legal_mandate",
        title: "Coaching by the removal authority is read as a step towards detention",
        description: "The project holder also decides on removal, which limits what coached people share.",
        likelihood: 3,
        impact: 3,
        owner: "dvz",
        mitigation:
          "Separate coaching from enforcement teams; written information on the coaching's purpose.",
        status: "closed",
        reviewOn: "2024-12-31",
        illustrative: true,
      },
    ],
    documents: [
      {
        title:
          "Immigration Office: AMIF-060-086, coaching in the return process and early alternatives to detention",
        url: sources.icam,
        kind: "grant_agreement",
      },
      {
        title: "Regulation (EU) 2021/1147 establishing AMIF (co-financing: Article 15)",
        url: sources.amifRegulation,
        kind: "other",
      },
    ],
  },
  {
    key: "ghent-pilot",
    name: "Ghent shelter-and-orientation pilot",
    description:
      "Pilot of the City of Ghent with federal actors and CSOs: shelter combined with orientation towards a durable solution for undocumented people.",
    status: "ended",
    startDate: "2021-09-15",
    endDate: "2023-06-30",
    scopeLevel: "local",
    countryCode: "BE",
    formalisation: "memorandum",
    governance:
      "Steering committee of the city, Fedasil and the Immigration Office; weekly case meeting of the city's social workers and the CSOs.",
    illustrative: true,
    members: [
      {
        organisation: "gent",
        role: "lead",
        mandate: "Local government; shelter and social services.",
        contribution: "Shelter location, social workers and coordination.",
        joinedOn: "2021-09-15",
      },
      {
        organisation: "fedasil",
        role: "partner",
        mandate: "Reception and voluntary return.",
        contribution: "Return desk counselling and reintegration support.",
        joinedOn: "2021-09-15",
      },
      {
        organisation: "dvz",
        role: "partner",
        mandate: "Residence and removal decisions.",
        contribution: "Quick screening of residence options for each resident.",
        joinedOn: "2021-09-15",
      },
      {
        organisation: "vwvl",
        role: "partner",
        mandate: "Legal support for refugees and undocumented migrants.",
        contribution: "Legal screening of every file.",
        joinedOn: "2021-09-15",
      },
      {
        organisation: "caritas-be",
        role: "partner",
        mandate: "Independent counselling.",
        contribution: "Multi-track counselling and family-reunification expertise.",
        joinedOn: "2021-09-15",
      },
    ],
    objectives: [
      {
        title: "An orientation interview for every resident within four weeks",
        indicator: "Share of residents interviewed within four weeks",
        target: 90,
        unit: "%",
        progress: 95,
        dueDate: "2023-06-30",
        status: "achieved",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [
      {
        category: "power_imbalance",
        title: "Federal partners decide, the city carries the cost",
        description: "Decisions on residence sit with federal services while the city pays for the shelter.",
        likelihood: 3,
        impact: 4,
        owner: "gent",
        mitigation: "Steering committee decides by consensus; federal contribution to the evaluation.",
        status: "closed",
        reviewOn: "2023-06-30",
        illustrative: true,
      },
    ],
    documents: [],
  },
  {
    key: "c-mise",
    name: "C-MISE: City Initiative on Migrants with Irregular Status in Europe",
    description:
      "Network of European cities sharing policy and practice on migrants with irregular status, chaired by Utrecht and coordinated by COMPAS.",
    status: "active",
    startDate: "2018-01-01",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance:
      "Chaired by the City of Utrecht; COMPAS (University of Oxford) coordinates, documents practice and runs the network meetings.",
    illustrative: true,
    members: [
      {
        organisation: "utr",
        role: "lead",
        mandate: "Chair of the network.",
        contribution: "Chairs the network; brings the LVV experience.",
        joinedOn: "2018-01-01",
      },
      {
        organisation: "compas",
        role: "partner",
        mandate: "Research and coordination.",
        contribution: "Secretariat, research and practice briefs.",
        joinedOn: "2018-01-01",
      },
      ...["athens", "bcn", "ffm", "gent", "gbg", "lis", "oslo", "sthlm"].map((organisation): DemoMember => ({
        organisation,
        role: "partner",
        mandate: "City administration; services for residents with irregular status within national law.",
        contribution: "Local practice and peer exchange.",
        joinedOn: "2018-01-01",
      })),
    ],
    objectives: [
      {
        title: "Peer learning among member cities",
        indicator: "Network meetings held per year",
        target: 2,
        unit: "meetings",
        progress: 2,
        dueDate: rel(35),
        status: "on_track",
        illustrative: true,
      },
      {
        title: "Document city practice",
        indicator: "Practice briefs published",
        target: 4,
        unit: "briefs",
        progress: 3,
        dueDate: rel(160),
        status: "on_track",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [
      {
        category: "organisational_diversity",
        title: "Different national frameworks across member cities",
        description: "What a city may offer people with irregular status differs by country.",
        likelihood: 4,
        impact: 2,
        owner: "compas",
        mitigation: "Compare practice by service (shelter, health, guidance) rather than by national model.",
        status: "mitigating",
        reviewOn: rel(120),
        illustrative: true,
      },
      {
        category: "legal_mandate",
        title: "Cities' mandate limited by national law",
        description: "Some national laws restrict municipal services to people with irregular status.",
        likelihood: 3,
        impact: 3,
        owner: "utr",
        mitigation: "Legal analysis per member city; share workable routes within each framework.",
        status: "open",
        reviewOn: rel(200),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "COMPAS: City Initiative on Migrants with Irregular Status in Europe (C-MISE)",
        url: sources.cMise,
        kind: "other",
      },
    ],
  },
  {
    key: "emn-reg-followup",
    name: "EMN REG follow-up on multi-stakeholder governance",
    description:
      "Exchange set up after the EMN REG seminar of 2023 to continue the collaborations on durable solutions for undocumented migrants between national authorities, cities and CSOs.",
    status: "forming",
    startDate: "2024-03-01",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance:
      "Convened by EMN Belgium; meetings alongside the EMN Return Expert Group; terms of reference being drafted.",
    illustrative: true,
    members: [
      {
        organisation: "emn-be",
        role: "lead",
        mandate: "National contact point; convenes the exchange.",
        contribution: "Secretariat, the ad-hoc query answers of 22 countries, link to the REG.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "fedasil",
        role: "partner",
        mandate: "Reception and voluntary return in Belgium.",
        contribution: "Return desks and CONEX practice.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "emn",
        role: "observer",
        mandate: "EU network on migration information.",
        contribution: "Dissemination across the network.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "picum",
        role: "partner",
        mandate: "Network of organisations working with undocumented migrants.",
        contribution: "CSO practice from about 150 member organisations.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "utr",
        role: "partner",
        mandate: "Local government; C-MISE chair.",
        contribution: "LVV and C-MISE experience.",
        joinedOn: "2024-05-01",
      },
    ],
    objectives: [
      {
        title: "Agree the exchange's terms of reference",
        indicator: "Terms of reference adopted",
        target: 1,
        unit: "document",
        progress: 0,
        dueDate: rel(-15),
        status: "at_risk",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [
      {
        category: "conflicting_priorities",
        title: "Return agencies and CSOs want different things from the exchange",
        description: "Return agencies look for return outcomes, CSOs for legal-stay routes.",
        likelihood: 3,
        impact: 3,
        owner: "emn-be",
        mitigation:
          "Start from the seminar's shared conclusion: durable solutions include legal stay and return.",
        status: "open",
        reviewOn: rel(25),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "EMN Belgium: ad-hoc query on multi-stakeholder governance towards durable solutions (2023)",
        url: sources.emnAdHocQuery,
        kind: "report",
      },
      {
        title: "EMN Belgium: the REG seminar reveals key strategies for durable solutions (6 Dec 2023)",
        url: sources.regSeminarNews,
        kind: "report",
      },
    ],
  },
  {
    key: "ie-regularisation",
    name: "Irish regularisation scheme for long-term undocumented migrants",
    description:
      "Scheme open from 31 January to 31 July 2022: 6,548 applications covering 8,311 people; by 11 April 2023, 4,302 granted and 592 refused.",
    status: "active",
    startDate: "2022-01-31",
    scopeLevel: "national",
    countryCode: "IE",
    formalisation: "informal",
    governance:
      "Run by the Department of Justice through Immigration Service Delivery; civil society informs and supports applicants.",
    illustrative: false,
    members: [
      {
        organisation: "ie-doj",
        role: "lead",
        mandate: "Immigration policy; owner of the scheme.",
        contribution: "Scheme design and legal basis.",
        joinedOn: "2022-01-31",
      },
      {
        organisation: "isd",
        role: "partner",
        mandate: "Processes applications.",
        contribution: "Decisions on applications and reviews.",
        joinedOn: "2022-01-31",
      },
      {
        organisation: "mrci",
        role: "partner",
        mandate: "Advocacy and support for undocumented migrants.",
        contribution: "Information and support for applicants; trust of the undocumented community.",
        joinedOn: "2022-01-31",
      },
    ],
    objectives: [
      {
        title: "Decide the scheme's applications",
        indicator: "Applications decided (4,302 granted and 592 refused by 11 April 2023)",
        target: 6548,
        unit: "applications",
        progress: 4894,
        status: "on_track",
        illustrative: false,
      },
    ],
    funding: [],
    risks: [
      {
        category: "trust_deficit",
        title: "Eligible people do not apply for fear of exposure",
        description: "Undocumented people may fear that applying reveals them to the authorities if refused.",
        likelihood: 3,
        impact: 3,
        owner: "mrci",
        mitigation: "Clear public guarantees on the use of application data; CSO information sessions.",
        status: "closed",
        reviewOn: "2022-07-31",
        illustrative: true,
      },
    ],
    documents: [
      {
        title:
          "Department of Justice: regularisation scheme for long-term undocumented migrants (press release)",
        url: sources.irelandScheme,
        kind: "other",
      },
      {
        title: "Dáil question of 25 April 2023: figures of the regularisation scheme",
        url: sources.irelandFigures,
        kind: "report",
      },
    ],
  },
  {
    key: "picum-exchange",
    name: "PICUM exchange on case-resolution practice",
    description:
      "Exploratory exchange between CSOs that guide undocumented migrants in Dutch and Belgian multi-stakeholder pilots.",
    status: "exploring",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance: "Online meetings convened by PICUM; no formal agreement yet.",
    illustrative: true,
    members: [
      {
        organisation: "picum",
        role: "lead",
        mandate: "Network of organisations working with undocumented migrants.",
        contribution: "Convening and comparison across countries.",
      },
      {
        organisation: "sndvu",
        role: "partner",
        mandate: "Shelter and guidance in the LVV Utrecht.",
        contribution: "Practice from the Dutch LVV.",
      },
      {
        organisation: "caritas-be",
        role: "partner",
        mandate: "Multi-track counselling in Belgium.",
        contribution: "Practice from CONEX.",
      },
    ],
    objectives: [
      {
        title: "Compare case-resolution practice between CSOs",
        indicator: "Organisations contributing a practice note",
        target: 5,
        unit: "organisations",
        progress: 1,
        dueDate: rel(140),
        status: "not_started",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [],
    documents: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Health checks: the last three calendar quarters before the seeding day (all illustrative)
// ---------------------------------------------------------------------------------------------

const q3 = quartersAgo(3);
const q2 = quartersAgo(2);
const q1 = quartersAgo(1);

const healthChecks: DemoHealthSeries[] = [
  {
    partnership: "lvv-national",
    respondent: "jenv",
    answers: [
      {
        period: q3,
        scores: [4, 4, 4, 4, 4, 3, 4, 4],
        comment: "Steering works; escalation meeting rarely needed.",
      },
      { period: q2, scores: [4, 4, 4, 4, 4, 3, 3, 4], comment: "Priorities drift apart on return targets." },
      { period: q1, scores: [4, 3, 4, 4, 4, 2, 3, 4], comment: "Budget talks for next year are difficult." },
    ],
  },
  {
    partnership: "lvv-national",
    respondent: "vng",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 3, 2, 2, 3, 3],
        comment: "Municipalities carry the risk, the state sets the rules.",
      },
      { period: q2, scores: [3, 3, 3, 3, 2, 2, 2, 3], comment: "No answer yet on structural funding." },
      {
        period: q1,
        scores: [3, 3, 3, 3, 2, 1, 2, 3],
        comment: "Funding after this year is unclear: cities plan for the worst.",
      },
    ],
  },
  {
    partnership: "lvv-national",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 3, 3, 4, 3, 3, 3], comment: "Return is still seen as the last option." },
      { period: q2, scores: [4, 3, 3, 3, 4, 3, 3, 3], comment: "Good cooperation in most LSOs." },
      {
        period: q1,
        scores: [4, 3, 3, 4, 4, 3, 3, 4],
        comment: "Better mutual understanding after joint training.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "utr",
    answers: [
      { period: q3, scores: [4, 4, 3, 4, 3, 3, 3, 4], comment: "The LSO agrees scenarios faster." },
      { period: q2, scores: [4, 4, 3, 4, 3, 3, 3, 4], comment: "Stable quarter." },
      {
        period: q1,
        scores: [4, 4, 4, 4, 3, 2, 3, 4],
        comment: "Worried about the national share of the funding.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "sndvu",
    answers: [
      {
        period: q3,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Participants still distrust the return service.",
      },
      {
        period: q2,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Our legal assessment is not always heard in the LSO.",
      },
      {
        period: q1,
        scores: [3, 3, 3, 3, 2, 2, 2, 3],
        comment: "Some progress: DT&V now meets people only with their counsellor.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 4, 3, 4, 3, 3, 4], comment: "Cooperation is constructive." },
      {
        period: q2,
        scores: [4, 3, 4, 3, 4, 3, 3, 4],
        comment: "Return conversations start late in the process.",
      },
      { period: q1, scores: [4, 4, 4, 3, 4, 3, 3, 4], comment: "Joint case conferences help." },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "ind",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 3, 4, 3], comment: "Clear agreements on fast checks." },
      { period: q1, scores: [4, 4, 4, 4, 4, 3, 4, 3], comment: "No changes." },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "rtm",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 4, 3, 3, 3, 3],
        comment: "Too many departures to unknown destinations.",
      },
      { period: q2, scores: [3, 3, 3, 4, 3, 3, 3, 3], comment: "Agenda of the LSO under review." },
      { period: q1, scores: [4, 3, 3, 4, 3, 3, 3, 3], comment: "Objectives sharpened with the partners." },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "nas",
    answers: [
      {
        period: q3,
        scores: [3, 2, 1, 2, 1, 2, 2, 2],
        comment: "We bring the cases but have no say in the agenda.",
      },
      { period: q2, scores: [3, 2, 2, 2, 1, 2, 2, 2], comment: "Joint case conferences started." },
      {
        period: q1,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Slowly better; trust in the return service is still low.",
      },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 4, 3, 4, 3, 3, 3], comment: "Working relationship is fine." },
      { period: q2, scores: [4, 3, 4, 3, 4, 3, 3, 3], comment: "CSO reluctant to discuss return." },
      { period: q1, scores: [4, 3, 4, 3, 4, 3, 3, 4], comment: "Case conferences improve communication." },
    ],
  },
  {
    partnership: "conex",
    respondent: "fedasil",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 3, 4, 4], comment: "Network meetings well attended." },
      {
        period: q2,
        scores: [4, 4, 4, 4, 4, 3, 4, 4],
        comment: "Multi-track approach accepted by all cities.",
      },
      { period: q1, scores: [4, 4, 4, 4, 3, 3, 4, 4], comment: "AMIF restrictions limit what we can fund." },
    ],
  },
  {
    partnership: "conex",
    respondent: "gent",
    answers: [
      { period: q3, scores: [3, 4, 3, 3, 3, 2, 3, 3], comment: "Stay track needs more weight." },
      { period: q2, scores: [3, 4, 3, 4, 3, 2, 3, 3], comment: "Pilot lessons heard in the network." },
      {
        period: q1,
        scores: [4, 4, 3, 4, 3, 2, 3, 4],
        comment: "Better information flow with the return desk.",
      },
    ],
  },
  {
    partnership: "conex",
    respondent: "iom-be",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 4, 4, 4], comment: "Smooth cooperation on reintegration." },
      { period: q2, scores: [4, 4, 4, 4, 4, 4, 4, 3], comment: "Referrals arrive late in some cities." },
      { period: q1, scores: [4, 4, 4, 4, 4, 4, 4, 4], comment: "No issues." },
    ],
  },
  {
    partnership: "conex",
    respondent: "caritas-be",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 3, 2, 1, 2, 3],
        comment: "Funding pays for return only; our stay-track work is unfunded.",
      },
      { period: q2, scores: [3, 3, 3, 3, 2, 1, 2, 3], comment: "Same funding problem." },
      {
        period: q1,
        scores: [3, 3, 3, 4, 2, 2, 3, 3],
        comment: "Small national budget for counselling on all tracks.",
      },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "utr",
    answers: [
      { period: q3, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Strong peer network." },
      { period: q2, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Good meeting in the spring." },
      { period: q1, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Coordination funding uncertain." },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "compas",
    answers: [
      {
        period: q3,
        scores: [4, 4, 4, 4, null, 2, 4, 4],
        comment: "Power balance not scored: we coordinate, the cities decide.",
      },
      { period: q2, scores: [4, 4, 4, 4, null, 2, 4, 4], comment: "Briefs on track." },
      {
        period: q1,
        scores: [4, 4, 4, 5, null, 2, 4, 4],
        comment: "Funding of the secretariat is the main concern.",
      },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "bcn",
    answers: [
      { period: q3, scores: [3, 4, 4, 4, 4, 3, 3, 3], comment: "National frameworks differ a lot." },
      { period: q2, scores: [3, 4, 4, 4, 4, 3, 3, 3], comment: "Useful exchange on health care." },
      { period: q1, scores: [4, 4, 4, 4, 4, 3, 3, 4], comment: "Clearer objectives this year." },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Pilots
// ---------------------------------------------------------------------------------------------

/**
 * Half-yearly periods of the LVV pilots up to the final evaluation's cut-off (July 2022).
 * Illustrative splits that add up to the evaluation's national totals: 2,065 participants,
 * 1,258 left, of whom 226 (18%) durable, 516 (41%) semi-durable and 516 (41%) no solution.
 * Groningen's first year is the sourced 330 participants, 133 left, 36 durable.
 */
const lvvPeriods: Record<
  "ams" | "rtm" | "utr" | "ehv" | "gro",
  Omit<DemoPilotPeriod, "illustrative" | "notes">[]
> = {
  ams: [
    {
      start: "2019-05-01",
      end: "2019-09-30",
      newParticipants: 188,
      participantsAtEnd: 169,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        onward_migration: 1,
        new_asylum_application: 6,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 7,
        no_solution_other: 1,
      },
    },
    {
      start: "2019-10-01",
      end: "2020-03-31",
      newParticipants: 87,
      participantsAtEnd: 213,
      outcomes: {
        residence_permit: 2,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 13,
        postponed_departure_medical: 3,
        state_reception: 1,
        departed_unknown: 17,
        no_solution_other: 2,
      },
    },
    {
      start: "2020-04-01",
      end: "2020-09-30",
      newParticipants: 81,
      participantsAtEnd: 238,
      outcomes: {
        residence_permit: 4,
        regularisation_humanitarian: 1,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 16,
        postponed_departure_medical: 4,
        state_reception: 2,
        departed_unknown: 20,
        no_solution_other: 4,
      },
    },
    {
      start: "2020-10-01",
      end: "2021-03-31",
      newParticipants: 80,
      participantsAtEnd: 255,
      outcomes: {
        residence_permit: 4,
        regularisation_humanitarian: 1,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 2,
        new_asylum_application: 19,
        postponed_departure_medical: 6,
        state_reception: 3,
        departed_unknown: 20,
        no_solution_other: 4,
      },
    },
    {
      start: "2021-04-01",
      end: "2021-09-30",
      newParticipants: 69,
      participantsAtEnd: 257,
      outcomes: {
        residence_permit: 4,
        regularisation_humanitarian: 1,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 23,
        postponed_departure_medical: 4,
        state_reception: 3,
        departed_unknown: 24,
        no_solution_other: 3,
      },
    },
    {
      start: "2021-10-01",
      end: "2022-03-31",
      newParticipants: 75,
      participantsAtEnd: 249,
      outcomes: {
        residence_permit: 5,
        regularisation_humanitarian: 1,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 2,
        onward_migration: 2,
        new_asylum_application: 25,
        postponed_departure_medical: 6,
        state_reception: 4,
        departed_unknown: 28,
        no_solution_other: 7,
      },
    },
    {
      start: "2022-04-01",
      end: "2022-06-30",
      newParticipants: 40,
      participantsAtEnd: 250,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 12,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 16,
        no_solution_other: 2,
      },
    },
  ],
  rtm: [
    {
      start: "2019-05-01",
      end: "2019-09-30",
      newParticipants: 109,
      participantsAtEnd: 96,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        new_asylum_application: 5,
        postponed_departure_medical: 1,
        departed_unknown: 4,
        no_solution_other: 1,
      },
    },
    {
      start: "2019-10-01",
      end: "2020-03-31",
      newParticipants: 57,
      participantsAtEnd: 126,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 10,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 10,
        no_solution_other: 1,
      },
    },
    {
      start: "2020-04-01",
      end: "2020-09-30",
      newParticipants: 53,
      participantsAtEnd: 142,
      outcomes: {
        residence_permit: 2,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 13,
        postponed_departure_medical: 2,
        state_reception: 2,
        departed_unknown: 13,
        no_solution_other: 2,
      },
    },
    {
      start: "2020-10-01",
      end: "2021-03-31",
      newParticipants: 44,
      participantsAtEnd: 148,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 11,
        postponed_departure_medical: 3,
        state_reception: 2,
        departed_unknown: 14,
        no_solution_other: 2,
      },
    },
    {
      start: "2021-04-01",
      end: "2021-09-30",
      newParticipants: 45,
      participantsAtEnd: 154,
      outcomes: {
        residence_permit: 3,
        international_protection: 1,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 12,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 15,
        no_solution_other: 2,
      },
    },
    {
      start: "2021-10-01",
      end: "2022-03-31",
      newParticipants: 44,
      participantsAtEnd: 149,
      outcomes: {
        residence_permit: 4,
        regularisation_humanitarian: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 13,
        postponed_departure_medical: 4,
        state_reception: 2,
        departed_unknown: 17,
        no_solution_other: 4,
      },
    },
    {
      start: "2022-04-01",
      end: "2022-06-30",
      newParticipants: 28,
      participantsAtEnd: 150,
      outcomes: {
        residence_permit: 2,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 8,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 10,
        no_solution_other: 1,
      },
    },
  ],
  utr: [
    {
      start: "2019-04-01",
      end: "2019-09-30",
      newParticipants: 124,
      participantsAtEnd: 112,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        new_asylum_application: 4,
        postponed_departure_medical: 1,
        departed_unknown: 4,
        no_solution_other: 1,
      },
    },
    {
      start: "2019-10-01",
      end: "2020-03-31",
      newParticipants: 55,
      participantsAtEnd: 135,
      outcomes: {
        residence_permit: 2,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 11,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 11,
        no_solution_other: 2,
      },
    },
    {
      start: "2020-04-01",
      end: "2020-09-30",
      newParticipants: 45,
      participantsAtEnd: 140,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 13,
        postponed_departure_medical: 3,
        state_reception: 1,
        departed_unknown: 14,
        no_solution_other: 3,
      },
    },
    {
      start: "2020-10-01",
      end: "2021-03-31",
      newParticipants: 45,
      participantsAtEnd: 144,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 13,
        postponed_departure_medical: 3,
        state_reception: 1,
        departed_unknown: 16,
        no_solution_other: 2,
      },
    },
    {
      start: "2021-04-01",
      end: "2021-09-30",
      newParticipants: 41,
      participantsAtEnd: 142,
      outcomes: {
        residence_permit: 4,
        regularisation_humanitarian: 1,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 15,
        postponed_departure_medical: 3,
        state_reception: 1,
        departed_unknown: 14,
        no_solution_other: 2,
      },
    },
    {
      start: "2021-10-01",
      end: "2022-03-31",
      newParticipants: 50,
      participantsAtEnd: 137,
      outcomes: {
        residence_permit: 4,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 16,
        postponed_departure_medical: 4,
        state_reception: 3,
        departed_unknown: 20,
        no_solution_other: 4,
      },
    },
    {
      start: "2022-04-01",
      end: "2022-06-30",
      newParticipants: 30,
      participantsAtEnd: 140,
      outcomes: {
        residence_permit: 2,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 7,
        postponed_departure_medical: 1,
        state_reception: 2,
        departed_unknown: 10,
        no_solution_other: 2,
      },
    },
  ],
  ehv: [
    {
      start: "2019-06-01",
      end: "2019-09-30",
      newParticipants: 44,
      participantsAtEnd: 39,
      outcomes: { residence_permit: 1, new_asylum_application: 2, departed_unknown: 2 },
    },
    {
      start: "2019-10-01",
      end: "2020-03-31",
      newParticipants: 24,
      participantsAtEnd: 50,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        new_asylum_application: 4,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 4,
        no_solution_other: 1,
      },
    },
    {
      start: "2020-04-01",
      end: "2020-09-30",
      newParticipants: 25,
      participantsAtEnd: 57,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        onward_migration: 1,
        new_asylum_application: 5,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 6,
        no_solution_other: 2,
      },
    },
    {
      start: "2020-10-01",
      end: "2021-03-31",
      newParticipants: 24,
      participantsAtEnd: 62,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        onward_migration: 1,
        new_asylum_application: 6,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 7,
        no_solution_other: 1,
      },
    },
    {
      start: "2021-04-01",
      end: "2021-09-30",
      newParticipants: 22,
      participantsAtEnd: 63,
      outcomes: {
        residence_permit: 2,
        voluntary_return: 1,
        onward_migration: 1,
        new_asylum_application: 7,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 7,
        no_solution_other: 1,
      },
    },
    {
      start: "2021-10-01",
      end: "2022-03-31",
      newParticipants: 23,
      participantsAtEnd: 67,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        onward_migration: 1,
        new_asylum_application: 6,
        postponed_departure_medical: 1,
        state_reception: 1,
        departed_unknown: 7,
        no_solution_other: 1,
      },
    },
    {
      start: "2022-04-01",
      end: "2022-06-30",
      newParticipants: 13,
      participantsAtEnd: 67,
      outcomes: {
        residence_permit: 1,
        voluntary_return: 1,
        new_asylum_application: 4,
        postponed_departure_medical: 1,
        departed_unknown: 5,
        no_solution_other: 1,
      },
    },
  ],
  gro: [
    {
      start: "2019-04-01",
      end: "2020-03-31",
      newParticipants: 330,
      participantsAtEnd: 197,
      outcomes: {
        residence_permit: 15,
        regularisation_humanitarian: 2,
        international_protection: 2,
        voluntary_return: 8,
        independent_return: 4,
        onward_migration: 5,
        new_asylum_application: 38,
        postponed_departure_medical: 8,
        state_reception: 6,
        departed_unknown: 38,
        no_solution_other: 7,
      },
    },
    {
      start: "2020-04-01",
      end: "2020-09-30",
      newParticipants: 39,
      participantsAtEnd: 208,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 7,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 10,
        no_solution_other: 2,
      },
    },
    {
      start: "2020-10-01",
      end: "2021-03-31",
      newParticipants: 37,
      participantsAtEnd: 210,
      outcomes: {
        residence_permit: 2,
        international_protection: 1,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 10,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 13,
        no_solution_other: 3,
      },
    },
    {
      start: "2021-04-01",
      end: "2021-09-30",
      newParticipants: 33,
      participantsAtEnd: 208,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 10,
        postponed_departure_medical: 2,
        state_reception: 2,
        departed_unknown: 12,
        no_solution_other: 2,
      },
    },
    {
      start: "2021-10-01",
      end: "2022-03-31",
      newParticipants: 38,
      participantsAtEnd: 204,
      outcomes: {
        residence_permit: 4,
        international_protection: 1,
        voluntary_return: 2,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 12,
        postponed_departure_medical: 2,
        state_reception: 2,
        departed_unknown: 14,
        no_solution_other: 3,
      },
    },
    {
      start: "2022-04-01",
      end: "2022-06-30",
      newParticipants: 23,
      participantsAtEnd: 200,
      outcomes: {
        residence_permit: 3,
        voluntary_return: 1,
        independent_return: 1,
        onward_migration: 1,
        new_asylum_application: 7,
        postponed_departure_medical: 2,
        state_reception: 1,
        departed_unknown: 9,
        no_solution_other: 2,
      },
    },
  ],
};

function periodsOf(city: keyof typeof lvvPeriods): DemoPilotPeriod[] {
  return lvvPeriods[city].map((period) =>
    city === "gro" && period.start === "2019-04-01"
      ? {
          ...period,
          illustrative: false,
          notes:
            "First year as reported by the municipality: 330 participants, 133 left, 36 of them with a durable solution. The split over pathways within each group is estimated.",
        }
      : { ...period, illustrative: true },
  );
}

const lvvDescription =
  "24-hour shelter with guidance towards a durable solution: legal stay, return or onward migration. A guidance scenario is agreed per person in the local cooperation meeting (LSO).";

const pilots: DemoPilot[] = [
  {
    key: "lvv-amsterdam",
    municipality: "m-amsterdam",
    partnership: "lvv-amsterdam",
    name: "LVV Amsterdam",
    description: lvvDescription,
    targetGroup: "both",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-05-01",
    capacity: 260,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-04-30", doneOn: "2019-04-30", status: "done" },
      { title: "First participants admitted", dueOn: "2019-05-01", doneOn: "2019-05-01", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-06-01", doneOn: "2019-06-20", status: "done" },
      {
        title: "LSO working agreements with the three CSOs",
        dueOn: "2019-09-01",
        doneOn: "2019-11-15",
        status: "done",
        notes: "Later than planned: three organisations to align.",
      },
      { title: "Mid-term evaluation", dueOn: "2021-06-30", doneOn: "2021-07-15", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Participant satisfaction survey",
        description: "Independent survey of how participants experience the guidance.",
        dueOn: rel(-12),
        status: "in_progress",
        notes: "Fieldwork slower than planned.",
      },
      { title: "Renew the covenant with the three CSOs", dueOn: rel(75), status: "planned" },
    ],
    periods: periodsOf("ams"),
    documents: [],
    funding: [],
  },
  {
    key: "lvv-rotterdam",
    municipality: "m-rotterdam",
    partnership: "lvv-rotterdam",
    name: "LVV Rotterdam",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-05-01",
    capacity: 160,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-04-30", doneOn: "2019-04-26", status: "done" },
      { title: "First participants admitted", dueOn: "2019-05-01", doneOn: "2019-05-06", status: "done" },
      { title: "First weekly LSO meeting", dueOn: "2019-05-15", doneOn: "2019-05-15", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Case-file exchange agreement with DT&V",
        dueOn: "2023-03-31",
        status: "cancelled",
        notes: "Replaced by joint case conferences.",
      },
      { title: "Review of the LSO working method", dueOn: rel(20), status: "in_progress" },
      { title: "Expand capacity by 20 places", dueOn: rel(120), status: "planned" },
    ],
    periods: periodsOf("rtm"),
    documents: [
      { title: "NAS Rotterdam: the LVV in Rotterdam", url: sources.lvvRotterdamNas, kind: "other" },
    ],
    funding: [],
  },
  {
    key: "lvv-utrecht",
    municipality: "m-utrecht",
    partnership: "lvv-utrecht",
    name: "LVV Utrecht",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-04-01",
    capacity: 170,
    illustrative: true,
    milestones: [
      {
        title: "Local covenant signed and pilot started",
        dueOn: "2019-04-01",
        doneOn: "2019-04-01",
        status: "done",
      },
      { title: "First weekly LSO meeting", dueOn: "2019-04-15", doneOn: "2019-04-11", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-05-01", doneOn: "2019-05-14", status: "done" },
      {
        title: "Mid-term evaluation",
        dueOn: "2021-06-30",
        doneOn: "2021-09-30",
        status: "done",
        notes: "Delayed by COVID-19 measures.",
      },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Agreement on funding after the pilot period",
        dueOn: rel(-45),
        status: "delayed",
        notes: "Waiting for the national decision on the state share.",
      },
      { title: "Annual report to the municipal council", dueOn: rel(40), status: "planned" },
    ],
    periods: periodsOf("utr"),
    documents: [{ title: "SNDVU: the LVV in Utrecht", url: sources.lvvUtrechtSndvu, kind: "other" }],
    funding: [],
  },
  {
    key: "lvv-eindhoven",
    municipality: "m-eindhoven",
    partnership: "lvv-eindhoven",
    name: "LVV Eindhoven",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-06-01",
    capacity: 70,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-05-31", doneOn: "2019-05-28", status: "done" },
      { title: "First participants admitted", dueOn: "2019-06-01", doneOn: "2019-06-03", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-07-01", doneOn: "2019-07-01", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      { title: "Regional intake with surrounding municipalities", dueOn: rel(30), status: "in_progress" },
      { title: "Evaluation of the regional intake", dueOn: rel(210), status: "planned" },
    ],
    periods: periodsOf("ehv"),
    documents: [],
    funding: [],
  },
  {
    key: "lvv-groningen",
    municipality: "m-groningen",
    partnership: "lvv-groningen",
    name: "LVV Groningen",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-04-01",
    capacity: 220,
    illustrative: true,
    milestones: [
      {
        title: "Local covenant signed and pilot started",
        dueOn: "2019-04-01",
        doneOn: "2019-04-01",
        status: "done",
      },
      { title: "Local steering group installed", dueOn: "2019-05-01", doneOn: "2019-04-24", status: "done" },
      {
        title: "First-year report: 133 of 330 left, 36 with a durable solution",
        dueOn: "2020-04-30",
        doneOn: "2020-06-10",
        status: "done",
      },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Move to a new shelter location",
        dueOn: rel(-100),
        status: "delayed",
        notes: "Permit for the new building still pending.",
      },
      { title: "Regional agreements with the northern municipalities", dueOn: rel(60), status: "planned" },
      { title: "Annual report to the municipal council", dueOn: rel(150), status: "planned" },
    ],
    periods: periodsOf("gro"),
    documents: [
      {
        title: "LOGO gemeenten: successful first year of the LVV Groningen",
        url: sources.lvvGroningenFirstYear,
        kind: "report",
      },
    ],
    funding: [],
  },
  {
    key: "ghent",
    municipality: "m-ghent",
    partnership: "ghent-pilot",
    name: "Ghent shelter-and-orientation pilot",
    description:
      "Shelter combined with orientation towards a durable solution, with Fedasil, the Immigration Office and CSOs screening every resident's options.",
    targetGroup: "both",
    pathways: [
      "voluntary_return",
      "residence_permit",
      "regularisation_humanitarian",
      "regularisation_medical",
      "family_reunification",
      "international_protection",
      "onward_migration",
      "new_asylum_application",
      "state_reception",
    ],
    status: "completed",
    startsOn: "2021-10-01",
    endsOn: "2023-06-30",
    capacity: 25,
    illustrative: true,
    milestones: [
      { title: "Cooperation agreement signed", dueOn: "2021-09-15", doneOn: "2021-09-15", status: "done" },
      { title: "Shelter opened", dueOn: "2021-10-01", doneOn: "2021-10-01", status: "done" },
      {
        title: "Orientation protocol with Fedasil and the Immigration Office",
        dueOn: "2021-12-01",
        doneOn: "2022-02-15",
        status: "done",
        notes: "Took longer: data-sharing rules.",
      },
      { title: "Mid-term review", dueOn: "2022-09-30", doneOn: "2022-10-20", status: "done" },
      {
        title: "Extension to a second location",
        dueOn: "2023-01-31",
        status: "cancelled",
        notes: "No funding found.",
      },
      { title: "Final evaluation", dueOn: "2023-06-30", doneOn: "2023-09-29", status: "done" },
    ],
    periods: [
      {
        start: "2021-10-01",
        end: "2022-03-31",
        newParticipants: 18,
        participantsAtEnd: 13,
        outcomes: { voluntary_return: 2, new_asylum_application: 1, departed_unknown: 2 },
        illustrative: true,
      },
      {
        start: "2022-04-01",
        end: "2022-09-30",
        newParticipants: 14,
        participantsAtEnd: 15,
        outcomes: {
          voluntary_return: 3,
          regularisation_medical: 2,
          international_protection: 1,
          new_asylum_application: 3,
          state_reception: 1,
          departed_unknown: 2,
        },
        illustrative: true,
      },
      {
        start: "2022-10-01",
        end: "2023-03-31",
        newParticipants: 11,
        participantsAtEnd: 13,
        outcomes: {
          voluntary_return: 4,
          regularisation_humanitarian: 1,
          family_reunification: 2,
          new_asylum_application: 2,
          state_reception: 2,
          departed_unknown: 2,
        },
        illustrative: true,
      },
      {
        start: "2023-04-01",
        end: "2023-06-30",
        newParticipants: 3,
        participantsAtEnd: 0,
        outcomes: {
          voluntary_return: 5,
          residence_permit: 1,
          onward_migration: 1,
          new_asylum_application: 2,
          state_reception: 4,
          departed_unknown: 1,
          no_solution_other: 2,
        },
        illustrative: true,
        notes: "Pilot closed: remaining residents moved to other shelter.",
      },
    ],
    documents: [],
    funding: [
      {
        source: "municipal",
        funder: "gent",
        recipient: "gent",
        amount: "420000.00",
        currency: "EUR",
        startsOn: "2021-10-01",
        endsOn: "2023-06-30",
        stage: "closed",
        pathwaysCovered: [
          "voluntary_return",
          "residence_permit",
          "regularisation_humanitarian",
          "regularisation_medical",
          "family_reunification",
          "international_protection",
          "onward_migration",
        ],
        voluntaryReturnOnly: false,
        illustrative: true,
      },
      {
        source: "national",
        funder: "fedasil",
        recipient: "fedasil",
        amount: "60000.00",
        currency: "EUR",
        startsOn: "2021-10-01",
        endsOn: "2023-06-30",
        stage: "closed",
        pathwaysCovered: ["voluntary_return"],
        voluntaryReturnOnly: true,
        illustrative: true,
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Events: the EMN REG seminar this project grew from (sources.regSeminarNews)
// ---------------------------------------------------------------------------------------------

const events: DemoEvent[] = [
  {
    key: "emn-reg-seminar-2023",
    title:
      "EMN REG seminar: multi-stakeholder governance towards durable solutions for undocumented migrants",
    kind: "seminar",
    // Late 2023; the exact day is approximate (the news item was published on 6 December 2023).
    startsOn: "2023-11-28",
    location: "Brussels",
    online: false,
    description:
      "Seminar of the EMN Return Expert Group, hosted by EMN Belgium and Fedasil, on cooperation between national authorities, local authorities and civil-society organisations towards durable solutions for people with a return decision and people unknown to the authorities. 22 EMN member countries answered an ad-hoc query beforehand. Attendance figures are illustrative.",
    organisers: ["emn-be", "fedasil"],
    participants: [
      { organisation: "emn-be", attendeeCount: 4 },
      { organisation: "fedasil", attendeeCount: 6 },
      { organisation: "emn", attendeeCount: 3 },
      { organisation: "dghome", attendeeCount: 1 },
      { organisation: "dvz", attendeeCount: 2 },
      { organisation: "iom-be", attendeeCount: 2 },
      { organisation: "caritas-be", attendeeCount: 2 },
      { organisation: "picum", attendeeCount: 1 },
      { organisation: "gent", attendeeCount: 2 },
      { organisation: "utr", attendeeCount: 1 },
      { organisation: "dtv", attendeeCount: 1 },
      { organisation: "sndvu", attendeeCount: 1 },
      { organisation: "isd", attendeeCount: 1 },
      { organisation: "compas", attendeeCount: null },
    ],
    takeaways: [
      {
        theme: "Beyond voluntary return",
        text: "Relying on voluntary return alone is counter-productive. Durable solutions include legal stay: regularisation on humanitarian or medical grounds, family reunification, international protection and other pathways, beyond the divide between protection and return.",
      },
      {
        theme: "Trust through information",
        text: "Trust is built by giving undocumented migrants full, detailed information so that they can make informed decisions about their future.",
      },
      {
        theme: "Multi-level collaboration",
        text: "Cooperation between national authorities, local authorities and CSOs works when it has clearly defined objectives, mutual understanding, creative thinking and recognition of the distinct value of each stakeholder; pilots show it is feasible despite different frameworks and mandates.",
      },
      {
        theme: "Obstacles",
        text: "Conflicting priorities, trust deficits, organisational diversity, funding and power imbalances make such partnerships hard to set up and to sustain.",
      },
      {
        theme: "Local innovation",
        text: "Municipal pilots and small-scale initiatives show promise but need more development, sufficient resources and recognition to reach their full potential.",
      },
      {
        theme: "Funding: a holistic AMIF approach",
        text: "CSOs and Fedasil asked that funding such as AMIF adopt a holistic 'case resolution' approach beyond voluntary return only, across proposals, implementation, monitoring, evaluation and reporting.",
      },
      {
        theme: "Commitments",
        text: "The stakeholders committed to continue the collaborations, drawing on each one's strengths, towards durable solutions for undocumented migrants.",
      },
    ],
    followUps: [
      {
        title: "Circulate the seminar conclusions to the Return Expert Group",
        description:
          "Publish the conclusions and send them to all REG members with the ad-hoc query answers.",
        owner: "emn-be",
        organisation: "emn",
        partnership: "emn-reg-followup",
        dueOn: "2024-01-31",
        status: "done",
        doneOn: "2023-12-06",
      },
      {
        title: "Map AMIF-funded projects that go beyond voluntary return",
        description:
          "Inventory of AMIF projects that fund case resolution across all pathways, as input for the holistic approach.",
        owner: "fedasil",
        organisation: "dghome",
        partnership: "emn-reg-followup",
        dueOn: "2024-06-30",
        status: "done",
        doneOn: "2024-09-16",
      },
      {
        title: "Propose case-resolution criteria for future AMIF calls",
        description:
          "Draft criteria so that AMIF proposals can cover legal-stay pathways as well as return, over the whole project cycle.",
        owner: "fedasil",
        organisation: "dghome",
        partnership: "conex",
        dueOn: "2025-06-30",
        status: "in_progress",
      },
      {
        title: "Share the LVV evaluation and the LSO working method with Belgian cities",
        description: "Presentation of the LVV results and the local cooperation meeting to the CONEX cities.",
        owner: "utr",
        organisation: "gent",
        partnership: "c-mise",
        dueOn: "2024-03-31",
        status: "done",
        doneOn: "2024-04-11",
      },
      {
        title: "Report the Ghent pilot's results to the REG",
        description: "Short note on the shelter-and-orientation pilot's outcomes for the REG.",
        owner: "gent",
        pilot: "ghent",
        dueOn: "2024-05-31",
        status: "dropped",
      },
      {
        title: "Run a partnership health check in the LVV pilots",
        description: "Ask every LVV partner for a health check, to make trust and power visible.",
        owner: "vng",
        partnership: "lvv-national",
        dueOn: rel(-30),
        status: "open",
      },
      {
        title: "Set up a peer exchange between LVV municipalities and CONEX cities",
        description:
          "Two-day exchange of case workers between Dutch LVV municipalities and Belgian CONEX cities.",
        owner: "fedasil",
        organisation: "utr",
        partnership: "conex",
        dueOn: rel(60),
        status: "open",
      },
      {
        title: "Multilingual information on all pathways",
        description:
          "Leaflet explaining stay, return and onward options in the main languages of the people met at the return desks.",
        owner: "caritas-be",
        partnership: "conex",
        dueOn: rel(150),
        status: "in_progress",
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------

export const demoData: DemoDataset = {
  organisations,
  municipalities,
  relationships,
  partnerships,
  healthChecks,
  pilots,
  events,
};
