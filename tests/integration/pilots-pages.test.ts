// The pilot pages' loaders and actions called directly (as the server does), for each role:
// who reads, who writes (coordinators; municipal officials only in their municipalities; never
// organisers or viewers), forged POSTs refused with 403 and nothing written, 404 for unknown ids,
// field errors that keep the values typed, stale edits. The funding and documents tabs are in
// pilot-records-pages.test.ts.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { pilots, type Municipality, type Pilot } from "~/db/schema";
import * as newPilotRoute from "~/routes/municipalities.$id.pilots.new";
import * as layoutRoute from "~/routes/pilots.$id";
import * as overviewRoute from "~/routes/pilots.$id._index";
import * as documentsRoute from "~/routes/pilots.$id.documents";
import * as editRoute from "~/routes/pilots.$id.edit";
import * as fundingRoute from "~/routes/pilots.$id.funding";
import {
  createDocument,
  createFundingLine,
  createMilestone,
  createPilot,
  createPilotPeriod,
} from "../factories";
import { testDb } from "../helpers/db";
import { pilotPagesFixture } from "../helpers/pilot-pages";
import { callRoute, get, post, renderPage, submissionOf } from "../helpers/routes";

const { db } = await testDb();

let home: Municipality;
let pilot: Pilot;
let coordinator: AuthUser;
let official: AuthUser;
let outsider: AuthUser;
let organiser: AuthUser;
let viewer: AuthUser;

beforeAll(async () => {
  ({ home, pilot, coordinator, official, outsider, organiser, viewer } = await pilotPagesFixture(db));
});

const params = () => ({ id: pilot.id });
const base = () => `/pilots/${pilot.id}`;

async function stored(id: string) {
  const [row] = await db.select().from(pilots).where(eq(pilots.id, id));
  return row;
}

/** The edit form's fields, as a browser sends them. */
function editFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "update",
    version: "1",
    name: "LVV Utrecht",
    targetGroup: "return_decision",
    pathways: ["residence_permit"],
    status: "running",
    startsOn: "2019-04-01",
    capacity: "60",
    ...overrides,
  };
}

describe("reading a pilot", () => {
  it("every role reads the layout and overview; only those in scope see the edit tab", async () => {
    for (const [user, canEdit] of [
      [coordinator, true],
      [official, true],
      [outsider, false],
      [organiser, false],
      [viewer, false],
    ] as const) {
      const layout = await callRoute(db, layoutRoute.loader, get(base()), user, params());
      expect(layout).toMatchObject({
        status: 200,
        body: { canEdit, pilot: { municipalityName: "Utrecht" } },
      });
      expect((await callRoute(db, overviewRoute.loader, get(base()), user, params())).status).toBe(200);
    }
  });

  it("shows the breadcrumb back to the municipality, the tabs, and the edit tab only in scope", async () => {
    const viewerLayout = await callRoute(db, layoutRoute.loader, get(base()), viewer, params());
    const viewerHtml = await renderPage(layoutRoute.default, base(), viewerLayout.body);
    expect(viewerHtml).toContain(`href="/municipalities/${home.id}"`);
    for (const tab of ["milestones", "outcomes", "funding", "documents"]) {
      expect(viewerHtml).toContain(`href="${base()}/${tab}"`);
    }
    expect(viewerHtml).not.toContain(`href="${base()}/edit"`);
    const officialLayout = await callRoute(db, layoutRoute.loader, get(base()), official, params());
    expect(await renderPage(layoutRoute.default, base(), officialLayout.body)).toContain(
      `href="${base()}/edit"`,
    );
  });

  it("answers 404 for an unknown or malformed id, and sends the anonymous to log in", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      for (const loader of [
        layoutRoute.loader,
        overviewRoute.loader,
        fundingRoute.loader,
        documentsRoute.loader,
      ]) {
        expect(await callRoute(db, loader, get(`/pilots/${id}`), viewer, { id })).toMatchObject({
          status: 404,
          thrown: true,
        });
      }
      expect(
        (await callRoute(db, editRoute.loader, get(`/pilots/${id}/edit`), coordinator, { id })).status,
      ).toBe(404);
    }
    const anonymous = await callRoute(db, layoutRoute.loader, get(base()), null, params());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("shows the overview: fields, partnership and its signals, documents, funding, alerts, latest period", async () => {
    const withData = await createPilot(db, {
      municipalityId: home.id,
      partnershipId: pilot.partnershipId,
      status: "running",
      targetGroup: "both",
      pathways: ["voluntary_return", "state_reception"],
      capacity: 25,
    });
    await createDocument(db, { pilotId: withData.id, partnershipId: null, title: "Utrecht covenant" });
    await createFundingLine(db, {
      pilotId: withData.id,
      partnershipId: null,
      amount: "1000.00",
      currency: "EUR",
    });
    await createMilestone(db, {
      pilotId: withData.id,
      title: "Open the second shelter",
      dueOn: "2020-01-01",
    });
    await createPilotPeriod(db, { pilotId: withData.id, periodStart: "2024-01-01", periodEnd: "2024-03-31" });
    const outcome = await callRoute(db, overviewRoute.loader, get(`/pilots/${withData.id}`), viewer, {
      id: withData.id,
    });
    expect(outcome.body).toMatchObject({
      funding: { lines: 1, totals: [{ currency: "EUR", total: "1000.00" }] },
      latestPeriod: { start: "2024-01-01", end: "2024-03-31" },
    });
    const html = await renderPage(overviewRoute.default, `/pilots/${withData.id}`, outcome.body);
    for (const text of [
      "Utrecht",
      "LVV Utrecht covenant",
      "Signals of the partnership",
      "Both groups",
      "Voluntary return",
      "Back to state reception",
      "25 places",
      "Utrecht covenant",
      "1 funding line",
      "Open the second shelter",
      "Latest outcome period",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`href="/partnerships/${pilot.partnershipId}"`);
    expect(html).toContain(`href="/municipalities/${home.id}"`);
  });
});

describe("editing a pilot", () => {
  it("refuses the edit page to those out of scope (403) and opens it to those in scope", async () => {
    for (const user of [outsider, organiser, viewer]) {
      expect(await callRoute(db, editRoute.loader, get(`${base()}/edit`), user, params())).toMatchObject({
        status: 403,
        thrown: true,
      });
    }
    for (const user of [official, coordinator]) {
      const page = await callRoute(db, editRoute.loader, get(`${base()}/edit`), user, params());
      expect(page).toMatchObject({ status: 200, body: { values: { name: "LVV Utrecht", capacity: 60 } } });
    }
  });

  it("refuses forged POSTs from outside the scope with 403, and changes nothing", async () => {
    const target = await createPilot(db, { municipalityId: home.id, name: "Untouched" });
    const path = `/pilots/${target.id}/edit`;
    for (const user of [outsider, organiser, viewer]) {
      for (const body of [editFields({ name: "Forged" }), { intent: "archive", version: "1" }]) {
        expect(
          await callRoute(db, editRoute.action, post(path, body), user, { id: target.id }),
        ).toMatchObject({
          status: 403,
          thrown: true,
        });
      }
    }
    expect(await stored(target.id)).toMatchObject({ name: "Untouched", version: 1, archivedAt: null });
    const unknown = randomUUID();
    expect(
      (await callRoute(db, editRoute.action, post(path, editFields()), official, { id: unknown })).status,
    ).toBe(404);
  });

  it("saves an official's edit in scope and returns to the overview", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const path = `/pilots/${target.id}/edit`;
    const saved = await callRoute(
      db,
      editRoute.action,
      post(
        path,
        editFields({ name: "Renamed", pathways: ["residence_permit", "forced_return"], capacity: "8" }),
      ),
      official,
      { id: target.id },
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/pilots/${target.id}`);
    expect(await stored(target.id)).toMatchObject({
      name: "Renamed",
      pathways: ["residence_permit", "forced_return"],
      capacity: 8,
      version: 2,
      municipalityId: home.id,
    });
  });

  it("shows field errors next to the fields and keeps the values typed", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const path = `/pilots/${target.id}/edit`;
    const refused = await callRoute(
      db,
      editRoute.action,
      post(
        path,
        editFields({ name: "Kept name", capacity: "-3", startsOn: "2024-05-01", endsOn: "2024-01-01" }),
      ),
      official,
      { id: target.id },
    );
    expect(refused.status).toBe(400);
    const result = submissionOf(refused);
    expect(result?.error).toMatchObject({
      capacity: ["pilot.form.errors.capacity"],
      endsOn: ["pilot.form.errors.endBeforeStart"],
    });
    expect(result?.initialValue).toMatchObject({ name: "Kept name", capacity: "-3" });
    expect(await stored(target.id)).toMatchObject({ version: 1 });

    const page = await callRoute(db, editRoute.loader, get(path), official, { id: target.id });
    const html = await renderPage(editRoute.default, path, page.body, refused.body);
    expect(html).toContain('value="Kept name"');
    expect(html).toContain("Enter a whole number, 0 or more.");
    expect(html).toContain("The end cannot be before the start.");
  });

  it("refuses a stale edit: says so, shows the values now saved, keeps the user's own", async () => {
    const target = await createPilot(db, { municipalityId: home.id, name: "Original" });
    const path = `/pilots/${target.id}/edit`;
    const page = await callRoute(db, editRoute.loader, get(path), official, { id: target.id });
    await callRoute(db, editRoute.action, post(path, editFields({ name: "Saved first" })), coordinator, {
      id: target.id,
    });
    const stale = await callRoute(db, editRoute.action, post(path, editFields({ name: "Mine" })), official, {
      id: target.id,
    });
    expect(stale).toMatchObject({ status: 409, body: { current: { name: "Saved first", version: 2 } } });
    expect(submissionOf(stale)?.initialValue).toMatchObject({ name: "Mine" });
    expect(await stored(target.id)).toMatchObject({ name: "Saved first", version: 2 });
    const html = await renderPage(editRoute.default, path, page.body, stale.body);
    expect(html).toContain("changed by someone else");
    expect(html).toContain("Saved first");
    expect(html).toContain('value="Mine"');
  });

  it("archives and restores with the version read; a stale or malformed command is refused", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const path = `/pilots/${target.id}/edit`;
    const id = { id: target.id };
    expect(
      (await callRoute(db, editRoute.action, post(path, { intent: "archive", version: "1" }), official, id))
        .status,
    ).toBe(302);
    expect((await stored(target.id))?.archivedAt).toBeInstanceOf(Date);
    const stale = await callRoute(
      db,
      editRoute.action,
      post(path, { intent: "restore", version: "1" }),
      official,
      id,
    );
    expect(stale).toMatchObject({ status: 409, body: { error: "pilot.form.errors.stale" } });
    expect(
      (await callRoute(db, editRoute.action, post(path, { intent: "restore", version: "2" }), official, id))
        .status,
    ).toBe(302);
    expect(await stored(target.id)).toMatchObject({ archivedAt: null, version: 3 });
    expect(
      await callRoute(db, editRoute.action, post(path, { intent: "delete", version: "3" }), official, id),
    ).toMatchObject({
      status: 400,
      thrown: true,
    });
  });
});

describe("creating a pilot from a municipality", () => {
  const path = () => `/municipalities/${home.id}/pilots/new`;
  const fieldsOf = (name: string) => ({
    name,
    targetGroup: "both",
    status: "planned",
    pathways: ["voluntary_return"],
  });

  it("offers the form to those in scope, the municipality's partnerships first", async () => {
    const page = await callRoute(db, newPilotRoute.loader, get(path()), official, { id: home.id });
    expect(page.status).toBe(200);
    const body = page.body as { partnerships: { member: { id: string }[] } };
    expect(body.partnerships.member.map((p) => p.id)).toEqual([pilot.partnershipId]);
    const html = await renderPage(newPilotRoute.default, path(), page.body);
    expect(html).toContain("Partnerships of Utrecht");
    expect(html).toContain("Durable");
    for (const user of [outsider, organiser, viewer]) {
      expect((await callRoute(db, newPilotRoute.loader, get(path()), user, { id: home.id })).status).toBe(
        403,
      );
    }
    const unknown = randomUUID();
    expect(
      (await callRoute(db, newPilotRoute.loader, get(path()), coordinator, { id: unknown })).status,
    ).toBe(404);
  });

  it("creates the pilot in the URL's municipality; forged POSTs out of scope get 403", async () => {
    for (const user of [outsider, organiser, viewer]) {
      const forged = await callRoute(db, newPilotRoute.action, post(path(), fieldsOf("Forged")), user, {
        id: home.id,
      });
      expect(forged).toMatchObject({ status: 403, thrown: true });
    }
    expect(await db.select().from(pilots).where(eq(pilots.name, "Forged"))).toEqual([]);
    const created = await callRoute(
      db,
      newPilotRoute.action,
      post(path(), fieldsOf("Night shelter")),
      official,
      {
        id: home.id,
      },
    );
    expect(created.status).toBe(302);
    const [row] = await db.select().from(pilots).where(eq(pilots.name, "Night shelter"));
    expect(row).toMatchObject({ municipalityId: home.id, pathways: ["voluntary_return"], status: "planned" });
    expect(created.headers.get("Location")).toBe(`/pilots/${row?.id}`);
  });

  it("keeps the values typed next to the errors", async () => {
    const refused = await callRoute(
      db,
      newPilotRoute.action,
      post(path(), {
        name: "",
        targetGroup: "nobody",
        status: "planned",
        capacity: "2.5",
        description: "Kept",
      }),
      official,
      { id: home.id },
    );
    expect(refused.status).toBe(400);
    expect(submissionOf(refused)?.error).toMatchObject({
      name: ["validation.required"],
      targetGroup: ["validation.invalidChoice"],
      capacity: ["pilot.form.errors.capacity"],
    });
    expect(submissionOf(refused)?.initialValue).toMatchObject({ description: "Kept", capacity: "2.5" });
  });
});
