// The follow-up brief of the demo's EMN REG seminar: its takeaways and commitments as seeded, the
// participants' partnerships since late 2023, and no risk title for a reader outside them.
import { like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { events, risks } from "~/db/schema";
import { seedDemo } from "~/db/seed/demo.server";
import type { BriefData } from "~/lib/brief/types";
import { eventBrief } from "~/models/brief.server";
import { createOrganisation, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf } from "../helpers/routes";

const TODAY = "2026-11-26";
const { db } = await testDb();

let eventId: string;
let coordinator: AuthUser;
let outsider: AuthUser;

async function briefFor(reader: AuthUser): Promise<BriefData> {
  const brief = await eventBrief(db, eventId, reader, TODAY);
  if (!brief) throw new Error("no brief");
  return brief;
}

beforeAll(async () => {
  await seedDemo(db, { today: TODAY });
  const [event] = await db.select().from(events).where(like(events.title, "EMN REG seminar%"));
  if (!event) throw new Error("the demo seminar is missing");
  eventId = event.id;
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  const elsewhere = await createOrganisation(db, { name: "Outside every partnership" });
  outsider = authUserOf(await createUser(db, { role: "viewer", organisationId: elsewhere.id }));
});

describe("the demo seminar's brief", () => {
  it("has the seminar's header, participants and takeaways in order", async () => {
    const brief = await briefFor(coordinator);
    expect(brief.since).toBe("2023-11-28");
    expect(brief.event.location).toBe("Brussels");
    expect(brief.event.organisers).toHaveLength(2);
    expect(brief.participants).toHaveLength(14);
    expect(brief.attendees).toBe(27);
    expect(brief.unknownAttendeeCounts).toBe(1);
    expect(brief.takeaways.map((t) => t.theme)).toEqual([
      "Beyond voluntary return",
      "Trust through information",
      "Multi-level collaboration",
      "Obstacles",
      "Local innovation",
      "Funding: a holistic AMIF approach",
      "Commitments",
    ]);
  });

  it("lists the commitments with their statuses, and the late ones as overdue", async () => {
    const { commitments } = await briefFor(coordinator);
    expect(commitments).toHaveLength(8);
    const status = Object.fromEntries(commitments.map((c) => [c.title, [c.status, c.overdue]]));
    expect(status).toMatchObject({
      "Circulate the seminar conclusions to the Return Expert Group": ["done", false],
      "Propose case-resolution criteria for future AMIF calls": ["in_progress", true],
      "Report the Ghent pilot's results to the REG": ["dropped", false],
      "Run a partnership health check in the LVV pilots": ["open", true],
      "Multilingual information on all pathways": ["in_progress", false],
    });
    const circulated = commitments.find((c) => c.title.startsWith("Circulate"));
    expect(circulated).toMatchObject({ doneOn: "2023-12-06", partnership: { name: expect.any(String) } });
  });

  it("follows the participants' partnerships since the seminar", async () => {
    const brief = await briefFor(coordinator);
    expect(brief.partnershipCount).toBeGreaterThan(3);
    expect(brief.newPartnerships.length).toBeGreaterThan(0);
    for (const p of brief.newPartnerships) expect(p.startDate! >= brief.since, p.name).toBe(true);
    for (const p of brief.endedPartnerships) expect(p.endDate! >= brief.since, p.name).toBe(true);
    // Seeding is not a change: a freshly seeded database has none since the seminar.
    expect(brief.changedPartnerships).toEqual([]);
    for (const m of brief.milestones) {
      expect(m.doneOn >= brief.since && m.doneOn <= TODAY, m.title).toBe(true);
    }
  });

  it("shows a coordinator the open risks in detail and an outsider only aggregates", async () => {
    const full = await briefFor(coordinator);
    expect(full.risks.length).toBeGreaterThan(0);
    expect(full.risks.every((g) => g.access === "full")).toBe(true);
    const limited = await briefFor(outsider);
    expect(limited.risks.map((g) => g.partnership.id)).toEqual(full.risks.map((g) => g.partnership.id));
    expect(limited.risks.every((g) => g.access === "aggregate")).toBe(true);
    const json = JSON.stringify(limited);
    const titles = await db.select({ title: risks.title }).from(risks);
    for (const { title } of titles) expect(json, title).not.toContain(title);
  });
});
