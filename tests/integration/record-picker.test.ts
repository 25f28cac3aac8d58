// The partnership and pilot pickers of the follow-up action form: the searches behind them (name,
// any case, LIKE wildcards taken literally, current records only, at most 20, one kind each), their
// resource routes, and the event's actions tab that stops sending every partnership and pilot once
// there are more than the threshold (naming only those the form holds, and a refused save's picks).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { followUpActions, partnerships, type NewPartnership } from "~/db/schema";
import {
  RECORD_PICKER_THRESHOLD,
  RECORD_SEARCH_LIMIT,
  recordChoices,
  recordLabels,
  searchRecordOptions,
  type RecordChoices,
  type RecordKind,
} from "~/models/record-options.server";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as partnershipOptionsRoute from "~/routes/partnerships.options";
import * as pilotOptionsRoute from "~/routes/pilots.options";
import {
  createEvent,
  createFollowUpAction,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import {
  addFillerPartnerships,
  addFillerPilots,
  FILLER_PARTNERSHIP,
  FILLER_PILOT,
} from "../helpers/organisation-picker";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get, post, renderPage } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const counting = await countingDb(database);
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
const viewer = authUserOf(await createUser(db, { role: "viewer" }));

const names = async (kind: RecordKind, query: string, limit?: number) =>
  (await searchRecordOptions(db, kind, query, limit)).map((o) => o.name);

const municipality = await createMunicipality(db, { name: "Vlietstad" });
const harbour = await createPartnership(db, { name: "Zeta Harbour Return Partnership" });
const percent = await createPartnership(db, { name: "Zeta 100% Covenant" });
const underscore = await createPartnership(db, { name: "Zeta under_score Network" });
const backslash = await createPartnership(db, { name: "Zeta back\\slash Alliance" });
const plain = await createPartnership(db, { name: "Zeta 1000 Covenant" });
const faded = await createPartnership(db, { name: "Zeta Harbour Faded", archivedAt: new Date() });
const pilot = await createPilot(db, { name: "Zeta Harbour Night Shelter", municipalityId: municipality.id });
const oldPilot = await createPilot(db, {
  name: "Zeta Harbour Old Pilot",
  municipalityId: municipality.id,
  archivedAt: new Date(),
});
const owner = await createOrganisation(db, { name: "Oakfield Return Service", acronym: "ORS" });

const event = await createEvent(db);
// Linked to an archived partnership and pilot: they stay its choices (and are named above the threshold).
const followUp = await createFollowUpAction(db, {
  eventId: event.id,
  ownerOrganisationId: owner.id,
  partnershipId: faded.id,
  pilotId: oldPilot.id,
  title: "Send the referral protocol",
});
const eventPath = `/events/${event.id}/actions`;

type EventData = Awaited<ReturnType<typeof eventActionsRoute.loader>>;

async function eventActions(query = ""): Promise<EventData> {
  const outcome = await callRoute(db, eventActionsRoute.loader, get(`${eventPath}${query}`), coordinator, {
    id: event.id,
  });
  expect(outcome.status).toBe(200);
  return outcome.body as EventData;
}

const listed = (choices: RecordChoices) =>
  choices.mode === "select" ? choices.options.map((o) => o.id) : [];

/** recordChoices and the number of queries it ran. */
async function choicesCounted(kind: RecordKind, kept: (string | null)[] = []) {
  counting.reset();
  const choices = await recordChoices(counting.db, kind, kept);
  return { choices, queries: counting.count(), sql: counting.queries().join("\n") };
}
const comboboxes = (html: string) => html.match(/role="combobox"/g)?.length ?? 0;

describe("searching partnerships and pilots", () => {
  it("matches the name in any case, one kind at a time", async () => {
    expect(await names("partnership", "harbour")).toEqual([harbour.name]);
    expect(await names("partnership", "HARBOUR RETURN")).toEqual([harbour.name]);
    expect(await names("pilot", "harbour")).toEqual([pilot.name]);
    expect(await names("pilot", "covenant")).toEqual([]);
    expect((await names("partnership", "zeta")).sort()).toEqual(
      [harbour.name, percent.name, underscore.name, backslash.name, plain.name].sort(),
    );
  });

  it("takes %, _ and \\ literally", async () => {
    expect(await names("partnership", "100%")).toEqual([percent.name]);
    expect(await names("partnership", "%")).toEqual([percent.name]);
    expect(await names("partnership", "r_s")).toEqual([underscore.name]);
    expect(await names("partnership", "_")).toEqual([underscore.name]);
    expect(await names("partnership", "k\\s")).toEqual([backslash.name]);
    expect(await names("partnership", "10_0")).toEqual([]);
  });

  it("leaves archived records out, but names them when a form holds one", async () => {
    expect(await names("partnership", "faded")).toEqual([]);
    expect(await names("pilot", "old pilot")).toEqual([]);
    expect(
      (await recordLabels(db, "partnership", [faded.id, "nope", null, pilot.id])).map((o) => o.name),
    ).toEqual([faded.name]);
  });

  it("answers at most 20, the first by name", async () => {
    const many: NewPartnership[] = Array.from({ length: 25 }, (_, i) => ({
      name: `Quorum Partnership ${String(i).padStart(2, "0")}`,
      status: "active",
      countryCode: "NL",
    }));
    await db.insert(partnerships).values(many);
    const found = await names("partnership", "quorum partnership");
    expect(RECORD_SEARCH_LIMIT).toBe(20);
    expect(found).toHaveLength(20);
    expect(found[0]).toBe("Quorum Partnership 00");
    expect(found[19]).toBe("Quorum Partnership 19");
    expect(await names("partnership", "quorum", 1000)).toHaveLength(20);
  });
});

describe("GET /partnerships/options and /pilots/options", () => {
  it("send a signed-out request to the login page", async () => {
    for (const [loader, path] of [
      [partnershipOptionsRoute.loader, "/partnerships/options?q=zeta"],
      [pilotOptionsRoute.loader, "/pilots/options?q=zeta"],
    ] as const) {
      const outcome = await callRoute(db, loader, get(path), null, {});
      expect(outcome.status).toBe(302);
      expect(outcome.headers.get("Location")).toMatch(/^\/login/);
    }
  });

  it("answer anyone who may read them with JSON matches", async () => {
    const outcome = await callRoute(
      db,
      partnershipOptionsRoute.loader,
      get("/partnerships/options?q=harbour"),
      viewer,
      {},
    );
    expect(outcome.status).toBe(200);
    expect(outcome.response?.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await outcome.response?.json()).toEqual({ options: [{ id: harbour.id, name: harbour.name }] });
    const pilots = await callRoute(
      db,
      pilotOptionsRoute.loader,
      get("/pilots/options?q=HARBOUR"),
      viewer,
      {},
    );
    expect(await pilots.response?.json()).toEqual({ options: [{ id: pilot.id, name: pilot.name }] });
  });
});

describe("the follow-up form's partnerships and pilots, by their number", () => {
  it("below the threshold: the current ones and the edited action's (archived) links, in selects", async () => {
    const data = await eventActions(`?edit=${followUp.id}`);
    expect(listed(data.options.partnerships)).toEqual(expect.arrayContaining([harbour.id, faded.id]));
    expect(listed(data.options.pilots)).toEqual(expect.arrayContaining([pilot.id, oldPilot.id]));
    expect(listed((await eventActions()).options.partnerships)).not.toContain(faded.id);
    const html = await renderPage(eventActionsRoute.default, eventPath, data);
    expect(html).toContain(`<option value="${harbour.id}"`);
    expect(html).toContain(`<option value="${pilot.id}"`);
    expect(comboboxes(html)).toBe(0);
  });

  it("below the threshold: one query decides and lists (no count first)", async () => {
    for (const [kind, kept] of [
      ["partnership", [faded.id, null, "nope"]],
      ["partnership", []],
      ["pilot", [oldPilot.id]],
      ["pilot", []],
    ] as const) {
      const { choices, queries, sql } = await choicesCounted(kind, [...kept]);
      expect(choices.mode).toBe("select");
      expect(queries, sql).toBe(1);
    }
    const { choices } = await choicesCounted("partnership", [faded.id]);
    expect(listed(choices)).toEqual(expect.arrayContaining([harbour.id, faded.id]));
  });

  it("at exactly the threshold of current records: still every one, and the kept archived one", async () => {
    // One current pilot so far (the other is archived): threshold - 1 more, in another municipality.
    const other = await createMunicipality(db, { name: "Boundary Town" });
    await addFillerPilots(db, other.id, RECORD_PICKER_THRESHOLD - 1);
    const { choices, queries } = await choicesCounted("pilot", [oldPilot.id]);
    expect(queries).toBe(1);
    expect(choices.mode).toBe("select");
    expect(listed(choices)).toHaveLength(RECORD_PICKER_THRESHOLD + 1);
    expect(listed(choices)).toEqual(expect.arrayContaining([pilot.id, oldPilot.id]));
    expect(listed((await choicesCounted("pilot")).choices)).toHaveLength(RECORD_PICKER_THRESHOLD);
  });

  it("above it: no list, comboboxes naming the edited action's partnership and pilot", async () => {
    await addFillerPartnerships(db);
    await addFillerPilots(db, municipality.id);
    const data = await eventActions(`?edit=${followUp.id}`);
    expect(data.options.partnerships).toEqual({
      mode: "search",
      known: [{ id: faded.id, name: faded.name }],
    });
    expect(data.options.pilots).toEqual({
      mode: "search",
      known: [{ id: oldPilot.id, name: oldPilot.name }],
    });
    expect(JSON.stringify(data)).not.toContain(FILLER_PARTNERSHIP);
    expect(JSON.stringify(data)).not.toContain(FILLER_PILOT);
    const html = await renderPage(eventActionsRoute.default, eventPath, data);
    expect(html).not.toContain(FILLER_PARTNERSHIP);
    expect(html).not.toContain(`<option value="${harbour.id}"`);
    // Organisations are below their threshold here: only the partnership and pilot search.
    expect(comboboxes(html)).toBe(2);
    expect(html).toContain('name="partnershipId"');
    expect(html).toContain(`value="${faded.id}"`);
    expect(html).toContain(`value="${faded.name}"`);
    expect(html).toContain(`value="${oldPilot.name}"`);
    // The add form holds none.
    const added = await eventActions();
    expect(added.options.partnerships).toEqual({ mode: "search", known: [] });
    expect(await recordChoices(db, "pilot", [pilot.id])).toEqual({
      mode: "search",
      known: [{ id: pilot.id, name: pilot.name }],
    });
  });

  it("above it: one query decides; a second only names the records a form holds", async () => {
    for (const kind of ["partnership", "pilot"] as const) {
      const { choices, queries, sql } = await choicesCounted(kind, [null, "nope"]);
      expect(choices).toEqual({ mode: "search", known: [] });
      expect(queries, sql).toBe(1);
    }
    const named = await choicesCounted("partnership", [faded.id]);
    expect(named.choices).toEqual({ mode: "search", known: [{ id: faded.id, name: faded.name }] });
    expect(named.queries, named.sql).toBe(2);
  });

  it("above it: a save with a picked partnership and pilot keeps them", async () => {
    const saved = await callRoute(
      db,
      eventActionsRoute.action,
      post(eventPath, {
        intent: "save",
        title: "Picked links",
        ownerOrganisationId: owner.id,
        partnershipId: harbour.id,
        pilotId: pilot.id,
        status: "open",
      }),
      coordinator,
      { id: event.id },
    );
    expect(saved.status).toBe(302);
    const [row] = await db
      .select({ partnershipId: followUpActions.partnershipId, pilotId: followUpActions.pilotId })
      .from(followUpActions)
      .where(and(eq(followUpActions.eventId, event.id), eq(followUpActions.title, "Picked links")));
    expect(row).toEqual({ partnershipId: harbour.id, pilotId: pilot.id });
  });

  it("above it: a refused save (invalid, or stale) answers the picked partnership's and pilot's names", async () => {
    const fields = {
      intent: "save",
      title: "",
      ownerOrganisationId: owner.id,
      partnershipId: harbour.id,
      pilotId: pilot.id,
      status: "open",
    };
    const refused = await callRoute(db, eventActionsRoute.action, post(eventPath, fields), coordinator, {
      id: event.id,
    });
    expect(refused.status).toBe(400);
    const answer = refused.body as {
      chosenPartnerships: { name: string }[];
      chosenPilots: { name: string }[];
    };
    expect(answer.chosenPartnerships.map((o) => o.name)).toEqual([harbour.name]);
    expect(answer.chosenPilots.map((o) => o.name)).toEqual([pilot.name]);
    const html = await renderPage(eventActionsRoute.default, eventPath, await eventActions(), answer);
    expect(html).toContain(`value="${harbour.id}"`);
    expect(html).toContain(`value="${harbour.name}"`);
    expect(html).toContain(`value="${pilot.name}"`);

    const stale = await callRoute(
      db,
      eventActionsRoute.action,
      post(eventPath, {
        ...fields,
        title: "Changed",
        id: followUp.id,
        version: String(followUp.version + 1),
      }),
      coordinator,
      { id: event.id },
    );
    expect(stale.status).toBe(409);
    const staleAnswer = stale.body as typeof answer;
    expect(staleAnswer.chosenPartnerships.map((o) => o.name)).toEqual([harbour.name]);
    expect(staleAnswer.chosenPilots.map((o) => o.name)).toEqual([pilot.name]);
  });
});
