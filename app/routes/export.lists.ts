// CSV exports of the list pages, with the list's own filters and order from the query string:
// /export/organisations.csv, /export/partnerships.csv, /export/municipalities.csv, /export/events.csv.
// One module behind four routes (app/routes.ts gives each its own id); the kind is the path's.
// Needs the list's read permission and export:run (every role but viewer).
import type { LoaderFunctionArgs } from "react-router";
import { requirePermission, type Permission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { csvResponse } from "~/lib/csv";
import { LIST_EXPORT_KINDS, LIST_EXPORT_MAX, listCsv, type ListExportKind } from "~/lib/list-exports";
import { todayIso } from "~/lib/objectives";
import type { Page, PageRequest } from "~/lib/pagination";
import { parseEventFilters } from "~/lib/validation/events";
import { parseMunicipalityFilters } from "~/lib/validation/municipalities";
import { parseOrganisationFilters } from "~/lib/validation/organisations";
import { parsePartnershipListQuery } from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import { listEvents } from "~/models/events.server";
import { listMunicipalities } from "~/models/municipalities.server";
import { listOrganisations } from "~/models/organisations.server";
import { listPartnerships } from "~/models/partnerships.server";

/** Rows read per query: the page's ids go into one `in (...)` list each. */
const EXPORT_PAGE_SIZE = 2_000;

const readPermission: Record<ListExportKind, Permission> = {
  organisations: "organisation:read",
  partnerships: "partnership:read",
  municipalities: "municipality:read",
  events: "event:read",
};

/**
 * Every row of a list, read with the list's own query a large page at a time (so the ids a page
 * passes on to its follow-up queries stay well under PostgreSQL's parameter limit), at most
 * LIST_EXPORT_MAX rows.
 */
export async function allPages<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  pageSize = EXPORT_PAGE_SIZE,
  max = LIST_EXPORT_MAX,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < max; page += 1) {
    const batch = await read({ page, pageSize });
    rows.push(...batch.items);
    if (page >= batch.pages) break;
  }
  return rows.slice(0, max);
}

/** The list named by the path (/export/<kind>.csv), or null. */
export function listExportKindOf(pathname: string): ListExportKind | null {
  const match = /\/export\/([a-z]+)\.csv$/.exec(pathname);
  const kind = match?.[1];
  return LIST_EXPORT_KINDS.find((k) => k === kind) ?? null;
}

export async function loader({ context, url }: LoaderFunctionArgs) {
  requirePermission(context, url, "export:run");
  const kind = listExportKindOf(url.pathname);
  if (!kind) throw new Response("Not Found", { status: 404 });
  requirePermission(context, url, readPermission[kind]);
  const db = context.get(dbContext);
  const params = url.searchParams;
  const today = todayIso();
  const { t } = getInstance(context);
  let body: string;
  switch (kind) {
    case "organisations": {
      const filters = parseOrganisationFilters(params);
      body = listCsv(kind, await allPages((page) => listOrganisations(db, page, filters)), t);
      break;
    }
    case "partnerships": {
      const query = parsePartnershipListQuery(params);
      body = listCsv(kind, await allPages((page) => listPartnerships(db, page, query, today)), t);
      break;
    }
    case "municipalities": {
      const filters = parseMunicipalityFilters(params);
      body = listCsv(kind, await allPages((page) => listMunicipalities(db, page, filters, today)), t);
      break;
    }
    default: {
      const filters = parseEventFilters(params);
      body = listCsv(kind, await allPages((page) => listEvents(db, page, filters)), t);
    }
  }
  return csvResponse(body, `trellis-${kind}-${today}.csv`);
}
