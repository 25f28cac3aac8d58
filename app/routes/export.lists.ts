// CSV exports of the list pages, with the list's own filters and order from the query string:
// /export/organisations.csv, /export/partnerships.csv, /export/municipalities.csv, /export/events.csv.
// One module behind four routes (app/routes.ts gives each its own id); the kind is the path's.
// Needs the list's read permission and export:run (every role but viewer).
import type { LoaderFunctionArgs } from "react-router";
import { requirePermission, type Permission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { csvResponse } from "~/lib/csv";
import { allPages, ListExportTooLargeError, tooManyRowsResponse } from "~/lib/export-pages";
import { LIST_EXPORT_KINDS, listCsv, type ListExportKind } from "~/lib/list-exports";
import { todayIso } from "~/lib/objectives";
import { parseEventFilters } from "~/lib/validation/events";
import { parseMunicipalityFilters } from "~/lib/validation/municipalities";
import { parseOrganisationFilters } from "~/lib/validation/organisations";
import { parsePartnershipListQuery } from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import { listEvents } from "~/models/events.server";
import { listMunicipalities } from "~/models/municipalities.server";
import { listOrganisations } from "~/models/organisations.server";
import { listPartnerships } from "~/models/partnership-list.server";

// Kept here for the tests that call them through this module.
export { allPages, ListExportTooLargeError, tooManyRowsResponse };

const readPermission: Record<ListExportKind, Permission> = {
  organisations: "organisation:read",
  partnerships: "partnership:read",
  municipalities: "municipality:read",
  events: "event:read",
};

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
  try {
    // Every page from the same snapshot, on one connection.
    const body = await db.transaction(
      async (tx) => {
        switch (kind) {
          case "organisations": {
            const filters = parseOrganisationFilters(params);
            return listCsv(kind, await allPages((page) => listOrganisations(tx, page, filters)), t);
          }
          case "partnerships": {
            const query = parsePartnershipListQuery(params);
            return listCsv(kind, await allPages((page) => listPartnerships(tx, page, query, today)), t);
          }
          case "municipalities": {
            const filters = parseMunicipalityFilters(params);
            return listCsv(kind, await allPages((page) => listMunicipalities(tx, page, filters, today)), t);
          }
          default: {
            const filters = parseEventFilters(params);
            return listCsv(kind, await allPages((page) => listEvents(tx, page, filters)), t);
          }
        }
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    return csvResponse(body, `trellis-${kind}-${today}.csv`);
  } catch (error) {
    if (error instanceof ListExportTooLargeError) return tooManyRowsResponse(error.max, t);
    throw error;
  }
}
