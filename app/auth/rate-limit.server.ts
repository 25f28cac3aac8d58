import { data, type RouterContextProvider } from "react-router";
import { readConfig } from "~/config.server";
import { dbContext } from "~/db/context";
import { hitRateLimit, pruneRateLimits } from "~/models/rate-limits.server";
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
  const keys = [`${action}:ip:${clientBucket(clientIp)}`];
  if (email) keys.push(`${action}:email:${email.trim().toLowerCase()}`);
  // Windows two lengths old no longer count: drop them so the table stays small.
  await pruneRateLimits(db, new Date(Date.now() - 2 * windowMs));
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

/**
 * The bucket an address counts in: an IPv4 address itself; an IPv6 address by its /64 prefix, since
 * one client usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientBucket(ip: string): string {
  const address = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = address.includes("::")
    ? [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
