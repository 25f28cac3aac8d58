import { data, type RouterContextProvider } from "react-router";
import { readConfig } from "~/config.server";
import { dbContext } from "~/db/context";
import { hitRateLimit } from "~/models/rate-limits.server";
import { requestInfoContext } from "./context";

/**
 * Count an attempt at a guarded action (login, accepting an invitation, a password reset) per
 * client IP and per email. Answers the number of seconds to wait, or null when allowed.
 */
export async function authAttemptBlocked(
  context: Readonly<RouterContextProvider>,
  action: string,
  email: string | undefined,
): Promise<number | null> {
  const db = context.get(dbContext);
  const { limit, windowMs } = readConfig().authRateLimit;
  const { clientIp } = context.get(requestInfoContext);
  const keys = [`${action}:ip:${clientIp}`];
  if (email) keys.push(`${action}:email:${email.trim().toLowerCase()}`);
  let wait: number | null = null;
  for (const key of keys) {
    const result = await hitRateLimit(db, key, limit, windowMs);
    if (!result.allowed) wait = Math.max(wait ?? 0, result.retryAfterSeconds);
  }
  return wait;
}

/** The 429 answer: the form's error, and Retry-After. */
export function tooManyAttempts<T>(body: T, retryAfterSeconds: number) {
  return data(body, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}
