// The event pages' loaders and actions called directly (as the server does), for each role: who
// reads (everyone signed in), who writes (coordinators and organisers; forged POSTs by viewers and
// municipal officials refused with 403 and nothing written), 404 for unknown ids, ids from forms
// checked against the event in the URL, field errors that keep the values typed, stale edits,
// archived events refusing changes (409), and the takeaways' Markdown rendered without live HTML.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { eventParticipants, events, eventTakeaways, type Event, type Organisation } from "~/db/schema";
import * as layoutRoute from "~/routes/events.$id";
import * as overviewRoute from "~/routes/events.$id._index";
import * as editRoute from "~/routes/events.$id.edit";
import * as participantsRoute from "~/routes/events.$id.participants";
import * as takeawaysRoute from "~/routes/events.$id.takeaways";
import * as listRoute from "~/routes/events._index";
import * as newRoute from "~/routes/events.new";
import {
  addEventOrganiser,
  addEventParticipant,
  createEvent,
  createEventTakeaway,
  createOrganisation,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, submissionOf } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let organiser: AuthUser;
let official: AuthUser;
let viewer: AuthUser;
let event: Event;
let host: Organisation;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  organiser = authUserOf(await createUser(db, { role: "organiser" }));
  official = authUserOf(await createUser(db, { role: "municipal_official" }));
  viewer = authUserOf(await createUser(db, { role: "viewer" }));
  host = await createOrganisation(db, { name: "Host agency", acronym: "HA" });
  event = await createEvent(db, {
    title: "Seminar on durable solutions",
    startsOn: "2025-03-12",
    endsOn: "2025-03-13",
    location: "Brussels",
    online: true,
    description: "Two days on return and regularisation.",
  });
  await addEventOrganiser(db, { eventId: event.id, organisationId: host.id });
});

const base = () => `/events/${event.id}`;
const params = () => ({ id: event.id });

function eventFields(overrides: Record<string, string | string[]> = {}) {
  return { title: "New seminar", kind: "workshop", startsOn: "2025-09-01", ...overrides };
}

async function stored(id: string) {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row;
}

describe("reading events", () => {
  it("lists events for every role, with the new-event link only for those who may write", async () => {
    for (const [user, canEdit] of [
      [coordinator, true],
      [organiser, true],
      [official, false],
      [viewer, false],
    ] as const) {
      const list = await callRoute(db, listRoute.loader, get("/events"), user, {});
      expect(list).toMatchObject({ status: 200, body: { canEdit } });
    }
    const list = await callRoute(
      db,
      listRoute.loader,
      get("/events?kind=seminar&from=2025-03-13"),
      viewer,
      {},
    );
    const html = await renderPage(listRoute.default, "/events", list.body);
    expect(html).toContain("Seminar on durable solutions");
    expect(html).toContain("Brussels and online");
    expect(html).toContain("HA");
    expect(html).not.toContain('href="/events/new"');
  });

  it("says what to do when there are no events, and when none matches", async () => {
    const none = await callRoute(db, listRoute.loader, get("/events?from=2199-01-01"), organiser, {});
    expect(await renderPage(listRoute.default, "/events", none.body)).toContain(
      "No event matches these filters.",
    );
    const empty = {
      ...(none.body as object),
      filtered: false,
      events: { items: [], total: 0, page: 1, pageSize: 25, pages: 1 },
    };
    const html = await renderPage(listRoute.default, "/events", empty);
    expect(html).toContain("No events yet.");
    expect(html).toContain('href="/events/new"');
  });

  it("pages the list 25 at a time", async () => {
    for (let i = 0; i < 26; i++) await createEvent(db, { title: `Paged ${i}`, startsOn: "2180-05-01" });
    const url = "/events?from=2180-01-01&to=2180-12-31";
    const first = await callRoute(db, listRoute.loader, get(url), viewer, {});
    expect(first.body).toMatchObject({ events: { total: 26, pages: 2, page: 1 } });
    const html = await renderPage(listRoute.default, "/events", first.body);
    expect(html).toContain("page=2");
    const second = await callRoute(db, listRoute.loader, get(`${url}&page=2`), viewer, {});
    expect((second.body as { events: { items: unknown[] } }).events.items).toHaveLength(1);
  });

  it("shows the layout with its tabs, and the edit tab only to those who may write", async () => {
    const viewerLayout = await callRoute(db, layoutRoute.loader, get(base()), viewer, params());
    const html = await renderPage(layoutRoute.default, base(), viewerLayout.body);
    for (const tab of ["participants", "takeaways", "actions"])
      expect(html).toContain(`href="${base()}/${tab}"`);
    expect(html).not.toContain(`href="${base()}/edit"`);
    expect(html).toContain(`href="/organisations/${host.id}"`);
    const organiserLayout = await callRoute(db, layoutRoute.loader, get(base()), organiser, params());
    expect(await renderPage(layoutRoute.default, base(), organiserLayout.body)).toContain(
      `href="${base()}/edit"`,
    );
  });

  it("answers 404 for an unknown or malformed id, and sends the anonymous to log in", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      for (const loader of [
        layoutRoute.loader,
        overviewRoute.loader,
        participantsRoute.loader,
        takeawaysRoute.loader,
      ]) {
        expect(await callRoute(db, loader, get(`/events/${id}`), viewer, { id })).toMatchObject({
          status: 404,
          thrown: true,
        });
      }
      expect(
        (await callRoute(db, editRoute.loader, get(`/events/${id}/edit`), organiser, { id })).status,
      ).toBe(404);
    }
    const anonymous = await callRoute(db, layoutRoute.loader, get(base()), null, params());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("renders takeaways' Markdown without live HTML or script links", async () => {
    const target = await createEvent(db);
    await createEventTakeaway(db, {
      eventId: target.id,
      theme: "Housing",
      text: '**Shared** housing works.\n\n- one\n- two\n\n<script>alert(1)</script><img src=x onerror="alert(2)">\n\n[bad](javascript:alert(3)) [good](https://example.org)',
    });
    await addEventParticipant(db, { eventId: target.id, organisationId: host.id, attendeeCount: 4 });
    const outcome = await callRoute(db, overviewRoute.loader, get(`/events/${target.id}`), viewer, {
      id: target.id,
    });
    const html = await renderPage(overviewRoute.default, `/events/${target.id}`, outcome.body);
    expect(html).toContain("<strong>Shared</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("onerror");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("Host agency");
    expect(html).toContain("4 attendees");
  });
});

describe("creating and editing events", () => {
  it("refuses forged POSTs from viewers and municipal officials with 403, and writes nothing", async () => {
    const before = await db.select().from(events);
    const takeaway = await createEventTakeaway(db, { eventId: event.id, text: "Untouched" });
    for (const user of [viewer, official]) {
      expect(await callRoute(db, newRoute.loader, get("/events/new"), user, {})).toMatchObject({
        status: 403,
      });
      expect(
        await callRoute(db, newRoute.action, post("/events/new", eventFields()), user, {}),
      ).toMatchObject({
        status: 403,
      });
      const forged: [(args: never) => unknown, string, Record<string, string>][] = [
        [editRoute.action, "edit", { ...eventFields(), intent: "update", version: "1" }],
        [editRoute.action, "edit", { intent: "archive", version: "1" }],
        [
          participantsRoute.action,
          "participants",
          { intent: "save", organisationId: host.id, attendeeCount: "9" },
        ],
        [participantsRoute.action, "participants", { intent: "remove", organisationId: host.id }],
        [takeawaysRoute.action, "takeaways", { intent: "save", text: "Forged" }],
        [takeawaysRoute.action, "takeaways", { intent: "archive", id: takeaway.id, version: "1" }],
      ];
      for (const [action, tab, body] of forged) {
        expect(await callRoute(db, action, post(`${base()}/${tab}`, body), user, params())).toMatchObject({
          status: 403,
          thrown: true,
        });
      }
    }
    expect(await db.select().from(events)).toHaveLength(before.length);
    expect(await stored(event.id)).toMatchObject({ version: 1, archivedAt: null });
    expect(await db.select().from(eventParticipants).where(eq(eventParticipants.eventId, event.id))).toEqual(
      [],
    );
    const [kept] = await db.select().from(eventTakeaways).where(eq(eventTakeaways.id, takeaway.id));
    expect(kept).toMatchObject({ version: 1, archivedAt: null });
  });

  it("lets an organiser create an event and go to it", async () => {
    const outcome = await callRoute(
      db,
      newRoute.action,
      post("/events/new", eventFields({ title: "Created here", organiserIds: [host.id], online: "on" })),
      organiser,
      {},
    );
    expect(outcome.status).toBe(302);
    const id = outcome.headers.get("Location")?.split("/").at(-1) ?? "";
    expect(await stored(id)).toMatchObject({
      title: "Created here",
      kind: "workshop",
      online: true,
      createdBy: organiser.id,
    });
  });

  it("answers field errors next to the fields and keeps the values typed", async () => {
    const outcome = await callRoute(
      db,
      newRoute.action,
      post(
        "/events/new",
        eventFields({ title: "", startsOn: "2025-09-10", endsOn: "2025-09-01", location: "Ghent" }),
      ),
      organiser,
      {},
    );
    expect(outcome.status).toBe(400);
    const result = submissionOf(outcome);
    expect(result?.error).toMatchObject({
      title: ["validation.required"],
      endsOn: ["events.errors.endBeforeStart"],
    });
    expect(result?.initialValue).toMatchObject({ location: "Ghent", endsOn: "2025-09-01" });
    const unknown = await callRoute(
      db,
      newRoute.action,
      post("/events/new", eventFields({ organiserIds: [randomUUID()] })),
      organiser,
      {},
    );
    expect(submissionOf(unknown)?.error).toMatchObject({
      organiserIds: ["events.errors.unknownOrganisation"],
    });
  });

  it("opens the edit form with the event's values and its organisers chosen", async () => {
    const page = await callRoute(db, editRoute.loader, get(`${base()}/edit`), organiser, params());
    expect(page.body).toMatchObject({
      values: { title: "Seminar on durable solutions", organiserIds: [host.id] },
    });
    const html = await renderPage(editRoute.default, `${base()}/edit`, page.body);
    expect(html).toMatch(new RegExp(`<option value="${host.id}" selected="">Host agency \\(HA\\)</option>`));
    expect(html).toContain('value="Brussels"');
    expect(html).toContain("Archive event");
  });

  it("refuses a stale edit with 409, keeping the user's values and showing the saved ones", async () => {
    const target = await createEvent(db, { title: "Saved title" });
    const path = `/events/${target.id}/edit`;
    const saved = await callRoute(
      db,
      editRoute.action,
      post(path, { ...eventFields({ title: "First save" }), intent: "update", version: "1" }),
      coordinator,
      { id: target.id },
    );
    expect(saved).toMatchObject({ status: 302 });
    const stale = await callRoute(
      db,
      editRoute.action,
      post(path, { ...eventFields({ title: "Second save" }), intent: "update", version: "1" }),
      organiser,
      { id: target.id },
    );
    expect(stale).toMatchObject({ status: 409, body: { current: { title: "First save", version: 2 } } });
    expect(submissionOf(stale)?.initialValue).toMatchObject({ title: "Second save" });
    const page = await callRoute(db, editRoute.loader, get(path), organiser, { id: target.id });
    const html = await renderPage(editRoute.default, path, page.body, stale.body);
    expect(html).toContain("Someone else changed this event");
  });

  it("archives an event (409 for its tabs' changes then) and restores it", async () => {
    const target = await createEvent(db);
    const path = `/events/${target.id}/edit`;
    const archived = await callRoute(
      db,
      editRoute.action,
      post(path, { intent: "archive", version: "1" }),
      organiser,
      {
        id: target.id,
      },
    );
    expect(archived).toMatchObject({ status: 302 });
    expect(archived.headers.get("Location")).toBe("/events");
    const refused = await callRoute(
      db,
      takeawaysRoute.action,
      post(`/events/${target.id}/takeaways`, { intent: "save", text: "Late" }),
      organiser,
      { id: target.id },
    );
    expect(refused).toMatchObject({ status: 409, thrown: true });
    const stale = await callRoute(
      db,
      editRoute.action,
      post(path, { intent: "restore", version: "1" }),
      organiser,
      {
        id: target.id,
      },
    );
    expect(stale).toMatchObject({ status: 409, body: { error: "events.errors.stale" } });
    await callRoute(db, editRoute.action, post(path, { intent: "restore", version: "2" }), organiser, {
      id: target.id,
    });
    expect(await stored(target.id)).toMatchObject({ archivedAt: null, version: 3 });
  });
});

describe("participants and takeaways tabs", () => {
  it("adds a participant, shows a row's field error next to it, and removes it", async () => {
    const target = await createEvent(db);
    const path = `/events/${target.id}/participants`;
    const call = (body: Record<string, string>) =>
      callRoute(db, participantsRoute.action, post(path, body), organiser, { id: target.id });
    expect(await call({ intent: "save", organisationId: host.id, attendeeCount: "12" })).toMatchObject({
      status: 302,
    });
    const missing = await call({ intent: "save", attendeeCount: "3" });
    expect(submissionOf(missing)?.error).toMatchObject({ organisationId: ["validation.required"] });
    expect(submissionOf(missing)?.initialValue).toMatchObject({ attendeeCount: "3" });
    const bad = await call({ intent: "save", row: "1", organisationId: host.id, attendeeCount: "-2" });
    expect(bad).toMatchObject({ status: 400, body: { row: host.id } });
    const page = await callRoute(db, participantsRoute.loader, get(path), organiser, { id: target.id });
    const html = await renderPage(participantsRoute.default, path, page.body, bad.body);
    expect(html).toContain("Enter a whole number of people, 0 or more.");
    expect(html).toContain('value="12"');
    expect(await call({ intent: "remove", organisationId: randomUUID() })).toMatchObject({ status: 404 });
    expect(await call({ intent: "remove", organisationId: host.id })).toMatchObject({ status: 302 });
    expect(await db.select().from(eventParticipants).where(eq(eventParticipants.eventId, target.id))).toEqual(
      [],
    );
  });

  it("adds, edits (stale: 409) and moves takeaways; ids of another event's takeaways are 404", async () => {
    const target = await createEvent(db);
    const path = `/events/${target.id}/takeaways`;
    const call = (body: Record<string, string>) =>
      callRoute(db, takeawaysRoute.action, post(path, body), organiser, { id: target.id });
    const empty = await call({ intent: "save", theme: "Kept theme", text: "" });
    expect(submissionOf(empty)?.error).toMatchObject({ text: ["validation.required"] });
    expect(submissionOf(empty)?.initialValue).toMatchObject({ theme: "Kept theme" });
    expect(await call({ intent: "save", theme: "First", text: "One" })).toMatchObject({ status: 302 });
    expect(await call({ intent: "save", theme: "Second", text: "Two" })).toMatchObject({ status: 302 });
    const list = await db.select().from(eventTakeaways).where(eq(eventTakeaways.eventId, target.id));
    const second = list.find((t) => t.theme === "Second");
    if (!second) throw new Error("missing");
    expect(await call({ intent: "up", id: second.id, version: "1" })).toMatchObject({ status: 302 });
    const page = await callRoute(db, takeawaysRoute.loader, get(path), viewer, { id: target.id });
    expect((page.body as { takeaways: { theme: string }[] }).takeaways.map((t) => t.theme)).toEqual([
      "Second",
      "First",
    ]);
    // The move kept the version read: an edit opened before it still saves; a second one is stale.
    const edit = { intent: "save", id: second.id, version: "1", theme: "Second" };
    expect(await call({ ...edit, text: "Two, edited" })).toMatchObject({ status: 302 });
    const stale = await call({ ...edit, text: "Changed" });
    expect(stale).toMatchObject({ status: 409, body: { current: { text: "Two, edited", version: 2 } } });
    const foreign = await createEventTakeaway(db, { eventId: event.id });
    expect(await call({ intent: "save", id: foreign.id, version: "1", text: "Hijack" })).toMatchObject({
      status: 404,
    });
    expect(await call({ intent: "archive", id: foreign.id, version: "1" })).toMatchObject({ status: 404 });
    expect(await call({ intent: "archive", id: "nope", version: "1" })).toMatchObject({ status: 400 });
    const [untouched] = await db.select().from(eventTakeaways).where(eq(eventTakeaways.id, foreign.id));
    expect(untouched).toMatchObject({ version: 1, archivedAt: null });
  });
});
