// Repeated form field names (issue 9): the actions that read their fields one by one (the /actions
// status and bulk forms, the language switcher, the user commands of /admin/users/:id, the takeaway
// commands, the milestone commands, the outcome periods, and the archive, restore and remove commands
// of the record pages, the network layout) refuse a single-valued name sent twice as the Conform forms
// do: 400 with an error to show, nothing stored. Neither the first nor the last value wins. Names that
// are lists (the checked rows of the bulk form, the order of a reorder) may repeat.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import {
  eventTakeaways,
  followUpActions,
  milestones,
  pilotPeriods,
  users,
  type Event,
  type FollowUpAction,
  type Pilot,
} from "~/db/schema";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import * as actionsRoute from "~/routes/actions";
import * as adminUserRoute from "~/routes/admin.users.$id";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as eventEditRoute from "~/routes/events.$id.edit";
import * as participantsRoute from "~/routes/events.$id.participants";
import * as takeawaysRoute from "~/routes/events.$id.takeaways";
import * as languageRoute from "~/routes/language";
import * as networkRoute from "~/routes/network";
import * as organisationRoute from "~/routes/organisations.$id";
import * as partnershipEditRoute from "~/routes/partnerships.$id.edit";
import * as objectivesRoute from "~/routes/partnerships.$id.objectives";
import * as risksRoute from "~/routes/partnerships.$id.risks";
import * as pilotEditRoute from "~/routes/pilots.$id.edit";
import * as milestonesRoute from "~/routes/pilots.$id.milestones";
import * as outcomesRoute from "~/routes/pilots.$id.outcomes";
import {
  createEvent,
  createEventTakeaway,
  createFollowUpAction,
  createMilestone,
  createMunicipality,
  createObjective,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotPeriod,
  createRelationship,
  createRisk,
  createUser,
  linkUserMunicipality,
} from "../factories";
import { testDb } from "../helpers/db";
import { errorsOf, fingerprint } from "../helpers/property";
import { authUserOf, callRoute, post, submissionOf, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

const tables = [
  "users",
  "follow_up_actions",
  "event_takeaways",
  "milestones",
  "pilot_periods",
  "pilot_outcomes",
  "organisations",
  "relationships",
  "partnerships",
  "objectives",
  "risks",
  "events",
  "event_participants",
  "pilots",
  "graph_layouts",
] as const;

let coordinator: AuthUser;
let official: AuthUser;
let event: Event;
let action: FollowUpAction;
let otherAction: FollowUpAction;
let pilot: Pilot;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator", locale: "en" }));
  const municipalityId = (await createMunicipality(db)).id;
  const officialUser = await createUser(db, { role: "municipal_official" });
  await linkUserMunicipality(db, { userId: officialUser.id, municipalityId });
  official = authUserOf(officialUser, [municipalityId]);
  pilot = await createPilot(db, { municipalityId });
  event = await createEvent(db);
  const owner = await createOrganisation(db);
  action = await createFollowUpAction(db, { eventId: event.id, ownerOrganisationId: owner.id });
  otherAction = await createFollowUpAction(db, { eventId: event.id, ownerOrganisationId: owner.id });
});

/** Submit the form and expect a 400 that changed nothing (the audit log included). */
async function expectRefused(
  fn: (args: never) => unknown,
  path: string,
  fields: Record<string, string | readonly string[]>,
  user: AuthUser | null,
  params: Record<string, string> = {},
): Promise<RouteOutcome> {
  const before = await fingerprint(db, tables);
  const outcome = await callRoute(db, fn, post(path, fields), user, params);
  const detail = `${path} ${JSON.stringify(fields)}: ${outcome.status} ${JSON.stringify(outcome.body)}`;
  expect(outcome.status, detail).toBe(400);
  expect(await fingerprint(db, tables), detail).toBe(before);
  return outcome;
}

describe("repeatedFields", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  };

  it("names each single-valued name sent more than once, even with one same value", () => {
    expect(
      repeatedFields(
        form([
          ["a", "1"],
          ["b", "2"],
        ]),
      ),
    ).toEqual([]);
    expect(
      repeatedFields(
        form([
          ["a", "1"],
          ["a", "2"],
          ["b", "2"],
          ["b", "2"],
          ["a", "3"],
        ]),
      ),
    ).toEqual(["a", "b"]);
  });

  it("lets the names of lists repeat", () => {
    expect(
      repeatedFields(
        form([
          ["selected", "1"],
          ["selected", "2"],
        ]),
        ["selected"],
      ),
    ).toEqual([]);
  });
});

describe("/actions", () => {
  const version = async (id: string) =>
    String((await db.select().from(followUpActions).where(eq(followUpActions.id, id)))[0]?.version);

  it("status: a repeated status, id or version is refused with an error, whichever value comes first", async () => {
    const v = await version(action.id);
    for (const fields of [
      { intent: "status", id: action.id, version: v, status: ["in_progress", "open"] },
      { intent: "status", id: action.id, version: v, status: ["open", "in_progress"] },
      { intent: "status", id: [action.id, otherAction.id], version: v, status: "in_progress" },
      { intent: "status", id: [randomUUID(), action.id], version: v, status: "in_progress" },
      { intent: "status", id: action.id, version: [v, v], status: "in_progress" },
      { intent: ["status", "bulk"], id: action.id, version: v, status: "in_progress" },
    ]) {
      const outcome = await expectRefused(actionsRoute.action, "/actions", fields, coordinator);
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
  });

  it("bulk: the checked rows may repeat, the status may not", async () => {
    const selected = [
      `${action.id}:${await version(action.id)}`,
      `${otherAction.id}:${await version(otherAction.id)}`,
    ];
    for (const status of [
      ["done", "in_progress"],
      ["in_progress", "done"],
    ]) {
      const outcome = await expectRefused(
        actionsRoute.action,
        "/actions",
        { intent: "bulk", selected, status },
        coordinator,
      );
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
    const saved = await callRoute(
      db,
      actionsRoute.action,
      post("/actions", { intent: "bulk", selected, status: "in_progress" }),
      coordinator,
      {},
    );
    expect(saved.status).toBeLessThan(400);
    const rows = await db.select().from(followUpActions).where(eq(followUpActions.eventId, event.id));
    expect(rows.map((r) => r.status)).toEqual(["in_progress", "in_progress"]);
  });
});

describe("/language", () => {
  it("a repeated language or target is refused: no preference stored, no cookie set", async () => {
    for (const fields of [
      { lng: ["fr", "en"], redirectTo: "/" },
      { lng: ["en", "fr"], redirectTo: "/" },
      { lng: "fr", redirectTo: ["/", "/actions"] },
    ]) {
      const outcome = await expectRefused(languageRoute.action, "/language", fields, coordinator);
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
    }
    const [row] = await db.select().from(users).where(eq(users.id, coordinator.id));
    expect(row?.locale).toBe("en");
  });
});

describe("/admin/users/:id commands", () => {
  it("a repeated intent is refused, whichever comes first: the account is neither disabled nor reset", async () => {
    const target = await createUser(db, { role: "viewer" });
    const path = `/admin/users/${target.id}`;
    for (const intent of [
      ["disable", "enable"],
      ["enable", "disable"],
      ["reset", "disable"],
      ["disable", "disable"],
    ]) {
      await expectRefused(adminUserRoute.action, path, { intent }, coordinator, { id: target.id });
    }
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row?.disabledAt).toBeNull();
  });
});

describe("/events/:id/takeaways commands", () => {
  it("a repeated intent, id or version is refused with an error: nothing moved or archived", async () => {
    const first = await createEventTakeaway(db, { eventId: event.id });
    const second = await createEventTakeaway(db, { eventId: event.id });
    const path = `/events/${event.id}/takeaways`;
    const v = String(second.version);
    for (const fields of [
      { intent: ["archive", "up"], id: second.id, version: v },
      { intent: ["up", "archive"], id: second.id, version: v },
      { intent: "archive", id: [second.id, first.id], version: v },
      { intent: "archive", id: [randomUUID(), second.id], version: v },
      { intent: "up", id: second.id, version: [v, v] },
    ]) {
      const outcome = await expectRefused(takeawaysRoute.action, path, fields, coordinator, { id: event.id });
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
    const rows = await db.select().from(eventTakeaways).where(eq(eventTakeaways.eventId, event.id));
    expect(rows.every((r) => r.archivedAt === null)).toBe(true);
  });
});

describe("/pilots/:id/milestones commands", () => {
  it("move: a repeated direction, id or intent is refused with an error, whichever comes last", async () => {
    const top = await createMilestone(db, { pilotId: pilot.id });
    const below = await createMilestone(db, { pilotId: pilot.id });
    const path = `/pilots/${pilot.id}/milestones`;
    for (const fields of [
      { intent: "move", id: below.id, direction: ["down", "up"] },
      { intent: "move", id: below.id, direction: ["up", "down"] },
      { intent: "move", id: [top.id, below.id], direction: "up" },
      { intent: "move", id: [below.id, randomUUID()], direction: "up" },
      { intent: ["archive", "move"], id: below.id, direction: "up" },
    ]) {
      const outcome = await expectRefused(milestonesRoute.action, path, fields, official, { id: pilot.id });
      expect((outcome.body as { commandError?: string } | null)?.commandError).toBe(REPEATED_FIELD);
    }
    const rows = await db.select().from(milestones).where(eq(milestones.pilotId, pilot.id));
    expect(rows.every((r) => r.archivedAt === null)).toBe(true);
  });

  it("archive: a repeated id or version is refused", async () => {
    const milestone = await createMilestone(db, { pilotId: pilot.id });
    const v = String(milestone.version);
    const path = `/pilots/${pilot.id}/milestones`;
    for (const fields of [
      { intent: "archive", id: [milestone.id, randomUUID()], version: v },
      { intent: "archive", id: milestone.id, version: [v, "99"] },
    ]) {
      await expectRefused(milestonesRoute.action, path, fields, official, { id: pilot.id });
    }
  });
});

describe("/pilots/:id/outcomes", () => {
  const path = () => `/pilots/${pilot.id}/outcomes`;

  it("a repeated cell of the grid is a field error next to that cell, nothing stored", async () => {
    const fields = {
      intent: "save",
      periodStart: "2031-01-01",
      periodEnd: "2031-01-31",
      newParticipants: "4",
      participantsAtEnd: "2",
    };
    for (const cell of [
      ["1", "2"],
      ["2", "1"],
      ["1", "1"],
    ]) {
      const outcome = await expectRefused(
        outcomesRoute.action,
        path(),
        { ...fields, "outcomes.voluntary_return": cell },
        official,
        { id: pilot.id },
      );
      expect(submissionOf(outcome)?.error?.["outcomes.voluntary_return"]?.length).toBeGreaterThan(0);
    }
  });

  it("archive and restore: a repeated id, version or intent is refused with an error", async () => {
    const period = await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2032-01-01" });
    const other = await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2033-01-01" });
    const v = String(period.version);
    for (const fields of [
      { intent: "archive", id: [period.id, other.id], version: v },
      { intent: "archive", id: [randomUUID(), period.id], version: v },
      { intent: "archive", id: period.id, version: [v, v] },
      { intent: ["archive", "restore"], id: period.id, version: v },
    ]) {
      const outcome = await expectRefused(outcomesRoute.action, path(), fields, official, { id: pilot.id });
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
    const rows = await db.select().from(pilotPeriods).where(eq(pilotPeriods.pilotId, pilot.id));
    expect(rows.every((r) => r.archivedAt === null)).toBe(true);
  });
});

describe("archive, restore and remove commands of the record pages", () => {
  it("an organisation and its relationships: a repeated version, id or intent is refused", async () => {
    const organisation = await createOrganisation(db);
    const relationship = await createRelationship(db, { fromOrganisationId: organisation.id });
    const path = `/organisations/${organisation.id}`;
    const v = String(organisation.version);
    const rv = String(relationship.version);
    for (const fields of [
      { intent: "archive", version: [v, v] },
      { intent: ["archive", "restore"], version: v },
      { intent: "archiveRelationship", relationshipId: [randomUUID(), relationship.id], version: rv },
      { intent: "archiveRelationship", relationshipId: relationship.id, version: [rv, "99"] },
    ] as Record<string, string | string[]>[]) {
      const outcome = await expectRefused(organisationRoute.action, path, fields, coordinator, {
        id: organisation.id,
      });
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
  });

  it("the edit pages of a partnership, an event and a pilot: a repeated version or intent is refused", async () => {
    const partnership = await createPartnership(db);
    const ownEvent = await createEvent(db);
    const ownPilot = await createPilot(db, { municipalityId: pilot.municipalityId });
    for (const [fn, path, id, version, user] of [
      [partnershipEditRoute.action, "partnerships", partnership.id, partnership.version, coordinator],
      [eventEditRoute.action, "events", ownEvent.id, ownEvent.version, coordinator],
      [pilotEditRoute.action, "pilots", ownPilot.id, ownPilot.version, official],
    ] as const) {
      const v = String(version);
      for (const fields of [
        { intent: "archive", version: [v, "99"] },
        { intent: "archive", version: ["99", v] },
        { intent: ["archive", "update"], version: v },
      ]) {
        const outcome = await expectRefused(fn, `/${path}/${id}/edit`, fields, user, { id });
        expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
      }
    }
  });

  it("an objective and a risk of a partnership: a repeated id or version is refused", async () => {
    const partnership = await createPartnership(db);
    const objective = await createObjective(db, { partnershipId: partnership.id });
    const risk = await createRisk(db, { partnershipId: partnership.id });
    for (const [fn, tab, record] of [
      [objectivesRoute.action, "objectives", objective],
      [risksRoute.action, "risks", risk],
    ] as const) {
      const v = String(record.version);
      for (const fields of [
        { intent: "archive", id: [record.id, randomUUID()], version: v },
        { intent: "archive", id: record.id, version: [v, v] },
      ]) {
        const path = `/partnerships/${partnership.id}/${tab}`;
        const outcome = await expectRefused(fn, path, fields, coordinator, { id: partnership.id });
        expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
      }
    }
  });

  it("an event's participants and follow-up actions: a repeated organisation, id or version is refused", async () => {
    const organisation = await createOrganisation(db);
    const params = { id: event.id };
    const participants = `/events/${event.id}/participants`;
    const saved = await callRoute(
      db,
      participantsRoute.action,
      post(participants, { intent: "save", organisationId: organisation.id, attendeeCount: "3" }),
      coordinator,
      params,
    );
    expect(saved.status).toBeLessThan(400);
    for (const organisationId of [
      [organisation.id, organisation.id],
      [randomUUID(), organisation.id],
    ]) {
      const fields = { intent: "remove", organisationId };
      const outcome = await expectRefused(
        participantsRoute.action,
        participants,
        fields,
        coordinator,
        params,
      );
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
    const [row] = await db.select().from(followUpActions).where(eq(followUpActions.id, otherAction.id));
    const v = String(row?.version);
    for (const fields of [
      { intent: "archive", id: [otherAction.id, action.id], version: v },
      { intent: "archive", id: otherAction.id, version: [v, v] },
    ]) {
      const path = `/events/${event.id}/actions`;
      const outcome = await expectRefused(eventActionsRoute.action, path, fields, coordinator, params);
      expect(errorsOf(outcome)).toEqual([REPEATED_FIELD]);
    }
  });

  it("the network layout: repeated positions or version are refused as malformed", async () => {
    const organisation = await createOrganisation(db);
    const positions = JSON.stringify({ [organisation.id]: { x: 1, y: 2 } });
    for (const fields of [
      { intent: "save-layout", positions: [positions, "{}"], version: "" },
      { intent: "save-layout", positions: ["{}", positions], version: "" },
      { intent: "save-layout", positions, version: ["", ""] },
    ]) {
      const outcome = await expectRefused(networkRoute.action, "/network", fields, coordinator);
      expect(errorsOf(outcome)).toEqual(["invalid"]);
    }
  });
});
