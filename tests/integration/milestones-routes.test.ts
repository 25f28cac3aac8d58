// The milestones tab (/pilots/:id/milestones) by role, with forged requests outside the scope (403,
// nothing written), validation and stale versions, and the page rendered to HTML. Loaders and actions
// are called directly. The calendar feeds are tested in calendar.test.ts.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, milestones, type Municipality, type Pilot, type User } from "~/db/schema";
import { todayIso } from "~/lib/objectives";
import { listMilestones } from "~/models/milestones.server";
import * as milestonesRoute from "~/routes/pilots.$id.milestones";
import {
  createFundingLine,
  createMilestone,
  createMunicipality,
  createPilot,
  createUser,
  linkUserMunicipality,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const TODAY = todayIso();

let municipality: Municipality;
let otherMunicipality: Municipality;
let pilot: Pilot;
let coordinator: User;
let official: User;
let outsider: User;
let organiser: User;
let viewer: User;

beforeAll(async () => {
  municipality = await createMunicipality(db, { name: "Utrecht" });
  otherMunicipality = await createMunicipality(db, { name: "Groningen" });
  pilot = await createPilot(db, {
    municipalityId: municipality.id,
    name: "LVV Utrecht",
    startsOn: "2019-04-01",
  });
  coordinator = await createUser(db, { role: "coordinator" });
  official = await createUser(db, { role: "municipal_official" });
  outsider = await createUser(db, { role: "municipal_official" });
  organiser = await createUser(db, { role: "organiser" });
  viewer = await createUser(db, { role: "viewer" });
  await linkUserMunicipality(db, { userId: official.id, municipalityId: municipality.id });
  await linkUserMunicipality(db, { userId: outsider.id, municipalityId: otherMunicipality.id });
});

function call(
  fn: (args: never) => unknown,
  request: Request,
  user: User | null,
  params: Record<string, string>,
): Promise<RouteOutcome> {
  const scope: Record<string, string[]> = {
    [official.id]: [municipality.id],
    [outsider.id]: [otherMunicipality.id],
  };
  return callRoute(db, fn, request, user ? authUserOf(user, scope[user.id] ?? []) : null, params);
}

const base = () => `/pilots/${pilot.id}/milestones`;

async function milestoneCount(pilotId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(milestones).where(eq(milestones.pilotId, pilotId));
  return row?.n ?? 0;
}

describe("milestones tab: loader", () => {
  it("every role reads it; only editors in scope may edit", async () => {
    await createMilestone(db, {
      pilotId: pilot.id,
      title: "Covenant signed",
      dueOn: "2019-03-01",
      status: "done",
      doneOn: "2019-03-05",
    });
    await createFundingLine(db, {
      pilotId: pilot.id,
      startsOn: "2019-01-01",
      endsOn: "2022-12-31",
      reference: "LVV-1",
    });
    for (const [user, canEdit] of [
      [viewer, false],
      [organiser, false],
      [outsider, false],
      [official, true],
      [coordinator, true],
    ] as const) {
      const page = await call(milestonesRoute.loader, new Request(`http://localhost${base()}`), user, {
        id: pilot.id,
      });
      expect(page.status).toBe(200);
      const body = page.body as Awaited<ReturnType<typeof milestonesRoute.loader>>;
      expect(body.canEdit).toBe(canEdit);
      expect(body.milestones.map((m) => m.title)).toContain("Covenant signed");
      expect(body.funding[0]).toMatchObject({ startsOn: "2019-01-01", endsOn: "2022-12-31" });
      expect(body.funding[0]?.label).toContain("LVV-1");
      expect(Array.isArray(body.alerts)).toBe(true);
    }
  });

  it("selects the milestone named in ?milestone=", async () => {
    const m = await createMilestone(db, { pilotId: pilot.id, title: "Selected one" });
    const page = await call(
      milestonesRoute.loader,
      new Request(`http://localhost${base()}?milestone=${m.id}`),
      official,
      { id: pilot.id },
    );
    expect((page.body as { selected: { title: string } | null }).selected?.title).toBe("Selected one");
  });

  it("404 for an unknown or malformed pilot id, after the permission check", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const page = await call(
        milestonesRoute.loader,
        new Request(`http://localhost/pilots/${id}/milestones`),
        viewer,
        { id },
      );
      expect(page).toMatchObject({ status: 404, thrown: true });
    }
    const anonymous = await call(milestonesRoute.loader, new Request(`http://localhost${base()}`), null, {
      id: pilot.id,
    });
    expect(anonymous.status).toBe(302);
  });
});

describe("milestones tab: action by role (forged requests)", () => {
  it("organisers, viewers and officials of another municipality get 403 for every intent; nothing is written", async () => {
    const target = await createMilestone(db, {
      pilotId: pilot.id,
      title: "Untouchable",
      dueOn: "2030-01-01",
    });
    const before = await milestoneCount(pilot.id);
    const [auditBefore] = await db.select({ n: count() }).from(auditLog);
    const forged: Record<string, string>[] = [
      { intent: "save", title: "Forged", status: "planned" },
      { intent: "save", id: target.id, version: "1", title: "Forged", status: "planned" },
      { intent: "done", id: target.id, version: "1" },
      { intent: "move", id: target.id, direction: "up" },
      { intent: "archive", id: target.id, version: "1" },
      { intent: "reorder", order: target.id },
    ];
    for (const user of [organiser, viewer, outsider]) {
      for (const fields of forged) {
        const outcome = await call(milestonesRoute.action, post(base(), fields), user, { id: pilot.id });
        expect(outcome, `${user.role} ${fields.intent}`).toMatchObject({ status: 403, thrown: true });
      }
    }
    expect(await milestoneCount(pilot.id)).toBe(before);
    const [auditAfter] = await db.select({ n: count() }).from(auditLog);
    expect(auditAfter?.n).toBe(auditBefore?.n);
    const [row] = await db.select().from(milestones).where(eq(milestones.id, target.id));
    expect(row).toMatchObject({ title: "Untouchable", version: 1, archivedAt: null });
  });

  it("an official in scope adds, edits, marks done, moves and archives", async () => {
    const own = await createPilot(db, { municipalityId: municipality.id });
    const path = `/pilots/${own.id}/milestones`;
    const params = { id: own.id };
    const added = await call(
      milestonesRoute.action,
      post(path, { intent: "save", title: "Steering group", status: "planned", dueOn: "2030-01-15" }),
      official,
      params,
    );
    expect(added).toMatchObject({ status: 302 });
    await call(
      milestonesRoute.action,
      post(path, { intent: "save", title: "Second", status: "planned" }),
      official,
      params,
    );
    const [first, second] = await listMilestones(db, own.id);
    if (!first || !second) throw new Error("two milestones expected");
    expect(first).toMatchObject({ title: "Steering group", dueOn: "2030-01-15", position: 0 });

    const edited = await call(
      milestonesRoute.action,
      post(path, {
        intent: "save",
        id: first.id,
        version: "1",
        title: "Steering group met",
        status: "in_progress",
      }),
      official,
      params,
    );
    expect(edited.status).toBe(302);

    const done = await call(
      milestonesRoute.action,
      post(path, { intent: "done", id: first.id, version: "2" }),
      official,
      params,
    );
    expect(done.status).toBe(302);
    const moved = await call(
      milestonesRoute.action,
      post(path, { intent: "move", id: second.id, direction: "up" }),
      official,
      params,
    );
    expect(moved.status).toBe(302);
    const list = await listMilestones(db, own.id);
    expect(list.map((m) => [m.title, m.status, m.doneOn])).toEqual([
      ["Second", "planned", null],
      ["Steering group met", "done", TODAY],
    ]);
    const archived = await call(
      milestonesRoute.action,
      post(path, { intent: "archive", id: second.id, version: "1" }),
      coordinator,
      params,
    );
    expect(archived.status).toBe(302);
    expect((await listMilestones(db, own.id)).map((m) => m.title)).toEqual(["Steering group met"]);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, first.id));
    expect(actions.map((a) => a.action)).toEqual(["create", "update", "update", "update"]);
  });

  it("invalid input: 400 with errors next to the fields; stale version: 409 with the saved values", async () => {
    const m = await createMilestone(db, { pilotId: pilot.id, title: "Original" });
    const invalid = await call(
      milestonesRoute.action,
      post(base(), { intent: "save", title: "", status: "planned", dueOn: "2024-02-30" }),
      official,
      { id: pilot.id },
    );
    expect(invalid.status).toBe(400);
    const errors = (invalid.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.title).toEqual(["validation.required"]);
    expect(errors.dueOn).toEqual(["milestones.validation.date"]);

    const future = await call(
      milestonesRoute.action,
      post(base(), { intent: "done", id: m.id, version: "1", doneOn: "2999-01-01" }),
      official,
      { id: pilot.id },
    );
    expect(future.status).toBe(400);

    await call(
      milestonesRoute.action,
      post(base(), { intent: "save", id: m.id, version: "1", title: "Theirs", status: "planned" }),
      coordinator,
      { id: pilot.id },
    );
    const stale = await call(
      milestonesRoute.action,
      post(base(), { intent: "save", id: m.id, version: "1", title: "Mine", status: "planned" }),
      official,
      { id: pilot.id },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ form: "save", current: { title: "Theirs", version: 2 } });
    const staleDone = await call(
      milestonesRoute.action,
      post(base(), { intent: "done", id: m.id, version: "1" }),
      official,
      { id: pilot.id },
    );
    expect(staleDone.status).toBe(409);
  });

  it("reorders with the whole list in its new order; a list that is not the pilot's: 409", async () => {
    const own = await createPilot(db, { municipalityId: municipality.id });
    const [a, b, c] = await Promise.all(
      ["A", "B", "C"].map((title, position) => createMilestone(db, { pilotId: own.id, title, position })),
    );
    if (!a || !b || !c) throw new Error("factory");
    const path = `/pilots/${own.id}/milestones`;
    const ok = await call(
      milestonesRoute.action,
      post(path, { intent: "reorder", order: [c.id, a.id, b.id] }),
      official,
      {
        id: own.id,
      },
    );
    expect(ok.status).toBe(302);
    expect((await listMilestones(db, own.id)).map((m) => m.title)).toEqual(["C", "A", "B"]);
    const partial = await call(
      milestonesRoute.action,
      post(path, { intent: "reorder", order: [a.id, b.id] }),
      official,
      {
        id: own.id,
      },
    );
    expect(partial).toMatchObject({ status: 409, thrown: true });
    const junk = await call(
      milestonesRoute.action,
      post(path, { intent: "reorder", order: "nope" }),
      official,
      {
        id: own.id,
      },
    );
    expect(junk).toMatchObject({ status: 400, thrown: true });
    expect((await listMilestones(db, own.id)).map((m) => m.title)).toEqual(["C", "A", "B"]);
  });

  it("a milestone of another pilot cannot be reached through this pilot's URL", async () => {
    const elsewhere = await createMilestone(db, { title: "Elsewhere" });
    const outcome = await call(
      milestonesRoute.action,
      post(base(), { intent: "save", id: elsewhere.id, version: "1", title: "Hijacked", status: "planned" }),
      official,
      { id: pilot.id },
    );
    expect(outcome.status).toBe(404);
    const [row] = await db.select().from(milestones).where(eq(milestones.id, elsewhere.id));
    expect(row?.title).toBe("Elsewhere");
  });
});

// --- the page rendered to HTML ---------------------------------------------------------------------

describe("pages", () => {
  it("the milestones tab shows alerts, the timeline (today, overdue in red, funding end) and the list", async () => {
    const own = await createPilot(db, { municipalityId: municipality.id, startsOn: "2023-01-01" });
    const late = await createMilestone(db, {
      pilotId: own.id,
      title: "Late one",
      dueOn: "2024-01-10",
      position: 0,
    });
    await createMilestone(db, {
      pilotId: own.id,
      title: "After the money",
      dueOn: "2031-06-01",
      position: 1,
    });
    await createMilestone(db, {
      pilotId: own.id,
      title: "Done one",
      dueOn: "2023-05-01",
      doneOn: "2023-05-03",
      status: "done",
      position: 2,
    });
    await createMilestone(db, { pilotId: own.id, title: "No date yet", position: 3 });
    await createFundingLine(db, { pilotId: own.id, startsOn: "2023-01-01", endsOn: "2030-12-31" });
    const path = `/pilots/${own.id}/milestones`;
    const editor = await call(
      milestonesRoute.loader,
      new Request(`http://localhost${path}?milestone=${late.id}`),
      official,
      {
        id: own.id,
      },
    );
    const html = await renderPage(milestonesRoute.default, path, editor.body);
    expect(html).toContain('data-testid="milestone-timeline"');
    expect(html).toContain('data-testid="pilot-alerts"');
    expect(html).toContain('data-alert-kind="milestone_overdue"');
    expect(html).toContain('data-alert-kind="milestone_after_funding"');
    expect(html).toContain('data-testid="timeline-today"');
    expect(html).toContain('data-testid="timeline-funding-end"');
    expect(html).toMatch(new RegExp(`data-milestone-id="${late.id}" data-tone="overdue"`));
    expect(html).toContain('data-tone="afterFunding"');
    expect(html).toContain('data-tone="done"');
    expect(html).toContain("1 milestone without a date is only in the list.");
    expect(html).toContain('aria-label="Move Late one down"');
    expect(html).toContain("Edit Late one");
    expect(html).toContain('aria-label="Mark Late one done"');
    // The feed's address, the token left for the user (it is never in a page).
    expect(html).toContain(`/export/pilots/${own.id}/milestones.ics?token=YOUR_TOKEN`);

    const reader = await call(milestonesRoute.loader, new Request(`http://localhost${path}`), viewer, {
      id: own.id,
    });
    const readerHtml = await renderPage(milestonesRoute.default, path, reader.body);
    expect(readerHtml).toContain('data-testid="milestone-timeline"');
    expect(readerHtml).not.toContain('name="intent"');
  });
});
