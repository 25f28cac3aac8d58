import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { searchOrganisationOptions } from "~/models/organisation-options.server";
import type { Route } from "./+types/organisations.options";

/** The longest search text read (a longer one is cut: names are far shorter). */
const QUERY_MAX = 200;

// The organisation picker's matches (GET /organisations/options?q=...&exclude=id&partnership=id,
// the latter for a partnership's add-member form: organisations not yet its members): anyone who
// may read organisations, since the list page shows the same names. JSON, never cached.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "organisation:read");
  const db = context.get(dbContext);
  const query = (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX);
  const options = await searchOrganisationOptions(db, query, {
    exclude: url.searchParams.get("exclude"),
    notMemberOf: url.searchParams.get("partnership"),
  });
  return Response.json({ options }, { headers: { "Cache-Control": "no-store" } });
}
