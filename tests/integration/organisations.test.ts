// Organisations and their direct relationships: the models against a real database (PGlite, or
// PostgreSQL with DATABASE_URL), and the routes called with a RouterContextProvider of our own.
import { and, asc, count, eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { describe, expect, it } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { auditLog, organisations, relationships, type User } from "~/db/schema";
import { i18nextMiddleware } from "~/middleware/i18next";
import {
  createOrganisation,
  escapeLike,
  listOrganisations,
  setOrganisationArchived,
  updateOrganisation,
} from "~/models/organisations.server";
import { organisationPage } from "~/models/organisation-page.server";
import { addRelationship, archiveRelationship, updateRelationship } from "~/models/relationships.server";
import * as organisationRoute from "~/routes/organisations.$id";
import * as editRoute from "~/routes/organisations.$id.edit";
import * as listRoute from "~/routes/organisations._index";
import * as newRoute from "~/routes/organisations.new";
import {
  addMember,
  createFollowUpAction,
  createOrganisation as makeOrganisation,
  createPartnership,
  createRisk,
  createUser,
  nextSeq,
} from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

const coordinator = await createUser(db, { role: "coordinator" });
const actor = { id: coordinator.id };

function authUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: user.locale,
    municipalityIds: [],
    sessionId: "no-session",
  };
}

/** A word no other test uses, to search for. */
function token(): string {
  return `Zq${nextSeq()}x${Math.random().toString(36).slice(2, 7)}`;
}

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));
}

const fields = (overrides: Partial<Parameters<typeof createOrganisation>[2]> = {}) => ({
  name: `Organisation ${token()}`,
  type: "cso" as const,
  level: "national" as const,
  countryCode: "NL",
  ...overrides,
});

const page = (n = 1, pageSize = 25) => ({ page: n, pageSize });

// --- the list ---------------------------------------------------------------------------------

describe("listOrganisations", () => {
  it("searches name and acronym without case, and % and _ match only themselves", async () => {
    const word = token();
    const a = await makeOrganisation(db, { name: `Alpha ${word}` });
    const b = await makeOrganisation(db, { name: "Something else", acronym: word.toUpperCase() });
    await makeOrganisation(db, { name: `Gamma 100% ${word}` });
    const found = await listOrganisations(db, page(), { q: word.toLowerCase() });
    expect(found.items.map((o) => o.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(found.total).toBe(3);
    expect((await listOrganisations(db, page(), { q: `100%` })).items.map((o) => o.name)).toContain(
      `Gamma 100% ${word}`,
    );
    // "%" alone would match every name if it were not escaped.
    const percent = await listOrganisations(db, page(), { q: `%${word}` });
    expect(percent.total).toBe(0);
    expect(escapeLike("a_b%c\\")).toBe("a\\_b\\%c\\\\");
  });

  it("filters by type, level and country, and counts per type across the other filters", async () => {
    const word = token();
    await makeOrganisation(db, { name: `${word} one`, type: "cso", level: "local", countryCode: "BE" });
    await makeOrganisation(db, { name: `${word} two`, type: "cso", level: "national", countryCode: "BE" });
    await makeOrganisation(db, { name: `${word} three`, type: "funder", level: "local", countryCode: "BE" });
    await makeOrganisation(db, { name: `${word} four`, type: "cso", level: "local", countryCode: "NL" });
    const local = await listOrganisations(db, page(), { q: word, level: "local", country: "BE" });
    expect(local.items.map((o) => o.name).sort()).toEqual([`${word} one`, `${word} three`]);
    expect(local.typeCounts).toEqual({ cso: 1, funder: 1 });
    const csoLocal = await listOrganisations(db, page(), { q: word, level: "local", type: "cso" });
    expect(csoLocal.total).toBe(2);
    // The type hints ignore the type filter itself.
    expect(csoLocal.typeCounts).toEqual({ cso: 2, funder: 1 });
  });

  it("sorts by name, type, country and partnerships count, both ways, and pages by 25", async () => {
    const word = token();
    const made = [];
    for (let i = 0; i < 27; i++) {
      made.push(
        await makeOrganisation(db, {
          name: `${word} ${String(i).padStart(2, "0")}`,
          type: i % 2 === 0 ? "cso" : "funder",
          countryCode: i === 0 ? null : i % 3 === 0 ? "DE" : "FR",
        }),
      );
    }
    const busy = made[5]!;
    for (let i = 0; i < 2; i++) await addMember(db, { organisationId: busy.id });
    await addMember(db, { organisationId: made[6]!.id });

    const first = await listOrganisations(db, page(1), { q: word, sort: "name", dir: "asc" });
    expect(first.items).toHaveLength(25);
    expect(first.pages).toBe(2);
    expect(first.items[0]!.name).toBe(`${word} 00`);
    const second = await listOrganisations(db, page(2), { q: word, sort: "name", dir: "asc" });
    expect(second.items.map((o) => o.name)).toEqual([`${word} 25`, `${word} 26`]);

    const desc = await listOrganisations(db, page(), { q: word, sort: "name", dir: "desc" });
    expect(desc.items[0]!.name).toBe(`${word} 26`);

    const byPartnerships = await listOrganisations(db, page(), {
      q: word,
      sort: "partnerships",
      dir: "desc",
    });
    expect(byPartnerships.items.slice(0, 2).map((o) => [o.id, o.partnershipsCount])).toEqual([
      [busy.id, 2],
      [made[6]!.id, 1],
    ]);

    const byCountry = await listOrganisations(db, page(2), { q: word, sort: "country", dir: "asc" });
    // International (no country) comes last.
    expect(byCountry.items.at(-1)!.countryCode).toBeNull();
    const firstByCountry = await listOrganisations(db, page(), { q: word, sort: "country", dir: "asc" });
    expect(firstByCountry.items[0]!.countryCode).toBe("DE");

    const byType = await listOrganisations(db, page(), { q: word, sort: "type", dir: "desc" });
    expect(byType.items[0]!.type).toBe("funder");
  });

  it("hides archived organisations unless asked for them", async () => {
    const word = token();
    const current = await makeOrganisation(db, { name: `${word} current` });
    const archived = await makeOrganisation(db, { name: `${word} archived`, archivedAt: new Date() });
    expect((await listOrganisations(db, page(), { q: word })).items.map((o) => o.id)).toEqual([current.id]);
    expect((await listOrganisations(db, page(), { q: word, archived: true })).items.map((o) => o.id)).toEqual(
      [archived.id],
    );
  });
});

// --- create, edit, archive, restore ---------------------------------------------------------------

describe("organisation changes", () => {
  it("creates with its audit entry", async () => {
    const outcome = await createOrganisation(
      db,
      actor,
      fields({ acronym: "", website: "https://example.org" }),
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.organisation).toMatchObject({ acronym: null, website: "https://example.org", version: 1 });
    const audit = await auditOf(outcome.organisation.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", entityType: "organisation", userId: coordinator.id });
  });

  it("flags a similar name in the same country and stores nothing until confirmed", async () => {
    const word = token();
    const existing = await makeOrganisation(db, { name: `Gemeente ${word}`, countryCode: "NL" });
    const before = await db.select({ n: count() }).from(organisations);
    const flagged = await createOrganisation(
      db,
      actor,
      fields({ name: `City of ${word}`, countryCode: "NL" }),
    );
    expect(flagged).toMatchObject({ ok: false, reason: "duplicate" });
    if (!flagged.ok && flagged.reason === "duplicate") {
      expect(flagged.similar.map((o) => o.id)).toEqual([existing.id]);
    }
    expect(await db.select({ n: count() }).from(organisations)).toEqual(before);

    // Another country: no flag.
    const elsewhere = await createOrganisation(
      db,
      actor,
      fields({ name: `City of ${word}`, countryCode: "BE" }),
    );
    expect(elsewhere.ok).toBe(true);

    const confirmed = await createOrganisation(
      db,
      actor,
      fields({ name: `City of ${word}`, countryCode: "NL" }),
      {
        confirmDuplicate: true,
      },
    );
    expect(confirmed.ok).toBe(true);
  });

  it("refuses unknown references and a parent that is itself", async () => {
    const unknown = await createOrganisation(
      db,
      actor,
      fields({ parentOrganisationId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown).toEqual({ ok: false, reason: "unknownParent" });
    const made = await makeOrganisation(db);
    const self = await updateOrganisation(db, actor, made.id, {
      ...fields(),
      parentOrganisationId: made.id,
      version: made.version,
    });
    expect(self).toEqual({ ok: false, reason: "parentSelf" });
  });

  it("updates with the version read; a stale version is refused with the current values, nothing written", async () => {
    const made = await makeOrganisation(db, { name: `Before ${token()}` });
    const name = `After ${token()}`;
    const updated = await updateOrganisation(db, actor, made.id, { ...fields({ name }), version: 1 });
    if (!updated.ok) throw new Error(updated.reason);
    expect(updated.organisation).toMatchObject({ name, version: 2 });
    const stale = await updateOrganisation(db, actor, made.id, { ...fields({ name: "Lost" }), version: 1 });
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { name, version: 2 } });
    const audit = await auditOf(made.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "update" });
    expect((audit[0]!.before as Record<string, unknown>).name).toBe(made.name);
    expect((audit[0]!.after as Record<string, unknown>).name).toBe(name);
  });

  it("archives and restores, each with its audit entry", async () => {
    const made = await makeOrganisation(db);
    const archived = await setOrganisationArchived(db, actor, made.id, 1, true);
    if (!archived.ok) throw new Error(archived.reason);
    expect(archived.organisation.archivedAt).not.toBeNull();
    expect(await setOrganisationArchived(db, actor, made.id, 1, false)).toMatchObject({ reason: "stale" });
    const restored = await setOrganisationArchived(db, actor, made.id, 2, false);
    if (!restored.ok) throw new Error(restored.reason);
    expect(restored.organisation).toMatchObject({ archivedAt: null, version: 3 });
    expect((await auditOf(made.id)).map((e) => e.action)).toEqual(["archive", "restore"]);
    // An archived organisation cannot be edited.
    await setOrganisationArchived(db, actor, made.id, 3, true);
    expect(await updateOrganisation(db, actor, made.id, { ...fields(), version: 4 })).toEqual({
      ok: false,
      reason: "notFound",
    });
  });
});

// --- relationships --------------------------------------------------------------------------------

describe("direct relationships", () => {
  it("adds, edits and archives, in both directions, with audit; never with itself", async () => {
    const ministry = await makeOrganisation(db, { name: `Ministry ${token()}` });
    const agency = await makeOrganisation(db, { name: `Agency ${token()}` });
    const added = await addRelationship(db, actor, ministry.id, {
      otherOrganisationId: agency.id,
      type: "funds",
      direction: "outgoing",
      startsOn: "2024-01-01",
      endsOn: "2024-12-31",
      notes: "AMIF co-financing",
    });
    if (!added.ok) throw new Error(added.reason);
    expect(added.relationship).toMatchObject({
      fromOrganisationId: ministry.id,
      toOrganisationId: agency.id,
    });

    const fromAgency = await organisationPage(db, authUser(coordinator), agency.id);
    expect(fromAgency?.relationships).toEqual([
      expect.objectContaining({
        direction: "incoming",
        type: "funds",
        other: expect.objectContaining({ id: ministry.id }),
      }),
    ]);

    // Hidden while the other end is archived, back when it is restored.
    await setOrganisationArchived(db, actor, ministry.id, 1, true);
    expect((await organisationPage(db, authUser(coordinator), agency.id))?.relationships).toEqual([]);
    await setOrganisationArchived(db, actor, ministry.id, 2, false);
    expect((await organisationPage(db, authUser(coordinator), agency.id))?.relationships).toHaveLength(1);

    // Edited from the other end: the agency now advises the ministry.
    const edited = await updateRelationship(db, actor, agency.id, added.relationship.id, {
      otherOrganisationId: ministry.id,
      type: "advises",
      direction: "outgoing",
      version: 1,
    });
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.relationship).toMatchObject({
      fromOrganisationId: agency.id,
      toOrganisationId: ministry.id,
      type: "advises",
      startsOn: null,
      version: 2,
    });
    expect(
      await updateRelationship(db, actor, agency.id, added.relationship.id, {
        otherOrganisationId: ministry.id,
        type: "funds",
        direction: "outgoing",
        version: 1,
      }),
    ).toMatchObject({ ok: false, reason: "stale" });

    // An organisation not at either end cannot touch it.
    const stranger = await makeOrganisation(db);
    expect(await archiveRelationship(db, actor, stranger.id, added.relationship.id, 2)).toEqual({
      ok: false,
      reason: "notFound",
    });
    const archived = await archiveRelationship(db, actor, ministry.id, added.relationship.id, 2);
    expect(archived.ok).toBe(true);
    expect((await organisationPage(db, authUser(coordinator), ministry.id))?.relationships).toEqual([]);
    expect((await auditOf(added.relationship.id)).map((e) => e.action)).toEqual([
      "create",
      "update",
      "archive",
    ]);

    expect(
      await addRelationship(db, actor, ministry.id, {
        otherOrganisationId: ministry.id,
        type: "funds",
        direction: "incoming",
      }),
    ).toEqual({ ok: false, reason: "sameOrganisation" });
    expect(
      await addRelationship(db, actor, ministry.id, {
        otherOrganisationId: agency.id,
        type: "funds",
        direction: "incoming",
        startsOn: "2024-05-01",
        endsOn: "2024-04-01",
      }),
    ).toEqual({ ok: false, reason: "endsBeforeStarts" });
    const gone = await makeOrganisation(db, { archivedAt: new Date() });
    expect(
      await addRelationship(db, actor, ministry.id, {
        otherOrganisationId: gone.id,
        type: "funds",
        direction: "outgoing",
      }),
    ).toEqual({ ok: false, reason: "unknownOrganisation" });
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(relationships)
      .where(and(eq(relationships.toOrganisationId, ministry.id)));
    // Only the (archived) relationship edited above: the refused ones were not stored.
    expect(n).toBe(1);
  });
});

// --- the page --------------------------------------------------------------------------------------

describe("organisationPage", () => {
  it("shows partnerships with role and mandate, owned actions, and risk titles only to those who may read them", async () => {
    const owner = await makeOrganisation(db, { name: `Owner ${token()}` });
    const memberOrg = await makeOrganisation(db);
    const partnership = await createPartnership(db, { name: `Partnership ${token()}` });
    await addMember(db, {
      partnershipId: partnership.id,
      organisationId: owner.id,
      role: "lead",
      mandate: "Coordinates",
    });
    await addMember(db, { partnershipId: partnership.id, organisationId: memberOrg.id });
    const secret = `Secret risk ${token()}`;
    await createRisk(db, {
      partnershipId: partnership.id,
      ownerOrganisationId: owner.id,
      title: secret,
      mitigation: "Secret mitigation",
      likelihood: 4,
      impact: 5,
      category: "power_imbalance",
    });
    await createFollowUpAction(db, {
      ownerOrganisationId: owner.id,
      title: "Send the covenant",
      dueOn: "2025-03-01",
    });

    const member = await createUser(db, { role: "viewer", organisationId: memberOrg.id });
    const outsider = await createUser(db, {
      role: "viewer",
      organisationId: (await makeOrganisation(db)).id,
    });

    const asCoordinator = await organisationPage(db, authUser(coordinator), owner.id);
    expect(asCoordinator?.partnerships).toEqual([
      expect.objectContaining({ partnershipId: partnership.id, role: "lead", mandate: "Coordinates" }),
    ]);
    expect(asCoordinator?.risks[0]).toMatchObject({ confidential: false, title: secret, exposure: 20 });

    const asMember = await organisationPage(db, authUser(member), owner.id);
    expect(asMember?.risks[0]).toMatchObject({ confidential: false, title: secret });

    const asOutsider = await organisationPage(db, authUser(outsider), owner.id);
    expect(asOutsider?.risks[0]).toMatchObject({
      confidential: true,
      category: "power_imbalance",
      exposure: 20,
      partnershipName: partnership.name,
    });
    // The hidden fields are not in the data at all.
    expect(JSON.stringify(asOutsider)).not.toContain(secret);
    expect(JSON.stringify(asOutsider)).not.toContain("Secret mitigation");
  });

  it("is null for an unknown organisation", async () => {
    expect(
      await organisationPage(db, authUser(coordinator), "00000000-0000-4000-8000-000000000000"),
    ).toBeNull();
  });
});

// --- routes -----------------------------------------------------------------------------------------

interface Outcome {
  status: number;
  body: unknown;
  location: string | null;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit"
  );
}

async function call(fn: unknown, request: Request, user: User | null, params: Record<string, string> = {}) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.9", nonce: "test-nonce" });
  if (user) context.set(userContext, authUser(user));
  const url = new URL(request.url);
  const args = { request, context, params, url, pattern: url.pathname };
  let result: unknown;
  try {
    await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], async () => {
      result = await (fn as (a: unknown) => Promise<unknown>)(args);
      return new Response(null);
    });
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    return { status: result.status, body: null, location: result.headers.get("Location") } satisfies Outcome;
  }
  if (isDataWithInit(result))
    return { status: result.init?.status ?? 200, body: result.data, location: null };
  return { status: 200, body: result, location: null };
}

function post(path: string, body: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

describe("organisation routes", () => {
  const form = (name: string) => ({ intent: "save", name, type: "cso", level: "local", countryCode: "BE" });

  it("writes are refused to a viewer (403), reads allowed", async () => {
    const viewer = await createUser(db, { role: "viewer" });
    const made = await makeOrganisation(db);
    const params = { id: made.id };
    expect((await call(newRoute.action, post("/organisations/new", form(token())), viewer)).status).toBe(403);
    expect(
      (await call(newRoute.loader, new Request("http://localhost/organisations/new"), viewer)).status,
    ).toBe(403);
    expect(
      (
        await call(
          editRoute.action,
          post(`/organisations/${made.id}/edit`, { ...form(token()), version: "1" }),
          viewer,
          params,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          organisationRoute.action,
          post(`/organisations/${made.id}`, { intent: "archive", version: "1" }),
          viewer,
          params,
        )
      ).status,
    ).toBe(403);
    const read = await call(
      organisationRoute.loader,
      new Request(`http://localhost/organisations/${made.id}`),
      viewer,
      params,
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ canEdit: false, history: [] });
    const list = await call(
      listRoute.loader,
      new Request("http://localhost/organisations?q=zz&sort=country"),
      viewer,
    );
    expect(list.body).toMatchObject({ canEdit: false, filters: { q: "zz", sort: "country" } });
    expect(
      (await db.select().from(organisations).where(eq(organisations.id, made.id)))[0]?.archivedAt,
    ).toBeNull();
  });

  it("404 for a malformed or unknown id", async () => {
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const outcome = await call(
        organisationRoute.loader,
        new Request(`http://localhost/organisations/${id}`),
        coordinator,
        { id },
      );
      expect(outcome.status, id).toBe(404);
    }
  });

  it("create: field errors with values kept, the duplicate warning, then 'Save anyway'", async () => {
    const invalid = await call(
      newRoute.action,
      post("/organisations/new", { ...form(""), website: "javascript:x" }),
      coordinator,
    );
    expect(invalid.status).toBe(400);
    const result = (
      invalid.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }
    ).result;
    expect(result.error).toMatchObject({
      name: ["validation.required"],
      website: ["organisation.validation.website"],
    });
    expect(result.initialValue).toMatchObject({ website: "javascript:x", countryCode: "BE" });

    const word = token();
    const first = await call(
      newRoute.action,
      post("/organisations/new", form(`Ville de ${word}`)),
      coordinator,
    );
    expect(first.status).toBe(302);
    const created = first.location!.split("/").at(-1)!;

    const again = await call(newRoute.action, post("/organisations/new", form(`${word}.`)), coordinator);
    expect(again.status).toBe(409);
    expect((again.body as { similar: { id: string }[] }).similar.map((o) => o.id)).toEqual([created]);
    expect((await listOrganisations(db, page(), { q: word })).total).toBe(1);

    const anyway = await call(
      newRoute.action,
      post("/organisations/new", { ...form(`${word}.`), confirmDuplicate: "on" }),
      coordinator,
    );
    expect(anyway.status).toBe(302);
    expect((await listOrganisations(db, page(), { q: word })).total).toBe(2);
  });

  it("edit: a stale version answers 409 with 'changed by someone else' and the current values", async () => {
    const made = await makeOrganisation(db, { name: `Edited ${token()}`, countryCode: "BE" });
    const params = { id: made.id };
    const ok = await call(
      editRoute.action,
      post(`/organisations/${made.id}/edit`, { ...form(made.name), version: "1", acronym: "ED" }),
      coordinator,
      params,
    );
    expect(ok).toMatchObject({ status: 302, location: `/organisations/${made.id}` });
    const stale = await call(
      editRoute.action,
      post(`/organisations/${made.id}/edit`, { ...form(made.name), version: "1", acronym: "XX" }),
      coordinator,
      params,
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      result: { error: { "": ["organisation.errors.stale"] } },
      current: { acronym: "ED", version: 2 },
    });
  });

  it("page intents: archive and restore, relationship add with from ≠ to", async () => {
    const made = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const params = { id: made.id };
    const path = `/organisations/${made.id}`;
    expect(
      (
        await call(
          organisationRoute.action,
          post(path, { intent: "archive", version: "1" }),
          coordinator,
          params,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(
          organisationRoute.action,
          post(path, { intent: "archive", version: "1" }),
          coordinator,
          params,
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await call(
          organisationRoute.action,
          post(path, { intent: "restore", version: "2" }),
          coordinator,
          params,
        )
      ).status,
    ).toBe(200);

    const self = await call(
      organisationRoute.action,
      post(path, {
        intent: "addRelationship",
        otherOrganisationId: made.id,
        type: "funds",
        direction: "outgoing",
      }),
      coordinator,
      params,
    );
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({
      result: { error: { otherOrganisationId: ["relationships.validation.sameOrganisation"] } },
    });
    const added = await call(
      organisationRoute.action,
      post(path, {
        intent: "addRelationship",
        otherOrganisationId: other.id,
        type: "oversees",
        direction: "incoming",
      }),
      coordinator,
      params,
    );
    expect(added.status).toBe(200);
    const view = await call(
      organisationRoute.loader,
      new Request(`http://localhost${path}`),
      coordinator,
      params,
    );
    expect(view.body).toMatchObject({
      canEdit: true,
      relationships: [{ direction: "incoming", type: "oversees", other: { id: other.id } }],
    });
    expect((view.body as { history: { action: string }[] }).history.map((e) => e.action)).toEqual([
      "restore",
      "archive",
    ]);
  });
});
