// The CSV exports of the list pages called as the server does: each holds exactly the rows of its
// list with the same filters (every page of them, not the first), in the list's order, with headers
// and enumerations in the reader's language and cells guarded against formula injection; a viewer
// (no export:run) gets 403.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "~/db/schema";
import * as exportRoute from "~/routes/export.lists";
import {
  addEventOrganiser,
  addMember,
  createEvent,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createUser,
} from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

let organiser: User;
let viewer: User;

beforeAll(async () => {
  organiser = await createUser(db, { role: "organiser" });
  viewer = await createUser(db, { role: "viewer" });
});

function exportOf(path: string, user: User = organiser, language = "en"): Promise<RouteOutcome> {
  const request = new Request(`http://localhost${path}`, { headers: { "Accept-Language": language } });
  return callRoute(db, exportRoute.loader, request, authUserOf(user), {});
}

async function rowsOf(outcome: RouteOutcome): Promise<string[][]> {
  expect(outcome.status).toBe(200);
  expect(outcome.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = Buffer.from(await (outcome.response as Response).arrayBuffer());
  // The byte-order mark first, so that Excel reads the accents right.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString("utf8"));
}

describe("/export/organisations.csv", () => {
  it("holds the filtered organisations in the list's order, headers in French", async () => {
    await createOrganisation(db, { name: "Zeta Aid Luxembourg", countryCode: "LU", type: "cso" });
    await createOrganisation(db, { name: "=HYPERLINK(evil) Luxembourg", countryCode: "LU" });
    await createOrganisation(db, { name: "Alpha Ministry Luxembourg", countryCode: "LU", acronym: "AML" });
    await createOrganisation(db, { name: "Alpha Ministry Malta", countryCode: "MT" });
    const rows = await rowsOf(await exportOf("/export/organisations.csv?country=LU&page=3", organiser, "fr"));
    expect(rows[0]).toEqual([
      "Identifiant",
      "Nom",
      "Sigle",
      "Type",
      "Niveau",
      "Pays",
      "Partenariats",
      "Archivé le",
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      "'=HYPERLINK(evil) Luxembourg",
      "Alpha Ministry Luxembourg",
      "Zeta Aid Luxembourg",
    ]);
    expect(rows.find((r) => r[1] === "Zeta Aid Luxembourg")?.[3]).toBe("Organisation de la société civile");
    const sorted = await rowsOf(await exportOf("/export/organisations.csv?country=LU&q=alpha"));
    expect(sorted.slice(1).map((r) => [r[1], r[2], r[5]])).toEqual([
      ["Alpha Ministry Luxembourg", "AML", "LU"],
    ]);
  });

  it("is refused to a viewer, who may read the list but not export it", async () => {
    expect((await exportOf("/export/organisations.csv", viewer)).status).toBe(403);
  });
});

describe("/export/partnerships.csv", () => {
  it("holds the partnerships of the status filter with their lead and member count", async () => {
    const lead = await createOrganisation(db, { name: "Lead City Council", acronym: "LCC" });
    const paused = await createPartnership(db, {
      name: "Paused LU covenant",
      status: "paused",
      countryCode: "LU",
    });
    await addMember(db, { partnershipId: paused.id, organisationId: lead.id, role: "lead" });
    await addMember(db, { partnershipId: paused.id, role: "partner" });
    await createPartnership(db, { name: "Active LU covenant", status: "active", countryCode: "LU" });
    const rows = await rowsOf(await exportOf("/export/partnerships.csv?status=paused&country=LU"));
    expect(rows[0]?.slice(0, 3)).toEqual(["ID", "Name", "Status"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[7], r[8]])).toEqual([
      [paused.id, "Paused LU covenant", "Paused", "2", "Lead City Council (LCC)"],
    ]);
  });
});

describe("/export/municipalities.csv", () => {
  it("holds the municipalities of the country filter", async () => {
    const municipality = await createMunicipality(db, { name: "Esch-sur-Alzette", countryCode: "LU" });
    await createMunicipality(db, { name: "Valletta", countryCode: "MT" });
    const rows = await rowsOf(await exportOf("/export/municipalities.csv?country=LU"));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      [municipality.id, "Esch-sur-Alzette", "LU", "0"],
    ]);
  });
});

describe("/export/events.csv", () => {
  it("holds the events of the kind filter with their organisers, kinds translated", async () => {
    const event = await createEvent(db, { title: "Workshop on pathways", kind: "workshop", online: true });
    await addEventOrganiser(db, {
      eventId: event.id,
      organisationId: (await createOrganisation(db, { name: "Fedasil test", acronym: "FT" })).id,
    });
    await createEvent(db, { title: "A seminar", kind: "seminar" });
    const rows = await rowsOf(await exportOf("/export/events.csv?kind=workshop", organiser, "fr"));
    expect(rows.slice(1).map((r) => [r[1], r[2], r[6], r[7]])).toEqual([
      ["Workshop on pathways", "Atelier", "oui", "Fedasil test (FT)"],
    ]);
  });
});

describe("every page of a list", () => {
  it("reads page after page until the last", async () => {
    const seen: number[] = [];
    const rows = await exportRoute.allPages(async ({ page, pageSize }) => {
      seen.push(page);
      const all = Array.from({ length: 5 }, (_, i) => i);
      return {
        items: all.slice((page - 1) * pageSize, page * pageSize),
        total: 5,
        page,
        pageSize,
        pages: 3,
      };
    }, 2);
    expect(seen).toEqual([1, 2, 3]);
    expect(rows).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses more rows than an export holds, rather than cutting them silently", async () => {
    const seen: number[] = [];
    const read = exportRoute.allPages(
      async ({ page, pageSize }) => {
        seen.push(page);
        return { items: [page, page], total: 100, page, pageSize, pages: 50 };
      },
      2,
      5,
    );
    await expect(read).rejects.toThrow(exportRoute.ListExportTooLargeError);
    await expect(read).rejects.toMatchObject({ total: 100, max: 5 });
    expect(seen).toEqual([1]);
    // Exactly the most is fine.
    const rows = await exportRoute.allPages(
      async ({ page, pageSize }) => ({ items: [page], total: 2, page, pageSize, pages: 2 }),
      1,
      2,
    );
    expect(rows).toEqual([1, 2]);
  });

  it("answers 422 with a translated message saying how to narrow it", async () => {
    const en = await exportRoute.tooManyRowsResponse(
      50_000,
      (key, options) => `${key} ${JSON.stringify(options)}`,
    );
    expect(en.status).toBe(422);
    expect(en.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await en.text()).toBe('exports.tooMany {"max":50000}');
  });

  it("reads the pages in one read-only, repeatable-read transaction", async () => {
    const spy = vi.spyOn(db, "transaction");
    try {
      expect((await exportOf("/export/organisations.csv")).status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]?.[1]).toEqual({ isolationLevel: "repeatable read", accessMode: "read only" });
    } finally {
      spy.mockRestore();
    }
  });
});
