// The follow-up actions pages called directly: the event tab (/events/:id/actions), /actions with
// filters and bulk status change, and /export/actions.csv. Forged POSTs: viewers and users of
// another organisation get 403 and nothing is written; ids of another event are unknown (404).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  followUpActions,
  type Event,
  type FollowUpAction,
  type Organisation,
  type User,
} from "~/db/schema";
import { todayIso } from "~/lib/objectives";
import * as allActionsRoute from "~/routes/actions";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as exportRoute from "~/routes/export.actions";
import { addDays, createEvent, createFollowUpAction, createOrganisation, createUser } from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import {
  authUserOf,
  callRoute,
  get,
  post,
  renderPage,
  submissionOf,
  type RouteOutcome,
} from "../helpers/routes";

const { db } = await testDb();
const TODAY = todayIso();

let event: Event;
let otherEvent: Event;
let owner: Organisation;
let other: Organisation;
let organiser: User;
let coordinator: User;
let ownerMember: User;
let ownerViewer: User;
let outsider: User;
let mine: FollowUpAction;
let theirs: FollowUpAction;

beforeAll(async () => {
  event = await createEvent(db, { title: "Utrecht seminar" });
  otherEvent = await createEvent(db, { title: "Brussels workshop" });
  owner = await createOrganisation(db, { name: "Return Service", acronym: "RS" });
  other = await createOrganisation(db, { name: "Legal Aid" });
  organiser = await createUser(db, { role: "organiser" });
  coordinator = await createUser(db, { role: "coordinator" });
  ownerMember = await createUser(db, { role: "municipal_official", organisationId: owner.id });
  ownerViewer = await createUser(db, { role: "viewer", organisationId: owner.id });
  outsider = await createUser(db, { role: "municipal_official", organisationId: other.id });
  mine = await createFollowUpAction(db, {
    eventId: event.id,
    ownerOrganisationId: owner.id,
    title: "Mine",
    dueOn: addDays(TODAY, -3),
  });
  theirs = await createFollowUpAction(db, {
    eventId: event.id,
    ownerOrganisationId: other.id,
    title: "Theirs",
    dueOn: addDays(TODAY, 5),
  });
});

function call(
  fn: (args: never) => unknown,
  request: Request,
  user: User | null,
  params: Record<string, string> = {},
): Promise<RouteOutcome> {
  return callRoute(db, fn, request, user ? authUserOf(user) : null, params);
}

const tab = (id = event.id) => `/events/${id}/actions`;

async function row(id: string) {
  const [r] = await db.select().from(followUpActions).where(eq(followUpActions.id, id));
  if (!r) throw new Error("missing");
  return r;
}

describe("event actions tab", () => {
  it("lists the event's actions with overdue marked; the form only for editors; 404 for an unknown event", async () => {
    const asViewer = await call(eventActionsRoute.loader, get(tab()), ownerViewer, { id: event.id });
    const body = asViewer.body as Awaited<ReturnType<typeof eventActionsRoute.loader>>;
    expect(body.canEdit).toBe(false);
    expect(body.actions.map((a) => [a.title, a.overdue, a.mayChangeStatus])).toEqual([
      ["Mine", true, false],
      ["Theirs", false, false],
    ]);
    const asMember = (await call(eventActionsRoute.loader, get(tab()), ownerMember, { id: event.id }))
      .body as typeof body;
    expect(asMember.actions.map((a) => a.mayChangeStatus)).toEqual([true, false]);
    const asOrganiser = (await call(eventActionsRoute.loader, get(tab()), organiser, { id: event.id }))
      .body as typeof body;
    expect(asOrganiser.canEdit).toBe(true);
    expect(asOrganiser.options.organisations.mode).toBe("select");
    expect(
      asOrganiser.options.organisations.mode === "select" && asOrganiser.options.organisations.options.length,
    ).toBeGreaterThan(1);
    expect(
      (await call(eventActionsRoute.loader, get(tab(randomUUID())), organiser, { id: randomUUID() })).status,
    ).toBe(404);
    const html = await renderPage(eventActionsRoute.default, tab(), asOrganiser);
    expect(html).toContain("Add a commitment");
    expect(html).toContain("Overdue");
  });

  it("quick entry: a save comes back to an empty form with the owner kept and the added one named", async () => {
    const saved = await call(
      eventActionsRoute.action,
      post(tab(), {
        intent: "save",
        title: "Call the mayor",
        ownerOrganisationId: owner.id,
        dueOn: addDays(TODAY, 10),
      }),
      organiser,
      { id: event.id },
    );
    expect(saved.status).toBe(302);
    const location = saved.headers.get("Location") ?? "";
    expect(location).toMatch(new RegExp(`^${tab()}\\?added=[0-9a-f-]{36}&owner=${owner.id}$`));
    const page = await call(eventActionsRoute.loader, get(location), organiser, { id: event.id });
    expect(page.body).toMatchObject({ added: "Call the mayor", defaultOwnerId: owner.id });
    const html = await renderPage(eventActionsRoute.default, tab(), page.body);
    expect(html).toContain("Added: Call the mayor");
  });

  it("invalid input: 400 with errors next to the fields and values kept", async () => {
    const refused = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "save", title: "Keep me", ownerOrganisationId: "", dueOn: "2024-02-30" }),
      organiser,
      { id: event.id },
    );
    expect(refused.status).toBe(400);
    const result = submissionOf(refused);
    expect(Object.keys(result?.error ?? {}).sort()).toEqual(["dueOn", "ownerOrganisationId"]);
    expect(result?.initialValue).toMatchObject({ title: "Keep me" });
    const badUser = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "save", title: "x", ownerOrganisationId: owner.id, ownerUserId: outsider.id }),
      organiser,
      { id: event.id },
    );
    expect(badUser.status).toBe(400);
    expect(submissionOf(badUser)?.error?.ownerUserId).toEqual(["actions.validation.ownerUser"]);
  });

  it("owner-organisation users change the status of their actions only; viewers and others get 403", async () => {
    const before = await row(theirs.id);
    const forged = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "status", id: theirs.id, version: "1", status: "done" }),
      ownerMember,
      { id: event.id },
    );
    expect(forged.status).toBe(403);
    expect(await row(theirs.id)).toEqual(before);
    const viewer = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "status", id: mine.id, version: "1", status: "done" }),
      ownerViewer,
      { id: event.id },
    );
    expect(viewer.status).toBe(403);
    const edit = await call(
      eventActionsRoute.action,
      post(tab(), {
        intent: "save",
        id: mine.id,
        version: "1",
        title: "Hijack",
        ownerOrganisationId: owner.id,
      }),
      ownerMember,
      { id: event.id },
    );
    expect(edit.status).toBe(403);
    const done = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "status", id: mine.id, version: "1", status: "done" }),
      ownerMember,
      { id: event.id },
    );
    expect(done.status).toBe(302);
    expect(await row(mine.id)).toMatchObject({ status: "done", doneOn: TODAY, version: 2, title: "Mine" });
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, mine.id));
    expect(audit.map((a) => [a.action, a.userId])).toEqual([["update", ownerMember.id]]);
    const stale = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "status", id: mine.id, version: "1", status: "open" }),
      ownerMember,
      { id: event.id },
    );
    expect(stale.status).toBe(409);
  });

  it("edit with a stale version: 409 with the values now saved; archive and restore", async () => {
    const a = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: owner.id,
      title: "Editable",
    });
    const fields = { intent: "save", id: a.id, title: "Edited", ownerOrganisationId: owner.id };
    expect(
      (
        await call(eventActionsRoute.action, post(tab(), { ...fields, version: "1" }), organiser, {
          id: event.id,
        })
      ).status,
    ).toBe(302);
    const stale = await call(
      eventActionsRoute.action,
      post(tab(), { ...fields, title: "Lost", version: "1" }),
      organiser,
      { id: event.id },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ current: { title: "Edited" } });
    expect(submissionOf(stale)?.initialValue).toMatchObject({ title: "Lost" });
    const archived = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "archive", id: a.id, version: "2" }),
      organiser,
      { id: event.id },
    );
    expect(archived.status).toBe(302);
    const page = (await call(eventActionsRoute.loader, get(tab()), organiser, { id: event.id })).body as {
      actions: { id: string }[];
      archived: { id: string }[];
    };
    expect(page.actions.some((r) => r.id === a.id)).toBe(false);
    expect(page.archived.map((r) => r.id)).toContain(a.id);
    expect(
      (
        await call(
          eventActionsRoute.action,
          post(tab(), { intent: "restore", id: a.id, version: "3" }),
          organiser,
          { id: event.id },
        )
      ).status,
    ).toBe(302);
    expect(await row(a.id)).toMatchObject({ archivedAt: null, version: 4 });
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, a.id))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["update", "archive", "restore"]);
  });

  it("ids from the form are checked against the event in the URL (404)", async () => {
    const outside = await createFollowUpAction(db, { eventId: otherEvent.id, ownerOrganisationId: owner.id });
    const status = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "status", id: outside.id, version: "1", status: "done" }),
      coordinator,
      { id: event.id },
    );
    expect(status.status).toBe(404);
    const archive = await call(
      eventActionsRoute.action,
      post(tab(), { intent: "archive", id: outside.id, version: "1" }),
      organiser,
      { id: event.id },
    );
    expect(archive.status).toBe(404);
    expect(await row(outside.id)).toMatchObject({ status: "open", archivedAt: null });
  });
});

describe("/actions", () => {
  it("filters and marks what each user may change", async () => {
    const list = await call(allActionsRoute.loader, get(`/actions?event=${event.id}&overdue=1`), outsider);
    const body = list.body as Awaited<ReturnType<typeof allActionsRoute.loader>>;
    expect(body.actions.items.map((a) => a.title)).toEqual([]);
    const byOwner = (await call(allActionsRoute.loader, get(`/actions?owner=${other.id}`), outsider))
      .body as typeof body;
    expect(byOwner.actions.items.map((a) => [a.title, a.mayChangeStatus])).toEqual([["Theirs", true]]);
    expect(byOwner.queryString).toBe(`owner=${other.id}`);
    const html = await renderPage(allActionsRoute.default, "/actions", byOwner);
    expect(html).toContain("Export as CSV");
    expect(html).toContain('form="bulk-form"');
  });

  it("bulk: changes the user's own actions in one go and names the refused ones; only refused ones: 403", async () => {
    const a = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: other.id,
      title: "Bulk one",
    });
    const b = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: owner.id,
      title: "Bulk refused",
    });
    const mixed = await call(
      allActionsRoute.action,
      post("/actions", { intent: "bulk", status: "in_progress", selected: [`${a.id}:1`, `${b.id}:1`] }),
      outsider,
    );
    expect(mixed.status).toBe(409);
    expect(mixed.body).toMatchObject({ bulk: { changed: 1, forbidden: ["Bulk refused"] } });
    expect(await row(a.id)).toMatchObject({ status: "in_progress", version: 2 });
    expect(await row(b.id)).toMatchObject({ status: "open", version: 1 });
    const html = await renderPage(
      allActionsRoute.default,
      "/actions",
      (await call(allActionsRoute.loader, get("/actions"), outsider)).body,
      mixed.body,
    );
    expect(html).toContain("Not changed, you may not change it: Bulk refused.");
    const forged = await call(
      allActionsRoute.action,
      post("/actions", { intent: "bulk", status: "done", selected: [`${b.id}:1`] }),
      outsider,
    );
    expect(forged.status).toBe(403);
    expect(await row(b.id)).toMatchObject({ status: "open", version: 1 });
    expect(
      (
        await call(
          allActionsRoute.action,
          post("/actions", { intent: "bulk", status: "done", selected: [`${b.id}:1`] }),
          ownerViewer,
        )
      ).status,
    ).toBe(403);
    const none = await call(
      allActionsRoute.action,
      post("/actions", { intent: "bulk", status: "done" }),
      coordinator,
    );
    expect(none.status).toBe(400);
    const all = await call(
      allActionsRoute.action,
      post("/actions", { intent: "bulk", status: "done", selected: [`${b.id}:1`] }),
      organiser,
    );
    expect(all).toMatchObject({ status: 200, body: { bulk: { changed: 1 } } });
  });
});

describe("/export/actions.csv", () => {
  it("exports the filtered actions with translated headers, parsed back", async () => {
    const request = new Request(`http://localhost/export/actions.csv?event=${otherEvent.id}`, {
      headers: { "Accept-Language": "fr" },
    });
    await createFollowUpAction(db, {
      eventId: otherEvent.id,
      ownerOrganisationId: other.id,
      title: "@SUM(A1)",
      status: "in_progress",
    });
    const outcome = await call(exportRoute.loader, request, organiser);
    expect(outcome.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await (outcome.response as Response).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]?.slice(0, 3)).toEqual(["Titre", "Statut", "En retard"]);
    const titles = rows.slice(1).map((r) => [r[0], r[1], r[5], r[7]]);
    expect(titles).toContainEqual(["'@SUM(A1)", "En cours", "Legal Aid", "Brussels workshop"]);
    expect(rows.slice(1).every((r) => r[7] === "Brussels workshop")).toBe(true);
    expect((await call(exportRoute.loader, get("/export/actions.csv"), ownerViewer)).status).toBe(403);
  });
});
