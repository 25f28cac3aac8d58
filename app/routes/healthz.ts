import { dbContext } from "~/db/context";
import { checkDatabaseHealth } from "~/models/health.server";
import type { Route } from "./+types/healthz";

// Public liveness and database check for load balancers: JSON, 503 when the database is not answering.
export async function loader({ context }: Route.LoaderArgs) {
  const health = await checkDatabaseHealth(context.get(dbContext));
  return Response.json(
    { status: health.ok ? "ok" : "unavailable", database: health },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
