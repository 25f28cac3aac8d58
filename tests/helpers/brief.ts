// A follow-up brief's world built with the factories: an event (2025-06-01) whose participants are
// members of partnerships that are new, ended, changed or quiet since, with risks, pilots and
// milestones around it, and readers with different rights. `size` multiplies the rows (for the
// query-count tests) without changing what each kind of row is.
import type { Db } from "~/db/client.server";
import type { User } from "~/db/schema";
import {
  addEventOrganiser,
  addEventParticipant,
  addMember,
  createAuditEntry,
  createEvent,
  createEventTakeaway,
  createFollowUpAction,
  createMilestone,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createRisk,
  createUser,
} from "../factories";

export const BRIEF_TODAY = "2026-11-26";
export const EVENT_START = "2025-06-01";

const at = (day: string) => new Date(`${day}T10:00:00Z`);

export async function buildBriefWorld(db: Db, { size = 1, tag = "" }: { size?: number; tag?: string } = {}) {
  const event = await createEvent(db, {
    title: `Łódź–Ελλάδα seminar « été » ${tag}`.trim(),
    startsOn: EVENT_START,
    endsOn: "2025-06-02",
    location: "Brussels",
    online: true,
  });
  const organiser = await createOrganisation(db, { name: `Fedasil ${tag}`, acronym: `FED${tag}` });
  const member = await createOrganisation(db, { name: `Member org ${tag}` });
  const other = await createOrganisation(db, { name: `Other participant ${tag}` });
  const outsider = await createOrganisation(db, { name: `Outsider ${tag}` });
  const authority = await createOrganisation(db, { name: `City of Gent ${tag}`, type: "local_authority" });
  await addEventOrganiser(db, { eventId: event.id, organisationId: organiser.id });
  for (const [organisation, attendeeCount] of [
    [organiser, 4],
    [member, 2],
    [other, null],
    [authority, 1],
  ] as const) {
    await addEventParticipant(db, { eventId: event.id, organisationId: organisation.id, attendeeCount });
  }
  await createEventTakeaway(db, {
    eventId: event.id,
    position: 0,
    theme: "Beyond return",
    text: "First *point*",
  });
  await createEventTakeaway(db, { eventId: event.id, position: 1, theme: null, text: "- one\n- two" });

  const readers = {
    coordinator: await createUser(db, { role: "coordinator" }),
    member: await createUser(db, { role: "organiser", organisationId: member.id, name: "Maria Member" }),
    outsider: await createUser(db, { role: "viewer", organisationId: outsider.id }),
  } satisfies Record<string, User>;

  const partnerships = {
    fresh: [] as string[],
    noStartCreated: [] as string[],
    ended: [] as string[],
    endedByStatus: [] as string[],
    changed: [] as string[],
    quiet: [] as string[],
    notParticipants: [] as string[],
    leftBefore: [] as string[],
  };
  for (let i = 0; i < size; i++) {
    const n = `${tag}${i}`;
    const fresh = await createPartnership(db, { name: `New ${n}`, startDate: "2025-09-01" });
    await addMember(db, { partnershipId: fresh.id, organisationId: member.id });
    partnerships.fresh.push(fresh.id);

    const created = await createPartnership(db, { name: `Created ${n}`, status: "forming", startDate: null });
    await addMember(db, { partnershipId: created.id, organisationId: other.id });
    await createAuditEntry(db, {
      action: "create",
      entityType: "partnership",
      entityId: created.id,
      at: at("2025-07-10"),
    });
    partnerships.noStartCreated.push(created.id);

    const ended = await createPartnership(db, {
      name: `Ended ${n}`,
      status: "ended",
      startDate: "2020-01-01",
      endDate: "2025-12-31",
    });
    await addMember(db, { partnershipId: ended.id, organisationId: other.id });
    partnerships.ended.push(ended.id);

    const endedByStatus = await createPartnership(db, {
      name: `Stopped ${n}`,
      status: "ended",
      startDate: "2019-01-01",
    });
    await addMember(db, { partnershipId: endedByStatus.id, organisationId: organiser.id });
    await createAuditEntry(db, {
      action: "update",
      entityType: "partnership",
      entityId: endedByStatus.id,
      before: { status: "active" },
      after: { status: "ended" },
      at: at("2025-07-01"),
    });
    partnerships.endedByStatus.push(endedByStatus.id);

    const changed = await createPartnership(db, { name: `Changed ${n}`, startDate: "2019-04-01" });
    await addMember(db, { partnershipId: changed.id, organisationId: member.id });
    await addMember(db, { partnershipId: changed.id, organisationId: organiser.id });
    const secret = await createRisk(db, {
      partnershipId: changed.id,
      title: `Secret trust issue ${n}`,
      category: "trust_deficit",
      likelihood: 4,
      impact: 4,
    });
    await createRisk(db, {
      partnershipId: changed.id,
      title: `Funding gap ${n}`,
      category: "funding",
      likelihood: 2,
      impact: 3,
      status: "mitigating",
    });
    await createRisk(db, { partnershipId: changed.id, title: `Closed risk ${n}`, status: "closed" });
    await createAuditEntry(db, {
      action: "update",
      entityType: "partnership",
      entityId: changed.id,
      at: at("2025-08-01"),
    });
    await createAuditEntry(db, {
      action: "create",
      entityType: "risk",
      entityId: secret.id,
      at: at("2025-10-05"),
    });
    // Not counted: before the event, and seeding.
    await createAuditEntry(db, {
      action: "update",
      entityType: "partnership",
      entityId: changed.id,
      at: at("2025-01-01"),
    });
    await createAuditEntry(db, {
      action: "seed",
      entityType: "partnership",
      entityId: changed.id,
      at: at("2025-11-01"),
    });
    partnerships.changed.push(changed.id);

    const quiet = await createPartnership(db, { name: `Quiet ${n}`, startDate: "2018-01-01" });
    await addMember(db, { partnershipId: quiet.id, organisationId: other.id });
    await createRisk(db, {
      partnershipId: quiet.id,
      title: `Quiet secret ${n}`,
      category: "power_imbalance",
      likelihood: 3,
      impact: 5,
    });
    partnerships.quiet.push(quiet.id);

    const notParticipants = await createPartnership(db, { name: `Elsewhere ${n}`, startDate: "2025-09-01" });
    await addMember(db, { partnershipId: notParticipants.id, organisationId: outsider.id });
    partnerships.notParticipants.push(notParticipants.id);

    const leftBefore = await createPartnership(db, { name: `Left ${n}`, startDate: "2025-09-01" });
    await addMember(db, { partnershipId: leftBefore.id, organisationId: member.id, leftOn: "2025-01-01" });
    partnerships.leftBefore.push(leftBefore.id);

    // Milestones: in a pilot of the changed partnership, and in a pilot of a participating city.
    const pilot = await createPilot(db, { name: `Pilot ${n}`, partnershipId: changed.id });
    await createMilestone(db, {
      pilotId: pilot.id,
      title: `Shelter opened ${n}`,
      status: "done",
      doneOn: "2025-08-15",
    });
    await createMilestone(db, {
      pilotId: pilot.id,
      title: `Too early ${n}`,
      status: "done",
      doneOn: "2025-05-01",
    });
    await createMilestone(db, {
      pilotId: pilot.id,
      title: `Not yet ${n}`,
      status: "planned",
      dueOn: "2026-01-01",
    });
    const city = await createMunicipality(db, { name: `Gent ${n}`, organisationId: authority.id });
    const cityPilot = await createPilot(db, { name: `City pilot ${n}`, municipalityId: city.id });
    await createMilestone(db, {
      pilotId: cityPilot.id,
      title: `Desk opened ${n}`,
      status: "done",
      doneOn: "2025-07-01",
    });
    const unrelated = await createPilot(db, { name: `Unrelated pilot ${n}` });
    await createMilestone(db, {
      pilotId: unrelated.id,
      title: `Unrelated ${n}`,
      status: "done",
      doneOn: "2025-07-01",
    });

    // Commitments: overdue, done, in progress (not due yet), dropped (late but closed).
    await createFollowUpAction(db, {
      eventId: event.id,
      title: `Overdue one ${n}`,
      ownerOrganisationId: member.id,
      ownerUserId: readers.member.id,
      dueOn: "2025-07-01",
      status: "open",
      partnershipId: changed.id,
    });
    await createFollowUpAction(db, {
      eventId: event.id,
      title: `Done one ${n}`,
      ownerOrganisationId: organiser.id,
      dueOn: "2025-09-30",
      status: "done",
      doneOn: "2025-09-12",
      pilotId: pilot.id,
    });
    await createFollowUpAction(db, {
      eventId: event.id,
      title: `Later one ${n}`,
      ownerOrganisationId: other.id,
      dueOn: "2027-01-31",
      status: "in_progress",
      organisationId: authority.id,
    });
    await createFollowUpAction(db, {
      eventId: event.id,
      title: `Dropped one ${n}`,
      ownerOrganisationId: other.id,
      dueOn: "2025-06-30",
      status: "dropped",
    });
  }
  return { event, organiser, member, other, outsider, authority, readers, partnerships };
}
