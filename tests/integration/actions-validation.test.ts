// Follow-up actions: validation of their forms and commands, and the overdue rule (pure, and the
// list's SQL filter agreeing with it on a real database). The model: actions.test.ts.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "~/db/schema";
import {
  actionQueryString,
  isActionOverdue,
  parseActionListQuery,
  type ActionListQuery,
} from "~/lib/actions";
import { actionInput, bulkStatusInput, statusInput } from "~/lib/validation/actions";
import { listActions, listEventActions } from "~/models/actions.server";
import { createEvent, createFollowUpAction, createOrganisation } from "../factories";
import { ACTIONS_TODAY } from "../helpers/actions";
import { testDb } from "../helpers/db";

const { db } = await testDb();
const TODAY = ACTIONS_TODAY;

let org: Organisation;

beforeAll(async () => {
  org = await createOrganisation(db, { name: "Return Service", acronym: "RS" });
});

describe("overdue", () => {
  it("is due before today and neither done nor dropped", () => {
    expect(isActionOverdue({ dueOn: "2024-05-09", status: "open" }, TODAY)).toBe(true);
    expect(isActionOverdue({ dueOn: "2024-05-09", status: "in_progress" }, TODAY)).toBe(true);
    expect(isActionOverdue({ dueOn: TODAY, status: "open" }, TODAY)).toBe(false);
    expect(isActionOverdue({ dueOn: "2024-05-09", status: "done" }, TODAY)).toBe(false);
    expect(isActionOverdue({ dueOn: "2024-05-09", status: "dropped" }, TODAY)).toBe(false);
    expect(isActionOverdue({ dueOn: null, status: "open" }, TODAY)).toBe(false);
  });

  it("the list's overdue filter agrees with the rule", async () => {
    const e = await createEvent(db);
    const base = { eventId: e.id, ownerOrganisationId: org.id };
    await createFollowUpAction(db, { ...base, title: "late", dueOn: "2024-05-01" });
    await createFollowUpAction(db, {
      ...base,
      title: "late in progress",
      dueOn: "2024-05-09",
      status: "in_progress",
    });
    await createFollowUpAction(db, { ...base, title: "today", dueOn: TODAY });
    await createFollowUpAction(db, {
      ...base,
      title: "late done",
      dueOn: "2024-05-01",
      status: "done",
      doneOn: "2024-05-02",
    });
    await createFollowUpAction(db, {
      ...base,
      title: "late dropped",
      dueOn: "2024-05-01",
      status: "dropped",
    });
    await createFollowUpAction(db, { ...base, title: "no date" });
    const query: ActionListQuery = { eventId: e.id, overdue: true, sort: "title", direction: "asc" };
    const page = await listActions(db, { page: 1, pageSize: 25 }, query, TODAY);
    expect(page.items.map((a) => a.title)).toEqual(["late", "late in progress"]);
    const all = await listEventActions(db, e.id);
    expect(
      all
        .filter((a) => isActionOverdue(a, TODAY))
        .map((a) => a.title)
        .sort(),
    ).toEqual(["late", "late in progress"]);
  });
});

describe("validation", () => {
  const schema = actionInput(TODAY);
  it("requires a title and an owner organisation", () => {
    expect(schema.safeParse({ intent: "save", title: " ", ownerOrganisationId: org.id }).success).toBe(false);
    const noOwner = schema.safeParse({ intent: "save", title: "x" });
    expect(noOwner.error?.issues[0]?.path).toEqual(["ownerOrganisationId"]);
  });
  it("done gets today as done date; other statuses take none; never in the future", () => {
    expect(
      schema.parse({ intent: "save", title: "x", ownerOrganisationId: org.id, status: "done" }).doneOn,
    ).toBe(TODAY);
    expect(
      schema.safeParse({
        intent: "save",
        title: "x",
        ownerOrganisationId: org.id,
        status: "open",
        doneOn: TODAY,
      }).success,
    ).toBe(false);
    expect(
      statusInput(TODAY).safeParse({
        intent: "status",
        id: randomUUID(),
        version: 1,
        status: "done",
        doneOn: "2024-05-11",
      }).success,
    ).toBe(false);
  });
  it("bulk rows are id:version", () => {
    const id = randomUUID();
    expect(bulkStatusInput.parse({ intent: "bulk", selected: [`${id}:3`], status: "done" }).selected).toEqual(
      [{ id, version: 3 }],
    );
    expect(bulkStatusInput.safeParse({ intent: "bulk", selected: ["junk"], status: "done" }).success).toBe(
      false,
    );
    expect(bulkStatusInput.safeParse({ intent: "bulk", selected: [], status: "done" }).success).toBe(false);
  });
  it("the list query survives a round trip through its query string", () => {
    const query: ActionListQuery = {
      eventId: randomUUID(),
      ownerOrganisationId: randomUUID(),
      status: "open",
      dueFrom: "2024-01-01",
      dueTo: "2024-12-31",
      overdue: true,
      sort: "event",
      direction: "desc",
    };
    expect(parseActionListQuery(new URLSearchParams(actionQueryString(query)))).toEqual(query);
    expect(actionQueryString(parseActionListQuery(new URLSearchParams("")))).toBe("");
  });
  it("the list query is read leniently", () => {
    const q = parseActionListQuery(
      new URLSearchParams("event=junk&status=done&from=2024-02-30x&overdue=1&sort=owner&dir=desc"),
    );
    expect(q).toEqual({ status: "done", overdue: true, sort: "owner", direction: "desc" });
  });
});
