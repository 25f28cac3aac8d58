// Every enumeration of the domain, defined once. Shared by the database schema (CHECK
// constraints), zod validation and the UI. Pure data: no imports, no I/O.
// Values are snake_case and stable (they are stored); labels live in the i18n files.

export const userRoles = ["coordinator", "organiser", "municipal_official", "viewer"] as const;
export type UserRole = (typeof userRoles)[number];

export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];

export const organisationTypes = [
  "national_authority",
  "regional_authority",
  "local_authority",
  "cso",
  "international_organisation",
  "eu_body",
  "funder",
  "research_institute",
  "other",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const levels = ["eu_international", "national", "regional", "local"] as const;
export type Level = (typeof levels)[number];

export const partnershipStatuses = ["exploring", "forming", "active", "paused", "ended"] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

export const formalisations = ["informal", "memorandum", "covenant", "contract", "grant_agreement"] as const;
export type Formalisation = (typeof formalisations)[number];

export const memberRoles = ["lead", "partner", "funder", "observer"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const relationshipTypes = [
  "funds",
  "refers_cases",
  "shares_information",
  "oversees",
  "advises",
] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

export const documentKinds = [
  "covenant",
  "memorandum",
  "grant_agreement",
  "evaluation",
  "report",
  "other",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const objectiveStatuses = ["not_started", "on_track", "at_risk", "achieved", "dropped"] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export const fundingSources = [
  "amif",
  "other_eu",
  "national",
  "regional",
  "municipal",
  "private_foundation",
] as const;
export type FundingSource = (typeof fundingSources)[number];

/** Project-cycle stage of a funding line, in cycle order. */
export const fundingStages = [
  "proposal",
  "grant_agreement",
  "implementation",
  "monitoring",
  "evaluation",
  "reporting",
  "closed",
] as const;
export type FundingStage = (typeof fundingStages)[number];

/** The obstacles named by the seminar, plus legal/mandate constraints and "other". */
export const riskCategories = [
  "trust_deficit",
  "power_imbalance",
  "conflicting_priorities",
  "organisational_diversity",
  "funding",
  "legal_mandate",
  "other",
] as const;
export type RiskCategory = (typeof riskCategories)[number];

export const riskStatuses = ["open", "mitigating", "closed"] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** Dimensions a member scores (1-5) in a partnership health check. */
export const healthDimensions = [
  "objectives_clarity",
  "mutual_understanding",
  "trust",
  "recognition",
  "power_balance",
  "funding_stability",
  "priority_alignment",
  "communication",
] as const;
export type HealthDimension = (typeof healthDimensions)[number];

export const targetGroups = ["return_decision", "unknown_to_authorities", "both"] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const pilotStatuses = ["planned", "running", "paused", "completed", "stopped"] as const;
export type PilotStatus = (typeof pilotStatuses)[number];

export const milestoneStatuses = ["planned", "in_progress", "done", "delayed", "cancelled"] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/**
 * How people left a pilot in a reporting period (aggregated counts only).
 * People still in guidance at the end of a period are not an outcome.
 */
export const outcomePathways = [
  "residence_permit",
  "regularisation_humanitarian",
  "regularisation_medical",
  "family_reunification",
  "international_protection",
  "voluntary_return",
  "independent_return",
  "forced_return",
  "onward_migration",
  "new_asylum_application",
  "postponed_departure_medical",
  "state_reception",
  "departed_unknown",
  "no_solution_other",
] as const;
export type OutcomePathway = (typeof outcomePathways)[number];

/** The evaluations' grouping (LVV: durable, semi-durable, no solution). */
export const outcomeGroups = ["durable", "semi_durable", "no_solution"] as const;
export type OutcomeGroup = (typeof outcomeGroups)[number];

export const pathwayGroup: Record<OutcomePathway, OutcomeGroup> = {
  residence_permit: "durable",
  regularisation_humanitarian: "durable",
  regularisation_medical: "durable",
  family_reunification: "durable",
  international_protection: "durable",
  voluntary_return: "durable",
  independent_return: "durable",
  forced_return: "durable",
  // onward migration with secured stay elsewhere
  onward_migration: "durable",
  new_asylum_application: "semi_durable",
  postponed_departure_medical: "semi_durable",
  state_reception: "semi_durable",
  departed_unknown: "no_solution",
  no_solution_other: "no_solution",
};

export const eventKinds = ["seminar", "workshop", "conference", "meeting"] as const;
export type EventKind = (typeof eventKinds)[number];

export const actionStatuses = ["open", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const auditActions = ["create", "update", "archive", "restore", "delete", "seed", "import"] as const;
export type AuditAction = (typeof auditActions)[number];
