// Test factories: insert one valid row with sensible defaults and return it.
//
// - `overrides` win over the defaults; an override that is `undefined` means "use the default".
// - A missing parent (partnershipId, organisationId, pilotId...) is created on the fly; pass an
//   explicit id to attach to an existing parent, or `null` for an optional parent.
// - Names, e-mails, tokens and keys are made unique with a per-process counter, so a test can
//   call a factory many times against the same database.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../../app/db/client.server";
import {
  auditLog,
  documents,
  eventOrganisers,
  eventParticipants,
  events,
  eventTakeaways,
  followUpActions,
  fundingLines,
  graphLayouts,
  healthChecks,
  importBatches,
  invitations,
  milestones,
  municipalities,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  passwordResets,
  pilotOutcomes,
  pilotPeriods,
  pilots,
  rateLimits,
  relationships,
  risks,
  sessions,
  userMunicipalities,
  users,
  type AuditLogEntry,
  type Document,
  type Event,
  type EventOrganiser,
  type EventParticipant,
  type EventTakeaway,
  type FollowUpAction,
  type FundingLine,
  type GraphLayout,
  type HealthCheck,
  type Invitation,
  type Milestone,
  type Municipality,
  type NewAuditLogEntry,
  type NewDocument,
  type NewEvent,
  type NewEventOrganiser,
  type NewEventParticipant,
  type NewEventTakeaway,
  type NewFollowUpAction,
  type NewFundingLine,
  type NewGraphLayout,
  type NewHealthCheck,
  type NewInvitation,
  type NewMilestone,
  type NewMunicipality,
  type NewObjective,
  type NewOrganisation,
  type NewPartnership,
  type NewPartnershipMember,
  type NewPasswordReset,
  type NewPilot,
  type NewPilotOutcome,
  type NewPilotPeriod,
  type NewRateLimit,
  type ImportBatch,
  type NewImportBatch,
  type NewRelationship,
  type NewRisk,
  type NewSession,
  type NewUser,
  type NewUserMunicipality,
  type Objective,
  type Organisation,
  type Partnership,
  type PartnershipMember,
  type PasswordReset,
  type Pilot,
  type PilotOutcome,
  type PilotPeriod,
  type RateLimit,
  type Relationship,
  type Risk,
  type Session,
  type User,
  type UserMunicipality,
} from "../../app/db/schema";

/** Any drizzle handle of the app: the database or a transaction. */
export type FactoryDb = Db;

/** A dummy password hash: the factories never hash (fast); log-in tests set a real one. */
export const DUMMY_PASSWORD_HASH = "scrypt$test";

let counter = 0;

/** A number unique within this test process. */
export function nextSeq(): number {
  counter += 1;
  return counter;
}

/** `"<prefix> <n>"`, unique within this test process. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${nextSeq()}`;
}

/** A unique e-mail address at example.org. */
export function uniqueEmail(local = "user"): string {
  return `${local}-${nextSeq()}@example.org`;
}

/** A random 64-character hex string (the shape of the app's SHA-256 token hashes). */
export function randomHex(bytes = 32): string {
  return randomBytes(bytes).toString("hex");
}

/** 'YYYY-MM-DD' `days` after `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A Date `ms` milliseconds from now. */
export function fromNow(ms: number): Date {
  return new Date(Date.now() + ms);
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The overrides without their `undefined` entries (undefined means "keep the default"). */
function defined<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The given value, or a freshly made one when it is `undefined` (`null` is kept). */
async function orMake<T>(value: T | undefined, make: () => Promise<T>): Promise<T> {
  return value === undefined ? make() : value;
}

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error("the insert returned no row");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Organisations, municipalities, relationships

export async function createOrganisation(
  db: FactoryDb,
  overrides: Partial<NewOrganisation> = {},
): Promise<Organisation> {
  const values: NewOrganisation = {
    name: uniqueName("Organisation"),
    type: "cso",
    level: "national",
    countryCode: "NL",
    ...defined(overrides),
  };
  return one(await db.insert(organisations).values(values).returning());
}

export async function createMunicipality(
  db: FactoryDb,
  overrides: Partial<NewMunicipality> = {},
): Promise<Municipality> {
  const values: NewMunicipality = {
    name: uniqueName("Municipality"),
    countryCode: "NL",
    ...defined(overrides),
  };
  return one(await db.insert(municipalities).values(values).returning());
}

export async function createRelationship(
  db: FactoryDb,
  overrides: Partial<NewRelationship> = {},
): Promise<Relationship> {
  const fromOrganisationId = await orMake(
    overrides.fromOrganisationId,
    async () => (await createOrganisation(db)).id,
  );
  const toOrganisationId = await orMake(
    overrides.toOrganisationId,
    async () => (await createOrganisation(db)).id,
  );
  const values: NewRelationship = {
    type: "shares_information",
    ...defined(overrides),
    fromOrganisationId,
    toOrganisationId,
  };
  return one(await db.insert(relationships).values(values).returning());
}

// ---------------------------------------------------------------------------------------------
// Users and access

export async function createUser(db: FactoryDb, overrides: Partial<NewUser> = {}): Promise<User> {
  const values: NewUser = {
    email: uniqueEmail(),
    name: uniqueName("User"),
    passwordHash: DUMMY_PASSWORD_HASH,
    role: "viewer",
    ...defined(overrides),
  };
  return one(await db.insert(users).values(values).returning());
}

export async function createSession(db: FactoryDb, overrides: Partial<NewSession> = {}): Promise<Session> {
  const userId = await orMake(overrides.userId, async () => (await createUser(db)).id);
  const values: NewSession = {
    id: randomHex(),
    expiresAt: fromNow(DAY),
    ...defined(overrides),
    userId,
  };
  return one(await db.insert(sessions).values(values).returning());
}

/** Give a (municipal official) user edit rights on a municipality. */
export async function linkUserMunicipality(
  db: FactoryDb,
  overrides: Partial<NewUserMunicipality> = {},
): Promise<UserMunicipality> {
  const userId = await orMake(
    overrides.userId,
    async () => (await createUser(db, { role: "municipal_official" })).id,
  );
  const municipalityId = await orMake(
    overrides.municipalityId,
    async () => (await createMunicipality(db)).id,
  );
  const values: NewUserMunicipality = { ...defined(overrides), userId, municipalityId };
  return one(await db.insert(userMunicipalities).values(values).returning());
}

export async function createInvitation(
  db: FactoryDb,
  overrides: Partial<NewInvitation> = {},
): Promise<Invitation> {
  const values: NewInvitation = {
    tokenHash: randomHex(),
    email: uniqueEmail("invitee"),
    role: "viewer",
    expiresAt: fromNow(7 * DAY),
    ...defined(overrides),
  };
  return one(await db.insert(invitations).values(values).returning());
}

export async function createPasswordReset(
  db: FactoryDb,
  overrides: Partial<NewPasswordReset> = {},
): Promise<PasswordReset> {
  const userId = await orMake(overrides.userId, async () => (await createUser(db)).id);
  const values: NewPasswordReset = {
    tokenHash: randomHex(),
    expiresAt: fromNow(HOUR),
    ...defined(overrides),
    userId,
  };
  return one(await db.insert(passwordResets).values(values).returning());
}

export async function createRateLimit(
  db: FactoryDb,
  overrides: Partial<NewRateLimit> = {},
): Promise<RateLimit> {
  const values: NewRateLimit = {
    key: `test:${nextSeq()}`,
    windowStart: new Date(),
    count: 1,
    ...defined(overrides),
  };
  return one(await db.insert(rateLimits).values(values).returning());
}

/** An uploaded import file waiting for its next step (its user created when not given). */
export async function createImportBatch(
  db: FactoryDb,
  overrides: Partial<NewImportBatch> = {},
): Promise<ImportBatch> {
  const userId = await orMake(
    overrides.userId,
    async () => (await createUser(db, { role: "coordinator" })).id,
  );
  const values: NewImportBatch = {
    kind: "organisations",
    layout: "table",
    fileName: "organisations.csv",
    headers: ["name"],
    rows: [],
    expiresAt: fromNow(60 * 60 * 1000),
    ...defined(overrides),
    userId,
  };
  return one(await db.insert(importBatches).values(values).returning());
}

// ---------------------------------------------------------------------------------------------
// Partnerships and what hangs off them

export async function createPartnership(
  db: FactoryDb,
  overrides: Partial<NewPartnership> = {},
): Promise<Partnership> {
  const values: NewPartnership = {
    name: uniqueName("Partnership"),
    status: "active",
    countryCode: "NL",
    ...defined(overrides),
  };
  return one(await db.insert(partnerships).values(values).returning());
}

/** Add an organisation to a partnership (both created when not given). */
export async function addMember(
  db: FactoryDb,
  overrides: Partial<NewPartnershipMember> = {},
): Promise<PartnershipMember> {
  const partnershipId = await orMake(overrides.partnershipId, async () => (await createPartnership(db)).id);
  const organisationId = await orMake(
    overrides.organisationId,
    async () => (await createOrganisation(db)).id,
  );
  const values: NewPartnershipMember = {
    role: "partner",
    ...defined(overrides),
    partnershipId,
    organisationId,
  };
  return one(await db.insert(partnershipMembers).values(values).returning());
}

/** A document of a partnership (created when neither partnershipId nor pilotId is given). */
export async function createDocument(db: FactoryDb, overrides: Partial<NewDocument> = {}): Promise<Document> {
  const hasOwner = overrides.partnershipId !== undefined || overrides.pilotId !== undefined;
  const partnershipId = hasOwner ? (overrides.partnershipId ?? null) : (await createPartnership(db)).id;
  const values: NewDocument = {
    title: uniqueName("Document"),
    url: `https://example.org/documents/${nextSeq()}`,
    kind: "report",
    ...defined(overrides),
    partnershipId,
  };
  return one(await db.insert(documents).values(values).returning());
}

export async function createObjective(
  db: FactoryDb,
  overrides: Partial<NewObjective> = {},
): Promise<Objective> {
  const partnershipId = await orMake(overrides.partnershipId, async () => (await createPartnership(db)).id);
  const values: NewObjective = {
    title: uniqueName("Objective"),
    status: "on_track",
    ...defined(overrides),
    partnershipId,
  };
  return one(await db.insert(objectives).values(values).returning());
}

/** A funding line of a partnership (created when neither partnershipId nor pilotId is given). */
export async function createFundingLine(
  db: FactoryDb,
  overrides: Partial<NewFundingLine> = {},
): Promise<FundingLine> {
  const hasOwner = overrides.partnershipId !== undefined || overrides.pilotId !== undefined;
  const partnershipId = hasOwner ? (overrides.partnershipId ?? null) : (await createPartnership(db)).id;
  const values: NewFundingLine = {
    source: "amif",
    amount: "1000.00",
    currency: "EUR",
    ...defined(overrides),
    partnershipId,
  };
  return one(await db.insert(fundingLines).values(values).returning());
}

export async function createRisk(db: FactoryDb, overrides: Partial<NewRisk> = {}): Promise<Risk> {
  const partnershipId = await orMake(overrides.partnershipId, async () => (await createPartnership(db)).id);
  const values: NewRisk = {
    category: "trust_deficit",
    title: uniqueName("Risk"),
    likelihood: 3,
    impact: 3,
    ...defined(overrides),
    partnershipId,
  };
  return one(await db.insert(risks).values(values).returning());
}

export async function createHealthCheck(
  db: FactoryDb,
  overrides: Partial<NewHealthCheck> = {},
): Promise<HealthCheck> {
  const partnershipId = await orMake(overrides.partnershipId, async () => (await createPartnership(db)).id);
  const respondentOrganisationId = await orMake(
    overrides.respondentOrganisationId,
    async () => (await createOrganisation(db)).id,
  );
  const values: NewHealthCheck = {
    period: "2025-Q1",
    trust: 3,
    ...defined(overrides),
    partnershipId,
    respondentOrganisationId,
  };
  return one(await db.insert(healthChecks).values(values).returning());
}

// ---------------------------------------------------------------------------------------------
// Pilots

/** A pilot in a (new) municipality, outside any partnership unless partnershipId is given. */
export async function createPilot(db: FactoryDb, overrides: Partial<NewPilot> = {}): Promise<Pilot> {
  const municipalityId = await orMake(
    overrides.municipalityId,
    async () => (await createMunicipality(db)).id,
  );
  const values: NewPilot = {
    name: uniqueName("Pilot"),
    targetGroup: "return_decision",
    status: "running",
    ...defined(overrides),
    municipalityId,
  };
  return one(await db.insert(pilots).values(values).returning());
}

export async function createMilestone(
  db: FactoryDb,
  overrides: Partial<NewMilestone> = {},
): Promise<Milestone> {
  const pilotId = await orMake(overrides.pilotId, async () => (await createPilot(db)).id);
  const values: NewMilestone = {
    title: uniqueName("Milestone"),
    ...defined(overrides),
    pilotId,
  };
  return one(await db.insert(milestones).values(values).returning());
}

/**
 * A reporting period of a pilot. The default start is unique per call (so several periods fit
 * one pilot); the default end is 30 days after the start.
 */
export async function createPilotPeriod(
  db: FactoryDb,
  overrides: Partial<NewPilotPeriod> = {},
): Promise<PilotPeriod> {
  const pilotId = await orMake(overrides.pilotId, async () => (await createPilot(db)).id);
  const periodStart =
    overrides.periodStart === undefined ? addDays("2000-01-01", nextSeq()) : overrides.periodStart;
  const values: NewPilotPeriod = {
    // (An explicit null start is passed through as is: NOT NULL tests rely on it.)
    periodEnd: typeof periodStart === "string" ? addDays(periodStart, 30) : "2000-01-31",
    newParticipants: 10,
    participantsAtEnd: 5,
    ...defined(overrides),
    pilotId,
    periodStart,
  };
  return one(await db.insert(pilotPeriods).values(values).returning());
}

export async function createPilotOutcome(
  db: FactoryDb,
  overrides: Partial<NewPilotOutcome> = {},
): Promise<PilotOutcome> {
  const pilotPeriodId = await orMake(overrides.pilotPeriodId, async () => (await createPilotPeriod(db)).id);
  const values: NewPilotOutcome = {
    pathway: "voluntary_return",
    count: 1,
    ...defined(overrides),
    pilotPeriodId,
  };
  return one(await db.insert(pilotOutcomes).values(values).returning());
}

// ---------------------------------------------------------------------------------------------
// Events and follow-up

export async function createEvent(db: FactoryDb, overrides: Partial<NewEvent> = {}): Promise<Event> {
  const values: NewEvent = {
    title: uniqueName("Event"),
    kind: "seminar",
    startsOn: "2025-06-01",
    ...defined(overrides),
  };
  return one(await db.insert(events).values(values).returning());
}

export async function addEventOrganiser(
  db: FactoryDb,
  overrides: Partial<NewEventOrganiser> = {},
): Promise<EventOrganiser> {
  const eventId = await orMake(overrides.eventId, async () => (await createEvent(db)).id);
  const organisationId = await orMake(
    overrides.organisationId,
    async () => (await createOrganisation(db)).id,
  );
  const values: NewEventOrganiser = { ...defined(overrides), eventId, organisationId };
  return one(await db.insert(eventOrganisers).values(values).returning());
}

export async function addEventParticipant(
  db: FactoryDb,
  overrides: Partial<NewEventParticipant> = {},
): Promise<EventParticipant> {
  const eventId = await orMake(overrides.eventId, async () => (await createEvent(db)).id);
  const organisationId = await orMake(
    overrides.organisationId,
    async () => (await createOrganisation(db)).id,
  );
  const values: NewEventParticipant = {
    attendeeCount: 2,
    ...defined(overrides),
    eventId,
    organisationId,
  };
  return one(await db.insert(eventParticipants).values(values).returning());
}

export async function createEventTakeaway(
  db: FactoryDb,
  overrides: Partial<NewEventTakeaway> = {},
): Promise<EventTakeaway> {
  const eventId = await orMake(overrides.eventId, async () => (await createEvent(db)).id);
  const values: NewEventTakeaway = {
    text: uniqueName("Takeaway"),
    ...defined(overrides),
    eventId,
  };
  return one(await db.insert(eventTakeaways).values(values).returning());
}

/** A follow-up action, linked to nothing unless ids are given. */
export async function createFollowUpAction(
  db: FactoryDb,
  overrides: Partial<NewFollowUpAction> = {},
): Promise<FollowUpAction> {
  const values: NewFollowUpAction = {
    title: uniqueName("Action"),
    status: "open",
    ...defined(overrides),
  };
  return one(await db.insert(followUpActions).values(values).returning());
}

// ---------------------------------------------------------------------------------------------
// Audit and shared state

export async function createAuditEntry(
  db: FactoryDb,
  overrides: Partial<NewAuditLogEntry> = {},
): Promise<AuditLogEntry> {
  const values: NewAuditLogEntry = {
    action: "create",
    entityType: "organisation",
    entityId: randomUUID(),
    ...defined(overrides),
  };
  return one(await db.insert(auditLog).values(values).returning());
}

export async function createGraphLayout(
  db: FactoryDb,
  overrides: Partial<NewGraphLayout> = {},
): Promise<GraphLayout> {
  const values: NewGraphLayout = {
    key: `layout-${nextSeq()}`,
    positions: {},
    ...defined(overrides),
  };
  return one(await db.insert(graphLayouts).values(values).returning());
}
