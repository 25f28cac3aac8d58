// Risks, health checks and the partnership's history: the models against a real database, and the
// route modules (loaders and actions) called with their own RouterContextProvider, the way the
// server calls them. Confidential fields are searched for in the data the loaders return.
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { auditLog, healthChecks, risks, type Organisation, type Partnership, type User } from "~/db/schema";
import { healthDimensions } from "~/lib/enums";
import { periodOf, previousPeriod } from "~/lib/periods";
import type { HealthCheckInput, RiskInput } from "~/lib/validation/risk-health";
import { i18nextMiddleware } from "~/middleware/i18next";
import { submitHealthCheck } from "~/models/health-checks.server";
import { partnershipHistory } from "~/models/partnership-history.server";
import { archivedRisks, archiveRisk, restoreRisk, saveRisk } from "~/models/risks.server";
import * as healthRoute from "~/routes/partnerships.$id.health";
import * as historyRoute from "~/routes/partnerships.$id.history";
import * as risksRoute from "~/routes/partnerships.$id.risks";
import {
  addDays,
  addMember,
  createAuditEntry,
  createHealthCheck,
  createOrganisation,
  createPartnership,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

let partnership: Partnership;
let memberA: Organisation;
let memberB: Organisation;
let outsider: Organisation;
let formerMember: Organisation;
let coordinator: User;
let memberUser: User;
let memberViewer: User;
let outsiderUser: User;
let plainViewer: User;

beforeAll(async () => {
  partnership = await createPartnership(db);
  memberA = await createOrganisation(db, { name: "Member A" });
  memberB = await createOrganisation(db, { name: "Member B" });
  outsider = await createOrganisation(db, { name: "Outsider" });
  formerMember = await createOrganisation(db, { name: "Former member" });
  await addMember(db, { partnershipId: partnership.id, organisationId: memberA.id, role: "lead" });
  await addMember(db, { partnershipId: partnership.id, organisationId: memberB.id });
  await addMember(db, {
    partnershipId: partnership.id,
    organisationId: formerMember.id,
    joinedOn: "2020-01-01",
    leftOn: "2021-01-01",
  });
  coordinator = await createUser(db, { role: "coordinator" });
  memberUser = await createUser(db, { role: "organiser", organisationId: memberA.id });
  memberViewer = await createUser(db, { role: "viewer", organisationId: memberA.id });
  outsiderUser = await createUser(db, { role: "municipal_official", organisationId: outsider.id });
  plainViewer = await createUser(db, { role: "viewer" });
});

function riskFixture(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    intent: "save",
    category: "power_imbalance",
    title: "The ministry sets the agenda alone",
    likelihood: 3,
    impact: 4,
    status: "open",
    ...overrides,
  };
}

function healthFixture(overrides: Partial<HealthCheckInput> = {}): HealthCheckInput {
  const scores = Object.fromEntries(healthDimensions.map((d) => [d, 3])) as Record<
    (typeof healthDimensions)[number],
    number
  >;
  return {
    respondentOrganisationId: memberA.id,
    period: periodOf(),
    ...scores,
    comment: undefined,
    ...overrides,
  };
}

async function auditEntries(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

// --- calling route modules ---------------------------------------------------------------------

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

type RouteFunction = (args: never) => unknown;

async function call(
  fn: RouteFunction,
  user: User | null,
  path: string,
  fields?: Record<string, string>,
  id: string = partnership.id,
): Promise<Outcome> {
  const request = fields
    ? new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      })
    : new Request(`http://localhost${path}`);
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: "203.0.113.9", nonce: "test-nonce" });
  if (user) context.set(userContext, authUser(user));
  const url = new URL(request.url);
  const args = { request, context, params: { id }, url, pattern: url.pathname };
  let result: unknown;
  try {
    await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], async () => {
      result = await (fn as unknown as (a: unknown) => Promise<unknown>)(args);
      return new Response(null);
    });
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    return { status: result.status, body: null, location: result.headers.get("Location") };
  }
  if (isDataWithInit(result))
    return { status: result.init?.status ?? 200, body: result.data, location: null };
  if (result instanceof Error) throw result;
  return { status: 200, body: result, location: null };
}

const healthForm = (overrides: Record<string, string> = {}) => ({
  respondentOrganisationId: memberA.id,
  period: periodOf(),
  ...Object.fromEntries(healthDimensions.map((d) => [d, "4"])),
  comment: "Submitted through the route",
  ...overrides,
});

// --- risks -------------------------------------------------------------------------------------

describe("risks", () => {
  it("adds, edits and archives a risk, each change with its audit entry", async () => {
    const created = await saveRisk(
      db,
      coordinator,
      partnership.id,
      riskFixture({ ownerOrganisationId: memberA.id }),
    );
    if (!created.ok) throw new Error(created.reason);
    expect(created.risk).toMatchObject({ version: 1, ownerOrganisationId: memberA.id, archivedAt: null });

    const edited = await saveRisk(
      db,
      coordinator,
      partnership.id,
      riskFixture({ id: created.risk.id, version: 1, title: "Agenda set jointly now", status: "mitigating" }),
    );
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.risk).toMatchObject({
      version: 2,
      title: "Agenda set jointly now",
      ownerOrganisationId: null,
    });

    const archived = await archiveRisk(db, coordinator, partnership.id, { id: created.risk.id, version: 2 });
    if (!archived.ok) throw new Error(archived.reason);
    expect(archived.risk.archivedAt).not.toBeNull();

    expect((await archivedRisks(db, partnership.id)).map((r) => r.id)).toContain(created.risk.id);
    // Archiving twice is refused as stale; restoring brings it back.
    expect(
      await archiveRisk(db, coordinator, partnership.id, { id: created.risk.id, version: 3 }),
    ).toMatchObject({
      ok: false,
      reason: "stale",
    });
    const restored = await restoreRisk(db, coordinator, partnership.id, { id: created.risk.id, version: 3 });
    if (!restored.ok) throw new Error(restored.reason);
    expect(restored.risk).toMatchObject({ archivedAt: null, version: 4 });

    const entries = await auditEntries(created.risk.id);
    expect(entries.map((e) => [e.action, e.entityType, e.userId])).toEqual([
      ["create", "risk", coordinator.id],
      ["update", "risk", coordinator.id],
      ["archive", "risk", coordinator.id],
      ["restore", "risk", coordinator.id],
    ]);
    expect(entries[1]?.before).toMatchObject({ title: "The ministry sets the agenda alone" });
    expect(entries[1]?.after).toMatchObject({ title: "Agenda set jointly now" });
  });

  it("a failing change leaves nothing: the row and its audit entry roll back together", async () => {
    const [before] = await db
      .select({ n: count() })
      .from(risks)
      .where(eq(risks.partnershipId, partnership.id));
    const [auditBefore] = await db.select({ n: count() }).from(auditLog);
    // An actor that is no user: the audit insert fails after the risk was inserted.
    await expect(saveRisk(db, { id: randomUUID() }, partnership.id, riskFixture())).rejects.toThrow();
    // A database constraint (likelihood 1-5) the form would have caught.
    await expect(saveRisk(db, coordinator, partnership.id, riskFixture({ likelihood: 9 }))).rejects.toThrow();
    const [after] = await db
      .select({ n: count() })
      .from(risks)
      .where(eq(risks.partnershipId, partnership.id));
    const [auditAfter] = await db.select({ n: count() }).from(auditLog);
    expect(after?.n).toBe(before?.n);
    expect(auditAfter?.n).toBe(auditBefore?.n);
  });

  it("refuses a stale version and shows what is stored now", async () => {
    const created = await saveRisk(db, coordinator, partnership.id, riskFixture());
    if (!created.ok) throw new Error(created.reason);
    const id = created.risk.id;
    const first = await saveRisk(db, coordinator, partnership.id, riskFixture({ id, version: 1, impact: 5 }));
    expect(first.ok).toBe(true);
    const stale = await saveRisk(db, coordinator, partnership.id, riskFixture({ id, version: 1, impact: 1 }));
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { impact: 5, version: 2 } });
    const staleArchive = await archiveRisk(db, coordinator, partnership.id, { id, version: 1 });
    expect(staleArchive).toMatchObject({ ok: false, reason: "stale" });
    const [row] = await db.select().from(risks).where(eq(risks.id, id));
    expect(row).toMatchObject({ impact: 5, version: 2, archivedAt: null });
    expect((await auditEntries(id)).length).toBe(2);
  });

  it("refuses an owner that is not a current member, and a risk of another partnership", async () => {
    for (const owner of [outsider.id, formerMember.id, randomUUID()]) {
      const outcome = await saveRisk(
        db,
        coordinator,
        partnership.id,
        riskFixture({ ownerOrganisationId: owner }),
      );
      expect(outcome, owner).toEqual({ ok: false, reason: "ownerNotMember" });
    }
    const other = await createRisk(db);
    const outcome = await saveRisk(
      db,
      coordinator,
      partnership.id,
      riskFixture({ id: other.id, version: other.version }),
    );
    expect(outcome).toEqual({ ok: false, reason: "notFound" });
    expect(await archiveRisk(db, coordinator, partnership.id, { id: other.id, version: 1 })).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  it("through the route: field errors with values kept, stale 409, others 403", async () => {
    const path = `/partnerships/${partnership.id}/risks`;
    const bad = await call(risksRoute.action, coordinator, path, {
      intent: "save",
      title: "",
      category: "trust_deficit",
      likelihood: "7",
      impact: "2",
      status: "open",
    });
    expect(bad.status).toBe(400);
    const badResult = (bad.body as { result: { error: Record<string, string[]>; initialValue: unknown } })
      .result;
    expect(badResult.error).toMatchObject({
      title: ["validation.required"],
      likelihood: ["partnership.risks.validation.score"],
    });
    expect(badResult.initialValue).toMatchObject({ likelihood: "7", category: "trust_deficit" });

    const notMember = await call(risksRoute.action, coordinator, path, {
      intent: "save",
      title: "Owned by an outsider",
      category: "funding",
      likelihood: "2",
      impact: "2",
      status: "open",
      ownerOrganisationId: outsider.id,
    });
    expect(notMember.status).toBe(400);
    expect(JSON.stringify(notMember.body)).toContain("partnership.risks.errors.ownerNotMember");

    const saved = await call(risksRoute.action, coordinator, path, {
      intent: "save",
      title: "Saved through the route",
      category: "funding",
      likelihood: "2",
      impact: "5",
      status: "open",
      ownerOrganisationId: memberB.id,
      reviewOn: "2020-01-01",
    });
    expect(saved.status).toBe(302);
    const [row] = await db.select().from(risks).where(eq(risks.title, "Saved through the route"));
    expect(saved.location).toBe(`${path}#risk-${row?.id}`);

    const edit = { intent: "save", id: row!.id, version: "1", title: "Edited", category: "funding" };
    const ok = await call(risksRoute.action, coordinator, path, {
      ...edit,
      likelihood: "3",
      impact: "3",
      status: "open",
    });
    expect(ok.status).toBe(302);
    const stale = await call(risksRoute.action, coordinator, path, {
      ...edit,
      likelihood: "1",
      impact: "1",
      status: "open",
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ current: { title: "Edited", version: 2 } });
    expect(JSON.stringify(stale.body)).toContain("partnership.risks.errors.stale");

    for (const user of [memberUser, memberViewer, outsiderUser]) {
      const refused = await call(risksRoute.action, user, path, {
        intent: "archive",
        id: row!.id,
        version: "2",
      });
      expect(refused.status, user.role).toBe(403);
    }
    const archived = await call(risksRoute.action, coordinator, path, {
      intent: "archive",
      id: row!.id,
      version: "2",
    });
    expect(archived.status).toBe(302);
    const restored = await call(risksRoute.action, coordinator, path, {
      intent: "restore",
      id: row!.id,
      version: "3",
    });
    expect(restored).toMatchObject({ status: 302, location: `${path}#risk-${row!.id}` });
  });

  it("the page flags overdue reviews and places live risks in the matrix for a member", async () => {
    const overdue = await createRisk(db, {
      partnershipId: partnership.id,
      title: "Overdue review",
      reviewOn: addDays(new Date().toISOString().slice(0, 10), -1),
    });
    const page = await call(risksRoute.loader, memberUser, `/partnerships/${partnership.id}/risks`);
    const body = page.body as {
      register: { access: string; risks: { id: string; reviewOn: string | null }[] };
      canEdit: boolean;
      today: string;
    };
    expect(body.register.access).toBe("full");
    expect(body.canEdit).toBe(false);
    const risk = body.register.risks.find((r) => r.id === overdue.id);
    expect(risk?.reviewOn && risk.reviewOn < body.today).toBe(true);
  });
});

// --- health checks -------------------------------------------------------------------------------

describe("health checks", () => {
  it("a second submission in the same period replaces the first; the audit keeps the before", async () => {
    const period = previousPeriod(periodOf());
    const first = await submitHealthCheck(
      db,
      memberUser,
      partnership.id,
      healthFixture({ period, trust: 2, comment: "First" }),
    );
    const second = await submitHealthCheck(
      db,
      memberUser,
      partnership.id,
      healthFixture({ period, trust: 5, comment: "Second" }),
    );
    expect(first).toMatchObject({ ok: true, replaced: false });
    expect(second).toMatchObject({ ok: true, replaced: true });
    const rows = await db
      .select()
      .from(healthChecks)
      .where(
        and(
          eq(healthChecks.partnershipId, partnership.id),
          eq(healthChecks.respondentOrganisationId, memberA.id),
          eq(healthChecks.period, period),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trust: 5, comment: "Second", version: 2, submittedBy: memberUser.id });
    const entries = await auditEntries(rows[0]!.id);
    expect(entries.map((e) => e.action)).toEqual(["create", "update"]);
    expect(entries[1]?.before).toMatchObject({ trust: 2, comment: "First" });
    expect(entries[1]?.after).toMatchObject({ trust: 5, comment: "Second" });
  });

  it("refuses an organisation that is not a current member, writing nothing", async () => {
    for (const organisation of [outsider, formerMember]) {
      const outcome = await submitHealthCheck(
        db,
        coordinator,
        partnership.id,
        healthFixture({ respondentOrganisationId: organisation.id }),
      );
      expect(outcome).toEqual({ ok: false, reason: "notMember" });
    }
    const rows = await db
      .select()
      .from(healthChecks)
      .where(eq(healthChecks.respondentOrganisationId, outsider.id));
    expect(rows).toHaveLength(0);
  });

  it("through the route: members submit for their own organisation; others and viewers get 403", async () => {
    const path = `/partnerships/${partnership.id}/health`;
    // A user of a non-member organisation: neither for its own organisation nor for a member.
    for (const respondent of [outsider.id, memberA.id]) {
      const refused = await call(
        healthRoute.action,
        outsiderUser,
        path,
        healthForm({ respondentOrganisationId: respondent }),
      );
      expect(refused.status).toBe(403);
    }
    // A member's viewer, and a viewer without organisation.
    for (const viewer of [memberViewer, plainViewer]) {
      expect((await call(healthRoute.action, viewer, path, healthForm())).status).toBe(403);
    }
    // A member's user answers for their own organisation only.
    expect(
      (await call(healthRoute.action, memberUser, path, healthForm({ respondentOrganisationId: memberB.id })))
        .status,
    ).toBe(403);
    const accepted = await call(healthRoute.action, memberUser, path, healthForm());
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ notice: "partnership.health.form.saved" });
    // A coordinator answers for any member.
    const forB = await call(
      healthRoute.action,
      coordinator,
      path,
      healthForm({ respondentOrganisationId: memberB.id, trust: "1" }),
    );
    expect(forB.status).toBe(200);
    // Bad input: field errors.
    const bad = await call(
      healthRoute.action,
      memberUser,
      path,
      healthForm({ trust: "9", period: "2999-Q1" }),
    );
    expect(bad.status).toBe(400);
    expect((bad.body as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
      trust: ["partnership.health.validation.score"],
      period: ["partnership.health.validation.futurePeriod"],
    });

    // The form offers exactly what the user may answer for; none to viewers and outsiders.
    const respondentsOf = async (user: User) =>
      (
        (await call(healthRoute.loader, user, path)).body as { respondents: { id: string }[] }
      ).respondents.map((r) => r.id);
    expect(await respondentsOf(memberUser)).toEqual([memberA.id]);
    expect((await respondentsOf(coordinator)).sort()).toEqual([memberA.id, memberB.id].sort());
    expect(await respondentsOf(memberViewer)).toEqual([]);
    expect(await respondentsOf(outsiderUser)).toEqual([]);

    // Members disagree on trust (4 vs 1): the summary shows the spread.
    const page = await call(healthRoute.loader, memberUser, path);
    const view = (
      page.body as {
        view: { access: string; summary: { current: { dimensions: { trust: { spread: number } } } } };
      }
    ).view;
    expect(view.access).toBe("full");
    expect(view.summary.current.dimensions.trust.spread).toBe(3);
  });
});

// --- what a non-member's browser receives -------------------------------------------------------

describe("confidential fields", () => {
  const SECRET = {
    title: "SECRET-RISK-TITLE-7731",
    description: "SECRET-RISK-DESCRIPTION-7731",
    mitigation: "SECRET-MITIGATION-7731",
    comment: "SECRET-HEALTH-COMMENT-7731",
  };

  beforeAll(async () => {
    const created = await saveRisk(
      db,
      coordinator,
      partnership.id,
      riskFixture({ title: SECRET.title, description: SECRET.description, mitigation: SECRET.mitigation }),
    );
    if (!created.ok) throw new Error(created.reason);
    await saveRisk(
      db,
      coordinator,
      partnership.id,
      riskFixture({
        id: created.risk.id,
        version: 1,
        title: SECRET.title,
        mitigation: `${SECRET.mitigation} v2`,
      }),
    );
    await submitHealthCheck(
      db,
      coordinator,
      partnership.id,
      healthFixture({ respondentOrganisationId: memberB.id, comment: SECRET.comment }),
    );
    await submitHealthCheck(
      db,
      coordinator,
      partnership.id,
      healthFixture({ respondentOrganisationId: memberB.id, comment: `${SECRET.comment} v2` }),
    );
  });

  async function pages(user: User): Promise<string[]> {
    const base = `/partnerships/${partnership.id}`;
    const outcomes = await Promise.all([
      call(risksRoute.loader, user, `${base}/risks`),
      call(healthRoute.loader, user, `${base}/health`),
      call(historyRoute.loader, user, `${base}/history`),
    ]);
    for (const outcome of outcomes) expect(outcome.status).toBe(200);
    return outcomes.map((outcome) => JSON.stringify(outcome.body));
  }

  it("non-members get the aggregates only, from every loader", async () => {
    for (const user of [outsiderUser, plainViewer]) {
      const [riskPage, healthPage, historyPage] = await pages(user);
      for (const text of [riskPage, healthPage, historyPage]) {
        for (const secret of Object.values(SECRET)) expect(text, user.role).not.toContain(secret);
      }
      expect(riskPage).toContain('"access":"aggregate"');
      expect(riskPage).toMatch(/"openCount":[1-9]/);
      expect(healthPage).toContain('"access":"aggregate"');
      expect(healthPage).not.toContain('"answers"');
      expect(healthPage).not.toContain(memberB.name);
      // The history lists the risk and health-check changes, without what changed.
      const history = JSON.parse(historyPage ?? "{}") as {
        history: { items: { entityType: string; withheld: boolean; changes: unknown[] }[] };
      };
      const confidential = history.history.items.filter((e) =>
        ["risk", "health_check"].includes(e.entityType),
      );
      expect(confidential.length).toBeGreaterThan(0);
      expect(confidential.every((e) => e.withheld && e.changes.length === 0)).toBe(true);
    }
  });

  it("members and coordinators get every field", async () => {
    for (const user of [memberUser, memberViewer, coordinator]) {
      const [riskPage, healthPage, historyPage] = await pages(user);
      expect(riskPage).toContain(SECRET.title);
      expect(riskPage).toContain(SECRET.mitigation);
      expect(healthPage).toContain(`${SECRET.comment} v2`);
      expect(historyPage).toContain(SECRET.mitigation);
    }
  });
});

// --- history -------------------------------------------------------------------------------------

describe("partnership history", () => {
  it("gathers the partnership's own entries and its children's, newest first, one page at a time", async () => {
    const own = await createPartnership(db);
    const other = await createPartnership(db);
    const member = await addMember(db, { partnershipId: own.id });
    const risk = await createRisk(db, { partnershipId: own.id });
    const check = await createHealthCheck(db, { partnershipId: own.id });
    const otherRisk = await createRisk(db, { partnershipId: other.id });
    await createAuditEntry(db, {
      entityType: "partnership",
      entityId: own.id,
      at: new Date("2024-01-01T00:00:00Z"),
    });
    await createAuditEntry(db, {
      entityType: "partnership_member",
      entityId: member.id,
      at: new Date("2024-01-02T00:00:00Z"),
    });
    await createAuditEntry(db, {
      entityType: "risk",
      entityId: risk.id,
      at: new Date("2024-01-03T00:00:00Z"),
    });
    await createAuditEntry(db, {
      entityType: "health_check",
      entityId: check.id,
      at: new Date("2024-01-04T00:00:00Z"),
    });
    await createAuditEntry(db, { entityType: "partnership", entityId: other.id });
    await createAuditEntry(db, { entityType: "risk", entityId: otherRisk.id });
    // Same id, another type: not a child of this partnership.
    await createAuditEntry(db, { entityType: "organisation", entityId: risk.id });

    const all = await partnershipHistory(db, own.id, "full", { page: 1, pageSize: 25 });
    expect(all.total).toBe(4);
    expect(all.items.map((e) => e.entityType)).toEqual([
      "health_check",
      "risk",
      "partnership_member",
      "partnership",
    ]);

    const second = await partnershipHistory(db, own.id, "full", { page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, pages: 2, page: 2 });
    expect(second.items.map((e) => e.entityType)).toEqual(["partnership"]);
  });

  it("answers 404 for a partnership that does not exist, before reading anything", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      for (const fn of [risksRoute.loader, healthRoute.loader, historyRoute.loader]) {
        expect((await call(fn, coordinator, `/partnerships/${id}`, undefined, id)).status).toBe(404);
      }
      expect(
        (await call(risksRoute.action, coordinator, `/partnerships/${id}/risks`, { intent: "save" }, id))
          .status,
      ).toBe(404);
      expect(
        (await call(healthRoute.action, coordinator, `/partnerships/${id}/health`, healthForm(), id)).status,
      ).toBe(404);
    }
  });
});
