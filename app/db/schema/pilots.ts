import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import {
  milestoneStatuses,
  outcomePathways,
  pilotStatuses,
  targetGroups,
  type MilestoneStatus,
  type OutcomePathway,
  type PilotStatus,
  type TargetGroup,
} from "../../lib/enums";
import {
  archivable,
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
import { municipalities } from "./organisations";
import { partnerships } from "./partnerships";

/** A municipal pilot project, usually under a partnership. */
export const pilots = pgTable(
  "pilots",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id, { onDelete: "restrict" }),
    partnershipId: uuid("partnership_id").references(() => partnerships.id, {
      onDelete: "set null",
    }),
    name: text("name").notNull(),
    description: text("description"),
    targetGroup: text("target_group").$type<TargetGroup>().notNull(),
    // The outcome pathways the pilot works towards.
    pathways: text("pathways")
      .array()
      .$type<OutcomePathway[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status").$type<PilotStatus>().notNull().default("planned"),
    startsOn: day("starts_on"),
    endsOn: day("ends_on"),
    // Places or beds.
    capacity: integer("capacity"),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("pilots_target_group_check", t.targetGroup, targetGroups),
    enumArrayCheck("pilots_pathways_check", t.pathways, outcomePathways),
    enumCheck("pilots_status_check", t.status, pilotStatuses),
    rangeCheck("pilots_dates_check", t.startsOn, t.endsOn),
    nonNegativeCheck("pilots_capacity_check", t.capacity),
    index("pilots_municipality_id_idx").on(t.municipalityId),
    index("pilots_partnership_id_idx").on(t.partnershipId),
    index("pilots_status_idx").on(t.status),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: id(),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    dueOn: day("due_on"),
    doneOn: day("done_on"),
    status: text("status").$type<MilestoneStatus>().notNull().default("planned"),
    // Display order within the pilot.
    position: integer("position").notNull().default(0),
    notes: text("notes"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("milestones_status_check", t.status, milestoneStatuses),
    nonNegativeCheck("milestones_position_check", t.position),
    index("milestones_pilot_id_idx").on(t.pilotId),
    index("milestones_due_on_idx").on(t.dueOn),
  ],
);

/**
 * A reporting period of a pilot, with aggregated counts only (never individual people).
 * Those still in guidance at the end of the period are `participantsAtEnd`, not an outcome.
 */
export const pilotPeriods = pgTable(
  "pilot_periods",
  {
    id: id(),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    periodStart: day("period_start").notNull(),
    periodEnd: day("period_end").notNull(),
    newParticipants: integer("new_participants").notNull().default(0),
    participantsAtEnd: integer("participants_at_end").notNull().default(0),
    notes: text("notes"),
    ...illustrative(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    rangeCheck("pilot_periods_dates_check", t.periodStart, t.periodEnd),
    nonNegativeCheck("pilot_periods_new_participants_check", t.newParticipants),
    nonNegativeCheck("pilot_periods_participants_at_end_check", t.participantsAtEnd),
    // Also serves lookups by pilot_id.
    unique("pilot_periods_pilot_period_start_unique").on(t.pilotId, t.periodStart),
  ],
);

/** How many people left the pilot by one pathway in one period. */
export const pilotOutcomes = pgTable(
  "pilot_outcomes",
  {
    id: id(),
    pilotPeriodId: uuid("pilot_period_id")
      .notNull()
      .references(() => pilotPeriods.id, { onDelete: "cascade" }),
    pathway: text("pathway").$type<OutcomePathway>().notNull(),
    count: integer("count").notNull(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("pilot_outcomes_pathway_check", t.pathway, outcomePathways),
    nonNegativeCheck("pilot_outcomes_count_check", t.count),
    // Also serves lookups by pilot_period_id.
    unique("pilot_outcomes_period_pathway_unique").on(t.pilotPeriodId, t.pathway),
  ],
);

export type Pilot = typeof pilots.$inferSelect;
export type NewPilot = typeof pilots.$inferInsert;
export type Milestone = typeof milestones.$inferSelect;
export type NewMilestone = typeof milestones.$inferInsert;
export type PilotPeriod = typeof pilotPeriods.$inferSelect;
export type NewPilotPeriod = typeof pilotPeriods.$inferInsert;
export type PilotOutcome = typeof pilotOutcomes.$inferSelect;
export type NewPilotOutcome = typeof pilotOutcomes.$inferInsert;
