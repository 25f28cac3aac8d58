// What every calendar (ICS) feed shares: the token holder (the secret token stands for a session),
// the one bare 404 for anything wrong, the rate limit on failed tokens, and the response headers.
// Used by the milestone feeds (routes/export.calendar.ts) and the follow-up action feeds
// (routes/export.action-calendar.ts). See docs/decisions/0017 and 0020.
import type { RouterContextProvider } from "react-router";
import { authAttemptBlocked } from "~/auth/rate-limit.server";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { ICS_CONTENT_TYPE } from "~/lib/ics";
import { userForCalendarToken } from "~/models/calendar.server";

/** Calendar apps are asked to refresh every this many hours. */
export const FEED_REFRESH_HOURS = 6;

/** The same answer for a bad token, a disabled user, an unknown record or a missing permission. */
export function feedNotFound(): Response {
  return new Response("Not Found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The active user holding the URL's token, or the Response to answer: 404, or 429 once the client
 * address has failed too often (counted like logins; good tokens are never slowed).
 */
export async function feedUser(
  context: Readonly<RouterContextProvider>,
  url: URL,
): Promise<AuthUser | Response> {
  const user = await userForCalendarToken(context.get(dbContext), url.searchParams.get("token"));
  if (user) return user;
  const wait = await authAttemptBlocked(context, "calendar", undefined);
  if (wait !== null) {
    return new Response("Too Many Requests", { status: 429, headers: { "Retry-After": String(wait) } });
  }
  return feedNotFound();
}

/** The feed's answer: private, never cached or indexed (the URL holds a secret). */
export function icsResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}
