// Follow-up actions, called through the routes: re-marking a done action keeps its done date; the
// actions of an archived event cannot be changed from /actions either (one or in bulk); an edit
// keeps links to what was archived or disabled since it was saved.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  events,
  followUpActions,
  partnerships,
  users,
  type Event,
  type Organisation,
  type User,
} from "~/db/schema";
import { todayIso } from "~/lib/objectives";
import * as allActionsRoute from "~/routes/actions";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import {
  createEvent,
  createFollowUpAction,
  createOrganisation,
  createPartnership,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const TODAY = todayIso();

let event: Event;
let owner: Organisation;
let organiser: User;

beforeAll(async () => {
  event = await createEvent(db, { title: "Ghent seminar" });
  owner = await createOrganisation(db, { name: "Ghent Return Office" });
  organiser = await createUser(db, { role: "organiser" });
});

function call(
  fn: (args: never) => unknown,
  request: Request,
  user: User,
  params: Record<string, string> = {},
): Promise<RouteOutcome> {
  return callRoute(db, fn, request, authUserOf(user), params);
}

async function row(id: string) {
  const [r] = await db.select().from(followUpActions).where(eq(followUpActions.id, id));
  if (!r) throw new Error("missing");
  return r;
}

describe("re-marking an action done", () => {
  it("keeps its done date when the form's date is empty; a new done gets today", async () => {
    const done = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: owner.id,
      status: "done",
      doneOn: "2024-01-01",
    });
    const fresh = await createFollowUpAction(db, { eventId: event.id, ownerOrganisationId: owner.id });
    for (const path of ["/actions", `/events/${event.id}/actions`]) {
      const fn = path === "/actions" ? allActionsRoute.action : eventActionsRoute.action;
      const again = await call(
        fn,
        post(path, { intent: "status", id: done.id, version: "1", status: "done", doneOn: "" }),
        organiser,
        { id: event.id },
      );
      expect(again.status).toBe(302);
      expect(await row(done.id)).toMatchObject({ status: "done", doneOn: "2024-01-01", version: 1 });
    }
    const marked = await call(
      allActionsRoute.action,
      post("/actions", { intent: "status", id: fresh.id, version: "1", status: "done", doneOn: "" }),
      organiser,
    );
    expect(marked.status).toBe(302);
    expect(await row(fresh.id)).toMatchObject({ status: "done", doneOn: TODAY, version: 2 });
  });
});

describe("actions of an archived event, from /actions", () => {
  it("are not changeable: the list offers no status form, one change is 409, a bulk names them", async () => {
    const archivedEvent = await createEvent(db, { title: "Closed workshop" });
    const frozen = await createFollowUpAction(db, {
      eventId: archivedEvent.id,
      ownerOrganisationId: owner.id,
      title: "Frozen one",
    });
    const open = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: owner.id,
      title: "Still open",
    });
    await db.update(events).set({ archivedAt: new Date() }).where(eq(events.id, archivedEvent.id));

    const list = await call(allActionsRoute.loader, get(`/actions?owner=${owner.id}`), organiser);
    const body = list.body as Awaited<ReturnType<typeof allActionsRoute.loader>>;
    const flags = Object.fromEntries(body.actions.items.map((a) => [a.title, a.mayChangeStatus]));
    expect(flags["Frozen one"]).toBe(false);
    expect(flags["Still open"]).toBe(true);

    const single = await call(
      allActionsRoute.action,
      post("/actions", { intent: "status", id: frozen.id, version: "1", status: "done" }),
      organiser,
    );
    expect(single.status).toBe(409);
    expect(await row(frozen.id)).toMatchObject({ status: "open", version: 1 });

    const bulk = await call(
      allActionsRoute.action,
      post("/actions", {
        intent: "bulk",
        status: "in_progress",
        selected: [`${frozen.id}:1`, `${open.id}:1`],
      }),
      organiser,
    );
    expect(bulk.status).toBe(409);
    expect(bulk.body).toMatchObject({ bulk: { changed: 1, eventArchived: ["Frozen one"], missing: 0 } });
    expect(await row(frozen.id)).toMatchObject({ status: "open", version: 1 });
    expect(await row(open.id)).toMatchObject({ status: "in_progress", version: 2 });
    const html = await renderPage(allActionsRoute.default, "/actions", body, bulk.body);
    expect(html).toContain("Not changed, its event is archived: Frozen one.");
  });

  it("bulk: a pair checked twice is not counted missing, a forged id is", async () => {
    const a = await createFollowUpAction(db, { eventId: event.id, ownerOrganisationId: owner.id });
    const result = await call(
      allActionsRoute.action,
      post("/actions", {
        intent: "bulk",
        status: "dropped",
        selected: [`${a.id}:1`, `${a.id}:1`, `${randomUUID()}:1`],
      }),
      organiser,
    );
    expect(result).toMatchObject({ status: 409, body: { bulk: { changed: 1, missing: 1 } } });
  });
});

describe("editing an action linked to what was archived or disabled since", () => {
  it("keeps the links and offers them in the form", async () => {
    const partnership = await createPartnership(db, { name: "Faded partnership" });
    const person = await createUser(db, { name: "Gone Person", organisationId: owner.id });
    const action = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: owner.id,
      ownerUserId: person.id,
      partnershipId: partnership.id,
      title: "Old title",
    });
    await db.update(partnerships).set({ archivedAt: new Date() }).where(eq(partnerships.id, partnership.id));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, person.id));

    const path = `/events/${event.id}/actions`;
    const page = await call(eventActionsRoute.loader, get(`${path}?edit=${action.id}`), organiser, {
      id: event.id,
    });
    const body = page.body as Awaited<ReturnType<typeof eventActionsRoute.loader>>;
    const listed = (choices: typeof body.options.partnerships) =>
      choices.mode === "select" ? choices.options.map((p) => p.id) : [];
    expect(listed(body.options.partnerships)).toContain(partnership.id);
    expect(body.options.users.map((u) => u.id)).toContain(person.id);
    const plain = await call(eventActionsRoute.loader, get(path), organiser, { id: event.id });
    expect(listed((plain.body as typeof body).options.partnerships)).not.toContain(partnership.id);

    const saved = await call(
      eventActionsRoute.action,
      post(path, {
        intent: "save",
        id: action.id,
        version: "1",
        title: "New title",
        ownerOrganisationId: owner.id,
        ownerUserId: person.id,
        partnershipId: partnership.id,
        status: "open",
      }),
      organiser,
      { id: event.id },
    );
    expect(saved.status).toBe(302);
    expect(await row(action.id)).toMatchObject({
      title: "New title",
      partnershipId: partnership.id,
      ownerUserId: person.id,
      version: 2,
    });

    const other = await createFollowUpAction(db, { eventId: event.id, ownerOrganisationId: owner.id });
    const linked = await call(
      eventActionsRoute.action,
      post(path, {
        intent: "save",
        id: other.id,
        version: "1",
        title: other.title,
        ownerOrganisationId: owner.id,
        partnershipId: partnership.id,
        status: "open",
      }),
      organiser,
      { id: event.id },
    );
    expect(linked.status).toBe(400);
    expect(await row(other.id)).toMatchObject({ partnershipId: null, version: 1 });
  });
});
