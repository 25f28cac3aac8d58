// The /actions page read in two statements (models/action-list-page.server.ts): the same answer as
// the model functions it stands in for (listActions, actionFilterOptions, actionLinkNames) for every
// filter alone and in combinations, every sort in both directions, several pages and one past the
// end, with and without a reader; two actions of a second event, partnership, pilot and organisation
// are there so that a filter that leaks fails; two queries for the loader whatever the filters and
// the number of actions; the same answer again on a second call (the statements are built once per
// database handle).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Event, Organisation, Partnership, Pilot, User } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { actionSorts, parseActionListQuery, type ActionListQuery } from "~/lib/actions";
import { todayIso } from "~/lib/objectives";
import type { PageRequest } from "~/lib/pagination";
import { loadActionListPage } from "~/models/action-list-page.server";
import {
  actionFilterOptions,
  actionLinkNames,
  listActions,
  type ActionReader,
} from "~/models/action-lists.server";
import * as actionsRoute from "~/routes/actions";
import {
  addEventOrganiser,
  createEvent,
  createFollowUpAction,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const archivedAt = new Date();

let orgs: Organisation[];
let mainEvent: Event;
let otherEvent: Event;
let partnership: Partnership;
let otherPartnership: Partnership;
let pilot: Pilot;
let otherPilot: Pilot;
let creator: User;
let organiserMember: User;

/** What the page read through the other models (its loader before). */
async function throughOtherModels(request: PageRequest, query: ActionListQuery, reader: ActionReader | null) {
  const [page, filterOptions, linkNames] = await Promise.all([
    listActions(db, request, query, TODAY, reader),
    actionFilterOptions(db),
    actionLinkNames(db, query),
  ]);
  return { page, filterOptions, linkNames };
}

beforeAll(async () => {
  orgs = await Promise.all(
    ["Municipality", "Return Service", "Legal Aid", "Shelter"].map((name, i) =>
      createOrganisation(db, { name, acronym: i === 1 ? "RS" : null }),
    ),
  );
  const [a, b, c, d] = orgs as [Organisation, Organisation, Organisation, Organisation];
  creator = await createUser(db, { name: "Event creator", organisationId: null });
  organiserMember = await createUser(db, { name: "Organiser", organisationId: d.id });
  mainEvent = await createEvent(db, {
    title: "Utrecht seminar",
    startsOn: "2025-03-01",
    createdBy: creator.id,
  });
  otherEvent = await createEvent(db, { title: "Other workshop", startsOn: "2025-05-01" });
  const archivedEvent = await createEvent(db, {
    title: "Archived meeting",
    startsOn: "2024-01-01",
    archivedAt,
  });
  await createEvent(db, { title: "No actions", startsOn: "2025-04-01" });
  await addEventOrganiser(db, { eventId: otherEvent.id, organisationId: d.id });
  partnership = await createPartnership(db, { name: "LVV covenant" });
  otherPartnership = await createPartnership(db, { name: "Other covenant" });
  pilot = await createPilot(db, { name: "LVV Utrecht", partnershipId: partnership.id });
  otherPilot = await createPilot(db, { name: "Other pilot" });
  const owner = await createUser(db, { name: "Case manager", organisationId: a.id });

  // Every status, due dates around today (some none), owners, links, a few archived, titles that
  // differ in case only, an action of an archived event.
  const statuses = ["open", "in_progress", "done", "dropped"] as const;
  for (let i = 0; i < 30; i++) {
    const status = statuses[i % 4]!;
    await createFollowUpAction(db, {
      eventId: i % 3 === 2 ? null : mainEvent.id,
      title: `${i % 2 === 0 ? "a" : "A"} follow-up ${i % 10}`,
      status,
      dueOn: i % 6 === 0 ? null : addDays(TODAY, (i % 9) - 4),
      doneOn: status === "done" ? addDays(TODAY, -i) : null,
      ownerOrganisationId: i % 5 === 4 ? null : orgs[i % 3]!.id,
      ownerUserId: i % 4 === 1 ? owner.id : null,
      partnershipId: i % 3 === 0 ? partnership.id : null,
      pilotId: i % 4 === 0 ? pilot.id : null,
      organisationId: i % 7 === 0 ? b.id : i % 7 === 1 ? c.id : null,
      archivedAt: i === 11 || i === 17 ? archivedAt : null,
    });
  }
  await createFollowUpAction(db, { eventId: archivedEvent.id, title: "Of an archived event", dueOn: TODAY });
  // Another event, partnership, pilot and organisation: only their own filters keep these.
  await Promise.all([
    createFollowUpAction(db, {
      eventId: otherEvent.id,
      title: "Other follow-up",
      dueOn: addDays(TODAY, -2),
      ownerOrganisationId: d.id,
      partnershipId: otherPartnership.id,
      pilotId: otherPilot.id,
    }),
    createFollowUpAction(db, {
      eventId: otherEvent.id,
      title: "Other, linked",
      status: "done",
      doneOn: TODAY,
      organisationId: d.id,
    }),
  ]);
});

/** Queries to compare: each filter alone, combinations, and unknown ids. */
function filterCases(): Partial<ActionListQuery>[] {
  const [a, b, , d] = orgs as [Organisation, Organisation, Organisation, Organisation];
  return [
    {},
    { eventId: mainEvent.id },
    { eventId: otherEvent.id },
    { ownerOrganisationId: a.id },
    { ownerOrganisationId: d.id },
    { partnershipId: partnership.id },
    { partnershipId: otherPartnership.id },
    { pilotId: pilot.id },
    { pilotId: otherPilot.id },
    { organisationId: b.id },
    { organisationId: d.id },
    { organisationId: a.id, status: "open" },
    { status: "done" },
    { status: "dropped", eventId: mainEvent.id },
    { dueFrom: TODAY },
    { dueTo: TODAY },
    { dueFrom: addDays(TODAY, -2), dueTo: addDays(TODAY, 2) },
    { overdue: true },
    { open: true },
    { overdue: true, open: true, ownerOrganisationId: a.id },
    { mine: "events" },
    { mine: "events", open: true },
    { partnershipId: partnership.id, pilotId: pilot.id, organisationId: b.id },
    { partnershipId: randomUUID(), pilotId: randomUUID(), organisationId: randomUUID() },
    { eventId: randomUUID() },
  ];
}

const base: ActionListQuery = { overdue: false, sort: "due", direction: "asc" };

describe("the /actions page's model", () => {
  it("answers what listActions, actionFilterOptions and actionLinkNames answer, for every filter", async () => {
    const readers: (ActionReader | null)[] = [
      null,
      { id: creator.id, organisationId: null },
      { id: organiserMember.id, organisationId: organiserMember.organisationId },
    ];
    let compared = 0;
    for (const filters of filterCases()) {
      for (const reader of readers) {
        const query = { ...base, ...filters };
        const request = { page: 1, pageSize: 25 };
        const expected = await throughOtherModels(request, query, reader);
        expect(await loadActionListPage(db, request, query, TODAY, reader), JSON.stringify(filters)).toEqual(
          expected,
        );
        compared++;
      }
    }
    expect(compared).toBe(filterCases().length * 3);
    // The fixtures do exercise the filters: some keep nothing, some a few, the other event its own.
    const other = await loadActionListPage(
      db,
      { page: 1, pageSize: 25 },
      { ...base, eventId: otherEvent.id },
      TODAY,
    );
    expect(other.page.items.map((a) => a.title).sort()).toEqual(["Other follow-up", "Other, linked"]);
    const mine = await loadActionListPage(db, { page: 1, pageSize: 25 }, { ...base, mine: "events" }, TODAY, {
      id: organiserMember.id,
      organisationId: organiserMember.organisationId,
    });
    expect(mine.page.total).toBe(2);
    const none = await loadActionListPage(
      db,
      { page: 1, pageSize: 25 },
      { ...base, mine: "events" },
      TODAY,
      null,
    );
    expect(none.page.total).toBe(0);
    const everything = await loadActionListPage(db, { page: 1, pageSize: 25 }, base, TODAY);
    expect(everything.page.total).toBe(31);
    expect(everything.filterOptions.events.map((e) => e.title)).toEqual([
      "Other workshop",
      "No actions",
      "Utrecht seminar",
    ]);
    expect(everything.filterOptions.owners.map((o) => o.acronym ?? o.name)).toEqual([
      "Legal Aid",
      "Municipality",
      "RS",
      "Shelter",
    ]);
  });

  it("answers the same for every sort, both directions, every page and one past the end", async () => {
    const reader = { id: creator.id, organisationId: null };
    for (const sort of actionSorts) {
      for (const direction of ["asc", "desc"] as const) {
        for (const filters of [{}, { open: true }, { ownerOrganisationId: orgs[1]!.id }]) {
          const query: ActionListQuery = { ...base, ...filters, sort, direction };
          for (const page of [1, 2, 3, 4, 9]) {
            const request = { page, pageSize: 7 };
            const expected = await throughOtherModels(request, query, reader);
            const got = await loadActionListPage(db, request, query, TODAY, reader);
            expect(got, `${sort} ${direction} ${page} ${JSON.stringify(filters)}`).toEqual(expected);
          }
        }
      }
    }
    const past = await loadActionListPage(db, { page: 9, pageSize: 7 }, base, TODAY);
    expect(past.page).toMatchObject({ items: [], total: 31, pages: 5, page: 9 });
  });

  it("answers the same again, and on another handle (built once per handle)", async () => {
    const query = { ...base, sort: "owner" as const, direction: "desc" as const, open: true };
    const request = { page: 2, pageSize: 5 };
    const expected = await throughOtherModels(request, query, null);
    expect(await loadActionListPage(db, request, query, TODAY)).toEqual(expected);
    expect(await loadActionListPage(db, request, query, TODAY)).toEqual(expected);
    const counting = await countingDb(database);
    expect(await loadActionListPage(counting.db, request, query, TODAY)).toEqual(expected);
  });
});

describe("the /actions loader", () => {
  it("runs two queries whatever the filters, sort, page and number of actions", async () => {
    const viewer = authUserOf(await createUser(db, { role: "viewer", organisationId: orgs[3]!.id }));
    const counting = await countingDb(database);
    const urls = [
      "/actions",
      `/actions?partnership=${partnership.id}&pilot=${pilot.id}&organisation=${orgs[1]!.id}`,
      `/actions?event=${mainEvent.id}&owner=${orgs[0]!.id}&status=open&from=2020-01-01&to=2100-01-01&overdue=1&open=1&mine=events&sort=owner&dir=desc&page=2`,
      "/actions?sort=updated&page=3",
    ];
    for (const url of urls) {
      counting.reset();
      const page = await callRoute(counting.db, actionsRoute.loader, get(url), viewer, {});
      expect(page.status, url).toBe(200);
      expect(counting.count(), counting.queries().join("\n")).toBe(2);
      // What the loader shows is what the old model functions read.
      const search = new URL(`http://localhost${url}`).searchParams;
      const query = parseActionListQuery(search);
      const body = page.body as { actions: { total: number; items: { id: string }[] } };
      const expected = await listActions(
        db,
        { page: Number(search.get("page") ?? 1), pageSize: 25 },
        query,
        TODAY,
        viewer,
      );
      expect(body.actions.total).toBe(expected.total);
      expect(body.actions.items.map((a) => a.id)).toEqual(expected.items.map((a) => a.id));
    }
    // More actions: still two.
    for (let i = 0; i < 30; i++) await createFollowUpAction(db, { eventId: mainEvent.id, dueOn: TODAY });
    counting.reset();
    await callRoute(counting.db, actionsRoute.loader, get("/actions"), viewer, {});
    expect(counting.count()).toBe(2);
  });
});
