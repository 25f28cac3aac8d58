// The shapes of the demo dataset (see ../demo-data.ts), and helpers for relative dates.
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
} from "../../../lib/enums";

/** A day relative to the day the demo is seeded (negative: in the past). */
export interface RelativeDate {
  readonly daysFromToday: number;
}
/** 'YYYY-MM-DD', or relative to the seeding day. */
export type DemoDate = string | RelativeDate;
/** 'YYYY-Qn', or a whole number of calendar quarters before the seeding day's quarter. */
export type DemoQuarter = string | { readonly quartersBeforeToday: number };

export const rel = (daysFromToday: number): RelativeDate => ({ daysFromToday });
export const quartersAgo = (quartersBeforeToday: number) => ({ quartersBeforeToday });

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

export type Score = 1 | 2 | 3 | 4 | 5 | null;
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
