import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { searchRecordOptions } from "~/models/record-options.server";
import type { Route } from "./+types/pilots.options";

/** The longest search text read (a longer one is cut: names are far shorter). */
const QUERY_MAX = 200;

// The pilot picker's matches (GET /pilots/options?q=...; the follow-up action form above the
// picker's threshold): anyone who may read pilots, since their pages show the same names. JSON,
// never cached.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "pilot:read");
  const db = context.get(dbContext);
  const query = (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX);
  const options = await searchRecordOptions(db, "pilot", query);
  return Response.json({ options }, { headers: { "Cache-Control": "no-store" } });
}
