import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { searchRecordOptions } from "~/models/record-options.server";
import type { Route } from "./+types/partnerships.options";

/** The longest search text read (a longer one is cut: names are far shorter). */
const QUERY_MAX = 200;

// The partnership picker's matches (GET /partnerships/options?q=...; the follow-up action form above the
// picker's threshold): anyone who may read partnerships, since their pages show the same names. JSON,
// never cached.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const query = (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX);
  const options = await searchRecordOptions(db, "partnership", query);
  return Response.json({ options }, { headers: { "Cache-Control": "no-store" } });
}
