// The interface language (decision 0026): the signed-in user's preference, then the `trellis-lng`
// cookie (the switcher's anonymous choice), then Accept-Language, then English. The former `lng`
// cookie, the 503 page and invitations: language-legacy-cookie.test.ts. The switcher and the
// /account form store the preference (version bumped, audit entry); anonymous users get a cookie.
import { and, eq, sql } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { auditLog, users, type User } from "~/db/schema";
import type { Locale } from "~/lib/enums";
import { getLocale, localeCookie } from "~/middleware/i18next";
import { resetCalendarToken } from "~/models/calendar.server";
import { setLocalePreference } from "~/models/preferences.server";
import * as account from "~/routes/account";
import * as feedRoute from "~/routes/export.calendar";
import * as language from "~/routes/language";
import { middleware as rootMiddleware } from "~/root";
import { createMilestone, createPilot, createUser } from "../factories";
import { detectedLanguage, languageRequest, type MiddlewareArgs } from "../helpers/language";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

const request = languageRequest;
const detected = detectedLanguage;

async function cookieOf(lng: Locale): Promise<string> {
  return (await localeCookie.serialize(lng)).split(";")[0] ?? "";
}

function langCookies(outcome: RouteOutcome): string[] {
  return outcome.headers.getSetCookie().filter((c) => c.startsWith(`${localeCookie.name}=`));
}

async function userRow(id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error(`no user ${id}`);
  return row;
}

async function localeAudit(id: string) {
  const entries = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.entityType, "user")))
    .orderBy(auditLog.id);
  return entries.map((e) => ({ userId: e.userId, action: e.action, before: e.before, after: e.after }));
}

describe("detection order", () => {
  it("the preference beats the cookie, which beats Accept-Language", async () => {
    const fr = await cookieOf("fr");
    const en = await cookieOf("en");
    expect(await detected("en", { cookie: fr, acceptLanguage: "fr-FR,fr;q=0.9" })).toEqual({
      locale: "en",
      instance: "en",
    });
    expect(await detected("fr", { cookie: en, acceptLanguage: "en-GB" })).toMatchObject({ locale: "fr" });
    expect(await detected(null, { cookie: fr, acceptLanguage: "en-GB" })).toMatchObject({ locale: "fr" });
    expect(await detected("anonymous", { cookie: en, acceptLanguage: "fr" })).toMatchObject({
      locale: "en",
    });
  });

  it("no preference and no cookie: Accept-Language (with its weights), then English", async () => {
    expect(await detected(null, { acceptLanguage: "fr-BE,fr;q=0.9,en;q=0.8" })).toMatchObject({
      locale: "fr",
    });
    expect(await detected(null, { acceptLanguage: "de-DE,en;q=0.5,fr;q=0.8" })).toMatchObject({
      locale: "fr",
    });
    expect(await detected(null, { acceptLanguage: "de-DE,nl;q=0.9" })).toMatchObject({ locale: "en" });
    expect(await detected(null, {})).toMatchObject({ locale: "en", instance: "en" });
    // A cookie that is not a supported language is no choice.
    const bogus = (await localeCookie.serialize("de")).split(";")[0] ?? "";
    expect(await detected("anonymous", { cookie: bogus, acceptLanguage: "fr" })).toMatchObject({
      locale: "fr",
    });
  });

  it("the root middleware resolves the session before the language", async () => {
    const user = await createUser(db, { locale: "fr" });
    const session = await createSession(db, user.id);
    const context = new RouterContextProvider();
    context.set(dbContext, db);
    const req = request({
      cookie: `${await cookieOf("en")}; ${SESSION_COOKIE}=${session.token}`,
      acceptLanguage: "en-GB",
    });
    let seen = "";
    const run = (index: number): Promise<Response> => {
      const fn = rootMiddleware[index];
      if (!fn) {
        seen = getLocale(context);
        return Promise.resolve(new Response(null));
      }
      const args = { request: req, context, params: {} } as unknown as MiddlewareArgs;
      return Promise.resolve(fn(args, () => run(index + 1))) as Promise<Response>;
    };
    await run(0);
    expect(seen).toBe("fr");
  });
});

describe("the switcher (POST /language)", () => {
  it("anonymous: sets the cookie only", async () => {
    const before = await db.select({ id: auditLog.id }).from(auditLog);
    const outcome = await callRoute(
      db,
      language.action,
      post("/language", { lng: "fr", redirectTo: "/events?kind=seminar" }),
      null,
      {},
    );
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/events?kind=seminar");
    const [cookie] = langCookies(outcome);
    expect(await localeCookie.parse(cookie?.split(";")[0] ?? null)).toBe("fr");
    expect(await db.select({ id: auditLog.id }).from(auditLog)).toHaveLength(before.length);
  });

  it("signed in: stores the preference (version bumped, audited) and sets the cookie", async () => {
    const user = await createUser(db, { role: "organiser" });
    expect(user.locale).toBeNull();
    const outcome = await callRoute(
      db,
      language.action,
      post("/language", { lng: "fr", redirectTo: "/actions" }),
      authUserOf(user),
      {},
    );
    expect(outcome.status).toBe(302);
    expect(await localeCookie.parse(langCookies(outcome)[0]?.split(";")[0] ?? null)).toBe("fr");
    expect(await userRow(user.id)).toMatchObject({ locale: "fr", version: user.version + 1 });
    expect(await localeAudit(user.id)).toEqual([
      { userId: user.id, action: "update", before: { locale: null }, after: { locale: "fr" } },
    ]);

    // The same language again writes nothing.
    const again = await callRoute(
      db,
      language.action,
      post("/language", { lng: "fr" }),
      authUserOf({ ...user, locale: "fr" }),
      {},
    );
    expect(again.status).toBe(302);
    expect(await userRow(user.id)).toMatchObject({ version: user.version + 1 });
    expect(await localeAudit(user.id)).toHaveLength(1);
  });

  it("refuses an unknown language and writes nothing", async () => {
    const user = await createUser(db);
    const outcome = await callRoute(
      db,
      language.action,
      post("/language", { lng: "de" }),
      authUserOf(user),
      {},
    );
    expect(outcome.status).toBe(400);
    expect(langCookies(outcome)).toEqual([]);
    expect(await userRow(user.id)).toMatchObject({ locale: null, version: user.version });
    expect(await localeAudit(user.id)).toEqual([]);
  });
});

describe("the /account language form", () => {
  it("shows the preference, with 'Follow my browser' for none", async () => {
    const user = await createUser(db);
    const page = await callRoute(db, account.loader, get("/account"), authUserOf(user), {});
    expect(page.body).toMatchObject({ account: { locale: null } });
    const html = await renderPage(account.default, "/account", page.body);
    expect(html).toMatch(/<option value="browser"[^>]*selected[^>]*>Follow my browser<\/option>/);

    const french = await createUser(db, { locale: "fr" });
    const frenchPage = await callRoute(db, account.loader, get("/account"), authUserOf(french), {});
    const frenchHtml = await renderPage(account.default, "/account", frenchPage.body);
    expect(frenchHtml).toMatch(/<option value="fr"[^>]*selected/);
  });

  it("saves a language (cookie set), then 'Follow my browser' (null, cookie dropped), audited", async () => {
    const user = await createUser(db);
    const chosen = await callRoute(
      db,
      account.action,
      post("/account", { intent: "language", locale: "fr" }),
      authUserOf(user),
      {},
    );
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("Location")).toBe("/account");
    expect(await localeCookie.parse(langCookies(chosen)[0]?.split(";")[0] ?? null)).toBe("fr");
    expect(await userRow(user.id)).toMatchObject({ locale: "fr", version: user.version + 1 });

    const browser = await callRoute(
      db,
      account.action,
      post("/account", { intent: "language", locale: "browser" }),
      authUserOf({ ...user, locale: "fr" }),
      {},
    );
    expect(browser.status).toBe(302);
    const [cleared] = langCookies(browser);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await userRow(user.id)).toMatchObject({ locale: null, version: user.version + 2 });
    expect(await localeAudit(user.id)).toEqual([
      { userId: user.id, action: "update", before: { locale: null }, after: { locale: "fr" } },
      { userId: user.id, action: "update", before: { locale: "fr" }, after: { locale: null } },
    ]);
  });

  it("refuses a value that is not offered, next to the field, and writes nothing", async () => {
    const user = await createUser(db, { locale: "en" });
    const outcome = await callRoute(
      db,
      account.action,
      post("/account", { intent: "language", locale: "de" }),
      authUserOf(user),
      {},
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({
      intent: "language",
      result: { error: { locale: ["validation.invalidChoice"] } },
    });
    expect(langCookies(outcome)).toEqual([]);
    expect(await userRow(user.id)).toMatchObject({ locale: "en", version: user.version });
    expect(await localeAudit(user.id)).toEqual([]);
  });

  it("a failing audit entry leaves the preference unchanged (one transaction)", async () => {
    const user = await createUser(db);
    // A test-only trigger: the audit insert for this user fails, as any error after the change would.
    await db.execute(
      sql.raw(`create function test_fail_locale_audit() returns trigger language plpgsql as $$
        begin
          if new.entity_id = '${user.id}' then raise exception 'forced failure after the change'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql`create trigger test_fail_locale_audit before insert on audit_log for each row execute function test_fail_locale_audit()`,
    );
    try {
      await expect(setLocalePreference(db, authUserOf(user), "fr")).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger test_fail_locale_audit on audit_log`);
      await db.execute(sql`drop function test_fail_locale_audit()`);
    }
    expect(await userRow(user.id)).toMatchObject({ locale: null, version: user.version });
    expect(await localeAudit(user.id)).toEqual([]);
  });
});

describe("pages and feeds speak the preference", () => {
  it("a loader's instance follows the signed-in user over a French browser", async () => {
    const user = await createUser(db, { locale: "en" });
    const req = request({ acceptLanguage: "fr-FR,fr;q=0.9" }, "/account");
    const page = await callRoute(db, account.loader, req, authUserOf(user), {});
    expect(page.body).toMatchObject({ title: "Your account" });
    const none = await createUser(db);
    const browserPage = await callRoute(db, account.loader, req, authUserOf(none), {});
    expect(browserPage.body).toMatchObject({ title: "Votre compte" });
  });

  it("concurrent requests in both languages each get their own (one shared instance per language)", async () => {
    const english = await createUser(db, { locale: "en" });
    const french = await createUser(db, { locale: "fr" });
    const req = request({}, "/account");
    const pages = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        callRoute(db, account.loader, req, authUserOf(i % 2 === 0 ? english : french), {}),
      ),
    );
    pages.forEach((page, i) =>
      expect(page.body, `request ${i}`).toMatchObject({
        title: i % 2 === 0 ? "Your account" : "Votre compte",
      }),
    );
  });

  it("a calendar feed without a session: the holder's preference, else the request's language", async () => {
    const pilot = await createPilot(db);
    await createMilestone(db, { pilotId: pilot.id, title: "Bilan", dueOn: "2024-03-15", status: "delayed" });
    const feedOf = async (user: User, acceptLanguage?: string) => {
      const token = await resetCalendarToken(db, user, user.id);
      const path = `/export/pilots/${pilot.id}/milestones.ics?token=${encodeURIComponent(token ?? "")}`;
      const outcome = await callRoute(db, feedRoute.loader, request({ acceptLanguage }, path), null, {});
      return (await outcome.response?.text()) ?? "";
    };
    const french = await createUser(db, { role: "viewer", locale: "fr" });
    expect(await feedOf(french, "en-GB")).toContain("Statut : En retard");
    const none = await createUser(db, { role: "viewer" });
    expect(await feedOf(none)).toContain("Status: Delayed");
    expect(await feedOf(none, "fr-CA")).toContain("Statut : En retard");
  });
});
