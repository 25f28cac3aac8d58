import { data, type MiddlewareFunction } from "react-router";
import { userContext } from "~/auth/context";
import {
  clearedSessionCookie,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
  type ValidatedSession,
} from "~/auth/session.server";
import { dbContext } from "~/db/context";

/**
 * Resolve the session cookie to a user (or anonymous) once per request, renew a session that is
 * half-way through its life, and drop a cookie that no longer names a session.
 */
export const authMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const token = readSessionToken(request);
  let setCookie: string | null = null;
  if (token) {
    let validated: ValidatedSession | null;
    try {
      validated = await validateSessionToken(context.get(dbContext), token);
    } catch (error) {
      console.error(error);
      // The database is not answering: a clear 503 page, not a stack trace.
      throw data(null, { status: 503, statusText: "Service Unavailable" });
    }
    if (validated) {
      context.set(userContext, validated.user);
      if (validated.renewed) setCookie = sessionCookie(request, token, validated.expiresAt);
    } else {
      setCookie = clearedSessionCookie(request);
    }
  }
  const response = await next();
  if (setCookie) response.headers.append("Set-Cookie", setCookie);
  return response;
};
