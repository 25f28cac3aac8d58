// The network map's data cached in process by data version: kept across writes that do not touch
// the network, new organisations merged in, rechecked every 30 s in the background. Reading it:
// network-snapshot-read.server.ts; "what changed since": network-changes.server.ts.
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { todayIso } from "~/lib/partnership-status";
import { auditLog, organisations } from "~/db/schema";
import { organisationPairs, type OrganisationPairs } from "~/lib/network/metrics";
import type { NetworkSnapshot, SnapshotOrganisation } from "~/lib/network/types";
import { latestDataVersion } from "./audit.server";
import {
  organisationOf,
  organisationSelect,
  readSnapshot,
  tableFingerprint,
} from "./network-snapshot-read.server";

/**
 * Audit entries of these entity types never change the snapshot: their tables are not among those
 * readSnapshot reads (organisations, pilots, partnerships, members, risks, health checks,
 * relationships), and no mutation of theirs writes those tables without an entry of its own. A type
 * not listed (a new one, a restore's "backup") counts as a change: safe by default. So a follow-up
 * added or an objective edited keeps the snapshot, and with it the layout and analytics caches.
 */
export const NON_NETWORK_ENTITY_TYPES = [
  "graph_layout",
  "event",
  "event_participant",
  "event_takeaway",
  "follow_up_action",
  "document",
  "funding_line",
  "objective",
  "milestone",
  "pilot_period",
  "user",
  "invitation",
  "password_reset",
] as const;

// ---------------------------------------------------------------------------------------------
// The cache: one entry, keyed by the database client, `today` and the data version.
//
// The data version is max(audit_log.id). On PostgreSQL ids are taken when a row is inserted, not
// when its transaction commits: a transaction may take id 10, another id 11 and commit first; a
// reader then sees version 11 without the first transaction's changes, and once that commits the
// version is still 11. Left alone, the cached snapshot would stay stale until the next change.
// Mitigation: a cached snapshot is trusted for SNAPSHOT_RECHECK_MS at most, then read again even
// when the version has not moved. The read again runs in the background: the request that finds
// the snapshot due still gets the cached one at once (at 10,000 organisations the read takes half a
// second, and every 30 s one visitor of the map waited for it). When the content read again is the
// same, the cached object is kept (same dataVersion, same revision: the layout and analytics caches
// stay valid); when it differs, the new snapshot carries revision + 1, which those caches key by
// too, and the next request gets it. (PGlite has one connection and commits in id order: there the
// recheck only costs a read every 30 s.)
//
// Concurrent calls for the same (client, data version, today) share one read (the page's loader
// asks for the view and the analytics at once): the in-flight promise is memoised.

/** How long a cached snapshot is trusted without reading it again (see above). */
export const SNAPSHOT_RECHECK_MS = 30_000;

interface SnapshotCacheEntry {
  client: unknown;
  today: string;
  /** The data version the snapshot was read at (snapshot.dataVersion). */
  snapshot: NetworkSnapshot;
  /** The latest data version known to leave the snapshot valid (>= snapshot.dataVersion). */
  checkedVersion: number;
  /** Date.now() when the snapshot was last read from the database. */
  readAt: number;
  /** The background read again, while it runs (see above). */
  recheck: Promise<void> | null;
  /**
   * What tableFingerprint answered in the transaction the snapshot was read in; null when the
   * snapshot was not read in one piece (organisations merged in since).
   */
  fingerprint: string | null;
}

let snapshotCache: SnapshotCacheEntry | null = null;

let inflight: {
  client: unknown;
  dataVersion: number;
  today: string;
  promise: Promise<NetworkSnapshot>;
} | null = null;

/** Tests: forget the cached snapshot. */
export function resetSnapshotCache(): void {
  snapshotCache = null;
  inflight = null;
}

/** Tests: wait for the background read again of the cached snapshot, if one runs. */
export async function snapshotRecheckSettled(): Promise<void> {
  await snapshotCache?.recheck;
}

/** The driver client under a drizzle instance: two Db over one client share the cache. */
export function clientOf(db: Db): unknown {
  return (db as unknown as { $client?: unknown }).$client ?? db;
}

const pairsBySnapshot = new WeakMap<NetworkSnapshot, OrganisationPairs>();

/**
 * organisationPairs of a snapshot, worked out once per snapshot object: the layout's signature and
 * the analytics graph both need it, and after each new organisation both are made again for the
 * new snapshot (at 2,000 organisations each pass over the memberships took a few ms of every
 * /network.data rebuild). Snapshots from this module are never changed once made.
 */
export function pairsOf(snapshot: NetworkSnapshot): OrganisationPairs {
  let pairs = pairsBySnapshot.get(snapshot);
  if (!pairs) {
    pairs = organisationPairs(snapshot);
    pairsBySnapshot.set(snapshot, pairs);
  }
  return pairs;
}

/**
 * What a snapshot is: its data version, revision and day. Snapshots from this module with the same
 * stamp (and database) have the same content: every cache derived from one keys by its stamp.
 */
export interface SnapshotStamp {
  dataVersion: number;
  revision: number;
  today: string;
}

export function snapshotStamp(snapshot: NetworkSnapshot): SnapshotStamp {
  return { dataVersion: snapshot.dataVersion, revision: snapshot.revision ?? 0, today: snapshot.today };
}

export function sameStamp(a: SnapshotStamp, b: SnapshotStamp): boolean {
  return a.dataVersion === b.dataVersion && a.revision === b.revision && a.today === b.today;
}

/**
 * A snapshot made by adding organisations to another (mergeNewOrganisations): the other's stamp and
 * the organisations added, which have no partnership and no relationship (isolated). Caches derived
 * from the base (the analytics, the computed layout) extend their result instead of working it out
 * again over the whole network: at 2,000 organisations a new one cost each /network.data after it
 * about 15 ms of analytics on the request path and a betweenness computation (30 ms) in a worker.
 * Only the stamp is kept, not the base itself: a chain of merges would otherwise keep every
 * earlier snapshot alive.
 */
export interface SnapshotExtension {
  base: SnapshotStamp;
  added: readonly SnapshotOrganisation[];
}

const extensions = new WeakMap<NetworkSnapshot, SnapshotExtension>();

/** How the snapshot was made from another by adding isolated organisations, or null. */
export function extensionOf(snapshot: NetworkSnapshot): SnapshotExtension | null {
  return extensions.get(snapshot) ?? null;
}

/** The whole network (organisations, partnerships, relationships that are not archived). */
export async function loadSnapshot(db: Db, today: string = todayIso()): Promise<NetworkSnapshot> {
  return snapshotAt(db, await latestDataVersion(db), today);
}

/**
 * The snapshot for a data version already read: from the cache when it is still valid (same
 * version, or only entries that do not touch the network since, and read less than
 * SNAPSHOT_RECHECK_MS ago), else read again. Concurrent calls for the same key share one read.
 */
export function snapshotAt(db: Db, dataVersion: number, today: string): Promise<NetworkSnapshot> {
  const client = clientOf(db);
  const running = inflight;
  if (running && running.client === client && running.dataVersion === dataVersion && running.today === today)
    return running.promise;
  const promise = resolveSnapshot(db, client, dataVersion, today).finally(() => {
    if (inflight?.promise === promise) inflight = null;
  });
  inflight = { client, dataVersion, today, promise };
  return promise;
}

async function resolveSnapshot(
  db: Db,
  client: unknown,
  dataVersion: number,
  today: string,
): Promise<NetworkSnapshot> {
  const cached = snapshotCache;
  if (cached && cached.client === client && cached.today === today) {
    let valid = cached.checkedVersion === dataVersion;
    if (!valid && dataVersion > cached.checkedVersion) {
      const entries = await networkEntriesSince(db, cached.checkedVersion, dataVersion);
      if (entries.length === 0) {
        cached.checkedVersion = dataVersion;
        valid = true;
      } else if (onlyNewOrganisations(entries)) {
        return mergeNewOrganisations(db, cached, entries, dataVersion);
      }
    }
    if (valid) {
      if (Date.now() - cached.readAt >= SNAPSHOT_RECHECK_MS && !cached.recheck) {
        cached.recheck = recheckSnapshot(db, cached).finally(() => {
          cached.recheck = null;
        });
      }
      return cached.snapshot;
    }
  }
  const { snapshot, fingerprint } = await readSnapshot(db, dataVersion, today);
  snapshotCache = {
    client,
    today,
    snapshot,
    checkedVersion: dataVersion,
    readAt: Date.now(),
    recheck: null,
    fingerprint,
  };
  return snapshot;
}

/**
 * Trusted long enough: check the snapshot again, off the request path. First the tables' fingerprint
 * (one query, worked out by the database): unchanged since the snapshot was read, it is trusted again
 * from now. Else (or merged since) it is read again at the version it carries: same content, trusted
 * again; other content (a late commit), the next request gets the new revision. A failed read (the
 * database away) leaves the entry due, so the next request tries again.
 */
async function recheckSnapshot(db: Db, cached: SnapshotCacheEntry): Promise<void> {
  const old = cached.snapshot;
  try {
    if (cached.fingerprint !== null && (await tableFingerprint(db)) === cached.fingerprint) {
      cached.readAt = Date.now();
      return;
    }
    const { snapshot: fresh, fingerprint } = await readSnapshot(db, old.dataVersion, cached.today);
    const readAt = Date.now();
    if (snapshotCache !== cached) return;
    if (sameContent(old, fresh)) {
      cached.readAt = readAt;
      cached.fingerprint = fingerprint;
      return;
    }
    snapshotCache = {
      ...cached,
      snapshot: { ...fresh, revision: (old.revision ?? 0) + 1 },
      readAt,
      recheck: null,
      fingerprint,
    };
  } catch (error) {
    if (snapshotCache === cached) console.error("[trellis] network snapshot recheck failed:", error);
  }
}

/**
 * Same organisations, partnerships and relationships. Organisations merged in by
 * mergeNewOrganisations are placed by code point, which the database's collation may order
 * otherwise: organisations are compared in id order, so only a change of content counts.
 */
function sameContent(a: NetworkSnapshot, b: NetworkSnapshot): boolean {
  const byId = (list: NetworkSnapshot["organisations"]) =>
    [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return (
    a.organisations.length === b.organisations.length &&
    a.partnerships.length === b.partnerships.length &&
    a.relationships.length === b.relationships.length &&
    JSON.stringify([byId(a.organisations), a.partnerships, a.relationships]) ===
      JSON.stringify([byId(b.organisations), b.partnerships, b.relationships])
  );
}

/** At most this many new organisations are merged into a cached snapshot; more: read it again. */
export const SNAPSHOT_MERGE_MAX = 50;

interface NetworkEntry {
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * The audit entries in (from, to] that may have changed the network, at most SNAPSHOT_MERGE_MAX + 1
 * (more than the maximum: the snapshot is read again whatever they are).
 */
async function networkEntriesSince(db: Db, from: number, to: number): Promise<NetworkEntry[]> {
  return db
    .select({ action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId })
    .from(auditLog)
    .where(
      and(
        sql`${auditLog.id} > ${from}`,
        sql`${auditLog.id} <= ${to}`,
        sql`${auditLog.entityType} not in (${sql.join(
          NON_NETWORK_ENTITY_TYPES.map((type) => sql`${type}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(asc(auditLog.id))
    .limit(SNAPSHOT_MERGE_MAX + 1);
}

/** Only organisations created (no more than the maximum): they can be added to the snapshot. */
function onlyNewOrganisations(entries: readonly NetworkEntry[]): boolean {
  return (
    entries.length <= SNAPSHOT_MERGE_MAX &&
    entries.every((entry) => entry.entityType === "organisation" && entry.action === "create")
  );
}

/** Name then id by code point: the order readSnapshot's query asks for, under the "C" collation. */
function organisationOrder(a: SnapshotOrganisation, b: SnapshotOrganisation): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `base` with organisations created since (no partnership or relationship yet), at `dataVersion`:
 * the organisations in the snapshot's order, and the result registered as an extension of `base`
 * (extensionOf).
 */
export function withNewOrganisations(
  base: NetworkSnapshot,
  added: readonly SnapshotOrganisation[],
  dataVersion: number,
): NetworkSnapshot {
  const snapshot: NetworkSnapshot = {
    ...base,
    dataVersion,
    organisations: [...base.organisations, ...added].sort(organisationOrder),
  };
  extensions.set(snapshot, { base: snapshotStamp(base), added: [...added] });
  return snapshot;
}

/**
 * Organisations were only created since the cached snapshot (a coordinator entering the field, an
 * import): read those rows and add them, instead of the whole network (a new organisation has no
 * partnership or relationship yet: those are entries of their own). Its audit entry is written in the
 * organisation's own transaction, so the row is there once the entry is seen.
 */
async function mergeNewOrganisations(
  db: Db,
  cached: SnapshotCacheEntry,
  entries: readonly NetworkEntry[],
  dataVersion: number,
): Promise<NetworkSnapshot> {
  const old = cached.snapshot;
  const known = new Set(old.organisations.map((o) => o.id));
  const ids = [...new Set(entries.map((entry) => entry.entityId))].filter((id) => !known.has(id));
  const found = ids.length
    ? await organisationSelect(db).where(
        and(isNull(organisations.archivedAt), inArray(organisations.id, ids)),
      )
    : [];
  const snapshot = withNewOrganisations(old, found.map(organisationOf), dataVersion);
  if (snapshotCache === cached) {
    snapshotCache = { ...cached, snapshot, checkedVersion: dataVersion, recheck: null, fingerprint: null };
  }
  return snapshot;
}
