// An event's page (layout and overview tab) read in one prepared query each
// (models/event-page-queries.server.ts): the loaders answer what they answered through findEvent,
// listParticipants and listTakeaways, for an event with a bit of everything (organisers and
// participants whose names sort apart from their creation, unknown attendee counts, takeaways out of
// position order and archived ones), an empty one and an archived one, with a second event holding
// its own of everything so a condition that leaks fails; one query per loader whatever the event
// holds; 404 for an unknown or malformed id (the malformed one without a query); the same again on
// another handle (the statements are built once per database handle).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { can } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Event } from "~/db/schema";
import { listParticipants, listTakeaways } from "~/models/event-details.server";
import { findEventPageHeader, loadEventPageOverview } from "~/models/event-page-queries.server";
import { findEvent } from "~/models/events.server";
import * as layoutRoute from "~/routes/events.$id";
import * as overviewRoute from "~/routes/events.$id._index";
import {
  addEventOrganiser,
  addEventParticipant,
  createEvent,
  createEventTakeaway,
  createOrganisation,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get } from "../helpers/routes";

const database = await testDb();
const { db } = database;

let full: Event;
let empty: Event;
let archived: Event;
let viewer: AuthUser;
let coordinator: AuthUser;

/** What the two loaders answered when they read through findEvent, listParticipants and listTakeaways. */
async function throughOtherModels(id: string, user: AuthUser) {
  const event = await findEvent(db, id);
  if (!event) return null;
  const [participants, takeaways] = await Promise.all([
    listParticipants(db, event.id),
    listTakeaways(db, event.id),
  ]);
  return {
    layout: {
      event: {
        id: event.id,
        title: event.title,
        kind: event.kind,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        location: event.location,
        online: event.online,
        archivedAt: event.archivedAt,
        organisers: event.organisers,
      },
      canWrite: can(user, "event:write"),
    },
    overview: {
      title: "Overview",
      event: { id: event.id, description: event.description },
      ...participants,
      takeaways: takeaways.map((t) => ({ id: t.id, theme: t.theme, text: t.text })),
      canEdit: can(user, "event:write") && event.archivedAt === null,
    },
  };
}

async function throughLoaders(pageDb: typeof db, id: string, user: AuthUser) {
  const [layout, overview] = await Promise.all([
    callRoute(pageDb, layoutRoute.loader, get(`/events/${id}`), user, { id }),
    callRoute(pageDb, overviewRoute.loader, get(`/events/${id}`), user, { id }),
  ]);
  return { layout, overview };
}

beforeAll(async () => {
  const [zeta, alpha, mu, other] = await Promise.all(
    ["Zeta Shelter", "Alpha Legal Aid", "Mu Municipality", "Other Org"].map((name, i) =>
      createOrganisation(db, { name, acronym: i === 1 ? "ALA" : null }),
    ),
  );
  full = await createEvent(db, {
    title: "Utrecht seminar",
    kind: "workshop",
    startsOn: "2025-03-01",
    endsOn: "2025-03-02",
    location: "Utrecht",
    online: true,
    description: "Two days\non return",
  });
  empty = await createEvent(db, { title: "Nothing yet" });
  archived = await createEvent(db, { title: "Archived one", archivedAt: new Date() });
  const otherEvent = await createEvent(db, { title: "Other event" });
  for (const o of [zeta!, alpha!, mu!])
    await addEventOrganiser(db, { eventId: full.id, organisationId: o.id });
  await addEventParticipant(db, { eventId: full.id, organisationId: zeta!.id, attendeeCount: 4 });
  await addEventParticipant(db, { eventId: full.id, organisationId: alpha!.id, attendeeCount: null });
  await addEventParticipant(db, { eventId: full.id, organisationId: mu!.id, attendeeCount: 7 });
  await createEventTakeaway(db, { eventId: full.id, position: 2, theme: "Third", text: "c" });
  await createEventTakeaway(db, { eventId: full.id, position: 0, theme: null, text: "**first**" });
  await createEventTakeaway(db, { eventId: full.id, position: 1, theme: "Second", text: "b" });
  await createEventTakeaway(db, { eventId: full.id, position: 1, theme: "Archived", archivedAt: new Date() });
  await addEventOrganiser(db, { eventId: archived.id, organisationId: mu!.id });
  await addEventParticipant(db, { eventId: archived.id, organisationId: mu!.id, attendeeCount: 1 });
  await createEventTakeaway(db, { eventId: archived.id, text: "Archived event's" });
  // The other event's: none of it may show on theirs.
  await addEventOrganiser(db, { eventId: otherEvent.id, organisationId: other!.id });
  await addEventParticipant(db, { eventId: otherEvent.id, organisationId: other!.id, attendeeCount: 50 });
  await addEventParticipant(db, { eventId: otherEvent.id, organisationId: alpha!.id, attendeeCount: null });
  await createEventTakeaway(db, { eventId: otherEvent.id, position: 0, text: "Other event's" });
  viewer = authUserOf(await createUser(db, { role: "viewer" }));
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
});

describe("an event's page", () => {
  it("answers what findEvent, listParticipants and listTakeaways gave, for every kind of event and reader", async () => {
    const counting = await countingDb(database);
    for (const event of [full, empty, archived]) {
      for (const user of [viewer, coordinator]) {
        const expected = await throughOtherModels(event.id, user);
        for (const pageDb of [db, db, counting.db]) {
          const { layout, overview } = await throughLoaders(pageDb, event.id, user);
          expect([layout.status, overview.status]).toEqual([200, 200]);
          expect(layout.body).toEqual(expected?.layout);
          expect(overview.body).toEqual(expected?.overview);
        }
      }
    }
    const { layout, overview } = await throughLoaders(db, full.id, coordinator);
    expect(
      (layout.body as { event: { organisers: { name: string }[] } }).event.organisers.map((o) => o.name),
    ).toEqual(["Alpha Legal Aid", "Mu Municipality", "Zeta Shelter"]);
    expect(overview.body).toMatchObject({
      attendees: 11,
      unknownCounts: 1,
      takeaways: [{ text: "**first**" }, { text: "b" }, { text: "c" }],
      canEdit: true,
    });
    expect((await throughLoaders(db, archived.id, coordinator)).overview.body).toMatchObject({
      canEdit: false,
    });
  });

  it("runs one query per loader whatever the event holds", async () => {
    const counting = await countingDb(database);
    for (const event of [full, empty]) {
      counting.reset();
      await callRoute(counting.db, layoutRoute.loader, get(`/events/${event.id}`), viewer, { id: event.id });
      expect(counting.count()).toBe(1);
      counting.reset();
      await callRoute(counting.db, overviewRoute.loader, get(`/events/${event.id}`), viewer, {
        id: event.id,
      });
      expect(counting.count()).toBe(1);
    }
  });

  it("answers 404 for an unknown or malformed id (the malformed one without a query)", async () => {
    const counting = await countingDb(database);
    for (const id of [randomUUID(), "not-a-uuid"]) {
      counting.reset();
      const { layout, overview } = await throughLoaders(counting.db, id, viewer);
      expect([layout.status, overview.status]).toEqual([404, 404]);
      expect(counting.count()).toBe(id === "not-a-uuid" ? 0 : 2);
    }
    expect(await findEventPageHeader(db, "nope")).toBeNull();
    expect(await loadEventPageOverview(db, randomUUID())).toBeNull();
  });

  it("refuses a reader without event:read before reading", async () => {
    const counting = await countingDb(database);
    const { layout, overview } = await throughLoaders(counting.db, full.id, null as unknown as AuthUser);
    expect(layout.status).not.toBe(200);
    expect(overview.status).not.toBe(200);
    expect(counting.count()).toBe(0);
  });
});
