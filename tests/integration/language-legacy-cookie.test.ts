// The former `lng` cookie (decision 0026): before the fix, the root loader wrote the language guessed
// from the browser into it on every page, so it holds a guess, not a choice. It is never read (not
// for detection, not as an invitee's preference) and is cleared when sent. Also: the 503 page (the
// database down) picks its language without a user.
import { eq } from "drizzle-orm";
import { createCookie, RouterContextProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "~/auth/session.server";
import { generateToken } from "~/auth/tokens.server";
import { dbContext } from "~/db/context";
import { users, type User } from "~/db/schema";
import type { Locale } from "~/lib/enums";
import { i18nextMiddleware, i18nFor, localeCookie } from "~/middleware/i18next";
import { createInvitation } from "~/models/invitations.server";
import * as invite from "~/routes/invite.$token";
import { middleware as rootMiddleware } from "~/root";
import { createUser } from "../factories";
import { detectedLanguage, languageRequest, type MiddlewareArgs } from "../helpers/language";
import { closedDatabase, testDb } from "../helpers/db";
import { callRoute, post } from "../helpers/routes";

const { db } = await testDb();

const request = languageRequest;
const detected = detectedLanguage;

/** The response of the i18n middleware (anonymous) for this request. */
async function middlewareResponse(headers: { cookie?: string; acceptLanguage?: string }): Promise<Response> {
  const context = new RouterContextProvider();
  const args = { request: request(headers), context, params: {} } as unknown as MiddlewareArgs;
  const response = await i18nextMiddleware(args, () => Promise.resolve(new Response(null)));
  if (!(response instanceof Response)) throw new Error("the middleware must answer the response");
  return response;
}

/** The former `lng` cookie, as the root loader wrote it on every page before decision 0026's fix. */
async function legacyCookieOf(lng: Locale): Promise<string> {
  return (await createCookie("lng", { path: "/" }).serialize(lng)).split(";")[0] ?? "";
}

async function cookieOf(lng: Locale): Promise<string> {
  return (await localeCookie.serialize(lng)).split(";")[0] ?? "";
}

describe("the former `lng` cookie", () => {
  it("ignores the former `lng` cookie (a guess written on every page), and clears it", async () => {
    expect(localeCookie.name).not.toBe("lng");
    expect(
      await detected("anonymous", { cookie: await legacyCookieOf("en"), acceptLanguage: "fr" }),
    ).toMatchObject({
      locale: "fr",
    });
    expect(
      await detected(null, { cookie: await legacyCookieOf("fr"), acceptLanguage: "en-GB" }),
    ).toMatchObject({
      locale: "en",
    });
    // With both, the new cookie decides.
    expect(
      await detected("anonymous", {
        cookie: `${await legacyCookieOf("en")}; ${await cookieOf("fr")}`,
        acceptLanguage: "en",
      }),
    ).toMatchObject({ locale: "fr" });

    const seen = await middlewareResponse({ cookie: await legacyCookieOf("en"), acceptLanguage: "fr" });
    const cleared = seen.headers.getSetCookie().filter((c) => c.startsWith("lng="));
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(/^lng=;/);
    expect(cleared[0]).toMatch(/Max-Age=0/i);
    expect(cleared[0]).toMatch(/Path=\//i);
    // Nothing to clear without it (and the new cookie is never touched by the middleware).
    expect((await middlewareResponse({ cookie: await cookieOf("fr") })).headers.getSetCookie()).toEqual([]);
    expect((await middlewareResponse({})).headers.getSetCookie()).toEqual([]);
  });
});

describe("the 503 page (database down) picks its language without a user", () => {
  async function unavailable(headers: { cookie?: string; acceptLanguage?: string }) {
    const gone = await closedDatabase();
    const context = new RouterContextProvider();
    context.set(dbContext, gone.db);
    const session = `${SESSION_COOKIE}=${generateToken()}`;
    const req = request({ ...headers, cookie: [headers.cookie, session].filter(Boolean).join("; ") });
    const run = (index: number): Promise<Response> => {
      const fn = rootMiddleware[index];
      if (!fn) return Promise.resolve(new Response(null));
      const args = { request: req, context, params: {} } as unknown as MiddlewareArgs;
      return Promise.resolve(fn(args, () => run(index + 1))) as Promise<Response>;
    };
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    let thrown: unknown;
    try {
      thrown = await run(0).then(
        () => new Error("the root middleware did not throw"),
        (error: unknown) => error,
      );
    } finally {
      consoleError.mockRestore();
    }
    expect(thrown).toMatchObject({ init: { status: 503 } });
    // What entry.server.tsx does to render the error page.
    const i18n = await i18nFor(context, req);
    return { language: i18n.language, title: i18n.t("errors.unavailableTitle") };
  }

  it("from Accept-Language, then the new cookie; never the former `lng` cookie", async () => {
    const english = await unavailable({});
    expect(english.language).toBe("en");
    const french = await unavailable({ acceptLanguage: "fr-CA,fr;q=0.9" });
    expect(french.language).toBe("fr");
    expect(french.title).not.toBe(english.title);
    expect((await unavailable({ cookie: await cookieOf("fr"), acceptLanguage: "en" })).language).toBe("fr");
    expect((await unavailable({ cookie: await legacyCookieOf("en"), acceptLanguage: "fr" })).language).toBe(
      "fr",
    );
  });
});

describe("accepting an invitation", () => {
  async function accept(cookie: string | null): Promise<User> {
    const admin = await createUser(db, { role: "coordinator" });
    const invited = await createInvitation(db, admin, {
      email: `invitee-${crypto.randomUUID()}@example.org`,
      role: "viewer",
      organisationId: null,
      municipalityIds: [],
    });
    if (!invited.ok) throw new Error(invited.reason);
    const form = post(`/invite/${invited.token}`, {
      name: "Invitee",
      password: "a long enough passphrase 42",
      confirmPassword: "a long enough passphrase 42",
    });
    const headers = new Headers(form.headers);
    if (cookie) headers.set("Cookie", cookie);
    const req = new Request(form.url, { method: "POST", headers, body: await form.text() });
    const outcome = await callRoute(db, invite.action, req, null, { token: invited.token });
    expect(outcome.status).toBe(302);
    const [row] = await db.select().from(users).where(eq(users.email, invited.invitation.email));
    if (!row) throw new Error("no account created");
    return row;
  }

  it("stores a preference only from the new cookie, never from the former `lng` guess", async () => {
    expect((await accept(await legacyCookieOf("fr"))).locale).toBeNull();
    expect((await accept(null)).locale).toBeNull();
    expect((await accept(await cookieOf("fr"))).locale).toBe("fr");
    expect((await accept(`${await legacyCookieOf("en")}; ${await cookieOf("fr")}`)).locale).toBe("fr");
  });
});
