// The dashboard's recent activity for records shown on a tab of their parent (funding lines and
// documents of a partnership or a pilot, pilot periods, relationships, event participants and
// takeaways, milestones, follow-up actions): labelled with the parent's name, linked to the tab,
// in one query whatever the number and kinds of entries.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recentActivity } from "~/models/dashboard-activity.server";
import {
  addEventParticipant,
  createAuditEntry,
  createDocument,
  createEvent,
  createEventTakeaway,
  createFollowUpAction,
  createFundingLine,
  createMilestone,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotPeriod,
  createRelationship,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;

/** An entry a second later than the previous one, so the order is known. */
let clock = Date.parse("2030-01-01T00:00:00Z");
async function log(entityType: string, entityId: string) {
  clock += 1000;
  await createAuditEntry(db, { entityType, entityId, action: "update", at: new Date(clock) });
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const partnership = await createPartnership(db, { name: "Parent partnership" });
  const pilot = await createPilot(db, { name: "Parent pilot" });
  const event = await createEvent(db, { title: "Parent event" });
  const from = await createOrganisation(db, { name: "From organisation" });
  const participant = await createOrganisation(db, { name: "Participant organisation" });
  Object.assign(ids, { partnership: partnership.id, pilot: pilot.id, event: event.id, from: from.id });

  await log("funding_line", (await createFundingLine(db, { partnershipId: partnership.id })).id);
  await log("funding_line", (await createFundingLine(db, { pilotId: pilot.id })).id);
  await log("document", (await createDocument(db, { partnershipId: partnership.id })).id);
  await log("document", (await createDocument(db, { pilotId: pilot.id })).id);
  await log("pilot_period", (await createPilotPeriod(db, { pilotId: pilot.id })).id);
  await log("milestone", (await createMilestone(db, { pilotId: pilot.id, title: "A milestone" })).id);
  await log(
    "relationship",
    (await createRelationship(db, { fromOrganisationId: from.id, toOrganisationId: participant.id })).id,
  );
  await log(
    "event_participant",
    (await addEventParticipant(db, { eventId: event.id, organisationId: participant.id })).id,
  );
  await log("event_takeaway", (await createEventTakeaway(db, { eventId: event.id })).id);
  await log(
    "follow_up_action",
    (await createFollowUpAction(db, { title: "An action", eventId: event.id })).id,
  );
  await log("follow_up_action", (await createFollowUpAction(db, { title: "Eventless action" })).id);
  // A record deleted since (a removed participant): no label, no link.
  await log("event_participant", randomUUID());
});

describe("recent activity of records on a parent's tab", () => {
  it("names the parent and links to its tab", async () => {
    const { entries } = await recentActivity(db, true, 12);
    const { partnership, pilot, event, from } = ids;
    expect(entries.map((e) => [e.entityType, e.label, e.href]).reverse()).toEqual([
      ["funding_line", "Parent partnership", `/partnerships/${partnership}/funding`],
      ["funding_line", "Parent pilot", `/pilots/${pilot}/funding`],
      ["document", "Parent partnership", `/partnerships/${partnership}/documents`],
      ["document", "Parent pilot", `/pilots/${pilot}/documents`],
      ["pilot_period", "Parent pilot", `/pilots/${pilot}/outcomes`],
      ["milestone", "A milestone", `/pilots/${pilot}/milestones`],
      ["relationship", "From organisation", `/organisations/${from}`],
      ["event_participant", "Parent event", `/events/${event}/participants`],
      ["event_takeaway", "Parent event", `/events/${event}/takeaways`],
      ["follow_up_action", "An action", `/events/${event}/actions`],
      ["follow_up_action", "Eventless action", "/actions"],
      ["event_participant", null, null],
    ]);
  });

  it("is one query whatever the number of entries", async () => {
    const counting = await countingDb(database);
    await recentActivity(counting.db, true, 50);
    const before = counting.count();
    for (let i = 0; i < 20; i++) {
      const pilot = await createPilot(db);
      await log("pilot_period", (await createPilotPeriod(db, { pilotId: pilot.id })).id);
      await log("document", (await createDocument(db, { pilotId: pilot.id })).id);
    }
    counting.reset();
    const after = await recentActivity(counting.db, true, 50);
    expect(counting.count()).toBe(before);
    expect(before).toBe(1);
    expect(after.entries.filter((e) => e.href !== null).length).toBeGreaterThan(40);
  });
});
