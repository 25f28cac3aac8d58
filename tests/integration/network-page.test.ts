// The /network route end to end on a real database: the loader's map and table modes, and the
// layout action (save, stale version, unreadable positions, re-layout) as the page posts them.
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import type { UserRole } from "~/lib/enums";
import { i18nextMiddleware } from "~/middleware/i18next";
import { resetLayoutCache } from "~/models/network.server";
import { action, loader } from "~/routes/network";
import { addMember, createEvent, createOrganisation, createPartnership, createUser } from "../factories";
import { testDb } from "../helpers/db";

const database = await testDb();
const db = database.db;

async function authUser(role: UserRole): Promise<AuthUser> {
  const user = await createUser(db, { role });
  return {
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

function contextFor(user: AuthUser) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "10.8.0.1", nonce: "" });
  context.set(userContext, user);
  return context;
}

async function load(user: AuthUser, query = "") {
  const url = new URL(`http://localhost/network${query}`);
  const request = new Request(url);
  const args = { request, params: {}, context: contextFor(user), url, pattern: "/network" };
  return i18nextMiddleware(
    args as never,
    async () => (await loader(args as never)) as never,
  ) as unknown as ReturnType<typeof loader>;
}

interface Posted {
  status: number;
  body: { ok: boolean; intent: string | null; error: string | null };
}

async function post(user: AuthUser, fields: Record<string, string>): Promise<Posted> {
  const url = new URL("http://localhost/network");
  const request = new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const args = { request, params: {}, context: contextFor(user), url, pattern: "/network" };
  const result = (await i18nextMiddleware(
    args as never,
    async () => (await action(args as never)) as never,
  )) as unknown as {
    data: Posted["body"];
    init: ResponseInit | null;
  };
  return { status: result.init?.status ?? 200, body: result.data };
}

let coordinator: AuthUser;
let viewer: AuthUser;
let alpha: string;
let beta: string;
let gamma: string;

beforeAll(async () => {
  coordinator = await authUser("coordinator");
  viewer = await authUser("viewer");
  alpha = (await createOrganisation(db, { name: "Alpha network org", countryCode: "NL" })).id;
  beta = (await createOrganisation(db, { name: "Beta network org", countryCode: "BE" })).id;
  gamma = (await createOrganisation(db, { name: "Gamma network org", countryCode: "NL" })).id;
  const partnership = await createPartnership(db, { name: "Shared desk" });
  await addMember(db, { partnershipId: partnership.id, organisationId: alpha });
  await addMember(db, { partnershipId: partnership.id, organisationId: beta });
  resetLayoutCache();
});

describe("the network page's loader", () => {
  test("map mode: every organisation a node, the shared partnership an edge, the partnership a choice", async () => {
    const data = await load(viewer);
    expect(data.mode).toBe("map");
    expect(data.canEditLayout).toBe(false);
    const view = data.view;
    if (!view) throw new Error("no view");
    const ids = view.nodes.filter((n) => n.kind === "organisation").map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([alpha, beta, gamma]));
    expect(
      view.edges.some(
        (e) => e.kind === "shared" && [e.source, e.target].sort().join() === [alpha, beta].sort().join(),
      ),
    ).toBe(true);
    expect(data.partnerships.map((p) => p.name)).toContain("Shared desk");
    expect(data.countries).toEqual(expect.arrayContaining(["BE", "NL"]));
    // The browser gets what the map draws: an edge's weight, not the ids of its partnerships.
    const shared = view.edges.find((e) => e.kind === "shared");
    expect(shared).toMatchObject({ weight: 1, dashed: false, highlighted: false });
    expect(view.edges.every((e) => !("partnershipIds" in e))).toBe(true);
  });

  test("events are offered for 'changes since', latest first, and an event sets the date", async () => {
    const older = await createEvent(db, {
      title: "Older seminar",
      startsOn: "2023-03-01",
      endsOn: "2023-03-02",
    });
    const newer = await createEvent(db, { title: "Newer seminar", startsOn: "2024-05-01" });
    await createEvent(db, { title: "Archived seminar", startsOn: "2024-06-01", archivedAt: new Date() });
    const data = await load(viewer, `?sinceEvent=${older.id}`);
    const titles = data.events.map((e) => e.title);
    expect(titles.indexOf("Newer seminar")).toBeLessThan(titles.indexOf("Older seminar"));
    expect(titles).not.toContain("Archived seminar");
    expect(data.events.find((e) => e.id === newer.id)?.startsOn).toBe("2024-05-01");
    expect(data.view?.changes?.since).toBe("2023-03-02");
  });

  test("filters come from the URL, and their errors are reported by field", async () => {
    const data = await load(viewer, "?country=NL&asOf=2024-02-30");
    const ids = data.view?.nodes.map((n) => n.id) ?? [];
    expect(ids).toContain(alpha);
    expect(ids).not.toContain(beta);
    expect(data.errors.asOf).toBe("network.filters.errors.asOf");
  });

  test("table mode: the same organisations, sorted, with the names of the edges' organisations", async () => {
    const data = await load(coordinator, "?view=table&sort=name&dir=desc");
    expect(data.mode).toBe("table");
    expect(data.canEditLayout).toBe(true);
    const table = data.table;
    if (!table) throw new Error("no table");
    const names = table.rows.map((row) => row.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, "en")));
    expect(names).toEqual(
      expect.arrayContaining(["Alpha network org", "Beta network org", "Gamma network org"]),
    );
    const shared = table.edges.rows.find((e) => [e.source, e.target].includes(alpha));
    expect(shared && data.names[shared.source]).toBeTruthy();
    expect(Object.values(data.names)).toEqual(
      expect.arrayContaining(["Alpha network org", "Beta network org"]),
    );
  });
});

describe("the network page's layout action", () => {
  test("a coordinator saves positions; the map then draws the node there; a stale version is refused", async () => {
    const first = await post(coordinator, {
      intent: "save-layout",
      positions: JSON.stringify({ [alpha]: { x: 1234, y: -567 } }),
      version: "",
    });
    expect(first).toEqual({ status: 200, body: { ok: true, intent: "save-layout", error: null } });

    const data = await load(viewer);
    const node = data.view?.nodes.find((n) => n.id === alpha);
    expect(node && { x: node.x, y: node.y }).toEqual({ x: 1234, y: -567 });
    expect(data.view?.layout.saved).toBe(true);
    const version = data.view?.layout.version;
    expect(typeof version).toBe("number");

    // Someone saved since "version = null" was read: refused, nothing overwritten.
    const stale = await post(coordinator, {
      intent: "save-layout",
      positions: JSON.stringify({ [alpha]: { x: 1, y: 1 } }),
      version: "",
    });
    expect(stale).toEqual({ status: 409, body: { ok: false, intent: "save-layout", error: "stale" } });

    const second = await post(coordinator, {
      intent: "save-layout",
      positions: JSON.stringify({ [beta]: { x: 10, y: 20 } }),
      version: String(version),
    });
    expect(second.body.ok).toBe(true);
    const after = await load(viewer);
    expect(after.view?.nodes.find((n) => n.id === alpha)).toMatchObject({ x: 1234, y: -567 });
    expect(after.view?.nodes.find((n) => n.id === beta)).toMatchObject({ x: 10, y: 20 });
  });

  test("unreadable positions and unknown intents are refused with 400", async () => {
    for (const positions of ["not json", "[]", "{}", JSON.stringify({ [alpha]: { x: "1", y: 2 } })]) {
      const answer = await post(coordinator, { intent: "save-layout", positions, version: "" });
      expect(answer, positions).toEqual({
        status: 400,
        body: { ok: false, intent: "save-layout", error: "invalid" },
      });
    }
    expect((await post(coordinator, { intent: "nonsense" })).status).toBe(400);
  });

  test("re-layout drops the saved positions", async () => {
    expect((await post(coordinator, { intent: "relayout" })).body).toEqual({
      ok: true,
      intent: "relayout",
      error: null,
    });
    const data = await load(viewer);
    expect(data.view?.layout.saved).toBe(false);
    expect(data.view?.nodes.find((n) => n.id === alpha)).not.toMatchObject({ x: 1234, y: -567 });
  });

  test("a viewer may not save a layout", async () => {
    let thrown: unknown;
    try {
      await post(viewer, { intent: "relayout" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
  });
});
