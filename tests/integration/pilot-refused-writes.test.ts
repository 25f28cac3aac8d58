// Writes the pilot's tabs refuse even from users in scope, through forged POSTs: anything hanging off
// an archived pilot (milestones, periods, funding lines, documents: 409, nothing written, until the
// pilot is restored from its edit page), and "mark done" on a milestone that is not open.
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { auditLog, milestones, pilots, type Municipality } from "~/db/schema";
import * as layoutRoute from "~/routes/pilots.$id";
import * as documentsRoute from "~/routes/pilots.$id.documents";
import * as editRoute from "~/routes/pilots.$id.edit";
import * as fundingRoute from "~/routes/pilots.$id.funding";
import * as milestonesRoute from "~/routes/pilots.$id.milestones";
import * as outcomesRoute from "~/routes/pilots.$id.outcomes";
import {
  createDocument,
  createFundingLine,
  createMilestone,
  createPilot,
  createPilotPeriod,
} from "../factories";
import { testDb } from "../helpers/db";
import { pilotPagesFixture } from "../helpers/pilot-pages";
import { callRoute, get, post, submissionOf } from "../helpers/routes";

const { db } = await testDb();

let home: Municipality;
let coordinator: AuthUser;
let official: AuthUser;

beforeAll(async () => {
  ({ home, coordinator, official } = await pilotPagesFixture(db));
});

async function auditCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

describe("an archived pilot", () => {
  it("refuses every change to its milestones, periods, funding lines and documents (409)", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const milestone = await createMilestone(db, { pilotId: target.id, dueOn: "2030-01-01" });
    const period = await createPilotPeriod(db, { pilotId: target.id });
    const line = await createFundingLine(db, { pilotId: target.id, partnershipId: null });
    const document = await createDocument(db, { pilotId: target.id, partnershipId: null });
    await db.update(pilots).set({ archivedAt: new Date(), version: 2 }).where(eq(pilots.id, target.id));
    const path = (tab: string) => `/pilots/${target.id}/${tab}`;
    const forged = [
      [milestonesRoute.action, "milestones", { intent: "save", title: "New", status: "planned" }],
      [milestonesRoute.action, "milestones", { intent: "done", id: milestone.id, version: "1" }],
      [milestonesRoute.action, "milestones", { intent: "move", id: milestone.id, direction: "up" }],
      [milestonesRoute.action, "milestones", { intent: "archive", id: milestone.id, version: "1" }],
      [outcomesRoute.action, "outcomes", { intent: "archive", id: period.id, version: "1" }],
      [
        outcomesRoute.action,
        "outcomes",
        { intent: "save", periodStart: "2031-01-01", periodEnd: "2031-03-31", newParticipants: "5" },
      ],
      [fundingRoute.action, "funding", { intent: "save", source: "amif", stage: "proposal" }],
      [fundingRoute.action, "funding", { intent: "archive", id: line.id, version: "1" }],
      [documentsRoute.action, "documents", { intent: "archive", id: document.id, version: "1" }],
    ] as const;
    const before = await auditCount();
    for (const user of [official, coordinator]) {
      for (const [action, tab, fields] of forged) {
        expect(
          await callRoute(db, action, post(path(tab), fields), user, { id: target.id }),
          `${user.role} ${tab} ${fields.intent}`,
        ).toMatchObject({ status: 409, thrown: true });
      }
      // The tabs offer no form either.
      for (const [loader, tab] of [
        [milestonesRoute.loader, "milestones"],
        [outcomesRoute.loader, "outcomes"],
        [fundingRoute.loader, "funding"],
        [documentsRoute.loader, "documents"],
      ] as const) {
        const page = await callRoute(db, loader, get(path(tab)), user, { id: target.id });
        expect(page.body, tab).toMatchObject({ canEdit: false });
      }
    }
    expect(await auditCount()).toBe(before);
    const [row] = await db.select().from(milestones).where(eq(milestones.id, milestone.id));
    expect(row).toMatchObject({ version: 1, archivedAt: null, status: "planned" });

    // Its edit page still opens, refuses an update, and restores it; then changes are allowed again.
    const layout = await callRoute(db, layoutRoute.loader, get(`/pilots/${target.id}`), official, {
      id: target.id,
    });
    expect(layout.body).toMatchObject({ canEdit: true });
    const edit = await callRoute(db, editRoute.loader, get(path("edit")), official, { id: target.id });
    expect(edit.status).toBe(200);
    const update = await callRoute(
      db,
      editRoute.action,
      post(path("edit"), {
        intent: "update",
        version: "2",
        name: "Renamed",
        targetGroup: "both",
        status: "running",
      }),
      official,
      { id: target.id },
    );
    expect(update).toMatchObject({ status: 409, body: { error: null } });
    expect(submissionOf(update)?.error).toMatchObject({ "": ["pilot.form.errors.archived"] });
    const restored = await callRoute(
      db,
      editRoute.action,
      post(path("edit"), { intent: "restore", version: "2" }),
      official,
      { id: target.id },
    );
    expect(restored.status).toBe(302);
    const saved = await callRoute(
      db,
      milestonesRoute.action,
      post(path("milestones"), { intent: "done", id: milestone.id, version: "1" }),
      official,
      { id: target.id },
    );
    expect(saved.status).toBe(302);
  });
});

describe("mark done", () => {
  it("refuses a milestone already done or cancelled, and says why", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const done = await createMilestone(db, { pilotId: target.id, status: "done", doneOn: "2024-01-02" });
    const cancelled = await createMilestone(db, { pilotId: target.id, status: "cancelled" });
    for (const milestone of [done, cancelled]) {
      const refused = await callRoute(
        db,
        milestonesRoute.action,
        post(`/pilots/${target.id}/milestones`, { intent: "done", id: milestone.id, version: "1" }),
        official,
        { id: target.id },
      );
      expect(refused).toMatchObject({ status: 409, body: { form: "done", milestoneId: milestone.id } });
      expect(submissionOf(refused)?.error).toMatchObject({ "": ["milestones.validation.notOpen"] });
      const [row] = await db.select().from(milestones).where(eq(milestones.id, milestone.id));
      expect(row).toMatchObject({ status: milestone.status, doneOn: milestone.doneOn, version: 1 });
    }
  });
});
