// Every route x every role (and anonymous) x GET and POST: who is let in. The table below is the
// specification; a route in app/routes.ts that is missing from it fails, and so does a route whose
// loader or action forgets its permission check.
import { randomUUID } from "node:crypto";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import type { UserRole } from "~/lib/enums";
import { i18nextMiddleware } from "~/middleware/i18next";
import routes from "~/routes";
import { createUser } from "../factories";
import { testDb } from "../helpers/db";

type Who = UserRole | "anonymous";
const everyone: Who[] = ["anonymous", "coordinator", "organiser", "municipal_official", "viewer"];
const roles: UserRole[] = ["coordinator", "organiser", "municipal_official", "viewer"];

/** public: anyone; signedIn: any role, anonymous goes to /login; a role list: those roles; none: no handler. */
type Rule = "public" | "signedIn" | readonly UserRole[] | "none";
interface Access {
  GET: Rule;
  POST: Rule;
}

const coordinatorsOnly = ["coordinator"] as const;
const organisersToo = ["coordinator", "organiser"] as const;

/** The specification, by route file. */
const access: Record<string, Access> = {
  "routes/home.tsx": { GET: "signedIn", POST: "none" },
  "routes/organisations._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/organisations.new.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/organisations.$id.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  "routes/organisations.$id.edit.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  // The organisation picker's search: the names the list page shows anyway.
  "routes/organisations.options.ts": { GET: "signedIn", POST: "none" },
  // The partnership and pilot pickers' searches: the names their list pages show anyway.
  "routes/partnerships.options.ts": { GET: "signedIn", POST: "none" },
  "routes/pilots.options.ts": { GET: "signedIn", POST: "none" },
  "routes/partnerships._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/partnerships.$id.tsx": { GET: "signedIn", POST: "none" },
  "routes/partnerships.$id._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/partnerships.new.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/partnerships.$id.edit.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/partnerships.$id.members.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  "routes/partnerships.$id.objectives.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  "routes/partnerships.$id.funding.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  "routes/partnerships.$id.documents.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  "routes/partnerships.$id.risks.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  // Viewers may not answer health checks: 403 for them.
  "routes/partnerships.$id.health.tsx": {
    GET: "signedIn",
    POST: ["coordinator", "organiser", "municipal_official"],
  },
  "routes/partnerships.$id.history.tsx": { GET: "signedIn", POST: "none" },
  "routes/municipalities._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/municipalities.$id.tsx": { GET: "signedIn", POST: "none" },
  // Officials: only pilots of their municipalities (a forged request elsewhere: 403, see outcomes-page.test.ts).
  "routes/pilots.$id.outcomes.tsx": { GET: "signedIn", POST: ["coordinator", "municipal_official"] },
  // Same scope rule for milestones (forged requests elsewhere: 403, see milestones-routes.test.ts).
  "routes/pilots.$id.milestones.tsx": { GET: "signedIn", POST: ["coordinator", "municipal_official"] },
  // The pilot record: officials only in their municipalities (forged requests elsewhere: 403, see pilots-pages.test.ts).
  "routes/pilots.$id.tsx": { GET: "signedIn", POST: "none" },
  "routes/pilots.$id._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/pilots.$id.edit.tsx": {
    GET: ["coordinator", "municipal_official"],
    POST: ["coordinator", "municipal_official"],
  },
  "routes/pilots.$id.funding.tsx": { GET: "signedIn", POST: ["coordinator", "municipal_official"] },
  "routes/pilots.$id.documents.tsx": { GET: "signedIn", POST: ["coordinator", "municipal_official"] },
  "routes/municipalities.$id.pilots.new.tsx": {
    GET: ["coordinator", "municipal_official"],
    POST: ["coordinator", "municipal_official"],
  },
  // Calendar feeds: no session, the secret token in the URL (a bad one: 404, never data).
  "routes/export.calendar.ts": { GET: "public", POST: "none" },
  // Follow-up action feeds: the same token (see calendar-actions.test.ts).
  "routes/export.action-calendar.ts": { GET: "public", POST: "none" },
  // Events: organisers and coordinators record and edit them (forged requests: 403, see events-routes.test.ts).
  "routes/events._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/events.new.tsx": { GET: organisersToo, POST: organisersToo },
  "routes/events.$id.tsx": { GET: "signedIn", POST: "none" },
  "routes/events.$id._index.tsx": { GET: "signedIn", POST: "none" },
  "routes/events.$id.edit.tsx": { GET: organisersToo, POST: organisersToo },
  "routes/events.$id.participants.tsx": { GET: "signedIn", POST: organisersToo },
  "routes/events.$id.takeaways.tsx": { GET: "signedIn", POST: organisersToo },
  // Follow-up actions: organisers and coordinators edit; users of the owner organisation (not
  // viewers) change the status of its actions (forged requests on others: 403, see actions-routes.test.ts).
  "routes/events.$id.actions.tsx": {
    GET: "signedIn",
    POST: ["coordinator", "organiser", "municipal_official"],
  },
  // The follow-up brief (page and files): everyone signed in; risk details only where the reader may see them.
  "routes/events.$id.brief.tsx": { GET: "signedIn", POST: "none" },
  "routes/export.brief.ts": { GET: "signedIn", POST: "none" },
  "routes/actions.tsx": { GET: "signedIn", POST: ["coordinator", "organiser", "municipal_official"] },
  "routes/export.actions.ts": { GET: ["coordinator", "organiser", "municipal_official"], POST: "none" },
  "routes/network.tsx": { GET: "signedIn", POST: coordinatorsOnly },
  // Import: coordinators only (import:run); an upload is its uploader's own (another's: 404, see import-routes.test.ts).
  "routes/import._index.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/import.$id.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/import.template.ts": { GET: coordinatorsOnly, POST: "none" },
  // Exports need export:run: every role but viewer.
  "routes/export.network.ts": { GET: ["coordinator", "organiser", "municipal_official"], POST: "none" },
  "routes/export.lists.ts": { GET: ["coordinator", "organiser", "municipal_official"], POST: "none" },
  "routes/export.workbook.ts": { GET: ["coordinator", "organiser", "municipal_official"], POST: "none" },
  "routes/export.comparison.ts": { GET: ["coordinator", "organiser", "municipal_official"], POST: "none" },
  "routes/export.audit.ts": { GET: coordinatorsOnly, POST: "none" },
  "routes/export.users.ts": { GET: coordinatorsOnly, POST: "none" },
  "routes/login.tsx": { GET: "public", POST: "public" },
  "routes/logout.ts": { GET: "public", POST: "public" },
  "routes/setup.tsx": { GET: "public", POST: "public" },
  "routes/language.ts": { GET: "public", POST: "public" },
  "routes/healthz.ts": { GET: "public", POST: "none" },
  "routes/not-found.tsx": { GET: "public", POST: "public" },
  "routes/admin.users.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/admin.users.$id.tsx": { GET: coordinatorsOnly, POST: coordinatorsOnly },
  "routes/admin.audit.tsx": { GET: coordinatorsOnly, POST: "none" },
  "routes/account.tsx": { GET: "signedIn", POST: "signedIn" },
  "routes/invite.$token.tsx": { GET: "public", POST: "public" },
  "routes/reset.$token.tsx": { GET: "public", POST: "public" },
};

interface FlatRoute {
  path: string;
  file: string;
}

function flatten(entries: RouteConfigEntry[], prefix = ""): FlatRoute[] {
  return entries.flatMap((entry) => {
    const path = entry.index ? prefix || "/" : `${prefix}/${entry.path ?? ""}`.replace(/\/+/g, "/");
    const own = entry.path !== undefined || entry.index ? [{ path, file: entry.file }] : [];
    return [...own, ...flatten(entry.children ?? [], entry.path !== undefined ? path : prefix)];
  });
}

const database = await testDb();
const db = database.db;
const users: Partial<Record<UserRole, AuthUser>> = {};
for (const role of roles) {
  const user = await createUser(db, { role });
  users[role] = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds: [],
    sessionId: `test-${role}`,
  };
}

/** Sample values for dynamic segments: unknown ids and tokens (a 404 still means "let in"). */
function samplePath(path: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = path.replace(/:(\w+)|\*/g, (_match, name: string | undefined) => {
    const value =
      name === "token" ? "nosuchtokenaaaaaaaaaaaaaaaaaaaaa" : name ? randomUUID() : "no/such/page";
    params[name ?? "*"] = value;
    return value;
  });
  return { url, params };
}

type Outcome = "allowed" | "forbidden" | "login";

async function attempt(route: FlatRoute, method: "GET" | "POST", who: Who): Promise<Outcome> {
  const mod = (await import(/* @vite-ignore */ `../../app/${route.file.replace(/\.tsx?$/, "")}`)) as {
    loader?: (args: unknown) => unknown;
    action?: (args: unknown) => unknown;
  };
  const handler = method === "GET" ? mod.loader : mod.action;
  if (!handler) throw new Error(`${route.file} has no ${method === "GET" ? "loader" : "action"}`);
  const { url, params } = samplePath(route.path);
  const full = new URL(url, "http://localhost");
  const request = new Request(full, {
    method,
    ...(method === "POST"
      ? {
          body: new URLSearchParams({ intent: "probe" }),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }
      : {}),
  });
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, {
    clientIp: `10.9.${everyone.indexOf(who)}.${Math.floor(Math.random() * 250)}`,
    nonce: "",
  });
  if (who !== "anonymous") context.set(userContext, users[who] ?? null);
  let result: unknown;
  try {
    const args = { request, params, context, url: full, pattern: route.path };
    result = await i18nextMiddleware(args as never, async () => (await handler(args)) as Response);
  } catch (thrown) {
    result = thrown;
  }
  return classify(result);
}

function classify(result: unknown): Outcome {
  const response =
    result instanceof Response
      ? { status: result.status, location: result.headers.get("Location") }
      : isDataWithInit(result)
        ? { status: result.init?.status ?? 200, location: new Headers(result.init?.headers).get("Location") }
        : null;
  if (!response) return "allowed";
  if (response.status === 403) return "forbidden";
  if (response.status >= 300 && response.status < 400 && response.location?.startsWith("/login?redirectTo="))
    return "login";
  return "allowed";
}

function isDataWithInit(value: unknown): value is { init: ResponseInit | null } {
  return typeof value === "object" && value !== null && "init" in value && "data" in value;
}

function expected(rule: Rule, who: Who): Outcome {
  if (rule === "public") return "allowed";
  if (who === "anonymous") return "login";
  if (rule === "signedIn") return "allowed";
  return (rule as readonly string[]).includes(who) ? "allowed" : "forbidden";
}

const all = flatten(routes);

describe("route access", () => {
  test("every route in app/routes.ts has an entry in the access table, and no entry is stale", () => {
    expect(all.map((r) => r.file).filter((file) => !(file in access))).toEqual([]);
    expect(Object.keys(access).filter((file) => !all.some((r) => r.file === file))).toEqual([]);
  });

  for (const route of all) {
    const spec = access[route.file];
    if (!spec) continue;
    for (const method of ["GET", "POST"] as const) {
      const rule = spec[method];
      if (rule === "none") {
        test(`${method} ${route.path} has no handler`, async () => {
          const mod = (await import(
            /* @vite-ignore */ `../../app/${route.file.replace(/\.tsx?$/, "")}`
          )) as Record<string, unknown>;
          expect(mod[method === "GET" ? "loader" : "action"]).toBeUndefined();
        });
        continue;
      }
      test(`${method} ${route.path}`, async () => {
        const outcomes: Partial<Record<Who, Outcome>> = {};
        const wanted: Partial<Record<Who, Outcome>> = {};
        for (const who of everyone) {
          outcomes[who] = await attempt(route, method, who);
          wanted[who] = expected(rule, who);
        }
        expect(outcomes).toEqual(wanted);
      });
    }
  }
});
