// The /network page's small reads folded into one statement (models/network-page.server.ts): the
// same answers as the model functions they stand in for (latestDataVersion, savedLayout,
// organisationCountries, eventOptions), with records those must leave out (an archived organisation
// of a country of its own, one without a country, archived events, more events than offered, a
// layout under another key); one query for the map loader on a warm snapshot, whatever the filters;
// the same page data as the old path (loadNetworkAnalytics, organisationCountries, eventOptions,
// loadNetworkView).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphLayouts, events as eventsTable, type User } from "~/db/schema";
import type { AuthUser } from "~/auth/session.server";
import { parseNetworkFilters } from "~/lib/network/filters";
import { mapViewOf } from "~/lib/network/view";
import { latestDataVersion } from "~/models/audit.server";
import { EVENT_OPTIONS_MAX, eventOptions } from "~/models/events.server";
import { whenAnalyticsSettled } from "~/models/network-analytics.server";
import { savedLayout } from "~/models/network-layout.server";
import { networkPageReads } from "~/models/network-page.server";
import { loadNetworkAnalytics, loadNetworkView, saveLayout } from "~/models/network.server";
import { organisationCountries } from "~/models/organisations.server";
import * as networkRoute from "~/routes/network";
import { addMember, createOrganisation, createPartnership, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get } from "../helpers/routes";

const database = await testDb();
const { db } = database;

let coordinator: AuthUser;
let coordinatorRow: User;

/** What the folded statement stands in for, read through the other models. */
async function throughOtherModels() {
  const [dataVersion, layout, countries, events] = await Promise.all([
    latestDataVersion(db),
    savedLayout(db),
    organisationCountries(db),
    eventOptions(db),
  ]);
  return { dataVersion, layout, countries, events };
}

interface LoaderData {
  analytics: unknown;
  countries: string[];
  events: unknown[];
  view: unknown;
  partnerships: { id: string; name: string }[];
}

async function loadPage(query: string, on = db) {
  const outcome = await callRoute(on, networkRoute.loader, get(`/network${query}`), coordinator, {});
  expect(outcome.status).toBe(200);
  return outcome.body as LoaderData;
}

beforeAll(async () => {
  coordinatorRow = await createUser(db, { role: "coordinator" });
  coordinator = authUserOf(coordinatorRow);
  const nl = await createOrganisation(db, { name: "Queries NL", countryCode: "NL" });
  const be = await createOrganisation(db, { name: "Queries BE", countryCode: "BE" });
  await createOrganisation(db, { name: "Queries FR", countryCode: "FR" });
  await createOrganisation(db, { name: "Queries no country", countryCode: null });
  // Archived, in a country no other organisation is in: a leak shows as "LU".
  await createOrganisation(db, { name: "Queries archived", countryCode: "LU", archivedAt: new Date() });
  const partnership = await createPartnership(db, { name: "Queries desk" });
  await addMember(db, { partnershipId: partnership.id, organisationId: nl.id });
  await addMember(db, { partnershipId: partnership.id, organisationId: be.id });
  // More events than offered, a pair on the same day (ordered by title), archived ones the latest.
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
  await db.insert(eventsTable).values(
    Array.from({ length: EVENT_OPTIONS_MAX + 5 }, (_, i) => ({
      title: `Queries event ${String(i).padStart(3, "0")}`,
      startsOn: day(i),
      endsOn: i % 3 === 0 ? day(i + 1) : null,
    })),
  );
  await db.insert(eventsTable).values([
    { title: "Queries same day B", startsOn: day(EVENT_OPTIONS_MAX + 10) },
    {
      title: "Queries same day A",
      startsOn: day(EVENT_OPTIONS_MAX + 10),
      endsOn: day(EVENT_OPTIONS_MAX + 11),
    },
    { title: "Queries archived event", startsOn: day(EVENT_OPTIONS_MAX + 20), archivedAt: new Date() },
    { title: "Queries archived event 2", startsOn: day(EVENT_OPTIONS_MAX + 21), archivedAt: new Date() },
  ]);
  // Another layout than the map's, saved later: a missing key condition shows it.
  await db.insert(graphLayouts).values({ key: "other", positions: { [randomUUID()]: { x: 9, y: 9 } } });
});

afterAll(async () => {
  await whenAnalyticsSettled();
});

describe("the network page's folded reads", () => {
  it("answer as latestDataVersion, savedLayout, organisationCountries and eventOptions", async () => {
    const before = await throughOtherModels();
    expect(before.layout).toBeNull();
    expect(before.countries).not.toContain("LU");
    expect(before.events).toHaveLength(EVENT_OPTIONS_MAX);
    expect(await networkPageReads(db, true)).toEqual(before);
    expect(await networkPageReads(db, false)).toEqual({ ...before, layout: null });

    // A saved layout (and an audit entry: the data version moves).
    const saved = await saveLayout(db, coordinator, { [randomUUID()]: { x: 1.25, y: -2.5 } }, null);
    expect(saved.ok).toBe(true);
    const after = await throughOtherModels();
    expect(after.layout).not.toBeNull();
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    const folded = await networkPageReads(db, true);
    expect(folded).toEqual(after);
    expect(folded.layout?.updatedAt.getTime()).toBe(after.layout?.updatedAt.getTime());
    expect(await networkPageReads(db, false)).toEqual({ ...after, layout: null });
  });

  it("answer the same on another handle and on a second call (built once per handle)", async () => {
    const counting = await countingDb(database);
    const expected = await throughOtherModels();
    expect(await networkPageReads(counting.db, true)).toEqual(expected);
    counting.reset();
    expect(await networkPageReads(counting.db, true)).toEqual(expected);
    expect(counting.count()).toBe(1);
  });
});

describe("the network loader", () => {
  it("gives the same page data as the old path", async () => {
    for (const query of ["", "?country=NL", "?view=table"]) {
      const page = await loadPage(query);
      await whenAnalyticsSettled();
      const fresh = await loadPage(query);
      const { filters } = parseNetworkFilters(new URL(`http://localhost/network${query}`).searchParams);
      const [analytics, countries, events] = await Promise.all([
        loadNetworkAnalytics(db),
        organisationCountries(db),
        eventOptions(db),
      ]);
      expect(fresh.analytics, query).toEqual(analytics);
      expect(fresh.countries, query).toEqual(countries);
      expect(fresh.events, query).toEqual(events);
      if (query === "?view=table") {
        expect(page.view).toBeNull();
        continue;
      }
      const view = await loadNetworkView(db, coordinator, filters);
      expect(fresh.view, query).toEqual(mapViewOf(view));
      expect(fresh.partnerships, query).toEqual(view.partnerships);
      if (query === "") expect(fresh.partnerships.map((p) => p.name)).toContain("Queries desk");
    }
  });

  it("runs one query in map mode on a warm snapshot, whatever the filters", async () => {
    const counting = await countingDb(database);
    for (const query of ["", "?country=NL", "?country=BE&type=cso", "?partnership=" + randomUUID()]) {
      await loadPage(query, counting.db);
      counting.reset();
      await loadPage(query, counting.db);
      expect(counting.count(), `${query}\n${counting.queries().join("\n")}`).toBe(1);
    }
    // A new view (filters not asked for yet) on the warm snapshot: built, still one query.
    counting.reset();
    await loadPage("?country=FR", counting.db);
    expect(counting.count(), counting.queries().join("\n")).toBe(1);
  });

  it("sees a saved layout at once (its version is in the view)", async () => {
    const current = await savedLayout(db);
    const saved = await saveLayout(
      db,
      coordinator,
      { [randomUUID()]: { x: 3, y: 4 } },
      current?.version ?? null,
    );
    if (!saved.ok) throw new Error("layout not saved");
    const page = await loadPage("");
    expect((page.view as { layout: { version: number | null } }).layout.version).toBe(saved.version);
  });
});
