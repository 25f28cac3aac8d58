// The /municipalities list read in one statement (models/municipality-list-page.server.ts): the same
// answer as listMunicipalities and municipalityCountries, which it stands in for, for every sort in
// both directions, with and without the country filter, several pages and one past the end. The
// fixtures have what each figure must leave out (archived pilots, milestones, periods and
// municipalities; done and cancelled milestones), ties on every sorted value (and on names), and a
// second country, so that a leaking condition or a wrong order fails; one query for the loader
// whatever the filter, sort, page and number of municipalities, and the same data and HTML as the
// loader gave through the old functions.
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { parsePageRequest, type PageRequest } from "~/lib/pagination";
import {
  municipalitySorts,
  parseMunicipalityFilters,
  type MunicipalityFilters,
} from "~/lib/validation/municipalities";
import { loadMunicipalityListPage } from "~/models/municipality-list-page.server";
import { listMunicipalities, municipalityCountries } from "~/models/municipalities.server";
import * as municipalitiesRoute from "~/routes/municipalities._index";
import {
  createMilestone,
  createMunicipality,
  createPilot,
  createPilotPeriod,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const archivedAt = new Date();

let coordinator: User;

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator" });
  const statuses = ["planned", "in_progress", "delayed", "done", "cancelled"] as const;
  // Eighteen municipalities in two countries (and an archived one in a third): names that tie or
  // differ in case only, zero to three pilots (some archived), milestones around today.
  for (let i = 0; i < 18; i++) {
    const municipality = await createMunicipality(db, {
      name: `${i % 2 === 0 ? "m" : "M"}unicipality ${i % 6}`,
      countryCode: i % 3 === 0 ? "BE" : "NL",
      region: i % 4 === 0 ? null : `Region ${i % 3}`,
      archivedAt: i === 7 ? archivedAt : null,
    });
    for (let k = 0; k < i % 4; k++) {
      const pilot = await createPilot(db, {
        municipalityId: municipality.id,
        name: `Pilot ${i}.${k}`,
        archivedAt: (i + k) % 5 === 4 ? archivedAt : null,
      });
      for (let n = 0; n < (i + k) % 4; n++) {
        await createMilestone(db, {
          pilotId: pilot.id,
          title: `Milestone ${i}.${k}.${n}`,
          // Days around today, some shared (position then id decide the next one), some none.
          dueOn: (i + n) % 7 === 6 ? null : addDays(TODAY, ((i * 3 + n * 5) % 11) - 5),
          status: statuses[(i + k + n) % 5]!,
          position: (n * 2) % 3,
          archivedAt: (i + n) % 9 === 8 ? archivedAt : null,
        });
      }
      if ((i + k) % 3 !== 0) {
        await createPilotPeriod(db, {
          pilotId: pilot.id,
          periodStart: `2025-0${1 + (i % 3)}-01`,
          periodEnd: `2025-0${2 + (i % 3)}-28`,
          archivedAt: (i + k) % 7 === 5 ? archivedAt : null,
        });
      }
    }
  }
  await createMunicipality(db, { name: "Archived", countryCode: "LU", archivedAt });
  // Where position decides over id, and archived milestones that would otherwise be next or overdue.
  const explicit = await createMunicipality(db, { name: "Explicit", countryCode: "NL" });
  const pilot = await createPilot(db, { municipalityId: explicit.id, name: "Explicit pilot" });
  const due = addDays(TODAY, 3);
  await createMilestone(db, {
    id: "00000000-0000-4000-8000-000000000001",
    pilotId: pilot.id,
    dueOn: due,
    position: 1,
  });
  await createMilestone(db, {
    id: "00000000-0000-4000-8000-000000000002",
    pilotId: pilot.id,
    dueOn: due,
    position: 0,
  });
  await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, 1), archivedAt });
  await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -1), archivedAt });
  await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, -2) });
});

const countries: (string | undefined)[] = [undefined, "BE", "NL", "LU", "FR"];

describe("the /municipalities list's model", () => {
  it("answers what listMunicipalities and municipalityCountries answer, for every sort, filter and page", async () => {
    const expectedCountries = await municipalityCountries(db);
    expect(expectedCountries).toEqual(["BE", "NL"]);
    let compared = 0;
    for (const sort of municipalitySorts) {
      for (const dir of ["asc", "desc"] as const) {
        for (const country of countries) {
          const filters: MunicipalityFilters = { country, sort, dir };
          for (const request of [
            { page: 1, pageSize: 25 },
            { page: 1, pageSize: 4 },
            { page: 2, pageSize: 4 },
            { page: 5, pageSize: 4 },
            { page: 9, pageSize: 4 },
          ] satisfies PageRequest[]) {
            const expected = await listMunicipalities(db, request, filters, TODAY);
            const got = await loadMunicipalityListPage(db, request, filters, TODAY);
            expect(got, `${JSON.stringify(filters)} ${JSON.stringify(request)}`).toEqual({
              municipalities: expected,
              countries: expectedCountries,
            });
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(municipalitySorts.length * 2 * countries.length * 5);
    // The fixtures do exercise it: every figure is there for some and missing for others.
    const all = await loadMunicipalityListPage(
      db,
      { page: 1, pageSize: 25 },
      { country: undefined, sort: "name", dir: "asc" },
      TODAY,
    );
    const items = all.municipalities.items;
    expect(all.municipalities.total).toBe(18);
    expect(items.find((m) => m.name === "Explicit")).toMatchObject({
      overdueMilestones: 1,
      nextMilestone: { id: "00000000-0000-4000-8000-000000000002", dueOn: addDays(TODAY, 3) },
    });
    for (const has of [
      (m: (typeof items)[number]) => m.pilotsCount > 1,
      (m: (typeof items)[number]) => m.overdueMilestones > 0,
      (m: (typeof items)[number]) => m.nextMilestone !== null,
      (m: (typeof items)[number]) => m.latestPeriodEnd !== null,
    ]) {
      expect(items.some(has)).toBe(true);
      expect(items.some((m) => !has(m))).toBe(true);
    }
    const past = await loadMunicipalityListPage(
      db,
      { page: 9, pageSize: 4 },
      { country: "NL", sort: "next", dir: "desc" },
      TODAY,
    );
    expect(past).toEqual({
      municipalities: { items: [], total: 12, page: 9, pageSize: 4, pages: 3 },
      countries: ["BE", "NL"],
    });
  });

  it("answers the same again, and on another handle (built once per handle)", async () => {
    const filters: MunicipalityFilters = { country: "NL", sort: "overdue", dir: "desc" };
    const request = { page: 2, pageSize: 3 };
    const expected = {
      municipalities: await listMunicipalities(db, request, filters, TODAY),
      countries: await municipalityCountries(db),
    };
    expect(await loadMunicipalityListPage(db, request, filters, TODAY)).toEqual(expected);
    expect(await loadMunicipalityListPage(db, request, filters, TODAY)).toEqual(expected);
    const counting = await countingDb(database);
    expect(await loadMunicipalityListPage(counting.db, request, filters, TODAY)).toEqual(expected);
    expect(counting.count()).toBe(1);
  });
});

describe("the /municipalities loader", () => {
  it("runs one query whatever the filter, sort and page, and shows what the old functions read", async () => {
    const user = authUserOf(coordinator);
    const counting = await countingDb(database);
    const urls = [
      "/municipalities",
      "/municipalities?country=nl",
      "/municipalities?country=BE&sort=next&dir=desc",
      "/municipalities?sort=latest&page=2",
      "/municipalities?sort=pilots&dir=desc&page=9",
      "/municipalities?country=FR&sort=nonsense",
    ];
    for (const url of urls) {
      counting.reset();
      const outcome = await callRoute(counting.db, municipalitiesRoute.loader, get(url), user, {});
      expect(outcome.status, url).toBe(200);
      expect(counting.count(), counting.queries().join("\n")).toBe(1);
      const search = new URL(`http://localhost${url}`).searchParams;
      const body = outcome.body as Record<string, unknown>;
      const [municipalities, countries] = await Promise.all([
        listMunicipalities(db, parsePageRequest(search), parseMunicipalityFilters(search), todayIso()),
        municipalityCountries(db),
      ]);
      const before = { ...body, municipalities, countries };
      expect(body, url).toEqual(before);
      const html = await renderPage(municipalitiesRoute.default, "/municipalities", body);
      expect(html, url).toBe(await renderPage(municipalitiesRoute.default, "/municipalities", before));
      for (const municipality of municipalities.items) expect(html).toContain(municipality.name);
    }
    // More municipalities: still one.
    for (let i = 0; i < 30; i++) {
      const municipality = await createMunicipality(db, { countryCode: "NL" });
      const pilot = await createPilot(db, { municipalityId: municipality.id });
      await createMilestone(db, { pilotId: pilot.id, dueOn: addDays(TODAY, i - 15) });
    }
    counting.reset();
    await callRoute(counting.db, municipalitiesRoute.loader, get("/municipalities?sort=next"), user, {});
    expect(counting.count()).toBe(1);
  });
});
