import { data, type MiddlewareFunction } from "react-router";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import { checkDatabaseHealth } from "~/models/health.server";

/** How long the check may take before the database counts as not answering. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * A request that failed (500) while the database is not answering becomes the clear 503 page
 * ("temporarily unavailable, try again in a moment") instead of the generic error page: a loader or
 * action cannot tell a lost connection from a bug, so the database is asked once, and only after
 * a failure (a request that succeeded costs nothing). The postgres.js pool opens new connections
 * on its own once the database is back: the next request works without a restart.
 */
export const databaseUnavailableMiddleware: MiddlewareFunction<Response> = async ({ context }, next) => {
  const response = await next();
  if (response.status !== 500) return response;
  if (await databaseAnswers(context.get(dbContext))) return response;
  // The generic error page is replaced: do not leave its stream open.
  await response.body?.cancel().catch(() => {});
  console.error("[trellis] the database is not answering: 503");
  throw data(null, { status: 503, statusText: "Service Unavailable" });
};

/** Whether the database answers a query within CHECK_TIMEOUT_MS. */
export async function databaseAnswers(db: Db, timeoutMs = CHECK_TIMEOUT_MS): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([checkDatabaseHealth(db).then((health) => health.ok), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
