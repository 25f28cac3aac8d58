// The dashboard's model on factory-built data: counts (the DOMAIN's "active"), follow-ups and
// milestones at the today/yesterday boundaries, caps and totals, and the role-specific sections.
// Attention lists, activity and query counts: dashboard-signals.test.ts.
import { isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { milestones, partnerships, pilots } from "~/db/schema";
import { parseActionListQuery } from "~/lib/actions";
import { isMilestoneDueSoon, isMilestoneOverdue } from "~/lib/alerts";
import { dashboardLinks } from "~/lib/dashboard";
import { isActiveOn } from "~/lib/partnership-status";
import { listActions } from "~/models/action-lists.server";
import {
  dashboard,
  eventFollowUps,
  milestonesDueSoon,
  organisationActions,
  overdueFollowUps,
  overdueMilestones,
  upcomingFollowUps,
  yourMunicipalities,
} from "~/models/dashboard.server";
import { overviewCounts } from "~/models/overview.server";
import {
  addDays,
  addEventOrganiser,
  createEvent,
  createFollowUpAction,
  createMilestone,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf } from "../helpers/routes";

const { db } = await testDb();

const TODAY = "2030-06-15";
const YESTERDAY = addDays(TODAY, -1);
const TOMORROW = addDays(TODAY, 1);

const ids: Record<string, string> = {};
let organiser: AuthUser;
let official: AuthUser;
let viewerWithoutOrganisation: AuthUser;

beforeAll(async () => {
  const own = await createOrganisation(db, { name: "Own organisation" });
  const other = await createOrganisation(db, { name: "Other organisation" });
  await createOrganisation(db, { archivedAt: new Date() });
  ids.own = own.id;

  // Partnerships around "active on today".
  const dated = [
    { status: "active", startDate: TODAY, endDate: null }, // active: started today
    { status: "active", startDate: "2020-01-01", endDate: TODAY }, // active: last day today
    { status: "paused", startDate: "2020-01-01", endDate: null }, // active: paused is not exploring
    { status: "active", startDate: TOMORROW, endDate: null }, // not yet
    { status: "active", startDate: "2020-01-01", endDate: YESTERDAY }, // over
    { status: "ended", startDate: "2020-01-01", endDate: null }, // ended, undated
    { status: "exploring", startDate: "2020-01-01", endDate: null }, // exploring
    { status: "active", startDate: null, endDate: null }, // not known to have started
  ] as const;
  for (const p of dated) await createPartnership(db, { ...p });
  await createPartnership(db, { status: "active", startDate: "2020-01-01", archivedAt: new Date() });

  const organiserUser = await createUser(db, { role: "organiser", organisationId: own.id });
  organiser = authUserOf(organiserUser);
  const created = await createEvent(db, { title: "Created by the organiser", createdBy: organiserUser.id });
  const organised = await createEvent(db, { title: "Organised by their organisation" });
  await addEventOrganiser(db, { eventId: organised.id, organisationId: own.id });
  const elsewhere = await createEvent(db, { title: "Someone else's event" });
  await addEventOrganiser(db, { eventId: elsewhere.id, organisationId: other.id });

  const action = async (key: string, values: Parameters<typeof createFollowUpAction>[1]) => {
    ids[key] = (await createFollowUpAction(db, { title: key, ...values })).id;
  };
  await action("overdueYesterday", { dueOn: YESTERDAY, eventId: created.id, ownerOrganisationId: other.id });
  await action("dueToday", { dueOn: TODAY, eventId: organised.id, ownerOrganisationId: other.id });
  await action("doneYesterday", {
    dueOn: YESTERDAY,
    status: "done",
    doneOn: YESTERDAY,
    eventId: created.id,
    ownerOrganisationId: own.id,
  });
  await action("droppedYesterday", { dueOn: YESTERDAY, status: "dropped", ownerOrganisationId: own.id });
  await action("overdueEarlier", {
    dueOn: addDays(TODAY, -5),
    status: "in_progress",
    eventId: elsewhere.id,
    ownerOrganisationId: own.id,
  });
  await action("dueIn30", { dueOn: addDays(TODAY, 30), ownerOrganisationId: own.id });
  await action("dueIn31", { dueOn: addDays(TODAY, 31), eventId: elsewhere.id });
  await action("archivedOverdue", {
    dueOn: YESTERDAY,
    archivedAt: new Date(),
    eventId: created.id,
    ownerOrganisationId: own.id,
  });
  await action("undated", { dueOn: null, eventId: elsewhere.id });

  // Milestones around "overdue" and "due soon" (14 days).
  const first = await createMunicipality(db, { name: "Aa municipality" });
  const second = await createMunicipality(db, { name: "Bb municipality" });
  ids.first = first.id;
  ids.second = second.id;
  const pilot = await createPilot(db, { municipalityId: first.id, name: "Running pilot" });
  const archivedPilot = await createPilot(db, { municipalityId: first.id, archivedAt: new Date() });
  ids.pilot = pilot.id;
  const milestone = async (key: string, values: Parameters<typeof createMilestone>[1]) => {
    ids[key] = (await createMilestone(db, { title: key, pilotId: pilot.id, ...values })).id;
  };
  await milestone("mOverdue", { dueOn: YESTERDAY, status: "planned" });
  await milestone("mToday", { dueOn: TODAY, status: "in_progress" });
  await milestone("mIn14", { dueOn: addDays(TODAY, 14), status: "delayed" });
  await milestone("mIn15", { dueOn: addDays(TODAY, 15), status: "planned" });
  await milestone("mDone", { dueOn: YESTERDAY, status: "done", doneOn: YESTERDAY });
  await milestone("mCancelled", { dueOn: YESTERDAY, status: "cancelled" });
  await milestone("mArchived", { dueOn: YESTERDAY, archivedAt: new Date() });
  await milestone("mUndated", { dueOn: null });
  await createMilestone(db, { title: "of an archived pilot", pilotId: archivedPilot.id, dueOn: YESTERDAY });

  official = authUserOf(await createUser(db, { role: "municipal_official", organisationId: other.id }), [
    second.id,
    first.id,
  ]);
  viewerWithoutOrganisation = authUserOf(await createUser(db, { role: "viewer" }));
});

const titlesOf = (list: { items: { title: string }[] }) => list.items.map((item) => item.title);

describe("the counts", () => {
  it("count active partnerships as isActiveOn does, and open actions, leaving archived records out", async () => {
    const all = await db.select().from(partnerships).where(isNull(partnerships.archivedAt));
    const counts = await overviewCounts(db, TODAY);
    expect(counts.activePartnerships).toBe(all.filter((p) => isActiveOn(p, TODAY)).length);
    expect(counts.activePartnerships).toBe(3);
    expect(counts.organisations).toBe(2);
    expect(counts.municipalities).toBe(2);
    expect(counts.pilots).toBe(1);
    // open or in progress, not archived: overdueYesterday, dueToday, overdueEarlier, dueIn30, dueIn31, undated
    expect(counts.openActions).toBe(6);
  });
});

describe("follow-ups", () => {
  it("are overdue from the day after they are due, unless done or dropped; earliest first", async () => {
    const overdue = await overdueFollowUps(db, TODAY);
    expect(titlesOf(overdue)).toEqual(["overdueEarlier", "overdueYesterday"]);
    expect(overdue.total).toBe(2);
    expect(overdue.items.every((a) => a.overdue)).toBe(true);
    // The "see all" list (/actions?overdue=1) holds the same actions.
    const all = await listActions(
      db,
      { page: 1, pageSize: 50 },
      parseActionListQuery(new URLSearchParams("overdue=1")),
      TODAY,
    );
    expect(all.total).toBe(overdue.total);
  });

  it("are upcoming from today to today + 30 days, both included", async () => {
    const upcoming = await upcomingFollowUps(db, TODAY);
    expect(titlesOf(upcoming)).toEqual(["dueToday", "dueIn30"]);
    expect(upcoming.items.some((a) => a.overdue)).toBe(false);
    // The next day, the action due today is overdue and the one due in 31 days comes in.
    expect(titlesOf(await overdueFollowUps(db, TOMORROW))).toEqual([
      "overdueEarlier",
      "overdueYesterday",
      "dueToday",
    ]);
    expect(titlesOf(await upcomingFollowUps(db, TOMORROW))).toEqual(["dueIn30", "dueIn31"]);
  });

  it("are capped with the total kept", async () => {
    const capped = await overdueFollowUps(db, TODAY, 1);
    expect(titlesOf(capped)).toEqual(["overdueEarlier"]);
    expect(capped.total).toBe(2);
    expect(capped.items[0]).toMatchObject({
      status: "in_progress",
      eventTitle: "Someone else's event",
      ownerOrganisationName: "Own organisation",
    });
  });
});

describe("milestones", () => {
  it("are overdue or due within 14 days as the pilot alerts say, for pilots not archived", async () => {
    const overdue = await overdueMilestones(db, TODAY);
    const soon = await milestonesDueSoon(db, TODAY);
    expect(titlesOf(overdue)).toEqual(["mOverdue"]);
    expect(titlesOf(soon)).toEqual(["mToday", "mIn14"]);
    expect(overdue.items[0]).toMatchObject({
      pilotId: ids.pilot,
      pilotName: "Running pilot",
      municipalityId: ids.first,
      municipalityName: "Aa municipality",
    });
    const live = await db.select().from(milestones).where(isNull(milestones.archivedAt));
    const livePilots = new Set(
      (await db.select().from(pilots).where(isNull(pilots.archivedAt))).map((p) => p.id),
    );
    const shown = live.filter((m) => livePilots.has(m.pilotId));
    expect(overdue.total).toBe(shown.filter((m) => isMilestoneOverdue(m, TODAY)).length);
    expect(soon.total).toBe(shown.filter((m) => isMilestoneDueSoon(m, TODAY)).length);
  });
});

describe("role-specific sections", () => {
  it("give a municipal official their municipalities, by name, with pilots, overdue and next milestones", async () => {
    const list = await yourMunicipalities(db, official.municipalityIds, TODAY);
    expect(list).toEqual([
      {
        id: ids.first,
        name: "Aa municipality",
        pilots: 1,
        overdueMilestones: 1,
        next: {
          id: ids.mToday,
          title: "mToday",
          dueOn: TODAY,
          pilotId: ids.pilot,
          pilotName: "Running pilot",
        },
      },
      { id: ids.second, name: "Bb municipality", pilots: 0, overdueMilestones: 0, next: null },
    ]);
    expect(await yourMunicipalities(db, [], TODAY)).toEqual([]);
    const page = await dashboard(db, official, TODAY);
    expect(page.sections[0]).toBe("yourMunicipalities");
    expect(page.yourMunicipalities?.map((m) => m.name)).toEqual(["Aa municipality", "Bb municipality"]);
    expect(page.eventFollowUps).toBeNull();
  });

  it("give an organiser the actions of events they created or their organisation organised, open first", async () => {
    const list = await eventFollowUps(db, organiser, TODAY);
    expect(titlesOf(list)).toEqual(["overdueYesterday", "dueToday", "doneYesterday"]);
    expect(list.total).toBe(3);
    // Without an organisation: only the events they created.
    const alone = await eventFollowUps(db, { id: organiser.id, organisationId: null }, TODAY);
    expect(titlesOf(alone)).toEqual(["overdueYesterday", "doneYesterday"]);
    const page = await dashboard(db, organiser, TODAY);
    expect(page.sections.slice(0, 2)).toEqual(["eventFollowUps", "organisationActions"]);
    expect(titlesOf(page.eventFollowUps ?? { items: [] })).toEqual(titlesOf(list));
  });

  it("give anyone with an organisation the actions it owns: open, in progress, done, dropped", async () => {
    const list = await organisationActions(db, ids.own!, TODAY);
    expect(titlesOf(list)).toEqual(["dueIn30", "overdueEarlier", "doneYesterday", "droppedYesterday"]);
    expect(list.items.map((a) => a.overdue)).toEqual([false, true, false, false]);
    const page = await dashboard(db, organiser, TODAY);
    expect(page.organisationId).toBe(ids.own);
    expect(titlesOf(page.organisationActions ?? { items: [] })).toEqual(titlesOf(list));
  });

  it("read only the sections of the reader's order", async () => {
    const page = await dashboard(db, viewerWithoutOrganisation, TODAY);
    expect(page.sections).toEqual(["counts", "followUps", "milestones", "attention", "activity"]);
    expect(page.organisationActions).toBeNull();
    expect(page.yourMunicipalities).toBeNull();
    expect(page.eventFollowUps).toBeNull();
    expect(titlesOf(page.followUps?.overdue ?? { items: [] })).toEqual([
      "overdueEarlier",
      "overdueYesterday",
    ]);
    expect(page.milestones?.dueSoon.total).toBe(2);
  });
});

describe('the "see all" links', () => {
  /** The /actions list a dashboard link opens, for this reader (all rows). */
  async function listOf(link: string, reader: Pick<AuthUser, "id" | "organisationId">) {
    const [path, search] = link.split("?");
    expect(path).toBe("/actions");
    const query = parseActionListQuery(new URLSearchParams(search));
    return listActions(db, { page: 1, pageSize: 100 }, query, TODAY, reader);
  }

  it("open the organiser's event follow-ups with the same total and the same actions", async () => {
    const section = await eventFollowUps(db, organiser, TODAY);
    const list = await listOf(dashboardLinks.eventFollowUps(), organiser);
    expect(list.total).toBe(section.total);
    expect(list.items.map((a) => a.title).sort()).toEqual(titlesOf(section).sort());
    // Someone else's events are not theirs: the same link lists none for a reader without events.
    expect((await listOf(dashboardLinks.eventFollowUps(), viewerWithoutOrganisation)).total).toBe(0);
  });

  it("open the upcoming follow-ups without the done or dropped ones of the window", async () => {
    await createFollowUpAction(db, { title: "doneTomorrow", dueOn: TOMORROW, status: "done", doneOn: TODAY });
    await createFollowUpAction(db, { title: "droppedIn3", dueOn: addDays(TODAY, 3), status: "dropped" });
    const upcoming = await upcomingFollowUps(db, TODAY);
    const list = await listOf(dashboardLinks.upcomingActions(TODAY), organiser);
    expect(list.total).toBe(upcoming.total);
    expect(list.items.map((a) => a.title)).toEqual(titlesOf(upcoming));
    const overdue = await overdueFollowUps(db, TODAY);
    expect((await listOf(dashboardLinks.overdueActions(), organiser)).total).toBe(overdue.total);
  });
});
