// The follow-up brief's model against a real database (PGlite, or PostgreSQL with DATABASE_URL):
// commitments with statuses and overdue flags, the participants' partnerships new, ended and changed
// since the event, milestones reached since, risks in detail or as aggregates by the reader's
// rights, and a fixed number of queries whatever the size.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import type { BriefData } from "~/lib/brief/types";
import { eventBrief } from "~/models/brief.server";
import {
  addDays,
  addEventParticipant,
  addMember,
  createAuditEntry,
  createEvent,
  createOrganisation,
  createPartnership,
  createRisk,
} from "../factories";
import { BRIEF_TODAY, buildBriefWorld, EVENT_START } from "../helpers/brief";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf } from "../helpers/routes";

const database = await testDb();
const { db } = database;

let world: Awaited<ReturnType<typeof buildBriefWorld>>;
let readers: Record<"coordinator" | "member" | "outsider", AuthUser>;

async function briefFor(reader: AuthUser | null): Promise<BriefData> {
  const brief = await eventBrief(db, world.event.id, reader, BRIEF_TODAY);
  if (!brief) throw new Error("no brief");
  return brief;
}

const names = (list: readonly { name: string }[]) => list.map((p) => p.name).sort();

beforeAll(async () => {
  world = await buildBriefWorld(db, { tag: "A" });
  readers = {
    coordinator: authUserOf(world.readers.coordinator),
    member: authUserOf(world.readers.member),
    outsider: authUserOf(world.readers.outsider),
  };
});

describe("the brief of an event", () => {
  it("is null for an unknown or malformed id", async () => {
    expect(await eventBrief(db, randomUUID(), readers.coordinator, BRIEF_TODAY)).toBeNull();
    expect(await eventBrief(db, "nope", readers.coordinator, BRIEF_TODAY)).toBeNull();
  });

  it("has the event's header, participants with attendee counts and takeaways in order", async () => {
    const brief = await briefFor(readers.outsider);
    expect(brief.since).toBe(EVENT_START);
    expect(brief.event).toMatchObject({
      startsOn: EVENT_START,
      endsOn: "2025-06-02",
      online: true,
      archived: false,
    });
    expect(brief.event.organisers.map((o) => o.name)).toEqual(["Fedasil A"]);
    expect(brief.participants.map((p) => [p.name, p.attendeeCount])).toEqual([
      ["City of Gent A", 1],
      ["Fedasil A", 4],
      ["Member org A", 2],
      ["Other participant A", null],
    ]);
    expect(brief.attendees).toBe(7);
    expect(brief.unknownAttendeeCounts).toBe(1);
    expect(brief.takeaways).toEqual([
      { theme: "Beyond return", text: "First *point*" },
      { theme: null, text: "- one\n- two" },
    ]);
  });

  it("lists each commitment with owner, due date, status, done date, overdue flag and links", async () => {
    const { commitments } = await briefFor(readers.outsider);
    const byTitle = new Map(commitments.map((c) => [c.title, c]));
    expect(byTitle.get("Overdue one A0")).toMatchObject({
      ownerOrganisation: "Member org A",
      ownerUser: "Maria Member",
      dueOn: "2025-07-01",
      status: "open",
      doneOn: null,
      overdue: true,
      partnership: { name: "Changed A0" },
    });
    expect(byTitle.get("Done one A0")).toMatchObject({
      ownerOrganisation: "FEDA",
      status: "done",
      doneOn: "2025-09-12",
      overdue: false,
      pilot: { name: "Pilot A0" },
    });
    expect(byTitle.get("Later one A0")).toMatchObject({
      status: "in_progress",
      overdue: false,
      organisation: { name: "City of Gent A" },
    });
    expect(byTitle.get("Dropped one A0")).toMatchObject({ status: "dropped", overdue: false });
    // By due date.
    expect(commitments.map((c) => c.dueOn)).toEqual(["2025-06-30", "2025-07-01", "2025-09-30", "2027-01-31"]);
  });

  it("sorts the participants' partnerships into new, ended and changed since the event", async () => {
    const brief = await briefFor(readers.outsider);
    // Not counted: a partnership of non-participants, and one the participant left before the event.
    expect(brief.partnershipCount).toBe(6);
    expect(names(brief.newPartnerships)).toEqual(["Created A0", "New A0"]);
    expect(names(brief.endedPartnerships)).toEqual(["Ended A0", "Stopped A0"]);
    expect(brief.changedPartnerships).toEqual([
      expect.objectContaining({
        name: "Changed A0",
        // The partnership's own update and its risk's creation; not the entry before the event, not seeding.
        changes: 2,
        lastChangedOn: "2025-10-05",
        participantMembers: ["FEDA", "Member org A"],
      }),
    ]);
    const json = JSON.stringify(brief.changedPartnerships);
    expect(json).not.toContain("before");
    expect(json).not.toContain("after");
  });

  it("lists pilot milestones reached since the event in the partnerships' and participating cities' pilots", async () => {
    const { milestones } = await briefFor(readers.outsider);
    expect(milestones.map((m) => [m.title, m.doneOn, m.pilot.name, m.partnership?.name ?? null])).toEqual([
      ["Shelter opened A0", "2025-08-15", "Pilot A0", "Changed A0"],
      ["Desk opened A0", "2025-07-01", "City pilot A0", null],
    ]);
  });

  it("shows every open risk to a coordinator, with title, category and exposure", async () => {
    const { risks } = await briefFor(readers.coordinator);
    expect(risks).toEqual([
      {
        partnership: { id: world.partnerships.changed[0], name: "Changed A0" },
        access: "full",
        risks: [
          { title: "Secret trust issue A0", category: "trust_deficit", status: "open", exposure: 16 },
          { title: "Funding gap A0", category: "funding", status: "mitigating", exposure: 6 },
        ],
      },
      {
        partnership: { id: world.partnerships.quiet[0], name: "Quiet A0" },
        access: "full",
        risks: [{ title: "Quiet secret A0", category: "power_imbalance", status: "open", exposure: 15 }],
      },
    ]);
  });

  it("shows a reader from a non-member organisation only aggregates per category, never a title", async () => {
    const brief = await briefFor(readers.outsider);
    expect(brief.risks).toEqual([
      {
        partnership: { id: world.partnerships.changed[0], name: "Changed A0" },
        access: "aggregate",
        openCount: 2,
        highestExposure: 16,
        byCategory: [
          { category: "trust_deficit", count: 1 },
          { category: "funding", count: 1 },
        ],
      },
      {
        partnership: { id: world.partnerships.quiet[0], name: "Quiet A0" },
        access: "aggregate",
        openCount: 1,
        highestExposure: 15,
        byCategory: [{ category: "power_imbalance", count: 1 }],
      },
    ]);
    const json = JSON.stringify(brief);
    for (const hidden of ["Secret trust issue", "Funding gap", "Quiet secret", "Closed risk"]) {
      expect(json).not.toContain(hidden);
    }
  });

  it("shows a member the details of its own partnerships and aggregates for the others", async () => {
    const brief = await briefFor(readers.member);
    expect(brief.risks.map((g) => [g.partnership.name, g.access])).toEqual([
      ["Changed A0", "full"],
      ["Quiet A0", "aggregate"],
    ]);
    expect(JSON.stringify(brief)).not.toContain("Quiet secret");
  });

  it("treats an anonymous reader as a non-member", async () => {
    const brief = await briefFor(null);
    expect(brief.risks.every((g) => g.access === "aggregate")).toBe(true);
  });
});

describe("ended since the event", () => {
  it("is an end date before today or a last status change to ended, never also current", async () => {
    const participant = await createOrganisation(db, { name: "Ending participant" });
    const event = await createEvent(db, { title: "Ending event", startsOn: EVENT_START });
    await addEventParticipant(db, { eventId: event.id, organisationId: participant.id });
    const partnership = async (name: string, endDate: string | null) => {
      const row = await createPartnership(db, { name, status: "active", startDate: "2020-01-01", endDate });
      await addMember(db, { partnershipId: row.id, organisationId: participant.id });
      await createRisk(db, { partnershipId: row.id, title: `Risk of ${name}` });
      return row.id;
    };
    await partnership("Last day today", BRIEF_TODAY);
    await partnership("Last day yesterday", addDays(BRIEF_TODAY, -1));
    const reactivated = await partnership("Ended then reactivated", null);
    const statusAt = async (status: string, day: string) =>
      createAuditEntry(db, {
        action: "update",
        entityType: "partnership",
        entityId: reactivated,
        after: { status },
        at: new Date(`${day}T10:00:00Z`),
      });
    await statusAt("ended", "2025-07-01");
    await statusAt("active", "2025-08-01");
    // A later change of another field is not a status change.
    await createAuditEntry(db, {
      action: "update",
      entityType: "partnership",
      entityId: reactivated,
      after: { name: "Ended then reactivated" },
      at: new Date("2025-09-01T10:00:00Z"),
    });

    const brief = await eventBrief(db, event.id, readers.coordinator, BRIEF_TODAY);
    expect(names(brief?.endedPartnerships ?? [])).toEqual(["Last day yesterday"]);
    expect(names(brief?.changedPartnerships ?? [])).toEqual(["Ended then reactivated"]);
    // Current (risks shown) exactly when not ended.
    expect(brief?.risks.map((g) => g.partnership.name).sort()).toEqual([
      "Ended then reactivated",
      "Last day today",
    ]);
    // The next day, the one whose last day was today has ended.
    const tomorrow = await eventBrief(db, event.id, readers.coordinator, addDays(BRIEF_TODAY, 1));
    expect(names(tomorrow?.endedPartnerships ?? [])).toEqual(["Last day today", "Last day yesterday"]);
    expect(tomorrow?.risks.map((g) => g.partnership.name)).toEqual(["Ended then reactivated"]);
  });
});

describe("the brief's queries", () => {
  it("are a fixed number whatever the size of the event and of the network", async () => {
    const counting = await countingDb(database);
    const small = await buildBriefWorld(db, { size: 1, tag: "S" });
    const large = await buildBriefWorld(db, { size: 6, tag: "L" });
    const run = async (w: typeof small) => {
      counting.reset();
      const brief = await eventBrief(counting.db, w.event.id, authUserOf(w.readers.member), BRIEF_TODAY);
      return { brief, count: counting.count() };
    };
    const a = await run(small);
    const b = await run(large);
    expect(b.brief?.commitments).toHaveLength(24);
    expect(b.brief?.milestones).toHaveLength(12);
    expect(b.brief?.risks.filter((g) => g.access === "full")).toHaveLength(6);
    expect(b.brief?.risks.filter((g) => g.access === "aggregate")).toHaveLength(6);
    expect(b.count, counting.queries().join("\n")).toBe(a.count);
    expect(a.count).toBe(10);
  });
});
