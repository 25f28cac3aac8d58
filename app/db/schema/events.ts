import { boolean, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { actionStatuses, eventKinds, type ActionStatus, type EventKind } from "../../lib/enums";
import {
  archivable,
  day,
  enumCheck,
  id,
  nonNegativeCheck,
  rangeCheck,
  timestamps,
  versioned,
} from "./columns";
import { organisations } from "./organisations";
import { partnerships } from "./partnerships";
import { pilots } from "./pilots";
import { users } from "./users";

/** A seminar, workshop, conference or meeting. */
export const events = pgTable(
  "events",
  {
    id: id(),
    title: text("title").notNull(),
    kind: text("kind").$type<EventKind>().notNull().default("seminar"),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on"),
    location: text("location"),
    online: boolean("online").notNull().default(false),
    description: text("description"),
    createdBy: uuid("created_by").references(() => users.id, {
      onDelete: "set null",
    }),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("events_kind_check", t.kind, eventKinds),
    rangeCheck("events_dates_check", t.startsOn, t.endsOn),
    index("events_starts_on_idx").on(t.startsOn),
    index("events_kind_idx").on(t.kind),
    index("events_created_by_idx").on(t.createdBy),
  ],
);

export const eventOrganisers = pgTable(
  "event_organisers",
  {
    id: id(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    ...timestamps(),
  },
  (t) => [
    // Also serves lookups by event_id.
    unique("event_organisers_event_organisation_unique").on(t.eventId, t.organisationId),
    index("event_organisers_organisation_id_idx").on(t.organisationId),
  ],
);

export const eventParticipants = pgTable(
  "event_participants",
  {
    id: id(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    // How many people the organisation sent; null when unknown.
    attendeeCount: integer("attendee_count"),
    ...timestamps(),
  },
  (t) => [
    nonNegativeCheck("event_participants_attendee_count_check", t.attendeeCount),
    // Also serves lookups by event_id.
    unique("event_participants_event_organisation_unique").on(t.eventId, t.organisationId),
    index("event_participants_organisation_id_idx").on(t.organisationId),
  ],
);

export const eventTakeaways = pgTable(
  "event_takeaways",
  {
    id: id(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    // Display order within the event.
    position: integer("position").notNull().default(0),
    theme: text("theme"),
    text: text("text").notNull(),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    nonNegativeCheck("event_takeaways_position_check", t.position),
    index("event_takeaways_event_id_idx").on(t.eventId),
  ],
);

/** A commitment to follow up: what was promised, by whom, by when, and what happened since. */
export const followUpActions = pgTable(
  "follow_up_actions",
  {
    id: id(),
    eventId: uuid("event_id").references(() => events.id, {
      onDelete: "set null",
    }),
    partnershipId: uuid("partnership_id").references(() => partnerships.id, {
      onDelete: "set null",
    }),
    pilotId: uuid("pilot_id").references(() => pilots.id, {
      onDelete: "set null",
    }),
    // The organisation the action concerns (not necessarily its owner).
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    title: text("title").notNull(),
    description: text("description"),
    ownerOrganisationId: uuid("owner_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    dueOn: day("due_on"),
    status: text("status").$type<ActionStatus>().notNull().default("open"),
    doneOn: day("done_on"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("follow_up_actions_status_check", t.status, actionStatuses),
    index("follow_up_actions_event_id_idx").on(t.eventId),
    index("follow_up_actions_partnership_id_idx").on(t.partnershipId),
    index("follow_up_actions_pilot_id_idx").on(t.pilotId),
    index("follow_up_actions_organisation_id_idx").on(t.organisationId),
    index("follow_up_actions_owner_organisation_id_idx").on(t.ownerOrganisationId),
    index("follow_up_actions_owner_user_id_idx").on(t.ownerUserId),
    index("follow_up_actions_status_idx").on(t.status),
    index("follow_up_actions_due_on_idx").on(t.dueOn),
  ],
);

export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type EventOrganiser = typeof eventOrganisers.$inferSelect;
export type NewEventOrganiser = typeof eventOrganisers.$inferInsert;
export type EventParticipant = typeof eventParticipants.$inferSelect;
export type NewEventParticipant = typeof eventParticipants.$inferInsert;
export type EventTakeaway = typeof eventTakeaways.$inferSelect;
export type NewEventTakeaway = typeof eventTakeaways.$inferInsert;
export type FollowUpAction = typeof followUpActions.$inferSelect;
export type NewFollowUpAction = typeof followUpActions.$inferInsert;
