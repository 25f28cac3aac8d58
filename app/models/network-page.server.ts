// The /network page's small reads in one statement, built once per database handle
// (app/db/prepared-queries.server.ts, decision 0032): the data version (the snapshot's cache key),
// the saved layout (map mode only), the countries of the filters and the events of "changes since an
// event". The loader used to read them through latestDataVersion (twice: once for the analytics,
// once for the view), savedLayout, organisationCountries and eventOptions: 5 statements in 3 waves,
// each built by drizzle on every call, when the snapshot was cached. Now 1. The snapshot, the
// analytics and the view still come from their caches (network-snapshot.server.ts,
// network-analytics.server.ts, network.server.ts's networkViewFor), on the data version read here.
//
// The statement repeats the read conditions of latestDataVersion (audit.server.ts), savedLayout
// (network-layout.server.ts), organisationCountries (organisations.server.ts) and eventOptions
// (events.server.ts), which other callers still use: a change to what they read must be made here
// too. tests/integration/network-page-queries.test.ts fails when the two disagree.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { auditLog, events, graphLayouts, organisations } from "~/db/schema";
import { sqlLiteral, subquery } from "~/db/sql-fragments.server";
import type { MapView, NetworkAnalytics, NetworkFilters } from "~/lib/network/types";
import { mapViewOf } from "~/lib/network/view";
import { todayIso } from "~/lib/partnership-status";
import { EVENT_OPTIONS_MAX, type EventOption } from "./events.server";
import { networkAnalytics } from "./network-analytics.server";
import { DEFAULT_LAYOUT_KEY } from "./network-layout.server";
import { clientOf, snapshotAt } from "./network-snapshot.server";
import { networkViewFor, type NetworkPageView, type SavedLayout } from "./network.server";

/** What the page reads besides the snapshot. */
export interface NetworkPageReads {
  /** latestDataVersion: the latest audit entry's id (0: none). */
  dataVersion: number;
  /** savedLayout (null: none saved, or not asked for). */
  layout: SavedLayout | null;
  /** organisationCountries: the countries of organisations not archived, in order. */
  countries: string[];
  /** eventOptions: events not archived, latest first, at most EVENT_OPTIONS_MAX. */
  events: EventOption[];
}

interface ReadsRow {
  /** bigint: a string from postgres.js, a number or bigint from PGlite; null without entries. */
  dataVersion: string | number | bigint | null;
  layout: { positions: SavedLayout["positions"]; version: number; updatedAt: string } | null;
  countries: string[];
  events: EventOption[];
}

/** The one statement (with the saved layout or without: the table mode does not use it). */
function selectReads(db: Db, withLayout: boolean) {
  const l = graphLayouts;
  const layout = withLayout
    ? subquery<ReadsRow["layout"]>(
        sql`select json_build_object('positions', ${l.positions}, 'version', ${l.version}, 'updatedAt', ${l.updatedAt}) from ${l} where ${l.key} = ${sqlLiteral(DEFAULT_LAYOUT_KEY)} limit 1`,
      )
    : sql<null>`null::json`;
  const o = organisations;
  const e = events;
  return db
    .select({
      dataVersion: subquery<ReadsRow["dataVersion"]>(sql`select max(${auditLog.id}) from ${auditLog}`),
      layout,
      countries: sql<string[]>`coalesce(${subquery(
        sql`select json_agg(c.country_code order by c.country_code) from (select distinct ${o.countryCode} as country_code from ${o} where ${o.archivedAt} is null and ${o.countryCode} is not null) c`,
      )}, '[]'::json)`,
      events: sql<EventOption[]>`coalesce(${subquery(
        sql`select json_agg(json_build_object('id', x.id, 'title', x.title, 'startsOn', x.starts_on, 'endsOn', x.ends_on) order by x.starts_on desc, x.title) from (select ${e.id} as id, ${e.title} as title, ${e.startsOn} as starts_on, ${e.endsOn} as ends_on from ${e} where ${e.archivedAt} is null order by ${e.startsOn} desc, ${e.title} limit ${sqlLiteral(EVENT_OPTIONS_MAX)}) x`,
      )}, '[]'::json)`,
    })
    .from(sql`(select 1) as one`);
}

const pageQueries = preparedPerDb((db) => ({
  map: prepared(selectReads(db, true)),
  table: prepared(selectReads(db, false)),
}));

/** The page's small reads in one statement; the saved layout only when `withLayout`. */
export async function networkPageReads(db: Db, withLayout: boolean): Promise<NetworkPageReads> {
  const queries = pageQueries(db);
  const [row] = (await (withLayout ? queries.map : queries.table).execute()) as ReadsRow[];
  if (!row) throw new Error("networkPageReads: the statement answered no row");
  return {
    dataVersion: Number(row.dataVersion ?? 0),
    layout: row.layout
      ? {
          positions: row.layout.positions,
          version: row.layout.version,
          updatedAt: new Date(row.layout.updatedAt),
        }
      : null,
    countries: row.countries,
    events: row.events,
  };
}

/** What the page shows besides the map or the table. */
export interface NetworkPageCommon {
  analytics: NetworkAnalytics;
  countries: string[];
  events: EventOption[];
}

/**
 * The map mode: as loadNetworkAnalytics, organisationCountries, eventOptions and loadNetworkView
 * together, in one statement when the snapshot is cached (+ the snapshot's own reads when the data
 * version moved, + "changes since" when asked).
 */
export async function loadNetworkMapPage(
  db: Db,
  filters: NetworkFilters,
  today: string = todayIso(),
): Promise<NetworkPageCommon & { view: NetworkPageView }> {
  const reads = await networkPageReads(db, true);
  const snapshot = await snapshotAt(db, reads.dataVersion, today);
  const analytics = networkAnalytics(snapshot, clientOf(db));
  const view = await networkViewFor(db, snapshot, reads.layout, filters, today);
  return { analytics, countries: reads.countries, events: reads.events, view };
}

// The map's view as the browser gets it (mapViewOf: without the ids only the server uses), made once
// per view object. A view on unchanged data, saved layout and filters comes from network.server.ts's
// built views, the same object on every request (treated as immutable by its readers); making its
// browser copy costs about a microsecond per edge (0.4-0.9 ms at 1,200 edges here), on every request.
const mapViews = new WeakMap<NetworkPageView, MapView>();

/** The view's MapView (mapViewOf), made once per view object; see above. */
export function mapViewOnce(view: NetworkPageView): MapView {
  let made = mapViews.get(view);
  if (!made) {
    made = mapViewOf(view);
    mapViews.set(view, made);
  }
  return made;
}

/** The table mode's common part: as loadNetworkAnalytics, organisationCountries and eventOptions. */
export async function loadNetworkTablePageCommon(
  db: Db,
  today: string = todayIso(),
): Promise<NetworkPageCommon> {
  const reads = await networkPageReads(db, false);
  const snapshot = await snapshotAt(db, reads.dataVersion, today);
  return {
    analytics: networkAnalytics(snapshot, clientOf(db)),
    countries: reads.countries,
    events: reads.events,
  };
}
