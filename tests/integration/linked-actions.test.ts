// Follow-ups on record pages: the actions linked to a partnership, a pilot or an organisation (owned
// or concerning it, flagged), their order, cap and counts, in a fixed number of queries; the
// /actions "linked to" filters (parsed leniently, chips named, kept by the CSV export); and the
// sections on the partnership and pilot overviews and the organisation page.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation, Partnership, Pilot, User } from "~/db/schema";
import { actionQueryString, parseActionListQuery, type ActionListQuery } from "~/lib/actions";
import { todayIso } from "~/lib/objectives";
import { exportActions, listActions } from "~/models/actions.server";
import { linkedActionsView, listLinkedActions } from "~/models/linked-actions.server";
import * as allActionsRoute from "~/routes/actions";
import * as exportRoute from "~/routes/export.actions";
import * as organisationRoute from "~/routes/organisations.$id";
import * as partnershipOverview from "~/routes/partnerships.$id._index";
import * as pilotOverview from "~/routes/pilots.$id._index";
import {
  addDays,
  createEvent,
  createFollowUpAction,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();

let partnership: Partnership;
let pilot: Pilot;
let org: Organisation;
let other: Organisation;
let viewer: User;
let organiser: User;

beforeAll(async () => {
  partnership = await createPartnership(db, { name: "LVV Utrecht covenant" });
  pilot = await createPilot(db, { name: "LVV Utrecht", partnershipId: partnership.id });
  org = await createOrganisation(db, { name: "Return Service", acronym: "RS" });
  other = await createOrganisation(db, { name: "Legal Aid" });
  viewer = await createUser(db, { role: "viewer" });
  organiser = await createUser(db, { role: "organiser" });
});

function query(overrides: Partial<ActionListQuery> = {}): ActionListQuery {
  return { overdue: false, sort: "due", direction: "asc", ...overrides };
}

describe("linked actions model", () => {
  it("lists open ones first by due date (overdue marked), then done and dropped; archived left out", async () => {
    const p = await createPartnership(db);
    const event = await createEvent(db, { title: "Utrecht seminar" });
    const base = { partnershipId: p.id, eventId: event.id, ownerOrganisationId: org.id };
    await createFollowUpAction(db, {
      ...base,
      title: "Done early",
      status: "done",
      doneOn: addDays(TODAY, -9),
    });
    await createFollowUpAction(db, { ...base, title: "Later", dueOn: addDays(TODAY, 30) });
    await createFollowUpAction(db, {
      ...base,
      title: "Late",
      dueOn: addDays(TODAY, -3),
      status: "in_progress",
    });
    await createFollowUpAction(db, { ...base, title: "Undated" });
    await createFollowUpAction(db, {
      ...base,
      title: "Dropped",
      dueOn: addDays(TODAY, -1),
      status: "dropped",
    });
    await createFollowUpAction(db, {
      ...base,
      title: "Done lately",
      status: "done",
      doneOn: addDays(TODAY, -1),
    });
    await createFollowUpAction(db, { ...base, title: "Gone", dueOn: TODAY, archivedAt: new Date() });
    await createFollowUpAction(db, { title: "Elsewhere", dueOn: TODAY, ownerOrganisationId: org.id });

    const view = await linkedActionsView(db, { kind: "partnership", id: p.id }, TODAY);
    expect(view.items.map((a) => a.title)).toEqual([
      "Late",
      "Later",
      "Undated",
      "Done lately",
      "Dropped",
      "Done early",
    ]);
    expect(view.items.map((a) => a.overdue)).toEqual([true, false, false, false, false, false]);
    expect(view).toMatchObject({ total: 6, open: 3, overdue: 1 });
    expect(view.items[0]).toMatchObject({ eventTitle: "Utrecht seminar", ownerOrganisationName: "RS" });
    expect(view.items.every((a) => a.relation === null)).toBe(true);
  });

  it("an organisation's: the actions it owns and those that concern it, flagged", async () => {
    const o = await createOrganisation(db, { name: "Municipality of Ghent" });
    await createFollowUpAction(db, { title: "Owned", ownerOrganisationId: o.id, dueOn: "2030-01-01" });
    await createFollowUpAction(db, {
      title: "Concerns it",
      ownerOrganisationId: other.id,
      organisationId: o.id,
      dueOn: "2030-02-01",
    });
    await createFollowUpAction(db, {
      title: "Both",
      ownerOrganisationId: o.id,
      organisationId: o.id,
      dueOn: "2030-03-01",
    });
    await createFollowUpAction(db, { title: "Not it", ownerOrganisationId: other.id, dueOn: "2030-01-01" });
    const view = await linkedActionsView(db, { kind: "organisation", id: o.id }, TODAY);
    expect(view.items.map((a) => [a.title, a.relation])).toEqual([
      ["Owned", "owner"],
      ["Concerns it", "linked"],
      ["Both", "owner"],
    ]);
    // /actions?organisation= lists the same actions.
    const page = await listActions(db, { page: 1, pageSize: 50 }, query({ organisationId: o.id }), TODAY);
    expect(page.items.map((a) => a.title)).toEqual(["Owned", "Concerns it", "Both"]);
  });

  it("caps the list and counts them all; unknown or malformed ids give nothing", async () => {
    const p = await createPilot(db);
    for (let i = 0; i < 25; i++) {
      await createFollowUpAction(db, { pilotId: p.id, dueOn: addDays(TODAY, i + 1) });
    }
    const view = await linkedActionsView(db, { kind: "pilot", id: p.id }, TODAY);
    expect(view.items).toHaveLength(20);
    expect(view).toMatchObject({ total: 25, open: 25, overdue: 0 });
    expect(await listLinkedActions(db, { kind: "pilot", id: randomUUID() }, TODAY)).toMatchObject({
      items: [],
      total: 0,
    });
    expect(await listLinkedActions(db, { kind: "pilot", id: "nope" }, TODAY)).toMatchObject({ total: 0 });
  });

  it("runs a fixed number of queries whatever the number of actions", async () => {
    const small = await createPartnership(db);
    const large = await createPartnership(db);
    const smallOrg = await createOrganisation(db);
    const largeOrg = await createOrganisation(db);
    const event = await createEvent(db);
    await createFollowUpAction(db, {
      partnershipId: small.id,
      organisationId: smallOrg.id,
      eventId: event.id,
    });
    for (let i = 0; i < 60; i++) {
      await createFollowUpAction(db, {
        partnershipId: large.id,
        ownerOrganisationId: i % 2 ? largeOrg.id : org.id,
        organisationId: i % 3 ? largeOrg.id : null,
        eventId: event.id,
        ownerUserId: i % 4 ? organiser.id : null,
        dueOn: addDays(TODAY, i - 30),
        status: i % 5 ? "open" : "done",
        doneOn: i % 5 ? null : TODAY,
      });
    }
    const counting = await countingDb(database);
    const sizes: number[] = [];
    for (const [p, o] of [
      [small.id, smallOrg.id],
      [large.id, largeOrg.id],
    ] as const) {
      counting.reset();
      await linkedActionsView(counting.db, { kind: "partnership", id: p }, TODAY);
      await linkedActionsView(counting.db, { kind: "organisation", id: o }, TODAY);
      sizes.push(counting.count());
    }
    expect(sizes[0]).toBe(4);
    expect(sizes[1]).toBe(sizes[0]);
  });
});

describe("/actions linked-to filters", () => {
  it("parses partnership, pilot and organisation leniently and writes them back", () => {
    const id = randomUUID();
    const parsed = parseActionListQuery(
      new URLSearchParams({ partnership: id.toUpperCase(), pilot: "x'; drop", organisation: id }),
    );
    expect(parsed).toMatchObject({ partnershipId: id, organisationId: id });
    expect(parsed.pilotId).toBeUndefined();
    expect(new URLSearchParams(actionQueryString(parsed)).get("partnership")).toBe(id);
  });

  it("filters the list and the CSV export by partnership and by pilot", async () => {
    const p = await createPartnership(db);
    const pl = await createPilot(db);
    await createFollowUpAction(db, {
      title: "For the partnership",
      partnershipId: p.id,
      ownerOrganisationId: org.id,
    });
    await createFollowUpAction(db, { title: "For the pilot", pilotId: pl.id, ownerOrganisationId: org.id });
    const byPartnership = await listActions(
      db,
      { page: 1, pageSize: 50 },
      query({ partnershipId: p.id }),
      TODAY,
    );
    expect(byPartnership.items.map((a) => a.title)).toEqual(["For the partnership"]);
    const byPilot = await exportActions(db, query({ pilotId: pl.id }), TODAY);
    expect(byPilot.map((a) => a.title)).toEqual(["For the pilot"]);
  });

  it("shows a removable chip per filter; an unknown id gives an empty list, not an error", async () => {
    const user = authUserOf(viewer);
    const known = await callRoute(
      db,
      allActionsRoute.loader,
      get(`/actions?partnership=${partnership.id}&status=open`),
      user,
      {},
    );
    expect(known.status).toBe(200);
    const body = known.body as {
      linkChips: { kind: string; name: string | null; removeHref: string }[];
      queryString: string;
    };
    expect(body.linkChips).toEqual([
      expect.objectContaining({
        kind: "partnership",
        name: "LVV Utrecht covenant",
        removeHref: "/actions?status=open",
      }),
    ]);
    expect(body.queryString).toContain(`partnership=${partnership.id}`);
    const html = await renderPage(allActionsRoute.default, "/actions", known.body);
    expect(html).toContain("Linked to: LVV Utrecht covenant");
    expect(html).toContain(`name="partnership" value="${partnership.id}"`);

    const unknown = await callRoute(
      db,
      allActionsRoute.loader,
      get(`/actions?pilot=${randomUUID()}`),
      user,
      {},
    );
    expect(unknown.status).toBe(200);
    const unknownBody = unknown.body as { actions: { total: number }; linkChips: { name: string | null }[] };
    expect(unknownBody.actions.total).toBe(0);
    expect(unknownBody.linkChips.map((c) => c.name)).toEqual([null]);
    const junk = await callRoute(db, allActionsRoute.loader, get("/actions?organisation=nope"), user, {});
    expect(junk.status).toBe(200);
    expect((junk.body as { linkChips: unknown[] }).linkChips).toEqual([]);
  });

  it("the CSV export keeps the filter", async () => {
    const p = await createPartnership(db);
    await createFollowUpAction(db, {
      title: "Only this one",
      partnershipId: p.id,
      ownerOrganisationId: org.id,
    });
    const outcome = await callRoute(
      db,
      exportRoute.loader,
      get(`/export/actions.csv?partnership=${p.id}`),
      authUserOf(organiser),
      {},
    );
    const rows = parseCsv((await outcome.response?.text()) ?? "");
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Only this one"]);
  });
});

describe("record pages", () => {
  it("the partnership and pilot overviews list their follow-ups with a See all link", async () => {
    await createFollowUpAction(db, {
      title: "Sign the covenant annex",
      partnershipId: partnership.id,
      pilotId: pilot.id,
      ownerOrganisationId: org.id,
      dueOn: addDays(TODAY, -2),
    });
    const user = authUserOf(viewer);
    const params = { id: partnership.id };
    const page = await callRoute(
      db,
      partnershipOverview.loader,
      get(`/partnerships/${partnership.id}`),
      user,
      params,
    );
    expect(page.status).toBe(200);
    const html = await renderPage(partnershipOverview.default, "/partnerships/x", page.body);
    expect(html).toContain("Follow-ups");
    expect(html).toContain("Sign the covenant annex");
    expect(html).toContain("Overdue");
    expect(html).toContain(`/actions?partnership=${partnership.id}`);

    const pilotPage = await callRoute(db, pilotOverview.loader, get(`/pilots/${pilot.id}`), user, {
      id: pilot.id,
    });
    expect(pilotPage.status).toBe(200);
    const pilotHtml = await renderPage(pilotOverview.default, "/pilots/x", pilotPage.body);
    expect(pilotHtml).toContain("Sign the covenant annex");
    expect(pilotHtml).toContain(`/actions?pilot=${pilot.id}`);
  });

  it("an empty section says where actions are created; only writers get the link", async () => {
    const p = await createPartnership(db);
    const path = `/partnerships/${p.id}`;
    for (const [user, link] of [
      [viewer, false],
      [organiser, true],
    ] as const) {
      const page = await callRoute(db, partnershipOverview.loader, get(path), authUserOf(user), { id: p.id });
      const html = await renderPage(partnershipOverview.default, path, page.body);
      expect(html).toContain("Follow-up actions tab");
      expect(html.includes('href="/events"')).toBe(link);
    }
  });

  it("the organisation page lists owned and concerning actions and the feed address", async () => {
    const o = await createOrganisation(db, { name: "Fedasil" });
    await createFollowUpAction(db, {
      title: "Open a return desk",
      ownerOrganisationId: o.id,
      dueOn: "2030-01-01",
    });
    await createFollowUpAction(db, {
      title: "Invite Fedasil",
      ownerOrganisationId: other.id,
      organisationId: o.id,
      dueOn: "2030-02-01",
    });
    const page = await callRoute(
      db,
      organisationRoute.loader,
      get(`/organisations/${o.id}`),
      authUserOf(viewer),
      {
        id: o.id,
      },
    );
    expect(page.status).toBe(200);
    expect(page.body).not.toHaveProperty("actions");
    const html = await renderPage(organisationRoute.default, "/organisations/x", page.body);
    expect(html).toContain("Open a return desk");
    expect(html).toContain("Owns it");
    expect(html).toContain("Concerns it");
    expect(html).toContain(`/actions?organisation=${o.id}`);
    expect(html).toContain(`/export/organisations/${o.id}/actions.ics?token=YOUR_TOKEN`);
  });
});
