import { relations } from "drizzle-orm";
import { auditLog, graphLayouts } from "./audit";
import { eventOrganisers, eventParticipants, events, eventTakeaways, followUpActions } from "./events";
import { municipalities, organisations, relationships } from "./organisations";
import {
  documents,
  fundingLines,
  healthChecks,
  objectives,
  partnershipMembers,
  partnerships,
  risks,
} from "./partnerships";
import { milestones, pilotOutcomes, pilotPeriods, pilots } from "./pilots";
import { invitations, passwordResets, sessions, userMunicipalities, users } from "./users";

// Relations for drizzle's relational query API (db.query.*). They add no SQL constraints.
// A relationName is needed wherever two tables are linked by more than one foreign key.

export const usersRelations = relations(users, ({ one, many }) => ({
  organisation: one(organisations, {
    fields: [users.organisationId],
    references: [organisations.id],
  }),
  sessions: many(sessions),
  municipalities: many(userMunicipalities),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const userMunicipalitiesRelations = relations(userMunicipalities, ({ one }) => ({
  user: one(users, {
    fields: [userMunicipalities.userId],
    references: [users.id],
  }),
  municipality: one(municipalities, {
    fields: [userMunicipalities.municipalityId],
    references: [municipalities.id],
  }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  organisation: one(organisations, {
    fields: [invitations.organisationId],
    references: [organisations.id],
  }),
  invitedByUser: one(users, {
    fields: [invitations.invitedBy],
    references: [users.id],
  }),
}));

export const passwordResetsRelations = relations(passwordResets, ({ one }) => ({
  user: one(users, {
    fields: [passwordResets.userId],
    references: [users.id],
    relationName: "password_reset_user",
  }),
  createdByUser: one(users, {
    fields: [passwordResets.createdBy],
    references: [users.id],
    relationName: "password_reset_creator",
  }),
}));

export const organisationsRelations = relations(organisations, ({ one, many }) => ({
  municipality: one(municipalities, {
    fields: [organisations.municipalityId],
    references: [municipalities.id],
    relationName: "organisation_municipality",
  }),
  parent: one(organisations, {
    fields: [organisations.parentOrganisationId],
    references: [organisations.id],
    relationName: "organisation_parent",
  }),
  children: many(organisations, { relationName: "organisation_parent" }),
  // Municipalities whose local authority this organisation is.
  authorityOf: many(municipalities, {
    relationName: "municipality_authority",
  }),
  users: many(users),
  memberships: many(partnershipMembers),
  relationshipsFrom: many(relationships, {
    relationName: "relationship_from",
  }),
  relationshipsTo: many(relationships, { relationName: "relationship_to" }),
}));

export const municipalitiesRelations = relations(municipalities, ({ one, many }) => ({
  authority: one(organisations, {
    fields: [municipalities.organisationId],
    references: [organisations.id],
    relationName: "municipality_authority",
  }),
  organisations: many(organisations, {
    relationName: "organisation_municipality",
  }),
  pilots: many(pilots),
  userMunicipalities: many(userMunicipalities),
}));

export const relationshipsRelations = relations(relationships, ({ one }) => ({
  from: one(organisations, {
    fields: [relationships.fromOrganisationId],
    references: [organisations.id],
    relationName: "relationship_from",
  }),
  to: one(organisations, {
    fields: [relationships.toOrganisationId],
    references: [organisations.id],
    relationName: "relationship_to",
  }),
}));

export const partnershipsRelations = relations(partnerships, ({ many }) => ({
  members: many(partnershipMembers),
  documents: many(documents),
  objectives: many(objectives),
  fundingLines: many(fundingLines),
  risks: many(risks),
  healthChecks: many(healthChecks),
  pilots: many(pilots),
  followUpActions: many(followUpActions),
}));

export const partnershipMembersRelations = relations(partnershipMembers, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [partnershipMembers.partnershipId],
    references: [partnerships.id],
  }),
  organisation: one(organisations, {
    fields: [partnershipMembers.organisationId],
    references: [organisations.id],
  }),
}));

export const documentsRelations = relations(documents, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [documents.partnershipId],
    references: [partnerships.id],
  }),
  pilot: one(pilots, { fields: [documents.pilotId], references: [pilots.id] }),
}));

export const objectivesRelations = relations(objectives, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [objectives.partnershipId],
    references: [partnerships.id],
  }),
}));

export const fundingLinesRelations = relations(fundingLines, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [fundingLines.partnershipId],
    references: [partnerships.id],
  }),
  pilot: one(pilots, {
    fields: [fundingLines.pilotId],
    references: [pilots.id],
  }),
  funder: one(organisations, {
    fields: [fundingLines.funderOrganisationId],
    references: [organisations.id],
    relationName: "funding_line_funder",
  }),
  recipient: one(organisations, {
    fields: [fundingLines.recipientOrganisationId],
    references: [organisations.id],
    relationName: "funding_line_recipient",
  }),
}));

export const risksRelations = relations(risks, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [risks.partnershipId],
    references: [partnerships.id],
  }),
  owner: one(organisations, {
    fields: [risks.ownerOrganisationId],
    references: [organisations.id],
  }),
}));

export const healthChecksRelations = relations(healthChecks, ({ one }) => ({
  partnership: one(partnerships, {
    fields: [healthChecks.partnershipId],
    references: [partnerships.id],
  }),
  respondent: one(organisations, {
    fields: [healthChecks.respondentOrganisationId],
    references: [organisations.id],
  }),
  submitter: one(users, {
    fields: [healthChecks.submittedBy],
    references: [users.id],
  }),
}));

export const pilotsRelations = relations(pilots, ({ one, many }) => ({
  municipality: one(municipalities, {
    fields: [pilots.municipalityId],
    references: [municipalities.id],
  }),
  partnership: one(partnerships, {
    fields: [pilots.partnershipId],
    references: [partnerships.id],
  }),
  milestones: many(milestones),
  periods: many(pilotPeriods),
  documents: many(documents),
  fundingLines: many(fundingLines),
  followUpActions: many(followUpActions),
}));

export const milestonesRelations = relations(milestones, ({ one }) => ({
  pilot: one(pilots, { fields: [milestones.pilotId], references: [pilots.id] }),
}));

export const pilotPeriodsRelations = relations(pilotPeriods, ({ one, many }) => ({
  pilot: one(pilots, {
    fields: [pilotPeriods.pilotId],
    references: [pilots.id],
  }),
  outcomes: many(pilotOutcomes),
}));

export const pilotOutcomesRelations = relations(pilotOutcomes, ({ one }) => ({
  period: one(pilotPeriods, {
    fields: [pilotOutcomes.pilotPeriodId],
    references: [pilotPeriods.id],
  }),
}));

export const eventsRelations = relations(events, ({ one, many }) => ({
  createdByUser: one(users, {
    fields: [events.createdBy],
    references: [users.id],
  }),
  organisers: many(eventOrganisers),
  participants: many(eventParticipants),
  takeaways: many(eventTakeaways),
  followUpActions: many(followUpActions),
}));

export const eventOrganisersRelations = relations(eventOrganisers, ({ one }) => ({
  event: one(events, {
    fields: [eventOrganisers.eventId],
    references: [events.id],
  }),
  organisation: one(organisations, {
    fields: [eventOrganisers.organisationId],
    references: [organisations.id],
  }),
}));

export const eventParticipantsRelations = relations(eventParticipants, ({ one }) => ({
  event: one(events, {
    fields: [eventParticipants.eventId],
    references: [events.id],
  }),
  organisation: one(organisations, {
    fields: [eventParticipants.organisationId],
    references: [organisations.id],
  }),
}));

export const eventTakeawaysRelations = relations(eventTakeaways, ({ one }) => ({
  event: one(events, {
    fields: [eventTakeaways.eventId],
    references: [events.id],
  }),
}));

export const followUpActionsRelations = relations(followUpActions, ({ one }) => ({
  event: one(events, {
    fields: [followUpActions.eventId],
    references: [events.id],
  }),
  partnership: one(partnerships, {
    fields: [followUpActions.partnershipId],
    references: [partnerships.id],
  }),
  pilot: one(pilots, {
    fields: [followUpActions.pilotId],
    references: [pilots.id],
  }),
  organisation: one(organisations, {
    fields: [followUpActions.organisationId],
    references: [organisations.id],
    relationName: "follow_up_action_organisation",
  }),
  ownerOrganisation: one(organisations, {
    fields: [followUpActions.ownerOrganisationId],
    references: [organisations.id],
    relationName: "follow_up_action_owner_organisation",
  }),
  ownerUser: one(users, {
    fields: [followUpActions.ownerUserId],
    references: [users.id],
  }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  user: one(users, { fields: [auditLog.userId], references: [users.id] }),
}));

export const graphLayoutsRelations = relations(graphLayouts, ({ one }) => ({
  updatedByUser: one(users, {
    fields: [graphLayouts.updatedBy],
    references: [users.id],
  }),
}));
