// Partnerships and their members against a real database (PGlite, or PostgreSQL with DATABASE_URL):
// the list's filters, sorting and pagination; create, edit, archive and restore with their audit
// entries in the same transaction; the membership rules; the signals on real rows; route-level access.
import { and, asc, eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { describe, expect, test } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { auditLog, partnershipMembers, partnerships, type User } from "~/db/schema";
import { parsePartnershipListQuery, type PartnershipFields } from "~/lib/validation/partnerships";
import { i18nextMiddleware } from "~/middleware/i18next";
import { listPartnerships } from "~/models/partnership-list.server";
import { addMember, listMembers, removeMember, updateMember } from "~/models/partnership-members.server";
import {
  createPartnership,
  partnershipAttention,
  setPartnershipArchived,
  updatePartnership,
} from "~/models/partnerships.server";
import { partnershipSignals } from "~/models/signals.server";
import * as editRoute from "~/routes/partnerships.$id.edit";
import * as membersRoute from "~/routes/partnerships.$id.members";
import * as newRoute from "~/routes/partnerships.new";
import {
  addMember as addMemberRow,
  createFundingLine,
  createHealthCheck,
  createObjective,
  createOrganisation,
  createPartnership as createPartnershipRow,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();
const coordinator = await createUser(db, { role: "coordinator" });
const viewer = await createUser(db, { role: "viewer" });
const TODAY = "2025-06-15";

function fields(overrides: Partial<PartnershipFields> = {}): PartnershipFields {
  return { name: "LVV Utrecht", status: "forming", formalisation: "covenant", ...overrides };
}

async function auditOf(entityId: string) {
  return db
    .select({
      action: auditLog.action,
      userId: auditLog.userId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(asc(auditLog.id));
}

const page = (n = 1, size = 25) => ({ page: n, pageSize: size });
const query = (search: string) => parsePartnershipListQuery(new URLSearchParams(search));

describe("the list", () => {
  test("filters by status, country, level, risk category and health band", async () => {
    const a = await createPartnershipRow(db, {
      name: "Alpha",
      countryCode: "QA",
      status: "active",
      scopeLevel: "local",
    });
    const b = await createPartnershipRow(db, {
      name: "Bravo",
      countryCode: "QA",
      status: "forming",
      scopeLevel: "national",
    });
    await createRisk(db, { partnershipId: a.id, category: "funding", status: "open" });
    await createRisk(db, { partnershipId: b.id, category: "funding", status: "closed" });
    await createHealthCheck(db, { partnershipId: a.id, period: "2025-Q1", trust: 2 });
    await createHealthCheck(db, { partnershipId: a.id, period: "2025-Q1", trust: 2 });
    const names = async (search: string) =>
      (await listPartnerships(db, page(), query(search), TODAY)).items.map((i) => i.name);
    expect(await names("country=QA")).toEqual(["Alpha", "Bravo"]);
    expect(await names("country=qa&status=active")).toEqual(["Alpha"]);
    expect(await names("country=QA&level=national")).toEqual(["Bravo"]);
    // Only open risks count: Bravo's funding risk is closed.
    expect(await names("country=QA&risk=funding")).toEqual(["Alpha"]);
    expect(await names("country=QA&health=low")).toEqual(["Alpha"]);
    expect(await names("country=QA&health=none")).toEqual(["Bravo"]);
    expect(await names("country=QA&health=high")).toEqual([]);
  });

  test("sorts by name, members, exposure and trust; paginates; rows carry signals and the next due item", async () => {
    const c = await createPartnershipRow(db, { name: "Charlie", countryCode: "QB", startDate: "2020-01-01" });
    const d = await createPartnershipRow(db, { name: "Delta", countryCode: "QB", startDate: "2021-01-01" });
    const e = await createPartnershipRow(db, { name: "Echo", countryCode: "QB", startDate: "2019-01-01" });
    const lead = await createOrganisation(db, { name: "Lead org", acronym: "LO" });
    await addMemberRow(db, { partnershipId: d.id, organisationId: lead.id, role: "lead" });
    await addMemberRow(db, { partnershipId: d.id });
    await addMemberRow(db, { partnershipId: c.id });
    // A member that left does not count.
    await addMemberRow(db, { partnershipId: c.id, leftOn: "2024-01-01" });
    await createRisk(db, { partnershipId: c.id, likelihood: 5, impact: 4 });
    await createRisk(db, { partnershipId: e.id, likelihood: 2, impact: 2 });
    await createHealthCheck(db, { partnershipId: e.id, trust: 5 });
    await createHealthCheck(db, { partnershipId: e.id, trust: 4 });
    await createObjective(db, { partnershipId: d.id, dueDate: "2025-09-01", title: "Ninety permits" });
    await createFundingLine(db, { partnershipId: d.id, endsOn: "2025-07-01", reference: "AMIF-1" });
    await createRisk(db, { partnershipId: d.id, reviewOn: "2025-06-01" }); // past: not "next"

    const names = async (search: string) =>
      (await listPartnerships(db, page(), query(`country=QB&${search}`), TODAY)).items.map((i) => i.name);
    expect(await names("sort=name&dir=desc")).toEqual(["Echo", "Delta", "Charlie"]);
    expect(await names("sort=start")).toEqual(["Echo", "Charlie", "Delta"]);
    expect(await names("sort=members&dir=desc")).toEqual(["Delta", "Charlie", "Echo"]);
    expect(await names("sort=exposure&dir=desc")).toEqual(["Charlie", "Delta", "Echo"]);
    // Without a trust index last, whatever the direction.
    expect(await names("sort=trust&dir=desc")).toEqual(["Echo", "Charlie", "Delta"]);

    const first = await listPartnerships(db, page(1, 2), query("country=QB"), TODAY);
    const second = await listPartnerships(db, page(2, 2), query("country=QB"), TODAY);
    expect([first.total, first.pages, first.items.length, second.items.map((i) => i.name)]).toEqual([
      3,
      2,
      2,
      ["Echo"],
    ]);

    const delta = first.items.find((i) => i.name === "Delta");
    expect(delta).toMatchObject({
      memberCount: 2,
      lead: { id: lead.id, acronym: "LO" },
      nextDue: { kind: "funding", date: "2025-07-01", label: "AMIF-1" },
    });
    const charlie = first.items.find((i) => i.name === "Charlie");
    expect(charlie?.memberCount).toBe(1);
    expect(charlie?.signals.exposure).toMatchObject({ value: 20, flagged: true });
  });
});

describe("create, edit, archive, restore", () => {
  test("each change writes its audit entry; a stale version is refused and nothing is written", async () => {
    const created = await createPartnership(
      db,
      coordinator,
      fields({ countryCode: "NL", startDate: "2019-04-01" }),
    );
    if (!created.ok) throw new Error("not created");
    const { partnership } = created;
    expect(partnership).toMatchObject({
      name: "LVV Utrecht",
      version: 1,
      countryCode: "NL",
      description: null,
    });

    const updated = await updatePartnership(db, coordinator, partnership.id, {
      ...fields({ governance: "Local steering group" }),
      version: 1,
    });
    expect(updated).toMatchObject({
      ok: true,
      partnership: { version: 2, governance: "Local steering group" },
    });

    const stale = await updatePartnership(db, coordinator, partnership.id, {
      ...fields({ name: "Overwrite" }),
      version: 1,
    });
    expect(stale).toMatchObject({
      ok: false,
      reason: "stale",
      current: { version: 2, governance: "Local steering group" },
    });

    expect(await setPartnershipArchived(db, coordinator, partnership.id, 1, true)).toMatchObject({
      reason: "stale",
    });
    const archived = await setPartnershipArchived(db, coordinator, partnership.id, 2, true);
    expect(archived.ok && archived.partnership.archivedAt).toBeInstanceOf(Date);
    expect(
      await updatePartnership(db, coordinator, partnership.id, { ...fields(), version: 3 }),
    ).toMatchObject({
      reason: "archived",
    });
    // (The update above sent no country: the form replaces every field.)
    const archivedList = await listPartnerships(db, page(1, 500), query("archived=1"), TODAY);
    const currentList = await listPartnerships(db, page(1, 500), query(""), TODAY);
    expect(currentList.items.map((i) => i.id)).not.toContain(partnership.id);
    expect(archivedList.items.map((i) => i.id)).toContain(partnership.id);
    const restored = await setPartnershipArchived(db, coordinator, partnership.id, 3, false);
    expect(restored).toMatchObject({ ok: true, partnership: { archivedAt: null, version: 4 } });

    const audit = await auditOf(partnership.id);
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "archive", "restore"]);
    expect(audit.every((a) => a.userId === coordinator.id)).toBe(true);
    expect(audit[1]).toMatchObject({
      before: { governance: null, version: 1 },
      after: { governance: "Local steering group", version: 2 },
    });
  });

  test("a failing mutation leaves nothing: neither the row nor its audit entry", async () => {
    const name = "Broken partnership";
    // Past validation, the database's CHECK refuses a lowercase country code: the transaction rolls back.
    await expect(createPartnership(db, coordinator, fields({ name, countryCode: "nl" }))).rejects.toThrow();
    expect(await db.select().from(partnerships).where(eq(partnerships.name, name))).toEqual([]);
    const created = await createPartnership(db, coordinator, fields({ name: "Fine" }));
    if (!created.ok) throw new Error("not created");
    await expect(
      updatePartnership(db, coordinator, created.partnership.id, {
        ...fields({ countryCode: "xx" }),
        version: 1,
      }),
    ).rejects.toThrow();
    expect((await auditOf(created.partnership.id)).map((a) => a.action)).toEqual(["create"]);
  });

  test("a partnership cannot be created active, nor made active with one member or without one lead", async () => {
    expect(await createPartnership(db, coordinator, fields({ status: "active" }))).toEqual({
      ok: false,
      reason: "activeNeedsMembers",
    });
    const created = await createPartnership(db, coordinator, fields());
    if (!created.ok) throw new Error("not created");
    const id = created.partnership.id;
    const first = await addMember(db, coordinator, id, {
      organisationId: (await createOrganisation(db)).id,
      role: "partner",
    });
    expect(first.ok).toBe(true);
    expect(
      await updatePartnership(db, coordinator, id, { ...fields({ status: "active" }), version: 1 }),
    ).toMatchObject({
      reason: "activeNeedsMembers",
    });
    await addMember(db, coordinator, id, {
      organisationId: (await createOrganisation(db)).id,
      role: "partner",
    });
    expect(
      await updatePartnership(db, coordinator, id, { ...fields({ status: "active" }), version: 1 }),
    ).toMatchObject({
      reason: "activeNeedsLead",
    });
    if (!first.ok) throw new Error("no member");
    await updateMember(db, coordinator, id, { memberId: first.member.id, version: 1, role: "lead" });
    expect(
      await updatePartnership(db, coordinator, id, { ...fields({ status: "active" }), version: 1 }),
    ).toMatchObject({
      ok: true,
      partnership: { status: "active" },
    });
  });
});

describe("members", () => {
  async function activePartnership() {
    const partnership = await createPartnershipRow(db, { status: "active" });
    const lead = await addMemberRow(db, { partnershipId: partnership.id, role: "lead" });
    const partner = await addMemberRow(db, { partnershipId: partnership.id, role: "partner" });
    return { partnership, lead, partner };
  }

  test("add, edit and remove with audit entries; removing sets the day it left", async () => {
    const { partnership } = await activePartnership();
    const organisation = await createOrganisation(db, { name: "SNDVU" });
    const added = await addMember(db, coordinator, partnership.id, {
      organisationId: organisation.id,
      role: "partner",
      mandate: "Guidance of participants",
      contribution: "Trusted by the participants",
      joinedOn: "2019-04-01",
    });
    if (!added.ok) throw new Error(added.reason);
    expect(
      await addMember(db, coordinator, partnership.id, { organisationId: organisation.id, role: "observer" }),
    ).toEqual({
      ok: false,
      reason: "alreadyMember",
    });
    const edited = await updateMember(db, coordinator, partnership.id, {
      memberId: added.member.id,
      version: 1,
      role: "funder",
      mandate: "Funding the guidance",
    });
    expect(edited).toMatchObject({ ok: true, member: { role: "funder", contribution: null, version: 2 } });
    expect(
      await updateMember(db, coordinator, partnership.id, {
        memberId: added.member.id,
        version: 1,
        role: "observer",
      }),
    ).toMatchObject({ ok: false, reason: "stale", current: { role: "funder" } });
    const removed = await removeMember(db, coordinator, partnership.id, {
      memberId: added.member.id,
      version: 2,
      leftOn: "2025-01-01",
    });
    expect(removed).toMatchObject({ ok: true, member: { leftOn: "2025-01-01", archivedAt: null } });
    expect((await auditOf(added.member.id)).map((a) => a.action)).toEqual(["create", "update", "update"]);
    const rows = await listMembers(db, partnership.id, TODAY);
    expect(rows.map((r) => [r.role, r.current])).toEqual([
      ["lead", true],
      ["partner", true],
      ["funder", false],
    ]);
    // A member id of another partnership is not found here.
    const other = await activePartnership();
    expect(
      await removeMember(db, coordinator, partnership.id, {
        memberId: other.partner.id,
        version: 1,
        leftOn: TODAY,
      }),
    ).toMatchObject({ ok: false, reason: "notFound" });
  });

  test("a second lead is refused; an active partnership keeps its lead and two members", async () => {
    const { partnership, lead, partner } = await activePartnership();
    const secondLead = await addMember(db, coordinator, partnership.id, {
      organisationId: (await createOrganisation(db)).id,
      role: "lead",
    });
    expect(secondLead).toEqual({ ok: false, reason: "secondLead" });
    expect(
      await updateMember(db, coordinator, partnership.id, { memberId: partner.id, version: 1, role: "lead" }),
    ).toMatchObject({ reason: "secondLead" });
    expect(
      await updateMember(db, coordinator, partnership.id, { memberId: lead.id, version: 1, role: "partner" }),
    ).toMatchObject({ reason: "leadRequired" });
    expect(
      await removeMember(db, coordinator, partnership.id, {
        memberId: partner.id,
        version: 1,
        leftOn: TODAY,
      }),
    ).toMatchObject({ reason: "tooFewMembers" });
    // Nothing was written by the refusals.
    const rows = await db
      .select()
      .from(partnershipMembers)
      .where(and(eq(partnershipMembers.partnershipId, partnership.id)));
    expect(rows.map((r) => [r.role, r.leftOn, r.version]).sort()).toEqual([
      ["lead", null, 1],
      ["partner", null, 1],
    ]);
    expect(await auditOf(partner.id)).toEqual([]);
    // When paused, a member may leave.
    await db.update(partnerships).set({ status: "paused" }).where(eq(partnerships.id, partnership.id));
    expect(
      await removeMember(db, coordinator, partnership.id, {
        memberId: partner.id,
        version: 1,
        leftOn: TODAY,
      }),
    ).toMatchObject({ ok: true });
  });
});

describe("signals and what needs attention on real rows", () => {
  test("all four signals, computed for several partnerships at once", async () => {
    const p = await createPartnershipRow(db);
    const empty = await createPartnershipRow(db);
    const [a, b] = [await createOrganisation(db), await createOrganisation(db)];
    await addMemberRow(db, { partnershipId: p.id, organisationId: a.id, role: "lead" });
    await addMemberRow(db, { partnershipId: p.id, organisationId: b.id });
    await createHealthCheck(db, {
      partnershipId: p.id,
      respondentOrganisationId: a.id,
      period: "2024-Q4",
      trust: 5,
      powerBalance: 5,
    });
    await createHealthCheck(db, {
      partnershipId: p.id,
      respondentOrganisationId: a.id,
      period: "2025-Q1",
      trust: 4,
      powerBalance: 1,
    });
    await createHealthCheck(db, {
      partnershipId: p.id,
      respondentOrganisationId: b.id,
      period: "2025-Q1",
      trust: 1,
      powerBalance: 3,
    });
    await createFundingLine(db, {
      partnershipId: p.id,
      recipientOrganisationId: a.id,
      amount: "3854524.55",
      currency: "EUR",
    });
    await createFundingLine(db, {
      partnershipId: p.id,
      recipientOrganisationId: b.id,
      amount: "100",
      currency: "SEK",
    });
    await createFundingLine(db, {
      partnershipId: p.id,
      recipientOrganisationId: b.id,
      amount: "1000",
      currency: "EUR",
      archivedAt: new Date(),
    });
    await createRisk(db, { partnershipId: p.id, likelihood: 4, impact: 4, status: "mitigating" });
    await createRisk(db, { partnershipId: p.id, likelihood: 5, impact: 5, status: "closed" });
    await createObjective(db, { partnershipId: p.id, indicator: "Permits", target: 100 });
    await createObjective(db, { partnershipId: p.id, indicator: null, target: null });

    const signals = await partnershipSignals(db, [p.id, empty.id], TODAY);
    expect(signals.get(p.id)).toMatchObject({
      trust: { value: 2.5, period: "2025-Q1", band: "medium" },
      // balance mean 2 (0.75), spread 2 (0.5), all EUR to one of two members (1): 75.
      powerImbalance: { value: 75, flagged: true, parts: { largestRecipientShare: 1, currency: "EUR" } },
      exposure: { value: 16, level: "high" },
      clarity: { value: 0.5, level: "low", notClearlyDefined: 1 },
    });
    expect(signals.get(empty.id)).toMatchObject({
      trust: { value: null },
      powerImbalance: { value: null },
      exposure: { value: null },
      clarity: { value: null },
    });
  });

  test("overdue risk reviews: titles only with confidential access", async () => {
    const p = await createPartnershipRow(db, { status: "active" });
    await addMemberRow(db, { partnershipId: p.id, role: "partner" });
    await createRisk(db, { partnershipId: p.id, title: "Police data sharing", reviewOn: "2025-01-01" });
    await createObjective(db, {
      partnershipId: p.id,
      title: "Cases",
      indicator: "Cases",
      dueDate: "2026-01-01",
    });
    await createFundingLine(db, { partnershipId: p.id, endsOn: "2025-12-31" });
    const full = await partnershipAttention(db, p, "full", TODAY);
    expect(full).toEqual([
      { kind: "tooFewMembers", count: 1 },
      { kind: "missingLead" },
      { kind: "riskReviewsOverdue", count: 1, titles: ["Police data sharing"] },
      { kind: "fundingEndsBeforeObjectives", fundingEnds: "2025-12-31", objectivesDue: "2026-01-01" },
    ]);
    const aggregate = await partnershipAttention(db, p, "aggregate", TODAY);
    expect(JSON.stringify(aggregate)).not.toContain("Police");
    expect(aggregate).toContainEqual({ kind: "riskReviewsOverdue", count: 1, titles: null });
  });
});

// --- route level ------------------------------------------------------------------------------------

function authUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds: [],
    sessionId: "test",
  };
}

async function post(
  fn: (args: never) => unknown,
  path: string,
  user: User,
  body: Record<string, string>,
  params = {},
) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.9", nonce: "n" });
  context.set(userContext, authUser(user));
  const url = new URL(request.url);
  const args = { request, context, params, url, pattern: url.pathname };
  let result: unknown;
  try {
    await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], async () => {
      result = await (fn as unknown as (a: unknown) => Promise<unknown>)(args);
      return new Response(null);
    });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), body: null };
  const d = result as { init?: ResponseInit | null; data?: unknown };
  return { status: d.init?.status ?? 200, location: null, body: d.data };
}

describe("routes", () => {
  test("a viewer posting to a write action is refused with 403 and nothing is written", async () => {
    const p = await createPartnershipRow(db, { status: "forming" });
    const organisation = await createOrganisation(db);
    const body = { intent: "add", organisationId: organisation.id, role: "partner" };
    const refused = await post(membersRoute.action, `/partnerships/${p.id}/members`, viewer, body, {
      id: p.id,
    });
    expect(refused.status).toBe(403);
    expect(await listMembers(db, p.id)).toEqual([]);
    const refusedCreate = await post(newRoute.action, "/partnerships/new", viewer, {
      name: "X",
      status: "forming",
      formalisation: "informal",
    });
    expect(refusedCreate.status).toBe(403);

    const added = await post(membersRoute.action, `/partnerships/${p.id}/members`, coordinator, body, {
      id: p.id,
    });
    expect(added.status).toBe(200);
    expect((await listMembers(db, p.id)).map((m) => m.organisationId)).toEqual([organisation.id]);
  });

  test("saving over someone else's change answers 409 with the values now saved", async () => {
    const p = await createPartnershipRow(db, { name: "Before", status: "forming", version: 3 });
    const path = `/partnerships/${p.id}/edit`;
    const body = {
      intent: "update",
      version: "2",
      name: "Mine",
      status: "forming",
      formalisation: "informal",
    };
    const stale = await post(editRoute.action, path, coordinator, body, { id: p.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      result: { error: { "": ["partnership.form.errors.stale"] } },
      current: { name: "Before", version: 3 },
    });
    const [row] = await db.select().from(partnerships).where(eq(partnerships.id, p.id));
    expect(row?.name).toBe("Before");
    const saved = await post(editRoute.action, path, coordinator, { ...body, version: "3" }, { id: p.id });
    expect([saved.status, saved.location]).toEqual([302, `/partnerships/${p.id}`]);
    const archived = await post(
      editRoute.action,
      path,
      coordinator,
      { intent: "archive", version: "4" },
      { id: p.id },
    );
    expect(archived.status).toBe(302);
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(["update", "archive"]);
  });

  test("a coordinator's bad input comes back with field errors; a good one creates and redirects", async () => {
    const bad = await post(newRoute.action, "/partnerships/new", coordinator, {
      name: "<script>alert(1)</script>",
      status: "forming",
      formalisation: "informal",
      startDate: "2025-02-01",
      endDate: "2025-01-01",
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      name: ["partnership.form.errors.markup"],
      endDate: ["partnership.form.errors.endBeforeStart"],
    });
    const good = await post(newRoute.action, "/partnerships/new", coordinator, {
      name: "CONEX",
      status: "exploring",
      formalisation: "informal",
      countryCode: "be",
    });
    expect(good.status).toBe(302);
    const id = good.location?.split("/").pop() ?? "";
    const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
    expect(row).toMatchObject({ name: "CONEX", countryCode: "BE" });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["create"]);
  });
});
