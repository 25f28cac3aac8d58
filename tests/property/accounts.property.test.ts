// Generated bad input for the account forms: own account (name, password, language), user
// administration (invite, edit access, commands), sign-in, first setup, accepting an invitation,
// resetting a password, the language switcher and the network map's layout.
// tests/helpers/property.ts says what is checked for each input.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { users, type User } from "~/db/schema";
import { userRoles } from "~/lib/enums";
import * as accountRoute from "~/routes/account";
import * as userRoute from "~/routes/admin.users.$id";
import * as usersRoute from "~/routes/admin.users";
import * as inviteRoute from "~/routes/invite.$token";
import * as languageRoute from "~/routes/language";
import * as loginRoute from "~/routes/login";
import * as networkRoute from "~/routes/network";
import * as resetRoute from "~/routes/reset.$token";
import * as setupRoute from "~/routes/setup";
import {
  createInvitation,
  createMunicipality,
  createOrganisation,
  createPasswordReset,
  createUser,
  uniqueEmail,
} from "../factories";
import { testDb } from "../helpers/db";
import {
  checkBadIntents,
  checkForm,
  choice,
  expectBaseStored,
  type FieldKind,
  type Fields,
  type FormSpec,
  lenient,
  onlyWrong,
  reference,
  SCRIPT,
  SQL_FRAGMENTS,
  text,
} from "../helpers/property";
import { authUserOf } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let member: User;
let organisationId: string;
let municipalityId: string;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  member = await createUser(db, { role: "viewer" });
  organisationId = (await createOrganisation(db)).id;
  municipalityId = (await createMunicipality(db)).id;
});

const tables = ["users", "user_municipalities", "invitations", "password_resets", "sessions"] as const;
const GOOD_PASSWORD = "a long passphrase of words 7";
let ip = 0;
/** A new client address per input: the rate limits are not what is tested here. */
const freshIp = () => `198.51.${Math.floor(++ip / 250) % 250}.${ip % 250}`;

const email: FieldKind = {
  kind: "text",
  roundTrip: false,
  arbitrary: fc.oneof(
    fc.constant(null).map(() => ({ value: uniqueEmail("fuzz"), verdict: "valid" as const })),
    fc
      .constantFrom(
        "",
        "not-an-email",
        "a@",
        "@b.org",
        `${"x".repeat(300)}@example.org`,
        SCRIPT,
        `a@b.org'; drop table users; --`,
        ["a@b.org", "c@d.org"],
      )
      .map((value) => ({ value, verdict: "invalid" as const })),
  ),
};

const password: FieldKind = {
  kind: "text",
  roundTrip: false,
  arbitrary: fc.oneof(
    fc.constantFrom(GOOD_PASSWORD).map((value) => ({ value, verdict: "valid" as const })),
    fc
      .constantFrom("", "short", "password", "aaaaaaaaaaaaaaaa", "1234567890123", "x".repeat(10_001), [
        "a",
        "b",
      ])
      .map((value) => ({ value, verdict: "invalid" as const })),
    fc
      .constantFrom(
        `${SCRIPT} and more`,
        `${SQL_FRAGMENTS[0]} long`,
        "pass\u0000word and more",
        "🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍🌍",
      )
      .map((value) => ({ value, verdict: "unknown" as const })),
  ),
};

/** Password and its confirmation must match: a differing pair is refused. */
const passwordsMatch = (f: Fields) => (f.password !== f.confirmPassword ? ("invalid" as const) : undefined);

describe("account forms take any input without a 5xx or a partial write", () => {
  it("own account: name, password, language", async () => {
    const self = await createUser(db, { role: "viewer" });
    const common = {
      db,
      action: accountRoute.action,
      path: "/account",
      user: () => authUserOf(self),
      tables,
      clientIp: freshIp,
    };
    const name: FormSpec = {
      ...common,
      name: "account name",
      base: () => ({ intent: "name", name: "Plain name" }),
      fields: { name: text({ max: 200, required: true }) },
      stored: async () =>
        (await db.select().from(users).where(eq(users.id, self.id)))[0] as
          Record<string, unknown> | undefined,
    };
    await expectBaseStored(name);
    await checkForm(name);
    await checkForm({
      ...common,
      name: "account password",
      // The factory's password is not known: a right one is never sent, so every input is refused.
      base: () => ({
        intent: "password",
        currentPassword: "not the password",
        password: GOOD_PASSWORD,
        confirmPassword: GOOD_PASSWORD,
      }),
      fields: { currentPassword: password, password, confirmPassword: password },
      refuseAll: true,
    });
    await checkForm({
      ...common,
      name: "account language",
      base: () => ({ intent: "language", locale: "fr" }),
      fields: { locale: choice(["en", "fr", "browser"]) },
    });
    await checkBadIntents(common);
  });

  it("user administration: invite, edit access, commands", async () => {
    const access = (): Record<string, FieldKind> => ({
      role: choice(userRoles),
      organisationId: reference({ valid: () => [organisationId] }),
      // Dropped for every role but the municipal official: not surely wrong.
      municipalityIds: lenient(reference({ valid: () => [municipalityId], multiple: true })),
    });
    const scopeNeeded = (f: Fields) =>
      f.role === "municipal_official" && (f.municipalityIds === undefined || f.municipalityIds === "")
        ? ("invalid" as const)
        : undefined;
    const invite: FormSpec = {
      name: "admin.users invite",
      db,
      action: usersRoute.action,
      path: "/admin/users",
      user: () => coordinator,
      base: () => ({ intent: "invite", email: uniqueEmail("invited"), role: "viewer" }),
      fields: { email, ...access() },
      tables,
      rules: [scopeNeeded],
    };
    await expectBaseStored(invite);
    await checkForm(invite);

    const version = async () =>
      String((await db.select().from(users).where(eq(users.id, member.id)))[0]?.version);
    const edit: FormSpec = {
      name: "admin.users.$id update",
      db,
      action: userRoute.action,
      path: `/admin/users/${member.id}`,
      params: { id: member.id },
      user: () => coordinator,
      base: async () => ({ intent: "update", version: await version(), role: "viewer" }),
      fields: { ...access(), version: onlyWrong() },
      tables,
      rules: [scopeNeeded],
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkBadIntents(edit);
    await checkForm({
      ...edit,
      name: "admin.users.$id commands",
      base: () => ({ intent: "disable" }),
      fields: { intent: choice(["disable", "enable", "reset"]) },
    });
  });

  it("sign-in and first setup", async () => {
    await checkForm({
      name: "login",
      db,
      action: loginRoute.action,
      path: "/login",
      user: () => null,
      clientIp: freshIp,
      base: () => ({ email: member.email, password: "wrong password" }),
      fields: { email, password, redirectTo: text({ max: 2000 }) },
      tables,
      refuseAll: true,
    });
    // Users exist: the setup page is gone (404), whatever is posted.
    await checkForm({
      name: "setup",
      db,
      action: setupRoute.action,
      path: "/setup",
      user: () => null,
      base: () => ({ name: "First", email: uniqueEmail("first"), password: GOOD_PASSWORD }),
      fields: {
        name: text({ max: 200, required: true }),
        email,
        password,
        organisationId: reference({ valid: () => [organisationId] }),
      },
      tables,
      refuseAll: true,
    });
  });

  it("accepting an invitation and resetting a password", async () => {
    let token = "";
    const fresh = () => generateToken();
    const invite: FormSpec = {
      name: "invite.$token",
      db,
      action: inviteRoute.action,
      path: "/invite/x",
      target: () => ({ path: `/invite/${token}`, params: { token } }),
      user: () => null,
      clientIp: freshIp,
      base: async () => {
        token = fresh();
        await createInvitation(db, { tokenHash: hashToken(token) });
        return { name: "Invited person", password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };
      },
      fields: { name: text({ max: 200, required: true }), password, confirmPassword: password },
      tables,
      rules: [passwordsMatch],
      stored: async (outcome) => {
        // Signed in as the new user: the session cookie is set.
        const cookie = outcome.headers.get("Set-Cookie") ?? "";
        return cookie ? { signedIn: true } : undefined;
      },
    };
    await expectBaseStored(invite);
    await checkForm(invite);
    // Links that are no invitation at all.
    await checkForm({
      ...invite,
      name: "invite.$token with a wrong token",
      target: () => ({ path: `/invite/${token}`, params: { token } }),
      base: () => {
        token = fc.sample(fc.constantFrom("", "x", SCRIPT, "%00", "a".repeat(10_001), fresh()), 1)[0] ?? "x";
        return { name: "Someone", password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };
      },
      refuseAll: true,
    });

    const reset: FormSpec = {
      name: "reset.$token",
      db,
      action: resetRoute.action,
      path: "/reset/x",
      target: () => ({ path: `/reset/${token}`, params: { token } }),
      user: () => null,
      clientIp: freshIp,
      base: async () => {
        token = fresh();
        await createPasswordReset(db, { tokenHash: hashToken(token) });
        return { password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };
      },
      fields: { password, confirmPassword: password },
      tables,
      rules: [passwordsMatch],
    };
    await expectBaseStored(reset);
    await checkForm(reset);
  });

  it("language switcher and network layout", async () => {
    await checkForm({
      name: "language",
      db,
      action: languageRoute.action,
      path: "/language",
      user: () => coordinator,
      base: () => ({ lng: "fr", redirectTo: "/" }),
      fields: {
        lng: choice(["en", "fr"]),
        // Lenient: a target that is not a path of this site becomes "/" (safeRedirect), no error.
        redirectTo: {
          kind: "fixed",
          arbitrary: text({ max: 5000 }).arbitrary.map((g) => ({ ...g, verdict: "unknown" as const })),
        },
      },
      tables,
    });
    const positions: FieldKind = {
      kind: "text",
      roundTrip: false,
      arbitrary: fc
        .constantFrom(
          "",
          "[",
          "{}",
          "null",
          `{"x":1}`,
          SCRIPT,
          "x".repeat(10_001),
          `[{"id":"${organisationId}","x":"a","y":1}]`,
          `{"${organisationId}":[1e309,1]}`,
          ["{}", "{}"],
        )
        .map((value) => ({ value, verdict: "unknown" as const })),
    };
    await checkForm({
      name: "network save-layout",
      db,
      action: networkRoute.action,
      path: "/network",
      user: () => coordinator,
      base: () => ({
        intent: "save-layout",
        positions: JSON.stringify({ [organisationId]: { x: 1, y: 2 } }),
        version: "",
      }),
      fields: { positions, version: onlyWrong() },
      tables: ["graph_layouts"],
    });
    await checkBadIntents({
      name: "network",
      db,
      action: networkRoute.action,
      path: "/network",
      user: () => coordinator,
      tables: ["graph_layouts"],
    });
  });
});
