// The organisation picker: the search behind it (name or acronym, any case, LIKE wildcards taken
// literally, current organisations only, at most 20, one left out on request), its resource route,
// and the pages that stop sending every organisation once there are more than the threshold.
import { count, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, type NewOrganisation } from "~/db/schema";
import {
  memberCandidateChoices,
  ORGANISATION_PICKER_THRESHOLD,
  ORGANISATION_SEARCH_LIMIT,
  organisationChoices,
  organisationLabels,
  searchOrganisationOptions,
  type OrganisationSearch,
} from "~/models/organisation-options.server";
import * as adminUsersRoute from "~/routes/admin.users";
import * as editRoute from "~/routes/organisations.$id.edit";
import * as organisationRoute from "~/routes/organisations.$id";
import * as newRoute from "~/routes/organisations.new";
import * as optionsRoute from "~/routes/organisations.options";
import * as membersRoute from "~/routes/partnerships.$id.members";
import {
  addMember,
  createOrganisation,
  createPartnership,
  createRelationship,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { addFillerOrganisations } from "../helpers/organisation-picker";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, post, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const counting = await countingDb(database);
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
const viewer = authUserOf(await createUser(db, { role: "viewer" }));

const names = async (query: string, options: OrganisationSearch = {}) =>
  (await searchOrganisationOptions(db, query, options)).map((o) => o.name);

const anchor = await createOrganisation(db, { name: "Picker Anchor Council" });
const harbour = await createOrganisation(db, { name: "Zeta Harbour Refugee Service", acronym: "ZHRS" });
const percent = await createOrganisation(db, { name: "Zeta 100% Shelter" });
const underscore = await createOrganisation(db, { name: "Zeta under_score Aid" });
const backslash = await createOrganisation(db, { name: "Zeta back\\slash Aid" });
const plain = await createOrganisation(db, { name: "Zeta 1000 Shelter" });
const archived = await createOrganisation(db, { name: "Zeta Harbour Archived", archivedAt: new Date() });

describe("searching organisations", () => {
  it("matches the name or the acronym, in any case", async () => {
    expect(await names("harbour")).toEqual(["Zeta Harbour Refugee Service"]);
    expect(await names("HARBOUR REFUGEE")).toEqual(["Zeta Harbour Refugee Service"]);
    expect(await names("zhrs")).toEqual(["Zeta Harbour Refugee Service"]);
    // In the database's collation (PGlite's and a server's may differ): compare as sets here.
    expect((await names("zeta")).sort()).toEqual(
      [percent.name, plain.name, backslash.name, harbour.name, underscore.name].sort(),
    );
  });

  it("takes %, _ and \\ literally", async () => {
    expect(await names("100%")).toEqual([percent.name]);
    expect(await names("%")).toEqual([percent.name]);
    expect(await names("r_s")).toEqual([underscore.name]);
    expect(await names("_")).toEqual([underscore.name]);
    expect(await names("k\\s")).toEqual([backslash.name]);
    expect(await names("10_0")).toEqual([]);
  });

  it("leaves archived organisations and the excluded one out", async () => {
    expect(await names("archived")).toEqual([]);
    expect(await names("harbour", { exclude: harbour.id })).toEqual([]);
    // A malformed id to exclude is ignored, not an error.
    expect(await names("harbour", { exclude: "not-a-uuid" })).toEqual([harbour.name]);
    // Labels are found for archived organisations too (a form may still show one).
    expect((await organisationLabels(db, [archived.id, "nope", null])).map((o) => o.name)).toEqual([
      archived.name,
    ]);
  });

  it("for a partnership's add-member form, leaves its members (past ones too) out", async () => {
    const partnership = await createPartnership(db);
    await addMember(db, { partnershipId: partnership.id, organisationId: harbour.id });
    await addMember(db, { partnershipId: partnership.id, organisationId: plain.id, leftOn: "2020-01-01" });
    expect((await names("zeta", { notMemberOf: partnership.id })).sort()).toEqual(
      [percent.name, backslash.name, underscore.name].sort(),
    );
    expect(await names("harbour", { notMemberOf: (await createPartnership(db)).id })).toEqual([harbour.name]);
  });

  it("answers at most 20, the first by name", async () => {
    const many: NewOrganisation[] = Array.from({ length: 25 }, (_, i) => ({
      name: `Quorum Partner ${String(i).padStart(2, "0")}`,
      type: "cso",
      level: "national",
    }));
    await db.insert(organisations).values(many);
    const found = await names("quorum partner");
    expect(ORGANISATION_SEARCH_LIMIT).toBe(20);
    expect(found).toHaveLength(20);
    expect(found[0]).toBe("Quorum Partner 00");
    expect(found[19]).toBe("Quorum Partner 19");
    expect(await names("quorum", { limit: 1000 })).toHaveLength(20);
  });
});

describe("GET /organisations/options", () => {
  it("sends a signed-out request to the login page", async () => {
    const outcome = await callRoute(db, optionsRoute.loader, get("/organisations/options?q=zeta"), null, {});
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toMatch(/^\/login/);
  });

  it("answers anyone signed in with JSON matches", async () => {
    const outcome = await callRoute(
      db,
      optionsRoute.loader,
      get(`/organisations/options?q=ZHRS&exclude=${anchor.id}`),
      viewer,
      {},
    );
    expect(outcome.status).toBe(200);
    expect(outcome.response?.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await outcome.response?.json()).toEqual({
      options: [{ id: harbour.id, name: harbour.name, acronym: "ZHRS" }],
    });
    const excluded = await callRoute(
      db,
      optionsRoute.loader,
      get(`/organisations/options?q=ZHRS&exclude=${harbour.id}`),
      viewer,
      {},
    );
    expect(await excluded.response?.json()).toEqual({ options: [] });
    const partnership = await createPartnership(db);
    await addMember(db, { partnershipId: partnership.id, organisationId: harbour.id });
    const members = await callRoute(
      db,
      optionsRoute.loader,
      get(`/organisations/options?q=ZHRS&partnership=${partnership.id}`),
      viewer,
      {},
    );
    expect(await members.response?.json()).toEqual({ options: [] });
  });
});

/** memberCandidateChoices and the number of queries it ran. */
async function candidatesCounted(partnershipId: string, known: (string | null)[] = []) {
  counting.reset();
  const choices = await memberCandidateChoices(counting.db, partnershipId, known);
  return { choices, queries: counting.count(), sql: counting.queries().join("\n") };
}

const candidateIds = (choices: Awaited<ReturnType<typeof memberCandidateChoices>>) =>
  choices.mode === "select" ? choices.options.map((o) => o.id) : null;

// A partnership with a current member (harbour) and a past one (plain): neither is a candidate.
const membered = await createPartnership(db);
await addMember(db, { partnershipId: membered.id, organisationId: harbour.id });
await addMember(db, { partnershipId: membered.id, organisationId: plain.id, leftOn: "2020-01-01" });

/** What the organisation page's loader hands to its relationship forms. */
async function pageChoices(id: string) {
  const outcome = await callRoute(db, organisationRoute.loader, get(`/organisations/${id}`), coordinator, {
    id,
  });
  expect(outcome.status).toBe(200);
  return outcome.body as Awaited<ReturnType<typeof organisationRoute.loader>>;
}

describe("the forms' organisation choices, by the number of organisations", () => {
  it("below the threshold: every other organisation, as today's <select>", async () => {
    const page = await pageChoices(anchor.id);
    expect(page.organisationChoices.mode).toBe("select");
    const options = page.organisationChoices.mode === "select" ? page.organisationChoices.options : [];
    expect(options.map((o) => o.id)).toContain(harbour.id);
    expect(options.map((o) => o.id)).not.toContain(anchor.id);
    expect(options.map((o) => o.id)).not.toContain(archived.id);
    const html = await renderPage(organisationRoute.default, `/organisations/${anchor.id}`, page);
    expect(html).toContain(`<option value="${harbour.id}">`);
    expect(html).not.toContain('role="combobox"');
  });

  it("below it, up to exactly the threshold: the add-member form lists the never-members, in one query", async () => {
    const below = await candidatesCounted(membered.id);
    expect(below.queries, below.sql).toBe(1);
    expect(candidateIds(below.choices)).toEqual(
      expect.arrayContaining([anchor.id, percent.id, backslash.id]),
    );
    for (const id of [harbour.id, plain.id, archived.id])
      expect(candidateIds(below.choices)).not.toContain(id);
    const single = await candidatesCounted(membered.id);
    expect(single.choices).toEqual(below.choices);

    // Exactly the threshold of current organisations (members included): still a list.
    const [row] = await db.select({ n: count() }).from(organisations).where(isNull(organisations.archivedAt));
    const missing = ORGANISATION_PICKER_THRESHOLD - (row?.n ?? 0);
    expect(missing).toBeGreaterThan(0);
    await db.insert(organisations).values(
      Array.from({ length: missing }, (_, i) => ({
        name: `Boundary Organisation ${String(i).padStart(3, "0")}`,
        type: "cso" as const,
        level: "national" as const,
      })),
    );
    const at = await candidatesCounted(membered.id);
    expect(at.queries, at.sql).toBe(1);
    expect(candidateIds(at.choices)).toHaveLength(ORGANISATION_PICKER_THRESHOLD - 2);
    expect(candidateIds(at.choices)).not.toContain(harbour.id);
  });

  it("above it: no list at all, and a combobox that names the organisations the forms hold", async () => {
    await addFillerOrganisations(db);
    await createRelationship(db, {
      fromOrganisationId: anchor.id,
      toOrganisationId: harbour.id,
      type: "funds",
    });

    const page = await pageChoices(anchor.id);
    expect(page.organisationChoices).toEqual({ mode: "search", known: [] });
    expect(JSON.stringify(page)).not.toContain("Filler Organisation");
    const html = await renderPage(organisationRoute.default, `/organisations/${anchor.id}`, page);
    expect(html).not.toMatch(/<option value="[0-9a-f]{8}-/);
    expect(html).not.toContain("Filler Organisation");
    // The add form and the relationship's edit form: one combobox each, the latter naming harbour.
    expect(html.match(/role="combobox"/g)).toHaveLength(2);
    expect(html).toContain('aria-autocomplete="list"');
    expect(html).toContain(`value="${harbour.id}"`);
    expect(html).toContain(`value="Zeta Harbour Refugee Service (ZHRS)"`);
  });

  it("above it: a refused relationship form keeps the picked organisation's name", async () => {
    const outcome = await callRoute(
      db,
      organisationRoute.action,
      post(`/organisations/${anchor.id}`, {
        intent: "addRelationship",
        otherOrganisationId: percent.id,
        type: "funds",
        direction: "outgoing",
        startsOn: "2030-01-01",
        endsOn: "2020-01-01",
      }),
      coordinator,
      { id: anchor.id },
    );
    expect(outcome.status).toBe(400);
    const answer = outcome.body as { chosen: { id: string; name: string }[] };
    expect(answer.chosen.map((o) => o.name)).toEqual([percent.name]);
    const page = await pageChoices(anchor.id);
    const html = await renderPage(organisationRoute.default, `/organisations/${anchor.id}`, page, answer);
    expect(html).toContain(`value="${percent.id}"`);
    expect(html).toContain(`value="${percent.name}"`);
  });

  it("above it: the other forms send no list either, and name the value they hold", async () => {
    const child = await createOrganisation(db, {
      name: "Zeta Child Office",
      parentOrganisationId: harbour.id,
    });
    const edit = await callRoute(db, editRoute.loader, get(`/organisations/${child.id}/edit`), coordinator, {
      id: child.id,
    });
    expect((edit.body as { organisations: unknown }).organisations).toEqual({
      mode: "search",
      known: [{ id: harbour.id, name: harbour.name, acronym: "ZHRS" }],
    });
    const created = await callRoute(db, newRoute.loader, get("/organisations/new"), coordinator, {});
    expect((created.body as { organisations: unknown }).organisations).toEqual({ mode: "search", known: [] });
    const partnership = await createPartnership(db);
    const members = await callRoute(
      db,
      membersRoute.loader,
      get(`/partnerships/${partnership.id}/members`),
      coordinator,
      { id: partnership.id },
    );
    expect((members.body as { candidates: unknown }).candidates).toEqual({ mode: "search", known: [] });
    const users = await callRoute(db, adminUsersRoute.loader, get("/admin/users"), coordinator, {});
    expect((users.body as { organisations: unknown }).organisations).toEqual({ mode: "search", known: [] });
    expect(await organisationChoices(db, { known: [harbour.id] })).toEqual({
      mode: "search",
      known: [{ id: harbour.id, name: harbour.name, acronym: "ZHRS" }],
    });
  });

  it("above it: the add-member form decides in one query; a second only names what the form holds", async () => {
    const bare = await candidatesCounted(membered.id, [null, "nope"]);
    expect(bare.choices).toEqual({ mode: "search", known: [] });
    expect(bare.queries, bare.sql).toBe(1);
    const named = await candidatesCounted(membered.id, [percent.id]);
    expect(named.choices).toEqual({
      mode: "search",
      known: [{ id: percent.id, name: percent.name, acronym: null }],
    });
    expect(named.queries, named.sql).toBe(2);
  });
});
