// Two users edit the same record at the same time (issue 9): both open the edit form at the same
// version, then both save at once (Promise.all on the route actions, as the server calls them; on
// PostgreSQL two truly concurrent transactions on the pool, on PGlite serialised by its one
// connection). For every kind of record that has an edit form: exactly one save wins, the other is
// refused with a clear "changed by someone else" answer that keeps what its user typed, the stored
// record is the winner's, and exactly one audit entry records the update: no lost update.
// Not here: health checks (no edit form: a member's answer for a quarter, and answering again
// replaces it, by design), the own account's name (only its owner edits it) and the network
// layout (its stale save is in network-page.test.ts).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import {
  auditLog,
  documents,
  eventTakeaways,
  events,
  followUpActions,
  fundingLines,
  milestones,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  pilotPeriods,
  pilots,
  relationships,
  risks,
  users,
} from "~/db/schema";
import * as userRoute from "~/routes/admin.users.$id";
import * as eventEditRoute from "~/routes/events.$id.edit";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as takeawaysRoute from "~/routes/events.$id.takeaways";
import * as organisationRoute from "~/routes/organisations.$id";
import * as organisationEditRoute from "~/routes/organisations.$id.edit";
import * as partnershipDocumentsRoute from "~/routes/partnerships.$id.documents";
import * as partnershipEditRoute from "~/routes/partnerships.$id.edit";
import * as partnershipFundingRoute from "~/routes/partnerships.$id.funding";
import * as membersRoute from "~/routes/partnerships.$id.members";
import * as objectivesRoute from "~/routes/partnerships.$id.objectives";
import * as risksRoute from "~/routes/partnerships.$id.risks";
import * as pilotEditRoute from "~/routes/pilots.$id.edit";
import * as milestonesRoute from "~/routes/pilots.$id.milestones";
import * as outcomesRoute from "~/routes/pilots.$id.outcomes";
import {
  addMember,
  createDocument,
  createEvent,
  createEventTakeaway,
  createFollowUpAction,
  createFundingLine,
  createMilestone,
  createObjective,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotPeriod,
  createRelationship,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import {
  authUserOf,
  callRoute,
  get,
  post,
  renderPage,
  submissionOf,
  type RouteOutcome,
} from "../helpers/routes";

const { db } = await testDb();

type Fields = Record<string, string | readonly string[]>;
type RouteFn = (args: never) => unknown;

/** A table with an id and a version, read back after the race. */
interface VersionedTable {
  id: Parameters<typeof eq>[0];
}

interface Editable {
  /** The record kind, as the audit log names it. */
  entityType: string;
  id: string;
  /** Where the form posts, and the page that shows the form (its loader gives the version). */
  path: string;
  /** The page's address when the form opens on it (e.g. `?edit=<id>`); `path` otherwise. */
  open?: string;
  /** The version the form carries, when the page does not give it next to the record's id. */
  versionOf?: (body: unknown) => number | undefined;
  params: Record<string, string>;
  loader: RouteFn;
  action: RouteFn;
  page: unknown;
  /** The form a user submits, with the version they read and their own value. */
  form: (version: number, value: string) => Fields;
  /** The column that takes the typed value (the form field has its name), and the two users' values. */
  column: string;
  values: [string, string];
  table: VersionedTable;
}

let alice: AuthUser;
let bob: AuthUser;

beforeAll(async () => {
  alice = authUserOf(await createUser(db, { role: "coordinator", name: "Alice" }), [], "alice");
  bob = authUserOf(await createUser(db, { role: "coordinator", name: "Bob" }), [], "bob");
});

/** The version of the record `id` in what a loader gave (wherever the page puts it). */
function versionIn(body: unknown, id: string): number | undefined {
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = versionIn(item, id);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.id === id && typeof record.version === "number") return record.version;
  for (const value of Object.values(record)) {
    const found = versionIn(value, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

const succeeded = (outcome: RouteOutcome) =>
  outcome.status === 302 || (outcome.status === 200 && !outcome.thrown);

async function stored(table: VersionedTable, id: string): Promise<Record<string, unknown>> {
  const [row] = await db
    .select()
    .from(table as never)
    .where(eq(table.id, id));
  if (!row) throw new Error(`no row ${id}`);
  return row as Record<string, unknown>;
}

async function updateAudits(id: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "update")));
}

const kinds: Record<string, () => Promise<Editable>> = {
  async organisation() {
    const o = await createOrganisation(db, { name: "Racing organisation", type: "cso", level: "local" });
    return {
      entityType: "organisation",
      id: o.id,
      path: `/organisations/${o.id}/edit`,
      params: { id: o.id },
      loader: organisationEditRoute.loader,
      action: organisationEditRoute.action,
      page: organisationEditRoute.default,
      form: (version, description) => ({
        intent: "save",
        version: String(version),
        name: o.name,
        type: "cso",
        level: "local",
        description,
      }),
      column: "description",
      values: ["Alice's description", "Bob's description"],
      table: organisations,
    };
  },
  async relationship() {
    const from = await createOrganisation(db);
    const to = await createOrganisation(db);
    const r = await createRelationship(db, { fromOrganisationId: from.id, toOrganisationId: to.id });
    return {
      entityType: "relationship",
      id: r.id,
      path: `/organisations/${from.id}`,
      params: { id: from.id },
      loader: organisationRoute.loader,
      action: organisationRoute.action,
      page: organisationRoute.default,
      form: (version, notes) => ({
        intent: "updateRelationship",
        relationshipId: r.id,
        version: String(version),
        otherOrganisationId: to.id,
        type: "shares_information",
        direction: "outgoing",
        notes,
      }),
      column: "notes",
      values: ["Alice's notes", "Bob's notes"],
      table: relationships,
    };
  },
  async partnership() {
    const p = await createPartnership(db, { status: "forming" });
    return {
      entityType: "partnership",
      id: p.id,
      path: `/partnerships/${p.id}/edit`,
      params: { id: p.id },
      loader: partnershipEditRoute.loader,
      action: partnershipEditRoute.action,
      page: partnershipEditRoute.default,
      form: (version, name) => ({
        intent: "update",
        version: String(version),
        name,
        status: "forming",
        formalisation: "informal",
      }),
      column: "name",
      values: ["Alice's partnership", "Bob's partnership"],
      table: partnerships,
    };
  },
  async member() {
    const p = await createPartnership(db, { status: "forming" });
    const m = await addMember(db, { partnershipId: p.id, role: "partner" });
    return {
      entityType: "partnership_member",
      id: m.id,
      path: `/partnerships/${p.id}/members`,
      open: `/partnerships/${p.id}/members` + `?edit=${m.id}`,
      params: { id: p.id },
      loader: membersRoute.loader,
      action: membersRoute.action,
      page: membersRoute.default,
      form: (version, mandate) => ({
        intent: "update",
        memberId: m.id,
        version: String(version),
        role: "partner",
        mandate,
      }),
      column: "mandate",
      values: ["Alice's mandate", "Bob's mandate"],
      table: partnershipMembers,
    };
  },
  async objective() {
    const o = await createObjective(db);
    return {
      entityType: "objective",
      id: o.id,
      path: `/partnerships/${o.partnershipId}/objectives`,
      open: `/partnerships/${o.partnershipId}/objectives` + `?edit=${o.id}`,
      params: { id: o.partnershipId },
      loader: objectivesRoute.loader,
      action: objectivesRoute.action,
      page: objectivesRoute.default,
      form: (version, title) => ({
        intent: "save",
        id: o.id,
        version: String(version),
        title,
        status: "on_track",
      }),
      column: "title",
      values: ["Alice's objective", "Bob's objective"],
      table: objectives,
    };
  },
  async fundingLine() {
    const line = await createFundingLine(db, { stage: "implementation" });
    const partnershipId = line.partnershipId!;
    return {
      entityType: "funding_line",
      id: line.id,
      path: `/partnerships/${partnershipId}/funding`,
      params: { id: partnershipId },
      loader: partnershipFundingRoute.loader,
      action: partnershipFundingRoute.action,
      page: partnershipFundingRoute.default,
      form: (version, amount) => ({
        intent: "save",
        id: line.id,
        version: String(version),
        source: "amif",
        stage: "implementation",
        currency: "EUR",
        amount,
      }),
      column: "amount",
      values: ["2000.00", "3000.00"],
      table: fundingLines,
    };
  },
  async document() {
    const d = await createDocument(db);
    const partnershipId = d.partnershipId!;
    return {
      entityType: "document",
      id: d.id,
      path: `/partnerships/${partnershipId}/documents`,
      params: { id: partnershipId },
      loader: partnershipDocumentsRoute.loader,
      action: partnershipDocumentsRoute.action,
      page: partnershipDocumentsRoute.default,
      form: (version, title) => ({
        intent: "save",
        id: d.id,
        version: String(version),
        title,
        url: d.url,
        kind: "report",
      }),
      column: "title",
      values: ["Alice's document", "Bob's document"],
      table: documents,
    };
  },
  async risk() {
    const r = await createRisk(db);
    return {
      entityType: "risk",
      id: r.id,
      path: `/partnerships/${r.partnershipId}/risks`,
      open: `/partnerships/${r.partnershipId}/risks` + `?edit=${r.id}`,
      params: { id: r.partnershipId },
      loader: risksRoute.loader,
      action: risksRoute.action,
      page: risksRoute.default,
      form: (version, title) => ({
        intent: "save",
        id: r.id,
        version: String(version),
        category: r.category,
        title,
        likelihood: "3",
        impact: "4",
        status: "open",
      }),
      column: "title",
      values: ["Alice's risk", "Bob's risk"],
      table: risks,
    };
  },
  async pilot() {
    const p = await createPilot(db);
    return {
      entityType: "pilot",
      id: p.id,
      path: `/pilots/${p.id}/edit`,
      params: { id: p.id },
      versionOf: (body) => (body as { values: { version: number } }).values.version,
      loader: pilotEditRoute.loader,
      action: pilotEditRoute.action,
      page: pilotEditRoute.default,
      form: (version, name) => ({
        intent: "update",
        version: String(version),
        name,
        targetGroup: "return_decision",
        pathways: ["residence_permit"],
        status: "running",
        startsOn: "2019-04-01",
      }),
      column: "name",
      values: ["Alice's pilot", "Bob's pilot"],
      table: pilots,
    };
  },
  async milestone() {
    const m = await createMilestone(db);
    return {
      entityType: "milestone",
      id: m.id,
      path: `/pilots/${m.pilotId}/milestones`,
      params: { id: m.pilotId },
      loader: milestonesRoute.loader,
      action: milestonesRoute.action,
      page: milestonesRoute.default,
      form: (version, title) => ({
        intent: "save",
        id: m.id,
        version: String(version),
        title,
        status: "planned",
      }),
      column: "title",
      values: ["Alice's milestone", "Bob's milestone"],
      table: milestones,
    };
  },
  async outcomePeriod() {
    const period = await createPilotPeriod(db, { periodStart: "2024-01-01", periodEnd: "2024-03-31" });
    return {
      entityType: "pilot_period",
      id: period.id,
      path: `/pilots/${period.pilotId}/outcomes`,
      open: `/pilots/${period.pilotId}/outcomes` + `?edit=${period.id}`,
      params: { id: period.pilotId },
      loader: outcomesRoute.loader,
      action: outcomesRoute.action,
      page: outcomesRoute.default,
      form: (version, newParticipants) => ({
        intent: "save",
        id: period.id,
        version: String(version),
        periodStart: "2024-01-01",
        periodEnd: "2024-03-31",
        newParticipants,
        participantsAtEnd: "5",
      }),
      column: "newParticipants",
      values: ["11", "22"],
      table: pilotPeriods,
    };
  },
  async event() {
    const e = await createEvent(db);
    return {
      entityType: "event",
      id: e.id,
      path: `/events/${e.id}/edit`,
      params: { id: e.id },
      versionOf: (body) => (body as { values: { version: number } }).values.version,
      loader: eventEditRoute.loader,
      action: eventEditRoute.action,
      page: eventEditRoute.default,
      form: (version, title) => ({
        intent: "update",
        version: String(version),
        title,
        kind: "workshop",
        startsOn: "2025-09-01",
      }),
      column: "title",
      values: ["Alice's event", "Bob's event"],
      table: events,
    };
  },
  async takeaway() {
    const t = await createEventTakeaway(db);
    return {
      entityType: "event_takeaway",
      id: t.id,
      path: `/events/${t.eventId}/takeaways`,
      open: `/events/${t.eventId}/takeaways` + `?edit=${t.id}`,
      params: { id: t.eventId },
      loader: takeawaysRoute.loader,
      action: takeawaysRoute.action,
      page: takeawaysRoute.default,
      form: (version, text) => ({ intent: "save", id: t.id, version: String(version), text }),
      column: "text",
      values: ["Alice's takeaway", "Bob's takeaway"],
      table: eventTakeaways,
    };
  },
  async followUpAction() {
    const e = await createEvent(db);
    const owner = await createOrganisation(db);
    const a = await createFollowUpAction(db, { eventId: e.id, ownerOrganisationId: owner.id });
    return {
      entityType: "follow_up_action",
      id: a.id,
      path: `/events/${e.id}/actions`,
      open: `/events/${e.id}/actions` + `?edit=${a.id}`,
      params: { id: e.id },
      loader: eventActionsRoute.loader,
      action: eventActionsRoute.action,
      page: eventActionsRoute.default,
      form: (version, title) => ({
        intent: "save",
        id: a.id,
        version: String(version),
        title,
        ownerOrganisationId: owner.id,
      }),
      column: "title",
      values: ["Alice's action", "Bob's action"],
      table: followUpActions,
    };
  },
  async userAccess() {
    const u = await createUser(db, { role: "viewer" });
    return {
      entityType: "user",
      id: u.id,
      path: `/admin/users/${u.id}`,
      params: { id: u.id },
      loader: userRoute.loader,
      action: userRoute.action,
      page: userRoute.default,
      form: (version, role) => ({ intent: "update", version: String(version), role }),
      column: "role",
      values: ["organiser", "coordinator"],
      table: users,
    };
  },
};

describe("two users save the same record at the same moment", () => {
  it.each(Object.keys(kinds))("%s: one save wins, the other is refused, nothing lost", async (kind) => {
    const record = await kinds[kind]!();
    const { path, params } = record;
    const open = record.open ?? path;
    // Both open the edit form: the same version.
    const pages = await Promise.all(
      [alice, bob].map((user) => callRoute(db, record.loader, get(open), user, params)),
    );
    const versions = pages.map((page) => record.versionOf?.(page.body) ?? versionIn(page.body, record.id));
    expect(versions[0]).toBeTypeOf("number");
    expect(versions[1]).toBe(versions[0]);
    const version = versions[0]!;

    // Both save at once.
    const outcomes = await Promise.all(
      ([alice, bob] as const).map((user, i) =>
        callRoute(db, record.action, post(path, record.form(version, record.values[i]!)), user, params),
      ),
    );
    const winners = outcomes.map(succeeded);
    expect(winners.filter(Boolean), JSON.stringify(outcomes.map((o) => [o.status, o.body]))).toHaveLength(1);
    const winner = winners.indexOf(true);
    const loser = 1 - winner;
    const refused = outcomes[loser]!;
    expect(refused.status).toBe(409);

    // The refusal says why, in words: the page, rendered with the answer, says so (and does not
    // without it).
    const html = await renderPage(record.page, path, pages[loser]!.body, refused.body);
    expect(html).toMatch(/someone else/i);
    expect(await renderPage(record.page, path, pages[loser]!.body)).not.toMatch(/someone else/i);
    // What the loser typed is kept in the form.
    expect(submissionOf(refused)?.initialValue).toMatchObject({ [record.column]: record.values[loser] });

    // The winner's values are stored, once.
    const row = await stored(record.table, record.id);
    expect(String(row[record.column])).toBe(record.values[winner]);
    expect(row.version).toBe(version + 1);
    const audits = await updateAudits(record.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: record.entityType, userId: [alice, bob][winner]!.id });
  });
});
