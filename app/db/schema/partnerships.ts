import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  numeric,
  pgTable,
  smallint,
  text,
  unique,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import {
  documentKinds,
  formalisations,
  fundingSources,
  fundingStages,
  levels,
  memberRoles,
  objectiveStatuses,
  outcomePathways,
  partnershipStatuses,
  riskCategories,
  riskStatuses,
  type DocumentKind,
  type Formalisation,
  type FundingSource,
  type FundingStage,
  type HealthDimension,
  type Level,
  type MemberRole,
  type ObjectiveStatus,
  type OutcomePathway,
  type PartnershipStatus,
  type RiskCategory,
  type RiskStatus,
} from "../../lib/enums";
import {
  archivable,
  betweenCheck,
  countryCodeCheck,
  day,
  enumArrayCheck,
  enumCheck,
  id,
  illustrative,
  nonNegativeCheck,
  rangeCheck,
  timestamps,
  versioned,
} from "./columns";
import { organisations } from "./organisations";
import { pilots } from "./pilots";
import { users } from "./users";

export const partnerships = pgTable(
  "partnerships",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description"),
    status: text("status").$type<PartnershipStatus>().notNull().default("exploring"),
    startDate: day("start_date"),
    endDate: day("end_date"),
    scopeLevel: text("scope_level").$type<Level>(),
    // Null for transnational partnerships.
    countryCode: text("country_code"),
    formalisation: text("formalisation").$type<Formalisation>().notNull().default("informal"),
    // How it is steered, e.g. a steering group and local case meetings.
    governance: text("governance"),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("partnerships_status_check", t.status, partnershipStatuses),
    enumCheck("partnerships_scope_level_check", t.scopeLevel, levels),
    enumCheck("partnerships_formalisation_check", t.formalisation, formalisations),
    countryCodeCheck("partnerships_country_code_check", t.countryCode),
    rangeCheck("partnerships_dates_check", t.startDate, t.endDate),
    index("partnerships_status_idx").on(t.status),
    index("partnerships_country_code_idx").on(t.countryCode),
    index("partnerships_name_idx").on(t.name),
  ],
);

export const partnershipMembers = pgTable(
  "partnership_members",
  {
    id: id(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    role: text("role").$type<MemberRole>().notNull().default("partner"),
    // What the member is mandated and able to do in the partnership.
    mandate: text("mandate"),
    // The distinct value it brings.
    contribution: text("contribution"),
    joinedOn: day("joined_on"),
    leftOn: day("left_on"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("partnership_members_role_check", t.role, memberRoles),
    rangeCheck("partnership_members_dates_check", t.joinedOn, t.leftOn),
    // Also serves lookups by partnership_id.
    unique("partnership_members_partnership_organisation_unique").on(t.partnershipId, t.organisationId),
    index("partnership_members_organisation_id_idx").on(t.organisationId),
  ],
);

/** A link (by URL) to a paper behind a partnership or a pilot. */
export const documents = pgTable(
  "documents",
  {
    id: id(),
    partnershipId: uuid("partnership_id").references(() => partnerships.id, {
      onDelete: "cascade",
    }),
    pilotId: uuid("pilot_id").references((): AnyPgColumn => pilots.id, {
      onDelete: "cascade",
    }),
    title: text("title").notNull(),
    url: text("url").notNull(),
    kind: text("kind").$type<DocumentKind>().notNull().default("other"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("documents_kind_check", t.kind, documentKinds),
    check("documents_owner_check", sql`num_nonnulls(${t.partnershipId}, ${t.pilotId}) = 1`),
    check("documents_url_check", sql`${t.url} ~* '^https?://'`),
    index("documents_partnership_id_idx").on(t.partnershipId),
    index("documents_pilot_id_idx").on(t.pilotId),
  ],
);

/** A measurable shared objective: indicator, target, unit, progress, due date. */
export const objectives = pgTable(
  "objectives",
  {
    id: id(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    indicator: text("indicator"),
    target: numeric("target", { mode: "number" }),
    unit: text("unit"),
    progress: numeric("progress", { mode: "number" }),
    dueDate: day("due_date"),
    status: text("status").$type<ObjectiveStatus>().notNull().default("not_started"),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("objectives_status_check", t.status, objectiveStatuses),
    nonNegativeCheck("objectives_progress_check", t.progress),
    index("objectives_partnership_id_idx").on(t.partnershipId),
    index("objectives_status_idx").on(t.status),
  ],
);

/**
 * Funding of a partnership or a pilot. Amounts are never summed across currencies.
 * `pathwaysCovered` lists the outcome pathways it may pay for; `voluntaryReturnOnly`
 * flags funding restricted to voluntary return.
 */
export const fundingLines = pgTable(
  "funding_lines",
  {
    id: id(),
    partnershipId: uuid("partnership_id").references(() => partnerships.id, {
      onDelete: "cascade",
    }),
    pilotId: uuid("pilot_id").references((): AnyPgColumn => pilots.id, {
      onDelete: "cascade",
    }),
    source: text("source").$type<FundingSource>().notNull(),
    // E.g. an AMIF project code such as AMIF-060-086.
    reference: text("reference"),
    funderOrganisationId: uuid("funder_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    recipientOrganisationId: uuid("recipient_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "string" }),
    currency: text("currency").notNull().default("EUR"),
    // Percentage, e.g. 75.00 (AMIF: usually at most 75, up to 90 for specific actions).
    cofinancingRate: numeric("cofinancing_rate", {
      precision: 5,
      scale: 2,
      mode: "number",
    }),
    startsOn: day("starts_on"),
    endsOn: day("ends_on"),
    stage: text("stage").$type<FundingStage>().notNull().default("proposal"),
    pathwaysCovered: text("pathways_covered")
      .array()
      .$type<OutcomePathway[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    voluntaryReturnOnly: boolean("voluntary_return_only").notNull().default(false),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("funding_lines_source_check", t.source, fundingSources),
    enumCheck("funding_lines_stage_check", t.stage, fundingStages),
    enumArrayCheck("funding_lines_pathways_covered_check", t.pathwaysCovered, outcomePathways),
    check("funding_lines_owner_check", sql`num_nonnulls(${t.partnershipId}, ${t.pilotId}) = 1`),
    nonNegativeCheck("funding_lines_amount_check", t.amount),
    betweenCheck("funding_lines_cofinancing_rate_check", t.cofinancingRate, 0, 100),
    check("funding_lines_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    rangeCheck("funding_lines_dates_check", t.startsOn, t.endsOn),
    index("funding_lines_partnership_id_idx").on(t.partnershipId),
    index("funding_lines_pilot_id_idx").on(t.pilotId),
    index("funding_lines_funder_organisation_id_idx").on(t.funderOrganisationId),
    index("funding_lines_recipient_organisation_id_idx").on(t.recipientOrganisationId),
    index("funding_lines_source_idx").on(t.source),
  ],
);

/** Risk register entry. Exposure = likelihood x impact (1-25); closed risks count for nothing. */
export const risks = pgTable(
  "risks",
  {
    id: id(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    category: text("category").$type<RiskCategory>().notNull(),
    // Title, description and mitigation are partnership-confidential.
    title: text("title").notNull(),
    description: text("description"),
    likelihood: smallint("likelihood").notNull(),
    impact: smallint("impact").notNull(),
    ownerOrganisationId: uuid("owner_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    mitigation: text("mitigation"),
    status: text("status").$type<RiskStatus>().notNull().default("open"),
    reviewOn: day("review_on"),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("risks_category_check", t.category, riskCategories),
    enumCheck("risks_status_check", t.status, riskStatuses),
    betweenCheck("risks_likelihood_check", t.likelihood, 1, 5),
    betweenCheck("risks_impact_check", t.impact, 1, 5),
    index("risks_partnership_id_idx").on(t.partnershipId),
    index("risks_category_idx").on(t.category),
    index("risks_status_idx").on(t.status),
    index("risks_owner_organisation_id_idx").on(t.ownerOrganisationId),
  ],
);

/**
 * A member's periodic self-assessment of a partnership: one answer per respondent
 * organisation per calendar quarter ('YYYY-Qn'); a new answer in the same period replaces
 * the earlier one. Each dimension is scored 1-5, or left empty.
 */
export const healthChecks = pgTable(
  "health_checks",
  {
    id: id(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    respondentOrganisationId: uuid("respondent_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    // Null for demo data.
    submittedBy: uuid("submitted_by").references(() => users.id, {
      onDelete: "set null",
    }),
    period: text("period").notNull(),
    objectivesClarity: smallint("objectives_clarity"),
    mutualUnderstanding: smallint("mutual_understanding"),
    trust: smallint("trust"),
    recognition: smallint("recognition"),
    powerBalance: smallint("power_balance"),
    fundingStability: smallint("funding_stability"),
    priorityAlignment: smallint("priority_alignment"),
    communication: smallint("communication"),
    comment: text("comment"),
    ...versioned(),
    ...timestamps(),
  },
  (t) => [
    check("health_checks_period_check", sql`${t.period} ~ '^[0-9]{4}-Q[1-4]$'`),
    betweenCheck("health_checks_objectives_clarity_check", t.objectivesClarity, 1, 5),
    betweenCheck("health_checks_mutual_understanding_check", t.mutualUnderstanding, 1, 5),
    betweenCheck("health_checks_trust_check", t.trust, 1, 5),
    betweenCheck("health_checks_recognition_check", t.recognition, 1, 5),
    betweenCheck("health_checks_power_balance_check", t.powerBalance, 1, 5),
    betweenCheck("health_checks_funding_stability_check", t.fundingStability, 1, 5),
    betweenCheck("health_checks_priority_alignment_check", t.priorityAlignment, 1, 5),
    betweenCheck("health_checks_communication_check", t.communication, 1, 5),
    // Also serves lookups by partnership_id.
    unique("health_checks_partnership_respondent_period_unique").on(
      t.partnershipId,
      t.respondentOrganisationId,
      t.period,
    ),
    index("health_checks_respondent_organisation_id_idx").on(t.respondentOrganisationId),
    index("health_checks_submitted_by_idx").on(t.submittedBy),
  ],
);

export type Partnership = typeof partnerships.$inferSelect;
export type NewPartnership = typeof partnerships.$inferInsert;
export type PartnershipMember = typeof partnershipMembers.$inferSelect;
export type NewPartnershipMember = typeof partnershipMembers.$inferInsert;
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type Objective = typeof objectives.$inferSelect;
export type NewObjective = typeof objectives.$inferInsert;
export type FundingLine = typeof fundingLines.$inferSelect;
export type NewFundingLine = typeof fundingLines.$inferInsert;
export type Risk = typeof risks.$inferSelect;
export type NewRisk = typeof risks.$inferInsert;
export type HealthCheck = typeof healthChecks.$inferSelect;
export type NewHealthCheck = typeof healthChecks.$inferInsert;

/** The health_checks property holding each dimension's score. */
export const healthScoreKeys = {
  objectives_clarity: "objectivesClarity",
  mutual_understanding: "mutualUnderstanding",
  trust: "trust",
  recognition: "recognition",
  power_balance: "powerBalance",
  funding_stability: "fundingStability",
  priority_alignment: "priorityAlignment",
  communication: "communication",
} as const satisfies Record<HealthDimension, keyof HealthCheck>;
