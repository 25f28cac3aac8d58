// The network model against a real database (PGlite, and PostgreSQL when DATABASE_URL is set):
// the snapshot's content, its cache, the number of queries (independent of the network's size),
// "changes since", and the saved layout (optimistic concurrency, audit in the same transaction).
import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { auditLog, graphLayouts, organisations, type User } from "~/db/schema";
import { seedSynthetic } from "~/db/seed/synthetic.server";
import { emptyFilters } from "~/lib/network/filters";
import { computeLayout } from "~/lib/network/layout";
import { latestDataVersion } from "~/models/audit.server";
import { resetAnalyticsCache, whenAnalyticsSettled } from "~/models/network-analytics.server";
import {
  SNAPSHOT_MERGE_MAX,
  SNAPSHOT_RECHECK_MS,
  snapshotRecheckSettled,
} from "~/models/network-snapshot.server";
import {
  eventSinceDate,
  LAYOUT_REFRESH_MS,
  loadChanges,
  loadNetworkAnalytics,
  loadNetworkTable,
  loadNetworkView,
  loadSnapshot,
  resetLayout,
  resetLayoutCache,
  resetSnapshotCache,
  saveLayout,
} from "~/models/network.server";
import {
  addDays,
  addMember,
  createAuditEntry,
  createEvent,
  createHealthCheck,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createRelationship,
  createRisk,
  createUser,
} from "../factories";
import { testDb, type TestDatabase } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;
const TODAY = new Date().toISOString().slice(0, 10);

function authUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds: [],
    sessionId: "test",
  };
}

beforeEach(() => {
  resetSnapshotCache();
  resetLayoutCache();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await whenAnalyticsSettled();
});

describe("loadSnapshot", () => {
  test("reads organisations, partnerships, members, risks, trust and relationships; leaves archived ones out", async () => {
    const archivedAt = new Date();
    const town = await createMunicipality(db);
    await createPilot(db, { municipalityId: town.id });
    const quietTown = await createMunicipality(db);
    await createPilot(db, { municipalityId: quietTown.id, archivedAt });
    const city = await createOrganisation(db, {
      type: "local_authority",
      level: "local",
      municipalityId: town.id,
    });
    const quietCity = await createOrganisation(db, {
      type: "local_authority",
      level: "local",
      municipalityId: quietTown.id,
    });
    const cso = await createOrganisation(db, { type: "cso", countryCode: null });
    const gone = await createOrganisation(db, { archivedAt });

    const partnership = await createPartnership(db, { startDate: "2024-01-01" });
    await addMember(db, { partnershipId: partnership.id, organisationId: city.id, role: "lead" });
    await addMember(db, { partnershipId: partnership.id, organisationId: cso.id, leftOn: "2025-01-31" });
    await addMember(db, { partnershipId: partnership.id, organisationId: gone.id });
    await addMember(db, { partnershipId: partnership.id, organisationId: quietCity.id, archivedAt });
    // Risks: closed ones and archived ones count for nothing; mitigating ones are live; only open
    // power-imbalance risks make the power-imbalance exposure.
    const risk = { partnershipId: partnership.id };
    await createRisk(db, { ...risk, category: "power_imbalance", status: "open", likelihood: 4, impact: 4 });
    await createRisk(db, {
      ...risk,
      category: "power_imbalance",
      status: "mitigating",
      likelihood: 5,
      impact: 4,
    });
    await createRisk(db, { ...risk, category: "funding", status: "mitigating", likelihood: 3, impact: 5 });
    await createRisk(db, { ...risk, category: "trust_deficit", status: "closed", likelihood: 5, impact: 5 });
    await createRisk(db, {
      ...risk,
      category: "legal_mandate",
      status: "open",
      likelihood: 5,
      impact: 5,
      archivedAt,
    });
    // Trust: the latest period counts (2.5 from two answers), not the earlier, better one.
    await createHealthCheck(db, {
      partnershipId: partnership.id,
      respondentOrganisationId: city.id,
      period: "2025-Q1",
      trust: 5,
    });
    await createHealthCheck(db, {
      partnershipId: partnership.id,
      respondentOrganisationId: cso.id,
      period: "2025-Q1",
      trust: 5,
    });
    await createHealthCheck(db, {
      partnershipId: partnership.id,
      respondentOrganisationId: city.id,
      period: "2025-Q2",
      trust: 2,
    });
    await createHealthCheck(db, {
      partnershipId: partnership.id,
      respondentOrganisationId: cso.id,
      period: "2025-Q2",
      trust: 3,
    });
    // One answer in the latest period: no trust index.
    const lonely = await createPartnership(db, { status: "forming" });
    await createHealthCheck(db, {
      partnershipId: lonely.id,
      respondentOrganisationId: cso.id,
      period: "2025-Q3",
      trust: 4,
    });
    const archivedPartnership = await createPartnership(db, { archivedAt });

    const link = await createRelationship(db, {
      fromOrganisationId: city.id,
      toOrganisationId: cso.id,
      type: "funds",
    });
    const archivedLink = await createRelationship(db, {
      fromOrganisationId: city.id,
      toOrganisationId: cso.id,
      archivedAt,
    });
    const linkToGone = await createRelationship(db, {
      fromOrganisationId: gone.id,
      toOrganisationId: cso.id,
    });
    await createAuditEntry(db);

    const snapshot = await loadSnapshot(db, TODAY);
    expect(snapshot.today).toBe(TODAY);
    expect(snapshot.dataVersion).toBe(await latestDataVersion(db));

    const orgIds = snapshot.organisations.map((o) => o.id);
    expect(orgIds).toEqual(expect.arrayContaining([city.id, quietCity.id, cso.id]));
    expect(orgIds).not.toContain(gone.id);
    const byId = new Map(snapshot.organisations.map((o) => [o.id, o]));
    expect(byId.get(city.id)).toEqual({
      id: city.id,
      name: city.name,
      acronym: null,
      type: "local_authority",
      level: "local",
      countryCode: "NL",
      municipalityId: town.id,
      hasPilot: true,
    });
    expect(byId.get(quietCity.id)?.hasPilot).toBe(false);
    expect(byId.get(cso.id)).toMatchObject({ countryCode: null, municipalityId: null, hasPilot: false });

    const p = snapshot.partnerships.find((x) => x.id === partnership.id);
    expect(p).toEqual({
      id: partnership.id,
      name: partnership.name,
      status: "active",
      startDate: "2024-01-01",
      endDate: null,
      countryCode: "NL",
      members: expect.arrayContaining([
        { organisationId: city.id, role: "lead", joinedOn: null, leftOn: null },
        { organisationId: cso.id, role: "partner", joinedOn: null, leftOn: "2025-01-31" },
      ]) as unknown,
      trustIndex: 2.5,
      highestExposure: 20,
      riskCategories: ["power_imbalance", "funding"],
      powerImbalanceExposure: 16,
    });
    expect(p?.members).toHaveLength(2);
    expect(snapshot.partnerships.find((x) => x.id === lonely.id)).toMatchObject({
      trustIndex: null,
      highestExposure: 0,
      riskCategories: [],
      powerImbalanceExposure: 0,
      members: [],
    });
    expect(snapshot.partnerships.map((x) => x.id)).not.toContain(archivedPartnership.id);

    const relIds = snapshot.relationships.map((r) => r.id);
    expect(snapshot.relationships.find((r) => r.id === link.id)).toEqual({
      id: link.id,
      fromId: city.id,
      toId: cso.id,
      type: "funds",
      startsOn: null,
      endsOn: null,
    });
    expect(relIds).not.toContain(archivedLink.id);
    expect(relIds).not.toContain(linkToGone.id);
  });

  test("is cached by data version: a change that writes an audit entry invalidates it, a saved layout does not", async () => {
    const counting = await countingDb(database);
    const first = await loadSnapshot(counting.db, TODAY);
    counting.reset();
    const second = await loadSnapshot(counting.db, TODAY);
    expect(second).toBe(first);
    // Only the data version was read.
    expect(counting.count()).toBe(1);

    // A row written without an audit entry is not seen (the version did not move)...
    const partnership = await createPartnership(db);
    expect((await loadSnapshot(db, TODAY)).partnerships.map((p) => p.id)).not.toContain(partnership.id);
    // ... and is once the audit entry that goes with every change is written.
    await createAuditEntry(db, { entityType: "partnership", entityId: partnership.id });
    const third = await loadSnapshot(db, TODAY);
    expect(third).not.toBe(first);
    expect(third.partnerships.map((p) => p.id)).toContain(partnership.id);

    // Another day is another snapshot.
    expect(await loadSnapshot(db, addDays(TODAY, 1))).not.toBe(third);
    const fourth = await loadSnapshot(db, TODAY);

    // Saving a layout moves the data version but changes nothing on the network.
    const coordinator = authUser(await createUser(db, { role: "coordinator" }));
    await resetLayout(db, coordinator);
    const saved = await saveLayout(db, coordinator, { [randomUUID()]: { x: 1, y: 2 } }, null);
    expect(saved.ok).toBe(true);
    counting.reset();
    expect(await loadSnapshot(counting.db, TODAY)).toBe(fourth);
    expect(counting.count()).toBe(2);
    await resetLayout(db, coordinator);

    // Entries of records the snapshot does not read (a follow-up, an objective) keep it too; an
    // entry of a type the list does not know counts as a change.
    const kept = await loadSnapshot(db, TODAY);
    await createAuditEntry(db, { entityType: "follow_up_action", entityId: randomUUID() });
    await createAuditEntry(db, { entityType: "objective", entityId: randomUUID() });
    expect(await loadSnapshot(db, TODAY)).toBe(kept);
    await createAuditEntry(db, { entityType: "something_new", entityId: randomUUID() });
    expect(await loadSnapshot(db, TODAY)).not.toBe(kept);
  });
});

describe("snapshot cache: organisations created since", () => {
  test("are added to the cached snapshot (3 queries, not a full read), as a full read has them", async () => {
    const town = await createMunicipality(db);
    await createPilot(db, { municipalityId: town.id });
    const first = await createOrganisation(db, { name: "Mergeable M" });
    await createAuditEntry(db, { entityId: first.id });
    const before = await loadSnapshot(db, TODAY);

    // Created since, as createOrganisation writes them: the row and its entry together.
    const created = [
      await createOrganisation(db, { name: "Mergeable A", type: "local_authority", municipalityId: town.id }),
      await createOrganisation(db, { name: "Mergeable Z" }),
      await createOrganisation(db, { name: "Mergeable M" }),
    ];
    for (const organisation of created) await createAuditEntry(db, { entityId: organisation.id });
    const counting = await countingDb(database);
    const merged = await loadSnapshot(counting.db, TODAY);
    // The data version, the entries since, the new organisations.
    expect(counting.count()).toBe(3);
    expect(merged.dataVersion).toBe(await latestDataVersion(db));
    expect(merged.partnerships).toBe(before.partnerships);
    expect(merged.organisations).toHaveLength(before.organisations.length + 3);

    // The same as reading it all again (the pilot of the new municipality organisation included).
    resetSnapshotCache();
    const full = await loadSnapshot(db, TODAY);
    expect(merged.organisations).toEqual(full.organisations);
    expect(merged.organisations.find((o) => o.id === created[0]!.id)?.hasPilot).toBe(true);
    // And the cache holds the merged one.
    resetSnapshotCache();
    await loadSnapshot(db, TODAY);
    await createAuditEntry(db, { entityId: (await createOrganisation(db)).id });
    const again = await loadSnapshot(db, TODAY);
    counting.reset();
    expect(await loadSnapshot(counting.db, TODAY)).toBe(again);
    expect(counting.count()).toBe(1);
  });

  test("the analytics, view and table built on the merged snapshot equal those of a full pass", async () => {
    const user = authUser(await createUser(db));
    const partner = await createOrganisation(db, { name: "Merge partner", countryCode: "NL" });
    const partnership = await createPartnership(db, { name: "Merge partnership" });
    await addMember(db, { partnershipId: partnership.id, organisationId: partner.id });
    const belgian = await createOrganisation(db, { countryCode: "BE" });
    await addMember(db, { partnershipId: partnership.id, organisationId: belgian.id });
    await createAuditEntry(db, { entityType: "partnership", entityId: partnership.id });
    const dutch = { ...emptyFilters, countries: ["NL"] };
    const read = async () => ({
      analytics: await loadNetworkAnalytics(db, TODAY),
      view: await loadNetworkView(db, user, emptyFilters, TODAY),
      dutch: await loadNetworkView(db, user, dutch, TODAY),
      table: await loadNetworkTable(db, dutch, { sort: "degree", dir: "desc", page: 1 }, TODAY),
    });
    await read();
    await whenAnalyticsSettled();

    // Organisations created since: a national authority (no local partner) and a Dutch CSO.
    const created = [
      await createOrganisation(db, {
        name: "Merged ministry",
        type: "national_authority",
        level: "national",
        countryCode: "NL",
      }),
      await createOrganisation(db, { name: "Merged CSO", type: "cso", countryCode: "NL" }),
    ];
    for (const organisation of created) await createAuditEntry(db, { entityId: organisation.id });
    const merged = await read();

    resetSnapshotCache();
    resetLayoutCache();
    resetAnalyticsCache();
    const full = await read();
    // Positions differ (new organisations are placed beside the last layout; a full pass lays
    // everything out again): compare the rest; betweenness is carried over on one side only.
    const withoutPositions = (view: typeof merged.view) => ({
      ...view,
      nodes: view.nodes.map(({ x: _x, y: _y, ...node }) => node),
    });
    const { betweenness: carried, ...structural } = merged.analytics;
    expect(structural).toEqual((({ betweenness: _b, ...rest }) => rest)(full.analytics));
    expect(carried).toMatchObject({ status: "ready", dataVersion: full.analytics.dataVersion });
    expect(merged.analytics.nationalWithoutLocalPartner.items.map((i) => i.id)).toContain(created[0]!.id);
    expect(withoutPositions(merged.view)).toEqual(withoutPositions(full.view));
    expect(withoutPositions(merged.dutch)).toEqual(withoutPositions(full.dutch));
    expect(merged.dutch.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(created.map((o) => o.id)));
    expect({ ...merged.table, rows: merged.table.rows.map((r) => ({ ...r, betweenness: null })) }).toEqual({
      ...full.table,
      rows: full.table.rows.map((r) => ({ ...r, betweenness: null })),
    });
  });

  test("anything else since (an update, an archive, more than SNAPSHOT_MERGE_MAX) reads it all again", async () => {
    const organisation = await createOrganisation(db);
    await createAuditEntry(db, { entityId: organisation.id });
    await loadSnapshot(db, TODAY);
    const counting = await countingDb(database);

    await createAuditEntry(db, { entityId: (await createOrganisation(db)).id });
    await createAuditEntry(db, { action: "update", entityId: organisation.id });
    counting.reset();
    await loadSnapshot(counting.db, TODAY);
    expect(counting.count()).toBeGreaterThanOrEqual(8);

    for (let i = 0; i <= SNAPSHOT_MERGE_MAX; i++) await createAuditEntry(db);
    counting.reset();
    await loadSnapshot(counting.db, TODAY);
    expect(counting.count()).toBeGreaterThanOrEqual(8);

    // An organisation created then archived since: not in the snapshot.
    const gone = await createOrganisation(db, { archivedAt: new Date() });
    await createAuditEntry(db, { entityId: gone.id });
    expect((await loadSnapshot(db, TODAY)).organisations.map((o) => o.id)).not.toContain(gone.id);
  });
});

describe("snapshot cache: recheck and concurrent calls", () => {
  test(`is read again after SNAPSHOT_RECHECK_MS even when the version did not move (late commits on PostgreSQL)`, async () => {
    const realNow = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
    await createAuditEntry(db);
    const first = await loadSnapshot(db, TODAY);
    const view = await loadNetworkView(db, authUser(await createUser(db)), emptyFilters, TODAY);

    // Nothing changed: the request that finds it due gets the cached object at once (only the data
    // version read) and the snapshot is read again in the background; after the recheck the same
    // object comes back (derived caches stay valid) and is trusted again.
    offset += SNAPSHOT_RECHECK_MS + 1;
    const counting = await countingDb(database);
    expect(await loadSnapshot(counting.db, TODAY)).toBe(first);
    await snapshotRecheckSettled();
    // The data version, then the tables' fingerprint: unchanged, so no read of the network.
    expect(counting.count()).toBe(2);
    counting.reset();
    expect(await loadSnapshot(counting.db, TODAY)).toBe(first);
    await snapshotRecheckSettled();
    expect(counting.count()).toBe(1);

    // A transaction that committed after a later audit id was read: its rows appear, its audit
    // id does not move the version (simulated: a row written without an audit entry).
    const version = await latestDataVersion(db);
    const late = await createOrganisation(db, { name: "Late commit" });
    expect((await loadSnapshot(db, TODAY)).organisations.map((o) => o.id)).not.toContain(late.id);
    offset += SNAPSHOT_RECHECK_MS + 1;
    // The request that finds it due does not wait for the read again; the next one gets its result.
    expect(await loadSnapshot(db, TODAY)).toBe(first);
    await snapshotRecheckSettled();
    const rechecked = await loadSnapshot(db, TODAY);
    expect(rechecked).not.toBe(first);
    expect(rechecked.organisations.map((o) => o.id)).toContain(late.id);
    expect(rechecked.dataVersion).toBe(version);
    expect(rechecked.revision).toBe((first.revision ?? 0) + 1);
    // The view (computed layout keyed by revision too) shows it.
    const after = await loadNetworkView(db, authUser(await createUser(db)), emptyFilters, TODAY);
    expect(after.organisationCount).toBe(view.organisationCount + 1);
    expect(after.dataVersion).toBe(version);

    // A late update (no new row): the fingerprint sees it too.
    await db.update(organisations).set({ name: "Late rename" }).where(eq(organisations.id, late.id));
    offset += SNAPSHOT_RECHECK_MS + 1;
    await loadSnapshot(db, TODAY);
    await snapshotRecheckSettled();
    const renamed = await loadSnapshot(db, TODAY);
    expect(renamed.revision).toBe((rechecked.revision ?? 0) + 1);
    expect(renamed.organisations.find((o) => o.id === late.id)?.name).toBe("Late rename");
  });

  test("concurrent cold calls (view and analytics, as the page's loader) read the snapshot once", async () => {
    await createAuditEntry(db);
    const user = authUser(await createUser(db));
    await createAuditEntry(db);
    const counting = await countingDb(database);
    // Sequential: a cold view, then analytics from the cache (the data version only).
    counting.reset();
    await loadNetworkView(counting.db, user, emptyFilters, TODAY);
    await loadNetworkAnalytics(counting.db, TODAY);
    const sequential = counting.count();
    // Concurrent, cold again.
    resetSnapshotCache();
    resetLayoutCache();
    resetAnalyticsCache();
    counting.reset();
    const [view, analytics] = await Promise.all([
      loadNetworkView(counting.db, user, emptyFilters, TODAY),
      loadNetworkAnalytics(counting.db, TODAY),
    ]);
    expect(counting.queries()).toHaveLength(sequential);
    expect(analytics.dataVersion).toBe(view.dataVersion);
    expect(analytics.organisationCount).toBe(view.organisationCount);
  });
});

describe("built views", () => {
  test("the same filters on unchanged data give the same view; other filters, a save or a change rebuild it", async () => {
    const user = authUser(await createUser(db));
    const first = await loadNetworkView(db, user, emptyFilters, TODAY);
    expect(await loadNetworkView(db, user, emptyFilters, TODAY)).toBe(first);
    const dutch = await loadNetworkView(db, user, { ...emptyFilters, countries: ["NL"] }, TODAY);
    expect(dutch).not.toBe(first);
    expect(await loadNetworkView(db, user, { ...emptyFilters, countries: ["NL"] }, TODAY)).toBe(dutch);
    // "Changes since" reads the audit log at every request: never served from the cache.
    const since = { ...emptyFilters, since: addDays(TODAY, -7) };
    expect(await loadNetworkView(db, user, since, TODAY)).not.toBe(
      await loadNetworkView(db, user, since, TODAY),
    );
    // A change with its audit entry moves the data version: a new view that shows it.
    const added = await createOrganisation(db, { name: "Cache breaker" });
    await createAuditEntry(db, { entityId: added.id });
    const after = await loadNetworkView(db, user, emptyFilters, TODAY);
    expect(after).not.toBe(first);
    expect(after.nodes.some((node) => node.id === added.id)).toBe(true);
  });
});

describe("computed layout while the network changes", () => {
  test(`new organisations are placed beside the last layout; the full layout runs again after LAYOUT_REFRESH_MS`, async () => {
    const realNow = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
    const user = authUser(await createUser(db));
    await createOrganisation(db, { name: "Layout base", countryCode: "NL" });
    await createAuditEntry(db, { entityType: "organisation", entityId: randomUUID() });
    const first = await loadNetworkView(db, user, emptyFilters, TODAY);
    const positionOf = (view: typeof first, id: string) => {
      const node = view.nodes.find((n) => n.id === id);
      return node ? { x: node.x, y: node.y } : undefined;
    };
    expect(first.nodes.length).toBeGreaterThan(0);

    // A new organisation soon after: every other node keeps its place, the new one has one.
    const added = await createOrganisation(db, { name: "Layout newcomer", countryCode: "NL" });
    await createAuditEntry(db, { entityType: "organisation", entityId: added.id });
    const soon = await loadNetworkView(db, user, emptyFilters, TODAY);
    for (const node of first.nodes)
      expect(positionOf(soon, node.id), node.id).toEqual(positionOf(first, node.id));
    expect(positionOf(soon, added.id)).toBeDefined();

    // Once LAYOUT_REFRESH_MS has passed, the next request gets the full layout of the snapshot.
    offset += LAYOUT_REFRESH_MS + 1;
    const later = await loadNetworkView(db, user, { ...emptyFilters, countries: [] }, TODAY);
    const exact = computeLayout(await loadSnapshot(db, TODAY));
    for (const node of later.nodes.filter((n) => n.kind === "organisation"))
      expect(positionOf(later, node.id), node.id).toEqual(exact[node.id]);
  });
});

// More databases for the query count at three sizes (the largest one clustered).
const smallDatabase = await testDb();
const largeDatabase = await testDb();
const clusteredDatabase = await testDb();

describe("query count", () => {
  async function measure(other: TestDatabase, organisations: number) {
    await seedSynthetic(other.db, { organisations, today: TODAY });
    const counting = await countingDb(other);
    const user = authUser(await createUser(other.db, { role: "viewer" }));
    resetSnapshotCache();
    resetLayoutCache();
    counting.reset();
    const view = await loadNetworkView(counting.db, user, emptyFilters, TODAY);
    const cold = counting.count();
    counting.reset();
    await loadNetworkView(counting.db, user, emptyFilters, TODAY);
    const warm = counting.count();
    counting.reset();
    await loadNetworkView(counting.db, user, { ...emptyFilters, since: addDays(TODAY, -30) }, TODAY);
    const withChanges = counting.count();
    counting.reset();
    await loadNetworkTable(counting.db, emptyFilters, { sort: "degree", dir: "desc", page: 1 });
    const table = counting.count();
    return {
      cold,
      warm,
      withChanges,
      table,
      organisationCount: view.organisationCount,
      clustered: view.clustered,
    };
  }

  test("loadNetworkView runs the same number of queries at 20, 300 and 700 organisations (clustered)", async () => {
    const small = await measure(smallDatabase, 20);
    const large = await measure(largeDatabase, 300);
    expect(small.organisationCount).toBe(20);
    expect(large.organisationCount).toBe(300);
    expect(large).toEqual({ ...small, organisationCount: 300 });
    // Cached snapshot: the data version and the saved layout only.
    expect(small.warm).toBe(2);
    expect(small.cold).toBeLessThanOrEqual(10);
    // Above LOD_MAX_ORGANISATION_NODES the view is clustered: still the same queries.
    const clustered = await measure(clusteredDatabase, 700);
    expect(small.clustered).toBe(false);
    expect(clustered.organisationCount).toBe(700);
    expect(clustered).toEqual({ ...small, organisationCount: 700, clustered: true });
  }, 180_000);
});

describe("loadChanges", () => {
  test("partnerships added, ended and changed since a date", async () => {
    const since = addDays(TODAY, -30);
    const longAgo = new Date(`${addDays(TODAY, -60)}T12:00:00Z`);
    const old = async (overrides: Parameters<typeof createPartnership>[1] = {}) => {
      const p = await createPartnership(db, overrides);
      await createAuditEntry(db, {
        entityType: "partnership",
        entityId: p.id,
        action: "create",
        at: longAgo,
      });
      return p;
    };
    const created = await createPartnership(db);
    await createAuditEntry(db, { entityType: "partnership", entityId: created.id, action: "create" });
    const seeded = await createPartnership(db);
    await createAuditEntry(db, { entityType: "partnership", entityId: seeded.id, action: "seed" });
    const imported = await createPartnership(db);
    await createAuditEntry(db, { entityType: "partnership", entityId: imported.id, action: "import" });
    const started = await old({ startDate: addDays(TODAY, -3) });
    const notYet = await old({ startDate: addDays(TODAY, 10) });
    const endedByStatus = await old();
    await createAuditEntry(db, {
      entityType: "partnership",
      entityId: endedByStatus.id,
      action: "update",
      before: { status: "active" },
      after: { status: "ended" },
    });
    const endedByDate = await old({ endDate: addDays(TODAY, -5), status: "ended" });
    const endedLongAgo = await old({ endDate: addDays(TODAY, -50), status: "ended" });
    const renamed = await old();
    await createAuditEntry(db, {
      entityType: "partnership",
      entityId: renamed.id,
      action: "update",
      after: { name: "x" },
    });
    const risky = await old();
    const risk = await createRisk(db, { partnershipId: risky.id });
    await createAuditEntry(db, {
      entityType: "risk",
      entityId: risk.id,
      action: "update",
      after: { likelihood: 5 },
    });
    const withMember = await old();
    const member = await addMember(db, { partnershipId: withMember.id });
    await createAuditEntry(db, { entityType: "partnership_member", entityId: member.id, action: "create" });
    const quiet = await old();
    const oldRisk = await createRisk(db, { partnershipId: quiet.id });
    await createAuditEntry(db, { entityType: "risk", entityId: oldRisk.id, action: "update", at: longAgo });
    // A new partnership whose risk also changed is "added", not "changed".
    const createdWithRisk = await createPartnership(db);
    await createAuditEntry(db, { entityType: "partnership", entityId: createdWithRisk.id, action: "create" });
    const itsRisk = await createRisk(db, { partnershipId: createdWithRisk.id });
    await createAuditEntry(db, { entityType: "risk", entityId: itsRisk.id, action: "create" });

    const changes = await loadChanges(db, since, TODAY);
    expect(changes.since).toBe(since);
    expect(changes.added).toEqual(
      expect.arrayContaining([created.id, seeded.id, imported.id, started.id, createdWithRisk.id]),
    );
    expect(changes.changed).not.toContain(imported.id);
    expect(changes.ended).toEqual(expect.arrayContaining([endedByStatus.id, endedByDate.id]));
    expect(changes.changed).toEqual(expect.arrayContaining([renamed.id, risky.id, withMember.id]));
    const all = [...changes.added, ...changes.ended, ...changes.changed];
    for (const untouched of [notYet, endedLongAgo, quiet]) expect(all).not.toContain(untouched.id);
    expect(changes.changed).not.toContain(createdWithRisk.id);
    expect(changes.added).not.toContain(endedByStatus.id);
  });

  test("eventSinceDate: the event's end date, else its start date; null when unknown or archived", async () => {
    const seminar = await createEvent(db, { startsOn: "2025-03-10", endsOn: "2025-03-12" });
    const meeting = await createEvent(db, { startsOn: "2025-04-01", endsOn: null });
    const archived = await createEvent(db, { startsOn: "2025-05-01", archivedAt: new Date() });
    expect(await eventSinceDate(db, seminar.id)).toBe("2025-03-12");
    expect(await eventSinceDate(db, meeting.id)).toBe("2025-04-01");
    expect(await eventSinceDate(db, archived.id)).toBeNull();
    expect(await eventSinceDate(db, randomUUID())).toBeNull();
    expect(await eventSinceDate(db, "not-a-uuid")).toBeNull();
  });
});

describe("saved layout", () => {
  async function layoutAudit() {
    return db.select().from(auditLog).where(eq(auditLog.entityType, "graph_layout")).orderBy(auditLog.id);
  }
  async function layoutRows() {
    const [row] = await db.select({ n: count() }).from(graphLayouts).where(eq(graphLayouts.key, "default"));
    return row?.n ?? 0;
  }

  test("create, update, stale, invalid, reset; each with its audit entry in the same transaction", async () => {
    const coordinator = authUser(await createUser(db, { role: "coordinator" }));
    await resetLayout(db, coordinator);
    const auditBefore = (await layoutAudit()).length;
    const a = await createOrganisation(db);
    const b = await createOrganisation(db);
    const hub = await createPartnership(db);
    await createAuditEntry(db);

    // A save whose audit entry fails (an actor that does not exist) leaves nothing behind.
    const ghost = { ...coordinator, id: randomUUID() };
    await expect(saveLayout(db, ghost, { [a.id]: { x: 1, y: 1 } }, null)).rejects.toThrow();
    expect(await layoutRows()).toBe(0);
    expect(await layoutAudit()).toHaveLength(auditBefore);

    // Invalid input: nothing written.
    const invalid: Record<string, { x: number; y: number }>[] = [
      { "not an id": { x: 1, y: 1 } },
      { [a.id]: { x: Number.NaN, y: 1 } },
      { [a.id]: { x: Number.POSITIVE_INFINITY, y: 1 } },
      { [a.id]: { x: 2e7, y: 1 } },
      { [a.id]: { x: "1", y: 1 } as unknown as { x: number; y: number } },
      Object.fromEntries(Array.from({ length: 20_001 }, () => [randomUUID(), { x: 0, y: 0 }])),
    ];
    for (const positions of invalid) {
      expect(await saveLayout(db, coordinator, positions, null)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await layoutRows()).toBe(0);

    // Create (expected version null), then a second create is stale. Ids of nodes that do not
    // exist (an unknown organisation, a hub of an unknown partnership) are dropped.
    const versionBeforeCreate = await latestDataVersion(db);
    const created = await saveLayout(
      db,
      coordinator,
      {
        [a.id]: { x: 10, y: 20 },
        "c:NL": { x: 0, y: 0 },
        [`p:${hub.id}`]: { x: 5, y: 5 },
        [`p:${randomUUID()}`]: { x: 6, y: 6 },
        [randomUUID()]: { x: 7, y: 7 },
      },
      null,
    );
    expect(created).toEqual({ ok: true, version: 1 });
    const [createdRow] = await db.select().from(graphLayouts).where(eq(graphLayouts.key, "default"));
    expect(Object.keys(createdRow?.positions ?? {}).sort()).toEqual([a.id, "c:NL", `p:${hub.id}`].sort());
    expect(createdRow?.dataVersion).toBe(versionBeforeCreate);
    expect(await saveLayout(db, coordinator, { [a.id]: { x: 0, y: 0 } }, null)).toEqual({
      ok: false,
      reason: "stale",
    });
    // Update merges.
    expect(
      await saveLayout(db, coordinator, { [b.id]: { x: -30, y: 40.5 }, [a.id]: { x: 11, y: 21 } }, 1),
    ).toEqual({
      ok: true,
      version: 2,
    });
    // A stale version is refused and changes nothing.
    expect(await saveLayout(db, coordinator, { [a.id]: { x: 99, y: 99 } }, 1)).toEqual({
      ok: false,
      reason: "stale",
    });
    const [row] = await db.select().from(graphLayouts).where(eq(graphLayouts.key, "default"));
    expect(row?.version).toBe(2);
    expect(row?.updatedBy).toBe(coordinator.id);
    expect(row?.positions[a.id]).toEqual({ x: 11, y: 21 });
    expect(row?.positions[b.id]).toEqual({ x: -30, y: 40.5 });
    expect(Object.keys(row?.positions ?? {})).toHaveLength(4);

    const entries = (await layoutAudit()).slice(auditBefore);
    expect(entries.map((e) => [e.action, e.userId, e.entityId])).toEqual([
      ["create", coordinator.id, row?.id],
      ["update", coordinator.id, row?.id],
    ]);
    expect(entries[0]?.after).toEqual({ key: "default", positions: 3 });
    expect(entries[1]?.before).toMatchObject({ positions: 3, version: 1 });
    expect(entries[1]?.after).toMatchObject({ positions: 4, moved: 2, version: 2 });

    // The map uses the saved positions over the computed ones.
    const view = await loadNetworkView(db, coordinator, emptyFilters, TODAY);
    expect(view.layout).toMatchObject({ saved: true, version: 2 });
    expect(view.layout.updatedAt).not.toBeNull();
    const node = view.nodes.find((n) => n.id === a.id);
    expect(node).toBeDefined();
    expect({ x: node?.x, y: node?.y }).toEqual({ x: 11, y: 21 });

    // An organisation archived since is dropped from the saved layout at the next save, and the
    // layout records the data version it was checked against.
    await db.update(organisations).set({ archivedAt: new Date() }).where(eq(organisations.id, b.id));
    await createAuditEntry(db, { action: "archive", entityId: b.id });
    const version = await latestDataVersion(db);
    expect(await saveLayout(db, coordinator, { [a.id]: { x: 12, y: 22 } }, 2)).toEqual({
      ok: true,
      version: 3,
    });
    const [pruned] = await db.select().from(graphLayouts).where(eq(graphLayouts.key, "default"));
    expect(Object.keys(pruned?.positions ?? {}).sort()).toEqual([a.id, "c:NL", `p:${hub.id}`].sort());
    expect(pruned?.dataVersion).toBe(version);

    // Re-layout: the saved layout goes (audit "delete"), the computed one shows.
    await resetLayout(db, coordinator);
    expect(await layoutRows()).toBe(0);
    const [deleted] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "graph_layout"), eq(auditLog.action, "delete")))
      .orderBy(desc(auditLog.id));
    expect(deleted?.before).toMatchObject({ positions: 3, version: 3 });
    const after = await loadNetworkView(db, coordinator, emptyFilters, TODAY);
    expect(after.layout).toEqual({ saved: false, version: null, updatedAt: null });
    // Nothing to reset: no audit entry.
    const n = (await layoutAudit()).length;
    await resetLayout(db, coordinator);
    expect(await layoutAudit()).toHaveLength(n);
  });
});

describe("loadNetworkTable", () => {
  test("pages the selected organisations with degree and partnership counts", async () => {
    const country = "LU";
    const a = await createOrganisation(db, { countryCode: country, name: "Table A" });
    const b = await createOrganisation(db, { countryCode: country, name: "Table B" });
    const c = await createOrganisation(db, { countryCode: country, name: "Table C" });
    const p = await createPartnership(db, { name: "Table partnership" });
    await addMember(db, { partnershipId: p.id, organisationId: a.id });
    await addMember(db, { partnershipId: p.id, organisationId: b.id });
    await createRelationship(db, { fromOrganisationId: a.id, toOrganisationId: c.id, type: "advises" });
    await createAuditEntry(db);
    const filters = { ...emptyFilters, countries: [country] };
    const table = await loadNetworkTable(db, filters, { sort: "degree", dir: "desc", page: 1, pageSize: 2 });
    expect(table.total).toBe(3);
    expect(table.pageCount).toBe(2);
    expect(table.rows.map((r) => [r.name, r.degree, r.partnerships])).toEqual([
      ["Table A", 2, 1],
      ["Table B", 1, 1],
    ]);
    const second = await loadNetworkTable(db, filters, { sort: "degree", dir: "desc", page: 2, pageSize: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(["Table C"]);
    expect(table.edges.total).toBe(2);
    expect(table.edges.rows).toEqual(
      expect.arrayContaining([
        {
          source: [a.id, b.id].sort()[0],
          target: [a.id, b.id].sort()[1],
          kind: "shared",
          label: "Table partnership",
          weight: 1,
          minTrust: null,
        },
        { source: a.id, target: c.id, kind: "relationship", label: "advises", weight: 1, minTrust: null },
      ]),
    );
    const byName = await loadNetworkTable(db, filters, { sort: "name", dir: "desc", page: 1 });
    expect(byName.rows.map((r) => r.name)).toEqual(["Table C", "Table B", "Table A"]);
  });
});
