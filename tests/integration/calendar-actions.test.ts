// The follow-up action calendar feeds (/export/events/:id/actions.ics?token=T and
// /export/organisations/:id/actions.ics?token=T), parsed back with ical.js: dates, done and dropped
// actions, SEQUENCE, URL and description; archived actions left out, an archived event's feed still
// answering; 404 for anything wrong (token, disabled user, unknown id), 429 past the limit; the feed
// addresses on the event tab, the organisation page and /account. Loaders are called directly.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { followUpActions, users, type Event, type Organisation, type User } from "~/db/schema";
import { resetCalendarToken } from "~/models/calendar.server";
import * as accountRoute from "~/routes/account";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as feedRoute from "~/routes/export.action-calendar";
import { createEvent, createFollowUpAction, createOrganisation, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

let event: Event;
let owner: Organisation;
let other: Organisation;
let person: User;

beforeAll(async () => {
  event = await createEvent(db, { title: "REG seminar, Brussels" });
  owner = await createOrganisation(db, { name: "Fedasil" });
  other = await createOrganisation(db, { name: "Legal Aid", acronym: "LA" });
  person = await createUser(db, { name: "Ann Peeters", organisationId: owner.id });
});

async function feed(path: string, token: string | null, ip?: string): Promise<RouteOutcome> {
  const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  return callRoute(db, feedRoute.loader, get(`${path}${query}`), null, {}, { clientIp: ip });
}

async function tokenOf(role: User["role"], overrides: Partial<User> = {}): Promise<[User, string]> {
  const user = await createUser(db, { role, ...overrides });
  const token = await resetCalendarToken(db, user, user.id);
  if (!token) throw new Error("token expected");
  return [user, token];
}

function eventsOf(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("event action feed", () => {
  it("lists the event's dated actions as all-day events that parse back; a viewer's token works", async () => {
    const e = await createEvent(db, { title: "Utrecht seminar; 2024" });
    const base = { eventId: e.id, ownerOrganisationId: owner.id };
    const open = await createFollowUpAction(db, {
      ...base,
      title: "Share the referral protocol, in full",
      dueOn: "2024-06-01",
      ownerUserId: person.id,
      description: "Line one\nLine two",
    });
    await db.update(followUpActions).set({ version: 3 }).where(eq(followUpActions.id, open.id));
    await createFollowUpAction(db, {
      ...base,
      title: "Draft the covenant",
      dueOn: "2024-05-01",
      status: "done",
      doneOn: "2024-05-03",
    });
    await createFollowUpAction(db, {
      ...base,
      title: "Pilot a desk",
      dueOn: "2024-07-01",
      status: "dropped",
    });
    await createFollowUpAction(db, { ...base, title: "Undated" });
    await createFollowUpAction(db, {
      ...base,
      title: "Archived",
      dueOn: "2024-06-02",
      archivedAt: new Date(),
    });
    await createFollowUpAction(db, {
      title: "Other event",
      dueOn: "2024-06-03",
      ownerOrganisationId: owner.id,
    });

    const [, token] = await tokenOf("viewer");
    const outcome = await feed(`/export/events/${e.id}/actions.ics`, token);
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(outcome.headers.get("Cache-Control")).toBe("private, no-store");
    const text = (await outcome.response?.text()) ?? "";
    expect(text).toContain("X-WR-CALNAME:Follow-ups: Utrecht seminar\\; 2024 (Trellis)\r\n");
    const events = eventsOf(text);
    expect(events.map((v) => v.summary)).toEqual([
      "✓ Draft the covenant",
      "Share the referral protocol, in full",
      "Pilot a desk",
    ]);
    const [done, shared, dropped] = events;
    // A done action sits on its done date; others on their due date, all day.
    expect(done?.startDate.toString()).toBe("2024-05-03");
    expect(shared?.startDate.toString()).toBe("2024-06-01");
    expect(shared?.startDate.isDate).toBe(true);
    expect(shared?.endDate.toString()).toBe("2024-06-02");
    expect(shared?.uid).toBe(`action-${open.id}@trellis`);
    expect(shared?.sequence).toBe(2);
    expect(shared?.description).toContain("Event: Utrecht seminar; 2024");
    expect(shared?.description).toContain("Owner: Fedasil (Ann Peeters)");
    expect(shared?.description).toContain("Status: Open");
    expect(shared?.description).toContain("Line one\nLine two");
    expect(shared?.component.getFirstPropertyValue("url")).toBe(
      `http://localhost/events/${e.id}/actions#action-${open.id}`,
    );
    expect(dropped?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(shared?.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // The same data gives the same bytes.
    expect(await (await feed(`/export/events/${e.id}/actions.ics`, token)).response?.text()).toBe(text);
  });

  it("an archived event's feed still answers (its actions are history)", async () => {
    const e = await createEvent(db, { title: "Old workshop", archivedAt: new Date() });
    await createFollowUpAction(db, { eventId: e.id, title: "Kept", dueOn: "2023-01-10" });
    const [, token] = await tokenOf("municipal_official");
    const outcome = await feed(`/export/events/${e.id}/actions.ics`, token);
    expect(outcome.status).toBe(200);
    expect(eventsOf((await outcome.response?.text()) ?? "").map((v) => v.summary)).toEqual(["Kept"]);
  });

  it("speaks the token holder's language", async () => {
    const e = await createEvent(db);
    await createFollowUpAction(db, {
      eventId: e.id,
      title: "Bilan",
      dueOn: "2024-03-15",
      status: "in_progress",
    });
    const [, token] = await tokenOf("viewer", { locale: "fr" });
    const text = (await (await feed(`/export/events/${e.id}/actions.ics`, token)).response?.text()) ?? "";
    expect(text).toContain("Statut : En cours");
  });
});

describe("organisation action feed", () => {
  it("lists the actions the organisation owns (not those that only concern it), with their event", async () => {
    const o = await createOrganisation(db, { name: "Return desk Ghent" });
    await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: o.id,
      title: "Open the desk",
      dueOn: "2024-09-01",
    });
    await createFollowUpAction(db, {
      ownerOrganisationId: other.id,
      organisationId: o.id,
      title: "Not owned",
      dueOn: "2024-09-02",
    });
    await createFollowUpAction(db, {
      ownerOrganisationId: o.id,
      title: "Gone",
      dueOn: "2024-09-03",
      archivedAt: new Date(),
    });
    const [, token] = await tokenOf("organiser");
    const outcome = await feed(`/export/organisations/${o.id}/actions.ics`, token);
    expect(outcome.status).toBe(200);
    const text = (await outcome.response?.text()) ?? "";
    expect(text).toContain("X-WR-CALNAME:Follow-ups owned by Return desk Ghent (Trellis)");
    expect(eventsOf(text).map((v) => v.summary)).toEqual(["Open the desk · REG seminar, Brussels"]);
  });
});

describe("action feeds refuse", () => {
  it("a missing, wrong or old token, a disabled user, or an unknown id: 404 and no data", async () => {
    const [user, old] = await tokenOf("viewer");
    const token = await resetCalendarToken(db, user, user.id);
    const path = `/export/events/${event.id}/actions.ics`;
    for (const bad of [null, "", "nope", old, `${token ?? ""}x`]) {
      const outcome = await feed(path, bad, "198.51.100.20");
      expect(outcome.status).toBe(404);
      expect(await outcome.response?.text()).not.toContain("VCALENDAR");
    }
    expect((await feed(`/export/events/${randomUUID()}/actions.ics`, token)).status).toBe(404);
    expect((await feed(`/export/events/not-a-uuid/actions.ics`, token)).status).toBe(404);
    expect((await feed(`/export/organisations/${randomUUID()}/actions.ics`, token)).status).toBe(404);
    expect((await feed(path, token)).status).toBe(200);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await feed(path, token)).status).toBe(404);
  });

  it("too many bad tokens from one address: 429 with Retry-After", async () => {
    const ip = "198.51.100.77";
    const path = `/export/organisations/${owner.id}/actions.ics`;
    for (let i = 0; i < 12; i++) await feed(path, "guess", ip);
    const last = await feed(path, "guess", ip);
    expect(last.status).toBe(429);
    expect(last.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});

describe("feed addresses on pages", () => {
  it("the event's actions tab shows the feed address with the token left for the user", async () => {
    const page = await callRoute(
      db,
      eventActionsRoute.loader,
      get(`/events/${event.id}/actions`),
      authUserOf(person),
      {
        id: event.id,
      },
    );
    const html = await renderPage(eventActionsRoute.default, "/events/x/actions", page.body);
    expect(html).toContain(`http://localhost/export/events/${event.id}/actions.ics?token=YOUR_TOKEN`);
  });

  it("/account lists the action feeds with the new token once, the user's organisation ready-made", async () => {
    const user = await createUser(db, { role: "municipal_official", organisationId: owner.id });
    const reset = await callRoute(
      db,
      accountRoute.action,
      post("/account", { intent: "calendar-reset" }),
      authUserOf(user),
      {},
    );
    const token = (reset.body as { token: string }).token;
    const page = await callRoute(db, accountRoute.loader, get("/account"), authUserOf(user), {});
    const shown = await renderPage(accountRoute.default, "/account", page.body, reset.body);
    expect(shown).toContain(`/export/organisations/${owner.id}/actions.ics?token=${token}`);
    expect(shown).toContain("/export/events/EVENT_ID/actions.ics?token=");
    const later = await renderPage(accountRoute.default, "/account", page.body);
    expect(later).not.toContain(token);
    expect(later).toContain("Follow-up actions in your calendar");
  });
});
