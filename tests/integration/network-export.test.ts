// The network exports through their route (permission, filters from the query string, headers,
// language), on the demo data: the GEXF parsed back holds the same organisations and edges as the
// JSON export; a filter applies; CSV headers follow the user's language; a large partnership
// (LARGE_PARTNERSHIP_FROM members) is exported as a partnership node with membership edges.
import { MultiGraph } from "graphology";
import { parse } from "graphology-gexf";
import { RouterContextProvider } from "react-router";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { organisations, type Organisation } from "~/db/schema";
import { dbContext } from "~/db/context";
import { seedDemo } from "~/db/seed/demo.server";
import type { NetworkJson } from "~/lib/network/export";
import { i18nextMiddleware, localeCookie } from "~/middleware/i18next";
import { resetLayoutCache, resetSnapshotCache } from "~/models/network.server";
import * as exportRoute from "~/routes/export.network";
import { addMember, createOrganisation, createPartnership, createUser } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();
/** Exports need export:run: an organiser has it, a viewer does not. */
let organiser: AuthUser;
let viewer: AuthUser;

async function authUser(role: "organiser" | "viewer"): Promise<AuthUser> {
  const user = await createUser(db, { role });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: null,
    // No preference: the tests choose the language with the cookie (decision 0026).
    locale: null,
    municipalityIds: [],
    sessionId: "test",
  };
}

beforeAll(async () => {
  await seedDemo(db);
  organiser = await authUser("organiser");
  viewer = await authUser("viewer");
});

beforeEach(() => {
  resetSnapshotCache();
  resetLayoutCache();
});

async function get(path: string, options: { user?: AuthUser | null; language?: "en" | "fr" } = {}) {
  const url = new URL(path, "http://localhost");
  const headers = new Headers();
  if (options.language) headers.set("Cookie", await localeCookie.serialize(options.language));
  const request = new Request(url, { headers });
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.9", nonce: "" });
  const user = options.user === undefined ? organiser : options.user;
  if (user) context.set(userContext, user);
  const args = { request, params: {}, context, url, pattern: url.pathname };
  let result: unknown;
  try {
    result = await i18nextMiddleware(args as never, async () => exportRoute.loader(args as never));
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return result;
  throw result instanceof Error ? result : new Error("the loader answered no Response");
}

/** The body as sent: Response.text() would drop the byte-order mark. */
async function rawText(response: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

function edgeKeys(json: NetworkJson): string[] {
  return json.edges
    .map((e) =>
      e.kind === "shared"
        ? `shared:${e.source}:${e.target}:${e.weight}`
        : e.kind === "membership"
          ? `member:${e.source}:${e.target}:${e.role}`
          : `rel:${e.id}:${e.source}:${e.target}:${e.type}`,
    )
    .sort();
}

describe("network exports", () => {
  test("GEXF parsed back holds the same organisations and edges as the JSON export", async () => {
    const gexfResponse = await get("/export/network.gexf");
    expect(gexfResponse.status).toBe(200);
    expect(gexfResponse.headers.get("Content-Type")).toMatch(/^application\/gexf\+xml/);
    expect(gexfResponse.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="trellis-network-\d{4}-\d{2}-\d{2}\.gexf"$/,
    );
    const jsonResponse = await get("/export/network.json");
    expect(jsonResponse.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(jsonResponse.headers.get("Content-Disposition")).toMatch(/\.json"$/);
    const json = (await jsonResponse.json()) as NetworkJson;

    const all = await db.select({ id: organisations.id }).from(organisations);
    expect(json.nodes.filter((n) => n.kind === "organisation").length).toBe(all.length);
    expect(json.edges.length).toBeGreaterThan(10);
    expect(json.edges.some((e) => e.kind === "relationship")).toBe(true);

    const graph = parse(MultiGraph, await gexfResponse.text());
    expect(graph.nodes().sort()).toEqual(json.nodes.map((n) => n.id).sort());
    const fromGexf = graph
      .mapEdges((key, attributes, source, target, _sa, _ta, undirected) => {
        const a = attributes as Record<string, unknown>;
        return a.kind === "shared"
          ? { key: `shared:${[source, target].sort().join(":")}:${Number(a.weight)}`, undirected }
          : a.kind === "membership"
            ? { key: `member:${source}:${target}:${String(a.role)}`, undirected }
            : { key: `rel:${key.replace(/^r:/, "")}:${source}:${target}:${String(a.type)}`, undirected };
      })
      .map(({ key, undirected }) => {
        // Shared edges are undirected, relationships and memberships directed.
        expect(undirected).toBe(key.startsWith("shared:"));
        return key;
      })
      .sort();
    expect(fromGexf).toEqual(edgeKeys(json));
    // Attributes survive: names and positions.
    const first = json.nodes[0];
    if (first?.kind !== "organisation") throw new Error("no organisation node");
    expect(graph.getNodeAttribute(first.id, "name")).toBe(first.name);
    expect(graph.getNodeAttribute(first.id, "type")).toBe(first.type);
  });

  test("filters from the query string apply: country=NL gives only Dutch organisations", async () => {
    const response = await get("/export/network.json?country=NL");
    const json = (await response.json()) as NetworkJson;
    expect(json.nodes.length).toBeGreaterThan(3);
    expect(json.nodes.every((n) => n.countryCode === "NL")).toBe(true);
    const ids = new Set(json.nodes.map((n) => n.id));
    expect(json.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    const everything = (await (await get("/export/network.json")).json()) as NetworkJson;
    expect(json.nodes.length).toBeLessThan(everything.nodes.length);

    const gexf = parse(MultiGraph, await (await get("/export/network.gexf?country=NL")).text());
    expect(gexf.order).toBe(json.nodes.length);
  });

  test("CSV: headers in the user's language, RFC 4180 with a BOM", async () => {
    const en = await get("/export/network.nodes.csv");
    expect(en.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(en.headers.get("Content-Disposition")).toMatch(/\.nodes\.csv"$/);
    const enText = await rawText(en);
    expect(
      enText.startsWith(
        "\uFEFFId,Kind,Name,Acronym,Type,Level,Country,Links,Partnerships,Betweenness,Status,Trust index\r\n",
      ),
    ).toBe(true);

    const fr = await get("/export/network.nodes.csv", { language: "fr" });
    const frText = await rawText(fr);
    expect(
      frText.startsWith(
        "\uFEFFIdentifiant,Nature,Nom,Sigle,Type,Niveau,Pays,Liens,Partenariats,Intermédiarité,Statut,Indice de confiance\r\n",
      ),
    ).toBe(true);
    expect(frText.split("\r\n").length).toBe(enText.split("\r\n").length);
    // Types are translated too.
    expect(frText).toMatch(/Autorité|autorité/);

    const edgesFr = await rawText(await get("/export/network.edges.csv", { language: "fr" }));
    expect(edgesFr.split("\r\n")[0]).toContain("Partenariats communs");
    expect(edgesFr).toContain("Partenariat commun");
  });

  test("signed-in users with export:run only: anonymous goes to login, a viewer gets 403", async () => {
    const anonymous = await get("/export/network.json", { user: null });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    for (const format of ["gexf", "json", "nodes.csv", "edges.csv"]) {
      expect((await get(`/export/network.${format}`, { user: viewer })).status).toBe(403);
    }
    expect((await get("/export/network.json", { user: organiser })).status).toBe(200);
  });

  test("a 12-member partnership is a partnership node with 12 membership edges; an 11-member one gives shared edges", async () => {
    // Iceland: no demo organisation there, so ?country=IS selects these only.
    const bigMembers: Organisation[] = [];
    for (let i = 0; i < 12; i++)
      bigMembers.push(await createOrganisation(db, { countryCode: "IS", name: `Big ${i}` }));
    const smallMembers: Organisation[] = [];
    for (let i = 0; i < 11; i++)
      smallMembers.push(await createOrganisation(db, { countryCode: "IS", name: `Small ${i}` }));
    const big = await createPartnership(db, { name: "Big alliance", countryCode: "IS", status: "active" });
    const small = await createPartnership(db, { name: "Small pact", countryCode: "IS", status: "forming" });
    for (const [i, o] of bigMembers.entries())
      await addMember(db, {
        partnershipId: big.id,
        organisationId: o.id,
        role: i === 0 ? "lead" : "partner",
      });
    for (const [i, o] of smallMembers.entries())
      await addMember(db, {
        partnershipId: small.id,
        organisationId: o.id,
        role: i === 0 ? "lead" : "partner",
      });
    resetSnapshotCache();
    resetLayoutCache();
    const hubId = `p:${big.id}`;
    const bigIds = bigMembers.map((o) => o.id).sort();

    const json = (await (await get("/export/network.json?country=IS")).json()) as NetworkJson;
    expect(json.nodes.filter((n) => n.kind === "organisation")).toHaveLength(23);
    const hubs = json.nodes.filter((n) => n.kind === "partnership");
    expect(hubs).toHaveLength(1);
    expect(hubs[0]).toMatchObject({
      id: hubId,
      partnershipId: big.id,
      name: "Big alliance",
      status: "active",
      degree: 12,
    });
    const memberships = json.edges.filter((e) => e.kind === "membership");
    expect(memberships).toHaveLength(12);
    expect(memberships.every((e) => e.target === hubId)).toBe(true);
    expect(memberships.map((e) => e.source).sort()).toEqual(bigIds);
    expect(memberships.find((e) => e.source === bigMembers[0]!.id)?.role).toBe("lead");
    const shared = json.edges.filter((e) => e.kind === "shared");
    expect(shared).toHaveLength(55);
    expect(shared.every((e) => e.kind === "shared" && e.partnershipIds.join() === small.id)).toBe(true);
    // Degrees count the large partnership's members (organisationDegrees).
    for (const n of json.nodes) {
      if (n.kind === "organisation") expect(n.degree).toBe(n.name.startsWith("Big") ? 11 : 10);
    }

    const graph = parse(MultiGraph, await (await get("/export/network.gexf?country=IS")).text());
    expect(graph.order).toBe(24);
    expect(graph.filterNodes((_n, a) => a.kind === "partnership")).toEqual([hubId]);
    expect(graph.getNodeAttributes(hubId)).toMatchObject({
      kind: "partnership",
      name: "Big alliance",
      status: "active",
    });
    const gexfMemberships = graph.filterEdges((_e, a) => a.kind === "membership");
    expect(gexfMemberships).toHaveLength(12);
    expect(gexfMemberships.every((e) => graph.isDirected(e) && graph.target(e) === hubId)).toBe(true);
    expect(gexfMemberships.map((e) => graph.source(e)).sort()).toEqual(bigIds);
    expect(graph.filterEdges((_e, a) => a.kind === "shared")).toHaveLength(55);
    expect(graph.getNodeAttribute(bigMembers[3]!.id, "degree")).toBe(11);

    const nodesText = await rawText(await get("/export/network.nodes.csv?country=IS"));
    const nodeLines = nodesText.slice(1).split("\r\n").filter(Boolean);
    expect(nodeLines).toHaveLength(1 + 23 + 1);
    expect(nodeLines.filter((l) => l.split(",")[1] === "Partnership")).toEqual([
      `${hubId},Partnership,Big alliance,,,,IS,12,,,Active,`,
    ]);
    expect(nodeLines.filter((l) => l.split(",")[1] === "Organisation")).toHaveLength(23);

    const edgesText = await rawText(await get("/export/network.edges.csv?country=IS", { language: "fr" }));
    const edgeLines = edgesText.slice(1).split("\r\n").filter(Boolean);
    expect(edgeLines[0]!.split(",").at(-1)).toBe("Rôle");
    const membershipLines = edgeLines.filter((l) => l.startsWith("Adhésion,"));
    expect(membershipLines).toHaveLength(12);
    expect(membershipLines.every((l) => l.split(",")[3] === hubId)).toBe(true);
    expect(membershipLines.map((l) => l.split(",").at(-1)).sort()).toEqual([
      "Chef de file",
      ...Array<string>(11).fill("Partenaire"),
    ]);
    expect(edgeLines.filter((l) => l.startsWith("Partenariat commun,"))).toHaveLength(55);
  });
});
