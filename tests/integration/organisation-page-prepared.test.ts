// An organisation's page read in one query (models/organisation-page-view.server.ts): the same
// answer as the model functions its loader called before (organisationPage, entityHistory,
// organisationChoices, linkedActionsView), for every kind of viewer, on an organisation with a bit
// of everything (archived rows, members who left, relationships with an archived organisation, more
// follow-ups than the cap, more history than the page shows) and on an empty one, with a second
// organisation holding the same kinds of rows so a condition that leaks fails; the same answer on a
// second call and another handle (the statement is built once per database handle); one query for
// the loader whatever the organisation holds, and the choices switching to search above the picker's
// threshold.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { can } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import { organisations, type Organisation } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { todayIso } from "~/lib/objectives";
import { entityHistory } from "~/models/audit.server";
import { linkedActionsView } from "~/models/linked-actions.server";
import { organisationChoices, type OrganisationChoices } from "~/models/organisation-options.server";
import { organisationPage } from "~/models/organisation-page.server";
import { loadOrganisationPage } from "~/models/organisation-page-view.server";
import * as route from "~/routes/organisations.$id";
import {
  addMember,
  createAuditEntry,
  createEvent,
  createFollowUpAction,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createRelationship,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute, get } from "../helpers/routes";

const database = await testDb();
const { db } = database;
const TODAY = todayIso();
const archivedAt = new Date();

let subject: Organisation;
let other: Organisation;
let empty: Organisation;
let viewers: Record<"coordinator" | "member" | "pastMember" | "outsider" | "unaffiliated", AuthUser>;

/** What the page showed when its loader read it through the other models (the loader before). */
async function throughOtherModels(viewer: AuthUser, id: string) {
  const page = await organisationPage(db, viewer, id);
  if (!page) return null;
  const canEdit = can(viewer, "organisation:write");
  const [history, choices, linkedActions] = await Promise.all([
    canEdit ? entityHistory(db, "organisation", id) : Promise.resolve([]),
    canEdit
      ? organisationChoices(db, { exclude: id })
      : Promise.resolve<OrganisationChoices>({ mode: "select", options: [] }),
    can(viewer, "action:read")
      ? linkedActionsView(db, { kind: "organisation", id }, TODAY)
      : Promise.resolve(null),
  ]);
  return { page, history, choices, linkedActions };
}

function partsFor(viewer: AuthUser) {
  return { editing: can(viewer, "organisation:write"), actions: can(viewer, "action:read") };
}

/** Memberships, relationships, risks, follow-ups and history of `org`, of every kind. */
async function fill(org: Organisation, memberOrg: Organisation, pastOrg: Organisation, user: string) {
  const current = await createPartnership(db, { name: `B current ${org.name}` });
  const left = await createPartnership(db, { name: `a left ${org.name}` });
  const gone = await createPartnership(db, { name: `C archived ${org.name}`, archivedAt });
  const peers = await Promise.all(
    ["Zeta", "alpha", "Mu", "Archived peer"].map((name, i) =>
      createOrganisation(db, { name: `${name} ${org.name}`, archivedAt: i === 3 ? archivedAt : null }),
    ),
  );
  const [zeta, alpha, mu, archivedPeer] = peers as [Organisation, Organisation, Organisation, Organisation];
  await Promise.all([
    addMember(db, { partnershipId: current.id, organisationId: org.id, role: "lead", mandate: "Steers" }),
    addMember(db, { partnershipId: left.id, organisationId: org.id, leftOn: addDays(TODAY, -30) }),
    addMember(db, { partnershipId: gone.id, organisationId: org.id }),
    addMember(db, { partnershipId: current.id, organisationId: memberOrg.id, leftOn: addDays(TODAY, 10) }),
    addMember(db, { partnershipId: left.id, organisationId: pastOrg.id, leftOn: TODAY }),
    addMember(db, { partnershipId: left.id, organisationId: memberOrg.id, archivedAt }),
    createRelationship(db, { fromOrganisationId: org.id, toOrganisationId: zeta.id, type: "funds" }),
    createRelationship(db, { fromOrganisationId: org.id, toOrganisationId: alpha.id, type: "funds" }),
    createRelationship(db, {
      fromOrganisationId: mu.id,
      toOrganisationId: org.id,
      type: "refers_cases",
      startsOn: "2024-01-01",
      endsOn: "2025-06-30",
      notes: "Monthly",
    }),
    createRelationship(db, { fromOrganisationId: alpha.id, toOrganisationId: org.id, type: "advises" }),
    createRelationship(db, { fromOrganisationId: org.id, toOrganisationId: mu.id, archivedAt }),
    createRelationship(db, { fromOrganisationId: org.id, toOrganisationId: archivedPeer.id }),
    createRisk(db, { partnershipId: current.id, ownerOrganisationId: org.id, likelihood: 2, impact: 2 }),
    createRisk(db, {
      partnershipId: current.id,
      ownerOrganisationId: org.id,
      likelihood: 5,
      impact: 4,
      mitigation: "Mitigated",
      reviewOn: addDays(TODAY, 5),
    }),
    createRisk(db, { partnershipId: left.id, ownerOrganisationId: org.id, status: "closed" }),
    createRisk(db, { partnershipId: left.id, ownerOrganisationId: org.id, archivedAt }),
    createRisk(db, { partnershipId: gone.id, ownerOrganisationId: org.id }),
    createRisk(db, { partnershipId: current.id, ownerOrganisationId: zeta.id }),
  ]);
  const event = await createEvent(db, { title: `Seminar ${org.name}` });
  const statuses = ["open", "in_progress", "done", "dropped"] as const;
  for (let i = 0; i < 24; i++) {
    const status = statuses[i % 4]!;
    await createFollowUpAction(db, {
      title: `${i % 3 === 0 ? "a" : "B"} follow-up ${i} ${org.name}`,
      status,
      dueOn: i % 5 === 0 ? null : addDays(TODAY, (i % 7) - 3),
      doneOn: status === "done" ? addDays(TODAY, -i) : null,
      eventId: i % 2 === 0 ? event.id : null,
      ownerOrganisationId: i % 3 === 0 ? null : i % 3 === 1 ? org.id : zeta.id,
      organisationId: i % 3 === 1 ? null : org.id,
      ownerUserId: i % 4 === 1 ? user : null,
      archivedAt: i === 7 ? archivedAt : null,
    });
  }
  // More entries than the history shows, by a user and by the system; one of another entity type.
  for (let i = 0; i < 53; i++) {
    await createAuditEntry(db, {
      entityType: "organisation",
      entityId: org.id,
      action: i === 0 ? "create" : i % 10 === 0 ? "archive" : "update",
      userId: i % 2 === 0 ? user : null,
      before: i === 0 ? null : { name: `Name ${i - 1}`, updatedAt: `x${i}`, archivedAt: null },
      after: { name: `Name ${i}`, updatedAt: `y${i}`, archivedAt: i % 10 === 0 ? "2025-01-01" : null },
      batchId: i % 7 === 0 ? randomUUID() : null,
    });
  }
  await createAuditEntry(db, { entityType: "partnership", entityId: org.id, action: "update" });
}

beforeAll(async () => {
  const municipality = await createMunicipality(db, { name: "Utrecht" });
  const ministry = await createOrganisation(db, { name: "Ministry", acronym: "MIN" });
  subject = await createOrganisation(db, {
    name: "Return Service",
    acronym: "RS",
    municipalityId: municipality.id,
    parentOrganisationId: ministry.id,
    mandate: "Returns",
    website: "https://example.org",
  });
  other = await createOrganisation(db, { name: "Other Service" });
  empty = await createOrganisation(db, { name: "Nothing yet", countryCode: null, archivedAt });
  const memberOrg = await createOrganisation(db, { name: "Member" });
  const pastOrg = await createOrganisation(db, { name: "Past member" });
  const coordinator = await createUser(db, { role: "coordinator", name: "Coordinator" });
  await fill(subject, memberOrg, pastOrg, coordinator.id);
  await fill(other, pastOrg, memberOrg, coordinator.id);
  viewers = {
    coordinator: authUserOf(coordinator),
    member: authUserOf(await createUser(db, { role: "viewer", organisationId: memberOrg.id })),
    pastMember: authUserOf(await createUser(db, { role: "organiser", organisationId: pastOrg.id })),
    outsider: authUserOf(await createUser(db, { role: "viewer", organisationId: ministry.id })),
    unaffiliated: authUserOf(await createUser(db, { role: "viewer" })),
  };
});

describe("the organisation page's model", () => {
  it("answers what the other models answer, for every kind of viewer, a full and an empty organisation", async () => {
    const counting = await countingDb(database);
    for (const viewer of Object.values(viewers)) {
      for (const org of [subject, other, empty]) {
        const expected = await throughOtherModels(viewer, org.id);
        expect(expected).not.toBeNull();
        const parts = partsFor(viewer);
        expect(await loadOrganisationPage(db, viewer, org.id, parts, TODAY)).toEqual(expected);
        // Built once per handle: a second call, and another handle, answer the same.
        expect(await loadOrganisationPage(db, viewer, org.id, parts, TODAY)).toEqual(expected);
        expect(await loadOrganisationPage(counting.db, viewer, org.id, parts, TODAY)).toEqual(expected);
      }
    }
    const full = await loadOrganisationPage(
      db,
      viewers.coordinator,
      subject.id,
      partsFor(viewers.coordinator),
      TODAY,
    );
    expect(full?.page.organisation).toMatchObject({ municipalityName: "Utrecht", parentName: "Ministry" });
    expect(full?.page.partnerships).toHaveLength(2);
    expect(full?.page.relationships).toHaveLength(4);
    expect(full?.page.risks).toHaveLength(3);
    expect(full?.history).toHaveLength(50);
    expect(full?.choices.mode).toBe("select");
    expect(full?.linkedActions).toMatchObject({ total: 23 });
    expect(full?.linkedActions?.items).toHaveLength(20);
    // Titles for the current members of the partnership only (not one whose membership is archived,
    // nor one who left today); order of partnerships by name depends on the collation.
    const shown = (view: typeof full) =>
      view?.page.risks.map((r) => `${r.partnershipName.split(" ")[1]}:${r.confidential}`).sort();
    const member = await loadOrganisationPage(
      db,
      viewers.member,
      subject.id,
      partsFor(viewers.member),
      TODAY,
    );
    expect(shown(member)).toEqual(["current:false", "current:false", "left:true"]);
    const past = await loadOrganisationPage(
      db,
      viewers.pastMember,
      other.id,
      partsFor(viewers.pastMember),
      TODAY,
    );
    expect(shown(past)).toEqual(["current:false", "current:false", "left:true"]);
    const outsider = await loadOrganisationPage(
      db,
      viewers.outsider,
      subject.id,
      partsFor(viewers.outsider),
      TODAY,
    );
    expect(shown(outsider)).toEqual(["current:true", "current:true", "left:true"]);
    expect(JSON.stringify(outsider)).not.toContain("Mitigated");
  });

  it("answers null for an unknown or malformed id (the malformed one without a query)", async () => {
    const counting = await countingDb(database);
    const parts = partsFor(viewers.coordinator);
    expect(
      await loadOrganisationPage(counting.db, viewers.coordinator, randomUUID(), parts, TODAY),
    ).toBeNull();
    counting.reset();
    expect(
      await loadOrganisationPage(counting.db, viewers.coordinator, "not-a-uuid", parts, TODAY),
    ).toBeNull();
    expect(counting.count()).toBe(0);
  });
});

describe("the organisation page's loader", () => {
  it("runs one query whatever the organisation holds and whoever reads it", async () => {
    const counting = await countingDb(database);
    for (const viewer of Object.values(viewers)) {
      for (const org of [subject, empty]) {
        counting.reset();
        const page = await callRoute(counting.db, route.loader, get(`/organisations/${org.id}`), viewer, {
          id: org.id,
        });
        expect(page.status).toBe(200);
        expect(counting.count(), counting.queries().join("\n")).toBe(1);
      }
    }
    counting.reset();
    const missing = randomUUID();
    const notFound = await callRoute(
      counting.db,
      route.loader,
      get(`/organisations/${missing}`),
      viewers.coordinator,
      { id: missing },
    );
    expect(notFound.status).toBe(404);
    expect(counting.count()).toBe(1);
  });

  it("offers no list of choices above the picker's threshold, as organisationChoices", async () => {
    await db.insert(organisations).values(
      Array.from({ length: 201 }, (_, i) => ({
        name: `Bulk ${i}`,
        type: "cso" as const,
        level: "national" as const,
      })),
    );
    const viewer = viewers.coordinator;
    const expected = await throughOtherModels(viewer, subject.id);
    expect(expected?.choices).toEqual({ mode: "search", known: [] });
    expect(await loadOrganisationPage(db, viewer, subject.id, partsFor(viewer), TODAY)).toEqual(expected);
  });
});
