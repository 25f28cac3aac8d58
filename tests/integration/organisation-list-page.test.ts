// The /organisations page read in one statement (models/organisation-list-page.server.ts): the same
// answer as listOrganisations and organisationCountries, which it stands in for, for every filter alone
// and in combinations, searches (any case, acronyms, `%`, `_` and `\` typed), the archived view, every
// sort in both directions, several pages and one past the end; names differing in case only, twins
// (ordered by id), equal partnerships counts (the order's ties), memberships that do not count (left,
// archived, of an archived partnership), one that still counts (leaving in the future) and a country
// only archived organisations are in, so that a leaking condition or a wrong order fails; one query
// for the loader whatever the filters and the number of organisations, and the same data and HTML as
// the loader gave through the old functions;
// the same answer again on a second call and on another handle (built once per database handle).
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "~/db/schema";
import { levels, organisationTypes } from "~/lib/enums";
import { parsePageRequest, type PageRequest } from "~/lib/pagination";
import { organisationSorts, parseOrganisationFilters } from "~/lib/validation/organisations";
import { loadOrganisationListPage } from "~/models/organisation-list-page.server";
import { listOrganisations, organisationCountries } from "~/models/organisations.server";
import * as listRoute from "~/routes/organisations._index";
import { addMember, createOrganisation, createPartnership, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const archivedAt = new Date(Date.UTC(2025, 7, 4, 10, 20, 30, 456));

let orgs: Organisation[];

const filtersOf = (search: string) => parseOrganisationFilters(new URLSearchParams(search));

/** Both answers for a query and page: the new model's, and listOrganisations' with organisationCountries'. */
async function both(request: PageRequest, search: string) {
  const filters = filtersOf(search);
  const [got, organisations, countries] = await Promise.all([
    loadOrganisationListPage(db, request, filters),
    listOrganisations(db, request, filters),
    organisationCountries(db),
  ]);
  return { got, expected: { organisations, countries } };
}

beforeAll(async () => {
  // Names that differ in case only, twins (the id decides: made in the other order, so the table's
  // order does not), `%`, `_` and `\` in names, acronyms (some none), every type, levels, countries
  // (some none; LU only archived ones), a few archived.
  const names = [
    "Alpha",
    "alpha",
    "Bravo",
    "bravo",
    "Charlie",
    "Delta 100%",
    "echo_x",
    "Echo\\Foxtrot",
    "Golf",
  ];
  const countries = ["NL", "BE", null, "DE"] as const;
  orgs = [];
  for (let i = 0; i < 27; i++) {
    orgs.push(
      await createOrganisation(db, {
        name: `${names[i % names.length]!}${i >= names.length ? ` ${Math.floor(i / names.length)}` : ""}`,
        acronym: i % 4 === 1 ? `AC${i % 3 === 0 ? "ha" : "X"}${i}` : null,
        type: organisationTypes[i % organisationTypes.length]!,
        level: levels[(i * 3) % levels.length]!,
        countryCode: i % 9 === 8 ? "LU" : countries[i % countries.length]!,
        archivedAt: i % 9 === 8 || i % 7 === 3 ? archivedAt : null,
      }),
    );
  }
  for (const id of ["00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000001"]) {
    orgs.push(await createOrganisation(db, { id, name: "Twin", type: "cso", countryCode: "BE" }));
  }
  // Memberships: counted (current, of a current partnership), and not counted (left, archived, of an
  // archived partnership), giving ties and zeros.
  const live = [];
  for (let i = 0; i < 5; i++) live.push(await createPartnership(db, { name: `Live ${i}` }));
  const archivedPartnership = await createPartnership(db, { name: "Archived", archivedAt });
  for (const [i, organisation] of orgs.entries()) {
    for (let j = 0; j < i % 4; j++) {
      await addMember(db, { partnershipId: live[j]!.id, organisationId: organisation.id });
    }
    if (i % 3 === 0) {
      await addMember(db, {
        partnershipId: live[3]!.id,
        organisationId: organisation.id,
        leftOn: i % 2 === 0 ? "2024-01-01" : "2999-01-01",
      });
    }
    if (i % 5 === 1) {
      await addMember(db, { partnershipId: live[4]!.id, organisationId: organisation.id, archivedAt });
    }
    if (i % 2 === 0) {
      await addMember(db, { partnershipId: archivedPartnership.id, organisationId: organisation.id });
    }
  }
});

/** Queries to compare: none, each filter alone, every value, searches, combinations, no match. */
function filterCases(): string[] {
  return [
    "",
    "archived=1",
    ...organisationTypes.map((type) => `type=${type}`),
    ...levels.map((level) => `level=${level}`),
    "country=NL",
    "country=be",
    "country=LU",
    "country=XX",
    "q=alpha",
    "q=ALPHA",
    "q=ha",
    "q=acx",
    "q=100%25",
    "q=%25",
    "q=_",
    "q=o_x",
    "q=%5C",
    "q=twin",
    "q=nothing",
    "archived=1&q=alpha",
    "archived=1&country=LU",
    "archived=1&type=cso",
    "type=cso&level=national",
    "type=funder&country=NL",
    "q=a&type=local_authority&level=regional&country=BE",
    "q=o&level=local",
  ];
}

describe("the /organisations page's model", () => {
  it("answers what listOrganisations and organisationCountries answer, for every filter", async () => {
    const totals = new Set<number>();
    for (const search of filterCases()) {
      const { got, expected } = await both({ page: 1, pageSize: 25 }, search);
      expect(got, search).toEqual(expected);
      totals.add(got.organisations.total);
    }
    // The fixtures do exercise the filters, the counts and the choices.
    expect(totals.size).toBeGreaterThan(6);
    const all = await loadOrganisationListPage(db, { page: 1, pageSize: 100 }, filtersOf(""));
    expect(all.organisations.total).toBe(orgs.filter((o) => !o.archivedAt).length);
    expect(all.countries).toEqual(["BE", "DE", "NL"]);
    // Every type but "other", which only archived organisations have.
    expect(Object.keys(all.organisations.typeCounts).sort()).toEqual(
      organisationTypes.filter((type) => type !== "other").sort(),
    );
    expect(new Set(all.organisations.items.map((o) => o.partnershipsCount))).toEqual(
      new Set([0, 1, 2, 3, 4]),
    );
    // A membership that ends in the future counts (orgs[15]: three live ones and one leaving in
    // 2999), one that ended does not (orgs[0]: none live, one left in 2024).
    const countOf = (o: Organisation) =>
      all.organisations.items.find((item) => item.id === o.id)?.partnershipsCount;
    expect(countOf(orgs[15]!)).toBe(4);
    expect(countOf(orgs[0]!)).toBe(0);
    // The day decides: as of 2999-01-01 that membership has ended, in both reads.
    const later = await loadOrganisationListPage(db, { page: 1, pageSize: 100 }, filtersOf(""), "2999-01-01");
    expect(later.organisations.items.find((item) => item.id === orgs[15]!.id)?.partnershipsCount).toBe(3);
    const laterList = await listOrganisations(db, { page: 1, pageSize: 100 }, {}, "2999-01-01");
    expect(laterList.items.find((item) => item.id === orgs[15]!.id)?.partnershipsCount).toBe(3);
    expect(all.organisations.items.filter((o) => o.name === "Twin").map((o) => o.id)).toEqual([
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
    ]);
    const archived = await loadOrganisationListPage(db, { page: 1, pageSize: 100 }, filtersOf("archived=1"));
    expect(archived.organisations.items.map((o) => o.archivedAt?.toISOString())).toContain(
      archivedAt.toISOString(),
    );
    const typed = await loadOrganisationListPage(db, { page: 1, pageSize: 25 }, filtersOf("type=cso"));
    // The type hints count across the other filters only.
    expect(typed.organisations.typeCounts).toEqual(all.organisations.typeCounts);
    const none = await loadOrganisationListPage(db, { page: 1, pageSize: 25 }, filtersOf("country=XX"));
    expect(none.organisations).toMatchObject({ items: [], total: 0, pages: 1, typeCounts: {} });
  });

  it("answers the same for every sort, both directions, every page and one past the end", async () => {
    for (const sort of organisationSorts) {
      for (const dir of ["asc", "desc"] as const) {
        for (const filters of ["", "archived=1", "q=a", "country=NL&type=cso"]) {
          const search = `${filters}&sort=${sort}&dir=${dir}`;
          for (const page of [1, 2, 3, 4, 9]) {
            const { got, expected } = await both({ page, pageSize: 5 }, search);
            expect(got, `${search} page ${page}`).toEqual(expected);
          }
        }
      }
    }
    const past = await loadOrganisationListPage(db, { page: 9, pageSize: 5 }, filtersOf(""));
    const current = orgs.filter((o) => !o.archivedAt).length;
    expect(past.organisations).toMatchObject({
      items: [],
      total: current,
      pages: Math.ceil(current / 5),
      page: 9,
    });
  });

  it("answers the same again, and on another handle (built once per handle)", async () => {
    const request = { page: 2, pageSize: 4 };
    const search = "sort=partnerships&dir=desc&q=a";
    const expected = (await both(request, search)).expected;
    expect(await loadOrganisationListPage(db, request, filtersOf(search))).toEqual(expected);
    expect(await loadOrganisationListPage(db, request, filtersOf(search))).toEqual(expected);
    const counting = await countingDb(database);
    expect(await loadOrganisationListPage(counting.db, request, filtersOf(search))).toEqual(expected);
    expect(counting.count()).toBe(1);
  });
});

describe("the /organisations loader", () => {
  const urls = [
    "/organisations",
    "/organisations?archived=1",
    "/organisations?q=ALPHA&type=cso&level=national&country=nl&sort=country&dir=desc",
    "/organisations?sort=partnerships&dir=desc&page=2",
    "/organisations?sort=type&page=9",
    "/organisations?type=nonsense&country=bad&sort=bad&page=x",
  ];

  it("runs one query whatever the filters, sort, page and number of organisations, and renders the same page", async () => {
    const viewer = authUserOf(await createUser(db, { role: "coordinator" }));
    const counting = await countingDb(database);
    for (const url of urls) {
      counting.reset();
      const outcome = await callRoute(counting.db, listRoute.loader, get(url), viewer, {});
      expect(outcome.status, url).toBe(200);
      expect(counting.count(), counting.queries().join("\n")).toBe(1);
      // What the loader shows is what the old functions read, and the page renders the same.
      const search = new URL(`http://localhost${url}`).searchParams;
      const body = outcome.body as Record<string, unknown>;
      const old = {
        ...body,
        organisations: await listOrganisations(
          db,
          parsePageRequest(search),
          parseOrganisationFilters(search),
        ),
        countries: await organisationCountries(db),
      };
      expect(body, url).toEqual(old);
      const html = await renderPage(listRoute.default, "/organisations", body);
      expect(html, url).toBe(await renderPage(listRoute.default, "/organisations", old));
      for (const organisation of old.organisations.items)
        expect(html).toContain(`/organisations/${organisation.id}`);
    }
    // More organisations with memberships: still one.
    const partnership = await createPartnership(db, { name: "More" });
    for (let i = 0; i < 30; i++) {
      const organisation = await createOrganisation(db, { name: `More ${i}`, countryCode: "FR" });
      await addMember(db, { partnershipId: partnership.id, organisationId: organisation.id });
    }
    counting.reset();
    await callRoute(counting.db, listRoute.loader, get("/organisations?sort=partnerships"), viewer, {});
    expect(counting.count()).toBe(1);
  });

  it("still checks the permission first", async () => {
    const anonymous = await callRoute(db, listRoute.loader, get("/organisations"), null, {});
    expect(anonymous.status).toBe(302);
  });
});
