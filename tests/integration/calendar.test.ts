// The calendar token (create, reset, resolve; only its hash stored) and the ICS feeds
// (/export/pilots/:id/milestones.ics?token=T and /export/municipalities/:id/...), parsed back with
// ical.js; the calendar section of /account. Loaders and actions are called directly.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { auditLog, users, type Municipality, type Pilot, type User } from "~/db/schema";
import { hasCalendarToken, resetCalendarToken, userForCalendarToken } from "~/models/calendar.server";
import * as accountRoute from "~/routes/account";
import * as feedRoute from "~/routes/export.calendar";
import {
  createMilestone,
  createMunicipality,
  createPilot,
  createUser,
  linkUserMunicipality,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

let municipality: Municipality;
let pilot: Pilot;
let official: User;

beforeAll(async () => {
  municipality = await createMunicipality(db, { name: "Utrecht" });
  pilot = await createPilot(db, { municipalityId: municipality.id, name: "LVV Utrecht" });
  official = await createUser(db, { role: "municipal_official" });
  await linkUserMunicipality(db, { userId: official.id, municipalityId: municipality.id });
});

function authUser(user: User): AuthUser {
  const scope: Record<string, string[]> = { [official.id]: [municipality.id] };
  return authUserOf(user, scope[user.id] ?? [], "test-session");
}

function call(
  fn: (args: never) => unknown,
  request: Request,
  user: User | null,
  params: Record<string, string>,
  clientIp?: string,
): Promise<RouteOutcome> {
  return callRoute(db, fn, request, user ? authUser(user) : null, params, { clientIp });
}

// --- calendar ---------------------------------------------------------------------------------------

function feedRequest(path: string, token: string | null): Request {
  return new Request(`http://localhost${path}${token === null ? "" : `?token=${encodeURIComponent(token)}`}`);
}

async function feed(path: string, token: string | null, ip?: string): Promise<RouteOutcome> {
  return call(feedRoute.loader, feedRequest(path, token), null, {}, ip);
}

describe("calendar token", () => {
  it("is stored only as its SHA-256, resolves to its user, and a reset replaces it (audited)", async () => {
    const user = await createUser(db, { role: "viewer" });
    expect(await hasCalendarToken(db, user.id)).toBe(false);
    const token = await resetCalendarToken(db, user, user.id);
    if (!token) throw new Error("token expected");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select({ hash: users.calendarTokenHash }).from(users).where(eq(users.id, user.id));
    expect(row?.hash).toBe(hashToken(token));
    expect(await hasCalendarToken(db, user.id)).toBe(true);
    expect((await userForCalendarToken(db, token))?.id).toBe(user.id);

    const second = await resetCalendarToken(db, user, user.id);
    expect(second).not.toBe(token);
    expect(await userForCalendarToken(db, token)).toBeNull();
    expect((await userForCalendarToken(db, second))?.id).toBe(user.id);

    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.after)).toEqual([{ calendarToken: "created" }, { calendarToken: "reset" }]);
    expect(JSON.stringify(audit)).not.toContain(hashToken(second ?? ""));
  });

  it("a disabled or archived user's token resolves to nobody; junk tokens too", async () => {
    const user = await createUser(db);
    const token = await resetCalendarToken(db, user, user.id);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await userForCalendarToken(db, token)).toBeNull();
    for (const junk of [null, "", "short", `${"a".repeat(43)}`, "x".repeat(500)]) {
      expect(await userForCalendarToken(db, junk)).toBeNull();
    }
  });

  it("carries the official's municipalities for the permission checks", async () => {
    const token = await resetCalendarToken(db, official, official.id);
    expect((await userForCalendarToken(db, token))?.municipalityIds).toEqual([municipality.id]);
  });
});

describe("calendar feeds", () => {
  it("serves the pilot's dated milestones as ICS that parses back", async () => {
    const own = await createPilot(db, { municipalityId: municipality.id, name: "Feed pilot, Utrecht; LVV" });
    await createMilestone(db, {
      pilotId: own.id,
      title: "Kick-off, with partners; all",
      dueOn: "2024-03-15",
      position: 0,
    });
    await createMilestone(db, {
      pilotId: own.id,
      title: "Evaluation",
      dueOn: "2024-06-30",
      doneOn: "2024-07-02",
      status: "done",
      description: "Line one\nLine two",
      position: 1,
    });
    await createMilestone(db, { pilotId: own.id, title: "Undated", position: 2 });
    await createMilestone(db, {
      pilotId: own.id,
      title: "Archived",
      dueOn: "2024-01-01",
      archivedAt: new Date(),
    });
    await createMilestone(db, {
      pilotId: own.id,
      title: "Dropped",
      dueOn: "2024-09-01",
      status: "cancelled",
      position: 3,
    });
    const user = await createUser(db, { role: "viewer" });
    const token = await resetCalendarToken(db, user, user.id);
    const outcome = await feed(`/export/pilots/${own.id}/milestones.ics`, token);
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(outcome.headers.get("Cache-Control")).toBe("private, no-store");
    const text = (await outcome.response?.text()) ?? "";
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(["Kick-off, with partners; all", "✓ Evaluation", "Dropped"]);
    const [kickoff, evaluation, dropped] = events;
    expect(kickoff?.startDate.toString()).toBe("2024-03-15");
    expect(kickoff?.startDate.isDate).toBe(true);
    expect(kickoff?.endDate.toString()).toBe("2024-03-16");
    // A done milestone sits on its actual date.
    expect(evaluation?.startDate.toString()).toBe("2024-07-02");
    expect(evaluation?.description).toContain("Line one\nLine two");
    expect(evaluation?.description).toContain("Pilot project: Feed pilot, Utrecht; LVV");
    expect(dropped?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
    expect(text).toContain("X-WR-CALNAME:Milestones: Feed pilot\\, Utrecht\\; LVV (Trellis)\r\n");
    // Stable: the same feed twice is the same text.
    const again = await feed(`/export/pilots/${own.id}/milestones.ics`, token);
    expect(await again.response?.text()).toBe(text);
  });

  it("speaks the token holder's language", async () => {
    const own = await createPilot(db, { municipalityId: municipality.id });
    await createMilestone(db, { pilotId: own.id, title: "Bilan", dueOn: "2024-03-15", status: "delayed" });
    const user = await createUser(db, { role: "viewer", locale: "fr" });
    const token = await resetCalendarToken(db, user, user.id);
    const text =
      (await (await feed(`/export/pilots/${own.id}/milestones.ics`, token)).response?.text()) ?? "";
    expect(text).toContain("Statut : En retard");
  });

  it("the municipality feed lists the milestones of its pilots, archived pilots left out", async () => {
    const place = await createMunicipality(db, { name: "Eindhoven" });
    const a = await createPilot(db, { municipalityId: place.id, name: "Pilot A" });
    const gone = await createPilot(db, {
      municipalityId: place.id,
      name: "Pilot gone",
      archivedAt: new Date(),
    });
    await createMilestone(db, { pilotId: a.id, title: "A1", dueOn: "2024-05-01" });
    await createMilestone(db, { pilotId: gone.id, title: "G1", dueOn: "2024-05-01" });
    await createMilestone(db, { dueOn: "2024-05-01", title: "Other municipality" });
    const user = await createUser(db, { role: "organiser" });
    const token = await resetCalendarToken(db, user, user.id);
    const outcome = await feed(`/export/municipalities/${place.id}/milestones.ics`, token);
    expect(outcome.status).toBe(200);
    const text = (await outcome.response?.text()) ?? "";
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(["A1 · Pilot A"]);
  });

  it("a missing, wrong or old token, a disabled user, or an unknown record: 404 and no data", async () => {
    const user = await createUser(db, { role: "viewer" });
    const old = await resetCalendarToken(db, user, user.id);
    const token = await resetCalendarToken(db, user, user.id);
    const path = `/export/pilots/${pilot.id}/milestones.ics`;
    const ip = "198.51.100.7";
    for (const bad of [null, "", "nope", old, `${token ?? ""}x`]) {
      const outcome = await feed(path, bad, ip);
      expect(outcome.status).toBe(404);
      expect(await outcome.response?.text()).not.toContain("VCALENDAR");
    }
    expect((await feed(`/export/pilots/${randomUUID()}/milestones.ics`, token)).status).toBe(404);
    expect((await feed(`/export/pilots/not-a-uuid/milestones.ics`, token)).status).toBe(404);
    expect((await feed(`/export/municipalities/${randomUUID()}/milestones.ics`, token)).status).toBe(404);
    expect((await feed(path, token)).status).toBe(200);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await feed(path, token)).status).toBe(404);
  });

  it("too many bad tokens from one address: 429 with Retry-After", async () => {
    const ip = "198.51.100.99";
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await feed(`/export/pilots/${pilot.id}/milestones.ics`, "guess", ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    const last = await feed(`/export/pilots/${pilot.id}/milestones.ics`, "guess", ip);
    expect(last.status).toBe(429);
    expect(last.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});

describe("calendar section of /account", () => {
  it("creates the token (shown once), says one exists afterwards, and turns it off", async () => {
    const user = await createUser(db, { role: "municipal_official" });
    await linkUserMunicipality(db, { userId: user.id, municipalityId: municipality.id });
    const page = await call(accountRoute.loader, new Request("http://localhost/account"), user, {});
    expect((page.body as { calendar: { hasToken: boolean } }).calendar.hasToken).toBe(false);

    const created = await call(accountRoute.action, post("/account", { intent: "calendar-reset" }), user, {});
    expect(created.status).toBe(200);
    const body = created.body as { intent: string; token: string | null; notice: string };
    expect(body).toMatchObject({ intent: "calendar", notice: "calendar.account.created" });
    expect((await userForCalendarToken(db, body.token))?.id).toBe(user.id);

    const after = await call(accountRoute.loader, new Request("http://localhost/account"), user, {});
    const calendar = (after.body as { calendar: { hasToken: boolean; municipalities: { name: string }[] } })
      .calendar;
    expect(calendar.hasToken).toBe(true);
    expect(calendar.municipalities.map((m) => m.name)).toEqual(["Utrecht"]);
    // The token is never in the page's data again.
    expect(JSON.stringify(after.body)).not.toContain(body.token ?? "none");

    const removed = await call(
      accountRoute.action,
      post("/account", { intent: "calendar-remove" }),
      user,
      {},
    );
    expect(removed.body).toMatchObject({
      intent: "calendar",
      notice: "calendar.account.removed",
      token: null,
    });
    expect(await userForCalendarToken(db, body.token)).toBeNull();
    expect(await hasCalendarToken(db, user.id)).toBe(false);
  });
});

describe("account page", () => {
  it("the account page shows the feed addresses once, right after a reset", async () => {
    const user = await createUser(db, { role: "municipal_official" });
    await linkUserMunicipality(db, { userId: user.id, municipalityId: municipality.id });
    const reset = await call(accountRoute.action, post("/account", { intent: "calendar-reset" }), user, {});
    const token = (reset.body as { token: string }).token;
    const page = await call(accountRoute.loader, new Request("http://localhost/account"), user, {});
    const shown = await renderPage(accountRoute.default, "/account", page.body, reset.body);
    expect(shown).toContain(`/export/municipalities/${municipality.id}/milestones.ics?token=${token}`);
    expect(shown).toContain("/export/pilots/PILOT_ID/milestones.ics?token=");
    const later = await renderPage(accountRoute.default, "/account", page.body);
    expect(later).not.toContain(token);
    expect(later).toContain("You have a calendar address.");
  });
});
