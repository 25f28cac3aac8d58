// The /partnerships list read in two statements (models/partnership-list-page.server.ts): the same
// answer as listPartnerships (partnership-list.server.ts, with partnershipSignals and nextDueItems)
// for every filter alone and in combinations, every sort in both directions, several pages and one
// past the end, on partnerships with a bit of everything (archived ones, members who left or were
// archived, currencies, periods, closed and archived risks, objectives done or
// dropped, due items past, today and ahead, a funding line of a pilot only) so that a condition that
// leaks from one partnership to another or lets an archived row through fails; two queries for the
// loader whatever the filters and the number of partnerships; the same page rendered; the same answer
// again on a second call and on another handle (the statements are built once per database handle).
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation, Partnership } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import {
  levels,
  memberRoles,
  objectiveStatuses,
  partnershipStatuses,
  riskCategories,
  riskStatuses,
} from "~/lib/enums";
import type { PageRequest } from "~/lib/pagination";
import { todayIso } from "~/lib/partnership-status";
import { healthBands } from "~/lib/signals";
import { parsePartnershipListQuery, partnershipSorts } from "~/lib/validation/partnerships";
import { loadPartnershipListPage } from "~/models/partnership-list-page.server";
import { listPartnerships } from "~/models/partnership-list.server";
import * as listRoute from "~/routes/partnerships._index";
import {
  addMember,
  createFundingLine,
  createHealthCheck,
  createObjective,
  createOrganisation,
  createPartnership,
  createPilot,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const archivedAt = new Date();

let orgs: Organisation[];
let listed: Partnership[];

const query = (search: string) => parsePartnershipListQuery(new URLSearchParams(search));

/** Both answers for a query and page: the new model's and listPartnerships'. */
async function both(request: PageRequest, search: string) {
  const q = query(search);
  const [got, expected] = await Promise.all([
    loadPartnershipListPage(db, request, q, TODAY),
    listPartnerships(db, request, q, TODAY),
  ]);
  return { got, expected };
}

/** A partnership's health checks giving its trust index a band (i % 5: none, too few, low, medium, high). */
async function healthChecksOf(partnership: Partnership, i: number) {
  const kind = i % 5;
  if (kind === 0) return;
  // An older period that would give another band: only the latest counts.
  await createHealthCheck(db, {
    partnershipId: partnership.id,
    period: "2024-Q4",
    trust: 5,
    powerBalance: 5,
  });
  await createHealthCheck(db, {
    partnershipId: partnership.id,
    period: "2024-Q4",
    trust: 5,
    powerBalance: 4,
  });
  const latest = "2025-Q2";
  // Trust indexes on the bands' edges: 2.5 is medium, 3.5 high.
  const trusts = { 1: [1], 2: [1, 3], 3: [3, 2], 4: [4, 3] }[kind] ?? [];
  for (const [j, trust] of trusts.entries()) {
    await createHealthCheck(db, {
      partnershipId: partnership.id,
      period: latest,
      trust,
      powerBalance: j === 0 ? null : 1 + ((i + j) % 5),
    });
  }
}

beforeAll(async () => {
  orgs = [];
  for (const [i, name] of [
    "Municipality",
    "Return Service",
    "Legal Aid",
    "Shelter",
    "Police",
    "Funder",
    "NGO",
    "IOM",
  ].entries()) {
    orgs.push(
      await createOrganisation(db, { name, acronym: i % 3 === 1 ? name.slice(0, 2).toUpperCase() : null }),
    );
  }
  // Names that differ in case, and twins (ordered by id), statuses, countries, levels, start dates
  // (some none), some archived.
  const names = ["Alpha", "alpha", "Bravo", "Bravo", "Charlie", "Delta", "echo", "Echo", "Foxtrot", "Golf"];
  const countries = ["NL", "BE", null] as const;
  listed = [];
  for (let i = 0; i < 20; i++) {
    listed.push(
      await createPartnership(db, {
        name: `${names[i % names.length]!}${i >= names.length ? " II" : ""}`,
        status: partnershipStatuses[(i * 2) % partnershipStatuses.length]!,
        countryCode: countries[i % 3]!,
        scopeLevel: i % 5 === 4 ? null : levels[i % levels.length]!,
        startDate: i % 4 === 3 ? null : `20${10 + (i % 7)}-0${1 + (i % 9)}-01`,
        endDate: i % 6 === 1 ? `2030-12-31` : null,
        archivedAt: i % 6 === 5 ? archivedAt : null,
      }),
    );
  }
  const pilot = await createPilot(db, {});
  for (const [i, partnership] of listed.entries()) {
    // Members: a lead for most, others who left (before today, today) or who will leave,
    // archived ones.
    for (let j = 0; j < i % 6; j++) {
      const leftOn =
        j === 3
          ? addDays(TODAY, -30)
          : j === 4 || (j === 1 && i % 4 === 1)
            ? TODAY
            : j === 2 && i % 2 === 1
              ? addDays(TODAY, 9)
              : null;
      await addMember(db, {
        partnershipId: partnership.id,
        organisationId: orgs[(i + j) % orgs.length]!.id,
        role: j === 0 && i % 3 !== 2 ? "lead" : memberRoles[1 + (j % 3)]!,
        leftOn,
        archivedAt: (i + j) % 7 === 6 ? archivedAt : null,
      });
    }
    // Risks: every category and status, scores, reviews past, today and ahead (none for some), archived ones.
    for (let j = 0; j < i % 4; j++) {
      await createRisk(db, {
        partnershipId: partnership.id,
        category: riskCategories[(i + j) % riskCategories.length]!,
        status: riskStatuses[(i + j) % riskStatuses.length]!,
        likelihood: 1 + ((i * (j + 1)) % 5),
        impact: 1 + ((i + 2 * j) % 5),
        reviewOn: j === 1 ? null : addDays(TODAY, ((i * 5 + j * 11) % 30) - 10),
        archivedAt: (i + j) % 5 === 4 ? archivedAt : null,
      });
    }
    await healthChecksOf(partnership, i);
    // Objectives: every status, with and without indicator and target, due dates around today (some none).
    for (let j = 0; j < i % 4; j++) {
      await createObjective(db, {
        partnershipId: partnership.id,
        status: objectiveStatuses[(i + j) % objectiveStatuses.length]!,
        dueDate: j === 2 ? null : addDays(TODAY, ((i * 3 + j * 7) % 20) - 5),
        indicator: (i + j) % 2 === 1 ? "Permits issued" : null,
        target: (i + j) % 3 === 0 ? null : 10 + j,
        archivedAt: (i + j) % 6 === 5 ? archivedAt : null,
      });
    }
    // Funding lines: currencies, recipients (some none), ends around today, references, archived ones.
    for (let j = 0; j < i % 3; j++) {
      await createFundingLine(db, {
        partnershipId: partnership.id,
        amount: `${(i + 1) * (j + 1) * 1000}.50`,
        currency: j === 1 ? "USD" : "EUR",
        recipientOrganisationId: (i + j) % 4 === 0 ? null : orgs[(i + 2 * j) % orgs.length]!.id,
        endsOn: addDays(TODAY, ((i * 7 + j * 9) % 25) - 6),
        reference: j === 0 ? null : `REF-${i}-${j}`,
        archivedAt: (i + j) % 5 === 3 ? archivedAt : null,
      });
    }
  }
  // An objective and a funding line due the same day (the objective is named first), and a funding
  // line of a pilot alone.
  const first = listed[0]!;
  await createObjective(db, { partnershipId: first.id, title: "Same day", dueDate: addDays(TODAY, 1) });
  await createFundingLine(db, { partnershipId: first.id, endsOn: addDays(TODAY, 1), reference: "SAME" });
  await createFundingLine(db, { pilotId: pilot.id, partnershipId: null, endsOn: TODAY, reference: "PILOT" });
});

/** Queries to compare: each filter alone, every value, combinations, and values nothing matches. */
function filterCases(): string[] {
  return [
    "",
    "archived=1",
    ...partnershipStatuses.map((s) => `status=${s}`),
    "country=NL",
    "country=be",
    "country=XX",
    ...levels.map((l) => `level=${l}`),
    ...riskCategories.map((r) => `risk=${r}`),
    ...healthBands.map((h) => `health=${h}`),
    "status=active&country=NL",
    "risk=funding&health=none",
    "archived=1&status=ended",
    "archived=1&health=none",
    "level=local&risk=trust_deficit&country=NL",
    "status=exploring&level=national&health=low",
  ];
}

describe("the /partnerships page's model", () => {
  it("answers what listPartnerships answers, for every filter", async () => {
    const totals = new Set<number>();
    for (const search of filterCases()) {
      const { got, expected } = await both({ page: 1, pageSize: 25 }, search);
      expect(got, search).toEqual(expected);
      totals.add(got.total);
    }
    // The fixtures do exercise the filters and the rows' fields.
    expect(totals.size).toBeGreaterThan(5);
    const all = await loadPartnershipListPage(db, { page: 1, pageSize: 100 }, query(""), TODAY);
    expect(all.total).toBe(listed.filter((p) => !p.archivedAt).length);
    expect(new Set(all.items.map((i) => i.signals.trust.band))).toEqual(new Set(healthBands));
    expect(new Set(all.items.map((i) => i.nextDue?.kind ?? null))).toEqual(
      new Set(["objective", "funding", "riskReview", null]),
    );
    expect(all.items.some((i) => i.lead === null) && all.items.some((i) => i.lead?.acronym)).toBe(true);
    expect(all.items.find((i) => i.id === listed[0]!.id)?.nextDue).toEqual({
      kind: "objective",
      date: addDays(TODAY, 1),
      label: "Same day",
    });
    expect(
      (await loadPartnershipListPage(db, { page: 1, pageSize: 25 }, query("country=XX"), TODAY)).total,
    ).toBe(0);
  });

  it("answers the same for every sort, both directions, every page and one past the end", async () => {
    for (const sort of partnershipSorts) {
      for (const dir of ["asc", "desc"] as const) {
        for (const filters of ["", "archived=1", "country=NL", "health=none"]) {
          const search = `${filters}&sort=${sort}&dir=${dir}`;
          for (const page of [1, 2, 3, 4, 9]) {
            const { got, expected } = await both({ page, pageSize: 4 }, search);
            expect(got, `${search} page ${page}`).toEqual(expected);
          }
        }
      }
    }
    const past = await loadPartnershipListPage(db, { page: 9, pageSize: 4 }, query(""), TODAY);
    expect(past).toMatchObject({ items: [], total: 17, pages: 5, page: 9 });
  });

  it("answers the same again, and on another handle (built once per handle)", async () => {
    const request = { page: 2, pageSize: 5 };
    const search = "sort=members&dir=desc";
    const expected = await listPartnerships(db, request, query(search), TODAY);
    expect(await loadPartnershipListPage(db, request, query(search), TODAY)).toEqual(expected);
    expect(await loadPartnershipListPage(db, request, query(search), TODAY)).toEqual(expected);
    const counting = await countingDb(database);
    expect(await loadPartnershipListPage(counting.db, request, query(search), TODAY)).toEqual(expected);
  });
});

describe("the /partnerships loader", () => {
  const urls = [
    "/partnerships",
    "/partnerships?archived=1",
    "/partnerships?status=active&country=nl&level=local&risk=funding&health=low&sort=trust&dir=desc",
    "/partnerships?sort=exposure&page=2",
    "/partnerships?sort=members&dir=desc&health=none&page=1",
  ];

  it("runs two queries whatever the filters, sort, page and number of partnerships, and renders the same page", async () => {
    const viewer = authUserOf(await createUser(db, { role: "coordinator" }));
    const counting = await countingDb(database);
    for (const url of urls) {
      counting.reset();
      const outcome = await callRoute(counting.db, listRoute.loader, get(url), viewer, {});
      expect(outcome.status, url).toBe(200);
      expect(counting.count(), counting.queries().join("\n")).toBe(2);
      // What the loader shows is what listPartnerships read, and the page renders the same.
      const search = new URL(`http://localhost${url}`).searchParams;
      const body = outcome.body as Record<string, unknown>;
      const old = {
        ...body,
        partnerships: await listPartnerships(
          db,
          { page: Number(search.get("page") ?? 1), pageSize: 25 },
          parsePartnershipListQuery(search),
        ),
      };
      expect(body, url).toEqual(old);
      expect(await renderPage(listRoute.default, "/partnerships", body)).toBe(
        await renderPage(listRoute.default, "/partnerships", old),
      );
    }
    // More partnerships with members and risks: still two.
    for (let i = 0; i < 30; i++) {
      const partnership = await createPartnership(db, { name: `More ${i}` });
      await addMember(db, { partnershipId: partnership.id, organisationId: orgs[i % orgs.length]!.id });
      await createRisk(db, { partnershipId: partnership.id });
    }
    counting.reset();
    await callRoute(counting.db, listRoute.loader, get("/partnerships?sort=trust"), viewer, {});
    expect(counting.count()).toBe(2);
  });

  it("still checks the permission first", async () => {
    const anonymous = await callRoute(db, listRoute.loader, get("/partnerships"), null, {});
    expect(anonymous.status).toBe(302);
  });
});
