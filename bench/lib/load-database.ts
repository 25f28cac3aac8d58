// The database of `npm run load` and `npm run bench:pages`: a fresh PostgreSQL database
// `trellis_load_<name>` (or a PGlite directory), migrated, with the demo data (app/db/seed/demo.server.ts)
// plus N synthetic organisations (app/db/seed/synthetic.server.ts), one user of each role with a
// session made directly in the database (no password round trip, no rate limit), and the ids of
// the records the pages are read on (a partnership, an organisation, an event, a pilot, a municipality);
// then ANALYZE.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword } from "../../app/auth/password.server";
import { createSession, type AuthUser } from "../../app/auth/session.server";
import { openDatabase, type Database, type Db } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { rows } from "../../app/db/rows.server";
import * as schema from "../../app/db/schema";
import { seedDemo } from "../../app/db/seed/demo.server";
import { seedSynthetic } from "../../app/db/seed/synthetic.server";
import type { UserRole } from "../../app/lib/enums";
import type { BenchTarget } from "./database";

export const LOAD_DB_PREFIX = "trellis_load_";

/** A PostgreSQL database `trellis_load_<suffix>` on the server of `adminUrl`, or a PGlite directory. */
export function loadTarget(
  suffix: string,
  synthetic: number,
  options: { pgliteDir: string | null; postgresUrl: string },
): BenchTarget {
  if (options.pgliteDir !== null) return { kind: "pglite", size: synthetic, dir: options.pgliteDir };
  if (!/^[a-z0-9_]+$/.test(suffix)) throw new Error(`bad database suffix "${suffix}"`);
  const name = `${LOAD_DB_PREFIX}${suffix}`;
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  return { kind: "postgres", size: synthetic, name, url: url.toString(), adminUrl: options.postgresUrl };
}

export interface SignedInUser {
  role: UserRole;
  user: AuthUser;
  /** The session cookie's value. */
  token: string;
}

/** Records the pages are read on (demo data: the same names in every database). */
export interface LoadFixtures {
  partnershipId: string;
  organisationId: string;
  eventId: string;
  pilotId: string;
  municipalityId: string;
}

export interface LoadDatabase {
  target: BenchTarget;
  users: SignedInUser[];
  fixtures: LoadFixtures;
  organisations: number;
  seedSeconds: number;
}

async function dropAndCreate(target: BenchTarget): Promise<void> {
  if (target.kind === "pglite") {
    fs.rmSync(target.dir, { recursive: true, force: true });
    fs.rmSync(`${target.dir}.lock`, { force: true });
    fs.mkdirSync(path.dirname(target.dir), { recursive: true });
    return;
  }
  if (!target.name.startsWith(LOAD_DB_PREFIX)) throw new Error(`refusing to drop ${target.name}`);
  const admin = postgres(target.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${target.name}" with (force)`);
    await admin.unsafe(`create database "${target.name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Open the target as the server does (PostgreSQL: a pool of `poolSize`). */
export function openTarget(target: BenchTarget, poolSize = 10): Promise<Database> {
  return openDatabase(target.kind === "postgres" ? { url: target.url, poolSize } : { pgliteDir: target.dir });
}

async function one(db: Db, query: ReturnType<typeof sql>, what: string): Promise<string> {
  const [row] = rows<{ id: string }>(await db.execute(query));
  if (!row) throw new Error(`the demo data has no ${what}`);
  return row.id;
}

/** The records the pages are read on: the busiest demo partnership, organisation, event, pilot, municipality. */
export async function findFixtures(db: Db): Promise<LoadFixtures> {
  const notSynthetic = (column: string) => sql.raw(`${column} not like '%(Synthetic #%'`);
  return {
    partnershipId: await one(
      db,
      sql`select p.id from partnerships p join partnership_members m on m.partnership_id = p.id
          where p.archived_at is null and ${notSynthetic("p.name")}
          group by p.id order by count(*) desc, p.name limit 1`,
      "partnership",
    ),
    organisationId: await one(
      db,
      sql`select o.id from organisations o join partnership_members m on m.organisation_id = o.id
          where o.archived_at is null and ${notSynthetic("o.name")}
          group by o.id order by count(*) desc, o.name limit 1`,
      "organisation",
    ),
    eventId: await one(
      db,
      sql`select id from events where archived_at is null and ${notSynthetic("title")}
          order by starts_on desc, title limit 1`,
      "event",
    ),
    pilotId: await one(
      db,
      sql`select id from pilots where archived_at is null and ${notSynthetic("name")} order by name limit 1`,
      "pilot",
    ),
    municipalityId: await one(
      db,
      sql`select m.id from municipalities m join pilots p on p.municipality_id = m.id
          where m.archived_at is null and ${notSynthetic("m.name")}
          group by m.id order by count(*) desc, m.name limit 1`,
      "municipality with a pilot",
    ),
  };
}

const ROLES: readonly UserRole[] = ["coordinator", "organiser", "municipal_official", "viewer"];

/** One user per role (the organiser and the official belong to the fixtures' organisation / municipality). */
async function makeUsers(db: Db, fixtures: LoadFixtures): Promise<SignedInUser[]> {
  // A cheap hash: nobody signs in with it, the session is put in the cookie.
  const passwordHash = await hashPassword("load correct horse battery", { N: 2 ** 10, r: 8, p: 1 });
  const users: SignedInUser[] = [];
  for (const role of ROLES) {
    const [user] = await db
      .insert(schema.users)
      .values({
        email: `load-${role.replace(/_/g, "-")}@load.example.org`,
        name: `Load ${role}`,
        passwordHash,
        role,
        organisationId: role === "organiser" ? fixtures.organisationId : null,
      })
      .returning();
    if (!user) throw new Error(`could not create the ${role}`);
    const municipalityIds = role === "municipal_official" ? [fixtures.municipalityId] : [];
    for (const municipalityId of municipalityIds) {
      await db.insert(schema.userMunicipalities).values({ userId: user.id, municipalityId });
    }
    const session = await createSession(db, user.id);
    users.push({
      role,
      token: session.token,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationId,
        locale: user.locale,
        municipalityIds,
        sessionId: session.sessionId,
      },
    });
  }
  return users;
}

/** Drop and recreate the target, migrate, seed the demo data and `synthetic` organisations, make the users. */
export async function prepareLoadDatabase(
  target: BenchTarget,
  synthetic: number,
  log: (line: string) => void,
): Promise<LoadDatabase> {
  const started = performance.now();
  await dropAndCreate(target);
  const database = await openTarget(target, 4);
  try {
    await migrateDatabase(database);
    const db = database.db;
    const demo = await seedDemo(db);
    log(
      `demo data: ${demo.organisations} organisations, ${demo.partnerships} partnerships, ${demo.events} events`,
    );
    if (synthetic > 0) {
      log(`seeding ${synthetic} synthetic organisations...`);
      await seedSynthetic(db, { organisations: synthetic });
    }
    const fixtures = await findFixtures(db);
    const users = await makeUsers(db, fixtures);
    // Planner statistics, as autovacuum would gather them within a minute of the seed. Without them
    // (autovacuum off, or PGlite, which has no autovacuum) the planner takes the fresh tables for
    // empty: the dashboard's exposure list, for one, ran 124 ms instead of 10 at 2,050 organisations.
    await db.execute(sql`analyze`);
    const [count] = rows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from organisations where archived_at is null`),
    );
    return {
      target,
      users,
      fixtures,
      organisations: count?.n ?? 0,
      seedSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await database.close().catch(() => {});
  }
}
