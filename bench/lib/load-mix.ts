// The load test's mix (issue 9): the routes a signed-in user of each role reads and writes, their
// weights and expected statuses, and how one request of a route is made. Used by the load test
// (bench/load.ts) and by the per-route cost measurement (bench/route-cost.ts).
import { randomInt } from "node:crypto";
import { SESSION_COOKIE } from "../../app/auth/session.server";
import type { UserRole } from "../../app/lib/enums";
import type { LoadDatabase } from "./load-database";

export interface RouteSpec {
  name: string;
  method: "GET" | "POST";
  path: (db: LoadDatabase) => string;
  /** Who makes it (round robin). */
  roles: readonly UserRole[];
  /** How many times it is in one round of the mix. */
  weight: number;
  /** The status a success answers with. */
  expect: number;
  /** Form fields of a write (fresh for every request). */
  form?: (db: LoadDatabase) => Record<string, string>;
}

export const EVERYONE: readonly UserRole[] = ["coordinator", "organiser", "municipal_official", "viewer"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const word = () =>
  Array.from({ length: 5 + randomInt(6) }, () => LETTERS[randomInt(LETTERS.length)]).join("");
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Reads 80%, writes 20% of a round; every role reads, coordinators and organisers write. */
export const MIX: readonly RouteSpec[] = [
  { name: "GET / (dashboard)", method: "GET", path: () => "/", roles: EVERYONE, weight: 2, expect: 200 },
  {
    name: "GET /organisations",
    method: "GET",
    path: () => "/organisations",
    roles: EVERYONE,
    weight: 2,
    expect: 200,
  },
  {
    name: "GET /organisations/:id",
    method: "GET",
    path: (db) => `/organisations/${db.fixtures.organisationId}`,
    roles: EVERYONE,
    weight: 1,
    expect: 200,
  },
  {
    name: "GET /partnerships",
    method: "GET",
    path: () => "/partnerships",
    roles: EVERYONE,
    weight: 2,
    expect: 200,
  },
  {
    name: "GET /partnerships/:id",
    method: "GET",
    path: (db) => `/partnerships/${db.fixtures.partnershipId}`,
    roles: EVERYONE,
    weight: 2,
    expect: 200,
  },
  {
    name: "GET /network.data",
    method: "GET",
    path: () => "/network.data",
    roles: EVERYONE,
    weight: 1,
    expect: 200,
  },
  { name: "GET /actions", method: "GET", path: () => "/actions", roles: EVERYONE, weight: 2, expect: 200 },
  {
    name: "POST /organisations/new",
    method: "POST",
    path: () => "/organisations/new",
    roles: ["coordinator"],
    weight: 1,
    expect: 302,
    form: () => ({
      intent: "save",
      name: `${capitalised(word())} ${capitalised(word())} ${capitalised(word())}`,
      type: "cso",
      level: "local",
      countryCode: "NL",
      description: `Made by the load test: ${word()} ${word()}.`,
    }),
  },
  {
    name: "POST /events/:id/actions",
    method: "POST",
    path: (db) => `/events/${db.fixtures.eventId}/actions`,
    roles: ["coordinator", "organiser"],
    weight: 2,
    expect: 302,
    form: (db) => ({
      intent: "save",
      title: `Follow up with ${capitalised(word())} ${word()}`,
      description: "Made by the load test.",
      ownerOrganisationId: db.fixtures.organisationId,
      dueOn: inDays(7 + randomInt(60)),
      status: "open",
    }),
  },
];

export function cookieOf(db: LoadDatabase, role: UserRole): string {
  const user = db.users.find((u) => u.role === role);
  if (!user) throw new Error(`no ${role} user`);
  return `${SESSION_COOKIE}=${user.token}`;
}

/** The headers and body of one request of the route, by the next user of its roles. */
export function requestOf(spec: RouteSpec, db: LoadDatabase, origin: string, counter: { n: number }) {
  const role = spec.roles[counter.n++ % spec.roles.length]!;
  const headers: Record<string, string> = {
    accept: "text/html,*/*",
    "accept-encoding": "gzip",
    cookie: cookieOf(db, role),
  };
  if (spec.method === "POST") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = origin;
  }
  return {
    method: spec.method,
    path: spec.path(db),
    headers,
    ...(spec.form ? { body: new URLSearchParams(spec.form(db)).toString() } : {}),
  };
}
