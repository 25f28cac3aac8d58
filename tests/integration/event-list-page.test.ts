// The /events page read in one statement (models/event-list-page.server.ts): the same answer as
// listEvents, which it stands in for, for every filter alone and in combinations, the archived view,
// several pages and one past the end; events on the same day (the order's ties), several organisers
// (their order) and organisers of other events are there, so that a leaking condition or a wrong
// order fails; one query for the loader whatever the filters and the number of events, and the same
// data and HTML as the loader gave through listEvents.
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation, User } from "~/db/schema";
import type { EventKind } from "~/lib/enums";
import { parsePageRequest, type PageRequest } from "~/lib/pagination";
import { parseEventFilters, type EventFilters } from "~/lib/validation/events";
import { loadEventListPage } from "~/models/event-list-page.server";
import { listEvents } from "~/models/events.server";
import * as eventsRoute from "~/routes/events._index";
import { addEventOrganiser, createEvent, createOrganisation, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;

let orgs: Organisation[];
let coordinator: User;

beforeAll(async () => {
  orgs = await Promise.all(
    ["Zeta", "Alpha", "Mu", "alpha"].map((name, i) =>
      createOrganisation(db, { name, acronym: i === 2 ? "MU" : null }),
    ),
  );
  coordinator = await createUser(db, { role: "coordinator" });
  const kinds: EventKind[] = ["seminar", "workshop", "conference", "meeting"];
  // Twenty events over a few months: some on the same day (titles differing in case only), some
  // with an end date, online or not, with a place or not, a few archived; zero to three organisers.
  for (let i = 0; i < 20; i++) {
    const startsOn = `2025-0${1 + (i % 6)}-${String(1 + ((i * 7) % 28)).padStart(2, "0")}`;
    const event = await createEvent(db, {
      title: `${i % 2 === 0 ? "e" : "E"}vent ${i % 5}`,
      kind: kinds[i % 4]!,
      startsOn: i % 7 === 3 ? "2025-03-15" : startsOn,
      endsOn: i % 3 === 0 ? "2025-07-31" : null,
      location: i % 4 === 1 ? null : `Place ${i}`,
      online: i % 5 === 2,
      archivedAt: i === 4 || i === 13 || i === 18 ? new Date(Date.UTC(2025, 7, i, 10, 20, 30, 456)) : null,
    });
    for (let k = 0; k < i % 4; k++) {
      await addEventOrganiser(db, { eventId: event.id, organisationId: orgs[(i + k) % 4]!.id });
    }
  }
  // Same day and title: the id decides (made in the other order, so the table's order does not).
  for (const id of ["00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000001"]) {
    await createEvent(db, { id, title: "Twin", startsOn: "2025-03-15" });
  }
});

/** The filters to compare: none, each alone, combinations, windows that keep nothing. */
function filterCases(): Partial<EventFilters>[] {
  return [
    {},
    { kind: "seminar" },
    { kind: "meeting" },
    { from: "2025-03-15" },
    { to: "2025-03-15" },
    { from: "2025-02-01", to: "2025-04-30" },
    { from: "2025-07-31" },
    { from: "2025-08-01" },
    { to: "2024-12-31" },
    { kind: "workshop", from: "2025-03-01", to: "2025-06-30" },
    { archived: true },
    { archived: true, kind: "seminar" },
    { archived: true, from: "2025-05-01" },
  ];
}

const none: EventFilters = { kind: null, from: null, to: null, archived: false };

describe("the /events page's model", () => {
  it("answers what listEvents answers, for every filter, page and one past the end", async () => {
    let compared = 0;
    for (const cases of filterCases()) {
      const filters = { ...none, ...cases };
      for (const request of [
        { page: 1, pageSize: 25 },
        { page: 1, pageSize: 4 },
        { page: 2, pageSize: 4 },
        { page: 5, pageSize: 4 },
        { page: 9, pageSize: 4 },
      ] satisfies PageRequest[]) {
        const expected = await listEvents(db, request, filters);
        const got = await loadEventListPage(db, request, filters);
        expect(got, `${JSON.stringify(cases)} ${JSON.stringify(request)}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBe(filterCases().length * 5);
    // The fixtures do exercise it: ties, organisers in order, archived times, pages past the end.
    const all = await loadEventListPage(db, { page: 1, pageSize: 25 }, none);
    expect(all.total).toBe(19);
    expect(all.items.filter((e) => e.title === "Twin").map((e) => e.id)).toEqual([
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
    ]);
    expect(all.items.filter((e) => e.startsOn === "2025-03-15").length).toBeGreaterThan(2);
    expect(all.items.some((e) => e.organisers.length === 3)).toBe(true);
    const archived = await loadEventListPage(db, { page: 1, pageSize: 25 }, { ...none, archived: true });
    expect(archived.items.map((e) => e.archivedAt?.toISOString()).sort()).toEqual([
      "2025-08-04T10:20:30.456Z",
      "2025-08-13T10:20:30.456Z",
      "2025-08-18T10:20:30.456Z",
    ]);
    const past = await loadEventListPage(db, { page: 9, pageSize: 4 }, none);
    expect(past).toMatchObject({ items: [], total: 19, pages: 5, page: 9 });
  });

  it("answers the same again, and on another handle (built once per handle)", async () => {
    const filters = { ...none, from: "2025-03-01" };
    const request = { page: 2, pageSize: 3 };
    const expected = await listEvents(db, request, filters);
    expect(await loadEventListPage(db, request, filters)).toEqual(expected);
    expect(await loadEventListPage(db, request, filters)).toEqual(expected);
    const counting = await countingDb(database);
    expect(await loadEventListPage(counting.db, request, filters)).toEqual(expected);
    expect(counting.count()).toBe(1);
  });
});

describe("the /events loader", () => {
  it("runs one query whatever the filters and page, and shows what listEvents read", async () => {
    const user = authUserOf(coordinator);
    const counting = await countingDb(database);
    const urls = [
      "/events",
      "/events?kind=seminar",
      "/events?from=2025-03-01&to=2025-05-31&page=2",
      "/events?archived=1",
      "/events?page=7",
      "/events?kind=nonsense&from=bad",
    ];
    for (const url of urls) {
      counting.reset();
      const outcome = await callRoute(counting.db, eventsRoute.loader, get(url), user, {});
      expect(outcome.status, url).toBe(200);
      expect(counting.count(), counting.queries().join("\n")).toBe(1);
      const search = new URL(`http://localhost${url}`).searchParams;
      const body = outcome.body as Record<string, unknown>;
      const events = await listEvents(db, parsePageRequest(search), parseEventFilters(search));
      const before = { ...body, events };
      expect(body, url).toEqual(before);
      const html = await renderPage(eventsRoute.default, "/events", body);
      expect(html, url).toBe(await renderPage(eventsRoute.default, "/events", before));
      for (const event of events.items) expect(html).toContain(`/events/${event.id}`);
    }
    // More events: still one.
    for (let i = 0; i < 30; i++) {
      const event = await createEvent(db, { startsOn: "2026-01-01" });
      await addEventOrganiser(db, { eventId: event.id, organisationId: orgs[i % 4]!.id });
    }
    counting.reset();
    await callRoute(counting.db, eventsRoute.loader, get("/events"), user, {});
    expect(counting.count()).toBe(1);
  });
});
