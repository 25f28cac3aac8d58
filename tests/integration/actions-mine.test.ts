// The /actions filters the dashboard's "See all" links open: `mine=events` (actions of the events the
// reader created or their organisation organised) and `open=1` (neither done nor dropped). Each is a
// removable chip, kept by the filter form and by the CSV export.
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "~/db/schema";
import { actionQueryString, parseActionListQuery } from "~/lib/actions";
import { todayIso } from "~/lib/objectives";
import * as allActionsRoute from "~/routes/actions";
import * as exportRoute from "~/routes/export.actions";
import {
  addDays,
  addEventOrganiser,
  createEvent,
  createFollowUpAction,
  createOrganisation,
  createUser,
} from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const { db } = await testDb();
const TODAY = todayIso();

let organiser: User;
let organiserAlone: User;

beforeAll(async () => {
  const own = await createOrganisation(db, { name: "Mine organisation" });
  const other = await createOrganisation(db, { name: "Not mine organisation" });
  organiser = await createUser(db, { role: "organiser", organisationId: own.id });
  organiserAlone = await createUser(db, { role: "organiser" });
  const created = await createEvent(db, { title: "Created event", createdBy: organiser.id });
  const organised = await createEvent(db, { title: "Organised event" });
  await addEventOrganiser(db, { eventId: organised.id, organisationId: own.id });
  const elsewhere = await createEvent(db, { title: "Elsewhere event" });
  await addEventOrganiser(db, { eventId: elsewhere.id, organisationId: other.id });
  await createFollowUpAction(db, { title: "Of created", eventId: created.id, dueOn: addDays(TODAY, 2) });
  await createFollowUpAction(db, {
    title: "Of organised, done",
    eventId: organised.id,
    status: "done",
    doneOn: TODAY,
    dueOn: addDays(TODAY, 1),
  });
  await createFollowUpAction(db, { title: "Of elsewhere", eventId: elsewhere.id, dueOn: addDays(TODAY, 3) });
  await createFollowUpAction(db, { title: "Without event", dueOn: addDays(TODAY, 4) });
});

type Body = Awaited<ReturnType<typeof allActionsRoute.loader>>;

async function load(path: string, user: User): Promise<Body> {
  return (await callRoute(db, allActionsRoute.loader, get(path), authUserOf(user), {})).body as Body;
}

describe("the query string", () => {
  it("reads mine=events and open=1 and writes them back; anything else is no filter", () => {
    const query = parseActionListQuery(new URLSearchParams("mine=events&open=1&sort=status"));
    expect(query).toMatchObject({ mine: "events", open: true });
    expect(actionQueryString(query)).toBe("mine=events&open=1&sort=status");
    const lenient = parseActionListQuery(new URLSearchParams("mine=everything&open=yes"));
    expect(lenient.mine).toBeUndefined();
    expect(lenient.open).toBeFalsy();
    expect(actionQueryString(lenient)).toBe("");
  });
});

describe("/actions?mine=events", () => {
  it("lists the actions of the reader's events, with a chip that removes the filter and keeps the others", async () => {
    const body = await load("/actions?mine=events&sort=title", organiser);
    expect(body.actions.items.map((a) => a.title)).toEqual(["Of created", "Of organised, done"]);
    expect(body.actions.total).toBe(2);
    expect(body.queryString).toBe("mine=events&sort=title");
    const chip = body.linkChips.find((c) => c.param === "mine");
    expect(chip).toMatchObject({ kind: "mineEvents", value: "events", removeHref: "/actions?sort=title" });
    const html = await renderPage(allActionsRoute.default, "/actions", body);
    expect(html).toContain('data-testid="link-filter-mineEvents"');
    expect(html).toContain("Of your events");
    expect(html).toContain('type="hidden" name="mine" value="events"');
    expect(html).toContain("/export/actions.csv?mine=events&amp;sort=title");
    // Without an organisation: only the events they created (none here).
    expect((await load("/actions?mine=events", organiserAlone)).actions.total).toBe(0);
  });

  it("with open=1 leaves done and dropped actions out, shown as its own chip", async () => {
    const body = await load("/actions?mine=events&open=1", organiser);
    expect(body.actions.items.map((a) => a.title)).toEqual(["Of created"]);
    const chip = body.linkChips.find((c) => c.param === "open");
    expect(chip).toMatchObject({ kind: "open", value: "1", removeHref: "/actions?mine=events" });
    const html = await renderPage(allActionsRoute.default, "/actions", body);
    expect(html).toContain("Not done or dropped");
    const all = await load("/actions?open=1", organiser);
    expect(all.actions.items.map((a) => a.title)).not.toContain("Of organised, done");
  });

  it("is kept by the CSV export", async () => {
    const outcome = await callRoute(
      db,
      exportRoute.loader,
      get("/export/actions.csv?mine=events&open=1"),
      authUserOf(organiser),
      {},
    );
    const text = await (outcome.response as Response).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Of created"]);
  });
});
