// A partnership's objectives, funding lines and documents: the models against a real database
// (PGlite, or PostgreSQL with DATABASE_URL), and the three tab routes called with our own
// RouterContextProvider (tests/helpers/routes.ts).
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, documents, fundingLines, objectives, type User } from "~/db/schema";
import { listDocuments, saveDocument, setDocumentArchived } from "~/models/documents.server";
import {
  fundingFormOptions,
  fundingOverview,
  listFundingLines,
  saveFundingLine,
  setFundingLineArchived,
} from "~/models/funding.server";
import { listObjectives, saveObjective, setObjectiveArchived } from "~/models/objectives.server";
import type { DocumentInput, FundingLineInput, ObjectiveInput } from "~/lib/validation/partnership-records";
import * as documentsRoute from "~/routes/partnerships.$id.documents";
import * as fundingRoute from "~/routes/partnerships.$id.funding";
import * as objectivesRoute from "~/routes/partnerships.$id.objectives";
import {
  addMember,
  createDocument,
  createFundingLine,
  createObjective,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, post, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

let coordinator: User;
let viewer: User;

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator" });
  viewer = await createUser(db, { role: "viewer" });
});

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

async function auditCount(entityType: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityType, entityType));
  return row?.n ?? 0;
}

/** An actor that is not a user: the audit insert fails (foreign key), after the change itself. */
const ghost = { id: randomUUID() };

function objectiveInput(overrides: Partial<ObjectiveInput> = {}): ObjectiveInput {
  return { intent: "save", title: "Inform every participant", status: "on_track", ...overrides };
}

function fundingInput(overrides: Partial<FundingLineInput> = {}): FundingLineInput {
  return {
    intent: "save",
    source: "amif",
    stage: "implementation",
    currency: "EUR",
    pathwaysCovered: [],
    voluntaryReturnOnly: false,
    ...overrides,
  };
}

function documentInput(overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    intent: "save",
    title: "Covenant",
    url: "https://example.org/covenant.pdf",
    kind: "covenant",
    ...overrides,
  };
}

// --- objectives --------------------------------------------------------------------------------

describe("objectives", () => {
  it("add, edit, archive and restore, each with its audit entry", async () => {
    const partnership = await createPartnership(db);
    const created = await saveObjective(db, coordinator, partnership.id, objectiveInput({ target: 100 }));
    if (!created.ok) throw new Error(created.reason);
    expect(created.record).toMatchObject({
      version: 1,
      target: 100,
      indicator: null,
      partnershipId: partnership.id,
    });

    const edited = await saveObjective(
      db,
      coordinator,
      partnership.id,
      objectiveInput({
        id: created.record.id,
        version: 1,
        target: 100,
        progress: 40,
        indicator: "People informed",
      }),
    );
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.record).toMatchObject({ version: 2, progress: 40, indicator: "People informed" });

    const archived = await setObjectiveArchived(db, coordinator, partnership.id, {
      intent: "archive",
      id: created.record.id,
      version: 2,
    });
    expect(archived.ok).toBe(true);
    expect(await listObjectives(db, partnership.id)).toEqual([]);
    expect((await listObjectives(db, partnership.id, { archived: true })).map((o) => o.id)).toEqual([
      created.record.id,
    ]);
    const restored = await setObjectiveArchived(db, coordinator, partnership.id, {
      intent: "restore",
      id: created.record.id,
      version: 3,
    });
    expect(restored.ok && restored.record.archivedAt).toBeNull();

    const audit = await auditOf(created.record.id);
    expect(audit.map((a) => [a.action, a.entityType, a.userId])).toEqual([
      ["create", "objective", coordinator.id],
      ["update", "objective", coordinator.id],
      ["archive", "objective", coordinator.id],
      ["restore", "objective", coordinator.id],
    ]);
    // An update keeps what changed, before and after.
    expect(audit[1]?.before).toMatchObject({ progress: null, indicator: null, version: 1 });
    expect(audit[1]?.after).toMatchObject({ progress: 40, indicator: "People informed", version: 2 });
  });

  it("a stale version is refused with the current values, and nothing is written", async () => {
    const objective = await createObjective(db, { title: "Original" });
    const first = await saveObjective(
      db,
      coordinator,
      objective.partnershipId,
      objectiveInput({ id: objective.id, version: 1, title: "First" }),
    );
    expect(first.ok).toBe(true);
    const before = await auditCount("objective");
    const stale = await saveObjective(
      db,
      coordinator,
      objective.partnershipId,
      objectiveInput({ id: objective.id, version: 1, title: "Second" }),
    );
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { title: "First", version: 2 } });
    const staleArchive = await setObjectiveArchived(db, coordinator, objective.partnershipId, {
      intent: "archive",
      id: objective.id,
      version: 1,
    });
    expect(staleArchive).toMatchObject({ ok: false, reason: "stale" });
    expect(await auditCount("objective")).toBe(before);
    const [row] = await db.select().from(objectives).where(eq(objectives.id, objective.id));
    expect(row).toMatchObject({ title: "First", version: 2, archivedAt: null });
  });

  it("an objective of another partnership is not found through this one", async () => {
    const objective = await createObjective(db);
    const other = await createPartnership(db);
    const outcome = await saveObjective(
      db,
      coordinator,
      other.id,
      objectiveInput({ id: objective.id, version: 1, title: "Hijack" }),
    );
    expect(outcome).toEqual({ ok: false, reason: "notFound" });
    expect(await saveObjective(db, coordinator, randomUUID(), objectiveInput())).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  it("a failing mutation leaves nothing: neither the row nor its audit entry", async () => {
    const partnership = await createPartnership(db);
    const before = await auditCount("objective");
    // The audit entry fails after the insert: the insert is rolled back with it.
    await expect(saveObjective(db, ghost, partnership.id, objectiveInput())).rejects.toThrow();
    // The database refuses the row itself (progress >= 0), past the form's validation.
    await expect(
      saveObjective(db, coordinator, partnership.id, objectiveInput({ progress: -1 })),
    ).rejects.toThrow();
    const [rows] = await db
      .select({ n: count() })
      .from(objectives)
      .where(eq(objectives.partnershipId, partnership.id));
    expect(rows?.n).toBe(0);
    expect(await auditCount("objective")).toBe(before);
  });
});

// --- funding lines -------------------------------------------------------------------------------

describe("funding lines", () => {
  async function partnershipWithMembers() {
    const partnership = await createPartnership(db);
    const member = await createOrganisation(db, { name: "Immigration Office" });
    const leaver = await createOrganisation(db);
    const archivedMember = await createOrganisation(db);
    const outsider = await createOrganisation(db);
    const funder = await createOrganisation(db, { type: "funder" });
    await addMember(db, { partnershipId: partnership.id, organisationId: member.id, role: "lead" });
    await addMember(db, {
      partnershipId: partnership.id,
      organisationId: leaver.id,
      joinedOn: "2020-01-01",
      leftOn: "2021-01-01",
    });
    await addMember(db, {
      partnershipId: partnership.id,
      organisationId: archivedMember.id,
      archivedAt: new Date(),
    });
    return { partnership, member, leaver, archivedMember, outsider, funder };
  }

  it("add, edit and archive with audit; the recipient is a current member", async () => {
    const { partnership, member, funder } = await partnershipWithMembers();
    const owner = { partnershipId: partnership.id };
    const created = await saveFundingLine(
      db,
      coordinator,
      owner,
      fundingInput({
        reference: "AMIF-060-086",
        funderOrganisationId: funder.id,
        recipientOrganisationId: member.id,
        amount: "5139366.07",
        cofinancingRate: 75,
        startsOn: "2022-01-01",
        endsOn: "2024-12-31",
        pathwaysCovered: ["voluntary_return", "residence_permit"],
      }),
    );
    if (!created.ok) throw new Error(created.reason);
    expect(created.record).toMatchObject({
      partnershipId: partnership.id,
      pilotId: null,
      amount: "5139366.07",
      cofinancingRate: 75,
      version: 1,
    });
    const edited = await saveFundingLine(
      db,
      coordinator,
      owner,
      fundingInput({
        id: created.record.id,
        version: 1,
        amount: "3854524.55",
        recipientOrganisationId: member.id,
      }),
    );
    expect(edited.ok && edited.record).toMatchObject({ amount: "3854524.55", version: 2, reference: null });
    const [line] = await listFundingLines(db, owner);
    expect(line).toMatchObject({ recipientName: "Immigration Office", funderName: null });
    const archived = await setFundingLineArchived(db, coordinator, owner, {
      intent: "archive",
      id: created.record.id,
      version: 2,
    });
    expect(archived.ok).toBe(true);
    expect(await listFundingLines(db, owner)).toEqual([]);
    expect((await auditOf(created.record.id)).map((a) => [a.action, a.entityType])).toEqual([
      ["create", "funding_line"],
      ["update", "funding_line"],
      ["archive", "funding_line"],
    ]);
  });

  it("refuses a recipient that is not a current member, and an unknown funder", async () => {
    const { partnership, leaver, archivedMember, outsider, member } = await partnershipWithMembers();
    const owner = { partnershipId: partnership.id };
    const before = await auditCount("funding_line");
    for (const recipient of [leaver, archivedMember, outsider]) {
      expect(
        await saveFundingLine(
          db,
          coordinator,
          owner,
          fundingInput({ recipientOrganisationId: recipient.id }),
        ),
      ).toEqual({ ok: false, reason: "recipientNotMember" });
    }
    expect(
      await saveFundingLine(db, coordinator, owner, fundingInput({ funderOrganisationId: randomUUID() })),
    ).toEqual({ ok: false, reason: "unknownFunder" });
    expect(await listFundingLines(db, owner)).toEqual([]);
    expect(await auditCount("funding_line")).toBe(before);
    // The form offers only the current members as recipients.
    const options = await fundingFormOptions(db, owner);
    expect(options.recipients).toEqual({
      mode: "select",
      options: [expect.objectContaining({ id: member.id })],
    });
  });

  it("a stale version is refused with the current values, and nothing is written", async () => {
    const line = await createFundingLine(db, { amount: "100.00" });
    const owner = { partnershipId: line.partnershipId! };
    expect(
      (
        await saveFundingLine(
          db,
          coordinator,
          owner,
          fundingInput({ id: line.id, version: 1, amount: "200" }),
        )
      ).ok,
    ).toBe(true);
    const before = await auditCount("funding_line");
    const stale = await saveFundingLine(
      db,
      coordinator,
      owner,
      fundingInput({ id: line.id, version: 1, amount: "300" }),
    );
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { amount: "200.00", version: 2 } });
    expect(await auditCount("funding_line")).toBe(before);
    const [row] = await db.select().from(fundingLines).where(eq(fundingLines.id, line.id));
    expect(row?.amount).toBe("200.00");
  });

  it("a failing mutation leaves nothing", async () => {
    const { partnership } = await partnershipWithMembers();
    const owner = { partnershipId: partnership.id };
    const before = await auditCount("funding_line");
    await expect(saveFundingLine(db, ghost, owner, fundingInput({ amount: "10.00" }))).rejects.toThrow();
    await expect(
      saveFundingLine(db, coordinator, owner, fundingInput({ cofinancingRate: 150 })),
    ).rejects.toThrow();
    expect(await listFundingLines(db, owner)).toEqual([]);
    expect(await auditCount("funding_line")).toBe(before);
  });

  it("totals per currency, never summed across currencies, and the warnings", async () => {
    const partnership = await createPartnership(db);
    const owner = { partnershipId: partnership.id };
    const restricted = { voluntaryReturnOnly: true, pathwaysCovered: ["voluntary_return" as const] };
    await createFundingLine(db, {
      ...owner,
      amount: "0.10",
      source: "amif",
      stage: "implementation",
      endsOn: "2024-12-31",
      ...restricted,
    });
    await createFundingLine(db, {
      ...owner,
      amount: "0.20",
      source: "national",
      stage: "proposal",
      endsOn: "2024-06-30",
      ...restricted,
    });
    await createFundingLine(db, {
      ...owner,
      amount: "1000.00",
      currency: "SEK",
      source: "municipal",
      endsOn: "2023-01-01",
      ...restricted,
      cofinancingRate: 90,
    });
    await createFundingLine(db, { ...owner, amount: "999.99", archivedAt: new Date(), endsOn: "2030-01-01" });
    await createObjective(db, { partnershipId: partnership.id, dueDate: "2025-06-30", status: "on_track" });
    await createObjective(db, { partnershipId: partnership.id, dueDate: "2027-01-01", status: "achieved" });

    const overview = await fundingOverview(db, owner);
    expect(overview.lines).toHaveLength(3);
    expect(overview.archived).toHaveLength(1);
    expect(overview.totals).toEqual([
      {
        currency: "EUR",
        total: "0.30",
        bySource: [
          { source: "amif", amount: "0.10", lines: 1 },
          { source: "national", amount: "0.20", lines: 1 },
        ],
        byStage: [
          { stage: "proposal", amount: "0.20", lines: 1 },
          { stage: "implementation", amount: "0.10", lines: 1 },
        ],
      },
      {
        currency: "SEK",
        total: "1000.00",
        bySource: [{ source: "municipal", amount: "1000.00", lines: 1 }],
        byStage: [{ stage: "proposal", amount: "1000.00", lines: 1 }],
      },
    ]);
    // The SEK line is municipal: its 90% is not an AMIF rate.
    expect(overview.warnings).toEqual([
      { kind: "allVoluntaryReturnOnly" },
      { kind: "endsBeforeObjectives", fundingEndsOn: "2024-12-31", objectivesDueOn: "2025-06-30" },
    ]);
  });

  it("takes a pilot as owner: recipients are members of the pilot's partnership", async () => {
    const { partnership, member, outsider } = await partnershipWithMembers();
    const pilot = await createPilot(db, { partnershipId: partnership.id });
    const owner = { pilotId: pilot.id };
    expect(
      await saveFundingLine(db, coordinator, owner, fundingInput({ recipientOrganisationId: outsider.id })),
    ).toEqual({ ok: false, reason: "recipientNotMember" });
    const saved = await saveFundingLine(
      db,
      coordinator,
      owner,
      fundingInput({ recipientOrganisationId: member.id, amount: "50" }),
    );
    expect(saved.ok && saved.record).toMatchObject({
      pilotId: pilot.id,
      partnershipId: null,
      amount: "50.00",
    });
    // The pilot's lines are not the partnership's, and cannot be edited through it.
    expect(await listFundingLines(db, { partnershipId: partnership.id })).toEqual([]);
    if (!saved.ok) return;
    expect(
      await saveFundingLine(
        db,
        coordinator,
        { partnershipId: partnership.id },
        fundingInput({ id: saved.record.id, version: 1 }),
      ),
    ).toEqual({ ok: false, reason: "notFound" });
    // A pilot outside any partnership can fund any organisation.
    const lonePilot = await createPilot(db);
    const lone = await saveFundingLine(
      db,
      coordinator,
      { pilotId: lonePilot.id },
      fundingInput({ recipientOrganisationId: outsider.id }),
    );
    expect(lone.ok).toBe(true);
  });
});

// --- documents -----------------------------------------------------------------------------------

describe("documents", () => {
  it("add, edit, archive; stale refused; audit", async () => {
    const partnership = await createPartnership(db);
    const owner = { partnershipId: partnership.id };
    const created = await saveDocument(db, coordinator, owner, documentInput());
    if (!created.ok) throw new Error(created.reason);
    const edited = await saveDocument(
      db,
      coordinator,
      owner,
      documentInput({ id: created.record.id, version: 1, title: "Signed covenant" }),
    );
    expect(edited.ok && edited.record).toMatchObject({ title: "Signed covenant", version: 2 });
    const stale = await saveDocument(
      db,
      coordinator,
      owner,
      documentInput({ id: created.record.id, version: 1, title: "Stale" }),
    );
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { title: "Signed covenant" } });
    expect(
      (
        await setDocumentArchived(db, coordinator, owner, {
          intent: "archive",
          id: created.record.id,
          version: 2,
        })
      ).ok,
    ).toBe(true);
    expect(await listDocuments(db, owner)).toEqual([]);
    expect((await auditOf(created.record.id)).map((a) => a.action)).toEqual(["create", "update", "archive"]);
  });

  it("the database refuses a javascript: URL that got past the form, and nothing is left", async () => {
    const partnership = await createPartnership(db);
    const owner = { partnershipId: partnership.id };
    const before = await auditCount("document");
    await expect(
      saveDocument(db, coordinator, owner, documentInput({ url: "javascript:alert(1)" })),
    ).rejects.toThrow();
    await expect(saveDocument(db, ghost, owner, documentInput())).rejects.toThrow();
    const [rows] = await db
      .select({ n: count() })
      .from(documents)
      .where(and(eq(documents.partnershipId, partnership.id)));
    expect(rows?.n).toBe(0);
    expect(await auditCount("document")).toBe(before);
  });
});

// --- routes ----------------------------------------------------------------------------------------

type Outcome = RouteOutcome;

function call(fn: (args: never) => unknown, request: Request, user: User, params: Record<string, string>) {
  return callRoute(db, fn, request, authUserOf(user), params);
}

function resultErrors(outcome: Outcome) {
  return (outcome.body as { result?: { error?: Record<string, string[] | null> } } | null)?.result?.error;
}

describe("tab routes", () => {
  it("a viewer reads the tabs but gets 403 when posting, and nothing is written", async () => {
    const partnership = await createPartnership(db);
    const params = { id: partnership.id };
    const base = `/partnerships/${partnership.id}`;
    const posts = [
      [
        objectivesRoute.action,
        post(`${base}/objectives`, { intent: "save", title: "x", status: "on_track" }),
      ],
      [fundingRoute.action, post(`${base}/funding`, { intent: "save", source: "amif", stage: "proposal" })],
      [
        documentsRoute.action,
        post(`${base}/documents`, { intent: "save", title: "x", url: "https://e.org", kind: "other" }),
      ],
    ] as const;
    for (const [fn, request] of posts) {
      expect(await call(fn, request, viewer, params)).toMatchObject({ status: 403, thrown: true });
    }
    for (const loader of [objectivesRoute.loader, fundingRoute.loader, documentsRoute.loader]) {
      const page = await call(loader, new Request(`http://localhost${base}/x`), viewer, params);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ canEdit: false });
    }
    expect(await listObjectives(db, partnership.id)).toEqual([]);
    expect(await listFundingLines(db, { partnershipId: partnership.id })).toEqual([]);
    expect(await listDocuments(db, { partnershipId: partnership.id })).toEqual([]);
  });

  it("a coordinator adds a funding line through the form; bad input and stale versions come back", async () => {
    const partnership = await createPartnership(db);
    const member = await createOrganisation(db);
    const outsider = await createOrganisation(db);
    await addMember(db, { partnershipId: partnership.id, organisationId: member.id });
    const params = { id: partnership.id };
    const path = `/partnerships/${partnership.id}/funding`;

    const invalid = await call(
      fundingRoute.action,
      post(path, {
        intent: "save",
        source: "amif",
        stage: "proposal",
        amount: "-3",
        startsOn: "2024-01-02",
        endsOn: "2024-01-01",
      }),
      coordinator,
      params,
    );
    expect(invalid.status).toBe(400);
    expect(resultErrors(invalid)).toMatchObject({
      amount: ["funding.validation.amount"],
      endsOn: ["funding.validation.endBeforeStart"],
    });

    const notMember = await call(
      fundingRoute.action,
      post(path, { intent: "save", source: "amif", stage: "proposal", recipientOrganisationId: outsider.id }),
      coordinator,
      params,
    );
    expect(notMember.status).toBe(400);
    expect(resultErrors(notMember)).toMatchObject({
      recipientOrganisationId: ["funding.validation.recipientNotMember"],
    });

    const saved = await call(
      fundingRoute.action,
      post(path, {
        intent: "save",
        source: "amif",
        stage: "implementation",
        amount: "1 000,50",
        currency: "eur",
        cofinancingRate: "90",
        recipientOrganisationId: member.id,
        pathwaysCovered: ["residence_permit", "voluntary_return"],
      }),
      coordinator,
      params,
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(path);
    const [line] = await listFundingLines(db, { partnershipId: partnership.id });
    expect(line).toMatchObject({ amount: "1000.50", currency: "EUR", cofinancingAboveUsual: true });

    const page = await call(
      fundingRoute.loader,
      new Request(`http://localhost${path}?edit=${line!.id}`),
      coordinator,
      params,
    );
    expect(page.body).toMatchObject({
      canEdit: true,
      editing: { id: line!.id },
      warnings: [{ kind: "cofinancingAboveUsual", lines: 1 }],
      totals: [{ currency: "EUR", total: "1000.50" }],
    });

    const edit = { intent: "save", id: line!.id, version: "1", source: "amif", stage: "monitoring" };
    expect((await call(fundingRoute.action, post(path, edit), coordinator, params)).status).toBe(302);
    const stale = await call(fundingRoute.action, post(path, edit), coordinator, params);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ lineId: line!.id, current: { stage: "monitoring", version: 2 } });
    const staleArchive = await call(
      fundingRoute.action,
      post(path, { intent: "archive", id: line!.id, version: "1" }),
      coordinator,
      params,
    );
    expect(staleArchive.status).toBe(409);
    const archive = await call(
      fundingRoute.action,
      post(path, { intent: "archive", id: line!.id, version: "2" }),
      coordinator,
      params,
    );
    expect(archive.status).toBe(302);
    expect(await listFundingLines(db, { partnershipId: partnership.id })).toEqual([]);
  });

  it("objectives and documents through their forms", async () => {
    const partnership = await createPartnership(db);
    const params = { id: partnership.id };
    const base = `/partnerships/${partnership.id}`;
    const objective = await call(
      objectivesRoute.action,
      post(`${base}/objectives`, {
        intent: "save",
        title: "Durable solutions",
        target: "0",
        status: "on_track",
      }),
      coordinator,
      params,
    );
    expect(objective.status).toBe(400);
    expect(resultErrors(objective)).toMatchObject({
      target: ["partnership.objectives.validation.targetPositive"],
    });
    const okObjective = await call(
      objectivesRoute.action,
      post(`${base}/objectives`, {
        intent: "save",
        title: "Durable solutions",
        target: "100",
        dueDate: "2020-01-01",
        status: "on_track",
      }),
      coordinator,
      params,
    );
    expect(okObjective.status).toBe(302);

    const badLink = await call(
      documentsRoute.action,
      post(`${base}/documents`, {
        intent: "save",
        title: "<script>x</script>",
        url: "javascript:alert(1)",
        kind: "other",
      }),
      coordinator,
      params,
    );
    expect(badLink.status).toBe(400);
    expect(resultErrors(badLink)).toMatchObject({
      title: ["partnership.documents.validation.markup"],
      url: ["partnership.documents.validation.url"],
    });
    const link = await call(
      documentsRoute.action,
      post(`${base}/documents`, {
        intent: "save",
        title: "Evaluation",
        url: "https://www.wodc.nl/",
        kind: "evaluation",
      }),
      coordinator,
      params,
    );
    expect(link.status).toBe(302);
    expect((await listDocuments(db, { partnershipId: partnership.id })).map((d) => d.url)).toEqual([
      "https://www.wodc.nl/",
    ]);

    const unknownIntent = await call(
      documentsRoute.action,
      post(`${base}/documents`, { intent: "delete", id: randomUUID(), version: "1" }),
      coordinator,
      params,
    );
    expect(unknownIntent.status).toBe(400);
    const notFound = await call(
      objectivesRoute.loader,
      new Request("http://localhost/partnerships/nope/objectives"),
      coordinator,
      {
        id: "nope",
      },
    );
    expect(notFound.status).toBe(404);
  });

  it("a stale objective or document edit answers 409 with the current values", async () => {
    const objective = await createObjective(db, { title: "Now" });
    const partnershipId = objective.partnershipId;
    const params = { id: partnershipId };
    const base = `/partnerships/${partnershipId}`;
    await db
      .update(objectives)
      .set({ title: "Changed meanwhile", version: 2 })
      .where(eq(objectives.id, objective.id));
    const stale = await call(
      objectivesRoute.action,
      post(`${base}/objectives`, {
        intent: "save",
        id: objective.id,
        version: "1",
        title: "Mine",
        status: "at_risk",
      }),
      coordinator,
      params,
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ objectiveId: objective.id, current: { title: "Changed meanwhile" } });

    const document = await createDocument(db, { partnershipId, title: "Report" });
    const archive = await call(
      documentsRoute.action,
      post(`${base}/documents`, { intent: "archive", id: document.id, version: "1" }),
      coordinator,
      params,
    );
    expect(archive.status).toBe(302);
    const staleRestore = await call(
      documentsRoute.action,
      post(`${base}/documents`, { intent: "restore", id: document.id, version: "1" }),
      coordinator,
      params,
    );
    expect(staleRestore.status).toBe(409);
    const restore = await call(
      documentsRoute.action,
      post(`${base}/documents`, { intent: "restore", id: document.id, version: "2" }),
      coordinator,
      params,
    );
    expect(restore.status).toBe(302);
    expect((await listDocuments(db, { partnershipId })).map((d) => d.id)).toEqual([document.id]);
  });
});
