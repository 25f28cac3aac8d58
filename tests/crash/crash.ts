// `npm run test:crash` (issue 9): crash durability. For each database (embedded PGlite in a fresh
// temporary directory, and a fresh PostgreSQL database trellis_crash_<random>), start the production
// server, sign in (an account and a session made directly in the database), run a write load
// through the real forms (organisations; partnerships, then their members, ~8 requests at a time),
// SIGKILL the server at a random moment after N successful answers, restart it on the same
// database, and check: every write that got a success answer is there, nothing is half-written
// (members as submitted, an audit entry for every record and a record for every audit entry), and
// the app answers again. `--quick` (one kill, fewer writes) is what .ci/run runs.
import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword } from "../../app/auth/password.server";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { openDatabase, type Database } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import * as schema from "../../app/db/schema";
import { newestSource } from "../../server/build-freshness";
import { buildTrellis, startTrellis, syncAppCopy, type TrellisServer } from "../../bench/lib/server";

const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const USAGE = `usage: npm run test:crash -- [--quick] [--db pglite|postgres|both] [--kills N] [--writes N]
  [--concurrency 8] [--app-dir /tmp/trellis-crash-app | .] [--reuse-build] [--postgres postgres://postgres@127.0.0.1:5432/postgres]`;

interface Options {
  quick: boolean;
  databases: ("pglite" | "postgres")[];
  /** SIGKILLs per database, each after about `writes` successful answers. */
  kills: number;
  writes: number;
  concurrency: number;
  appDir: string;
  /** Serve the build already in the app dir as it is (no copy of the checkout, no rebuild). */
  reuseBuild: boolean;
  postgresUrl: string;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      db: { type: "string", default: "both" },
      kills: { type: "string" },
      writes: { type: "string" },
      concurrency: { type: "string", default: "8" },
      "app-dir": { type: "string", default: "/tmp/trellis-crash-app" },
      "reuse-build": { type: "boolean", default: false },
      postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number\n${USAGE}`);
    return n;
  };
  const db = values.db;
  if (db !== "pglite" && db !== "postgres" && db !== "both")
    throw new Error(`--db: pglite, postgres or both\n${USAGE}`);
  return {
    quick: values.quick,
    databases: db === "both" ? ["pglite", "postgres"] : [db],
    kills: count("kills", values.kills, values.quick ? 1 : 3),
    writes: count("writes", values.writes, values.quick ? 24 : 80),
    concurrency: count("concurrency", values.concurrency, 8),
    appDir: path.resolve(checkout, values["app-dir"]),
    reuseBuild: values["reuse-build"],
    postgresUrl: values.postgres,
  };
}

// --- the app build --------------------------------------------------------------------------------

/**
 * A production build in the app dir (a copy of the checkout, or the checkout itself with
 * `--app-dir .`): reused when it is newer than its sources (or with --reuse-build), else (re)built.
 */
function prepareApp(appDir: string, reuseBuild: boolean): string {
  const built = fs.statSync(path.join(appDir, "build/server/index.js"), { throwIfNoEntry: false });
  if (built && reuseBuild) return `reused the build in ${appDir} as it is`;
  syncAppCopy(checkout, appDir);
  if (built && built.mtimeMs >= newestSource(appDir)) {
    return `reused the build in ${appDir}`;
  }
  const started = Date.now();
  buildTrellis(appDir);
  return `built in ${appDir} (${((Date.now() - started) / 1000).toFixed(0)} s)`;
}

// --- one database ---------------------------------------------------------------------------------

interface Target {
  kind: "pglite" | "postgres";
  label: string;
  /** The server's environment for it. */
  env: Record<string, string | undefined>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function createTarget(kind: "pglite" | "postgres", postgresUrl: string): Promise<Target> {
  if (kind === "pglite") {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-crash-pglite-"));
    const dir = path.join(parent, "data");
    return {
      kind,
      label: `PGlite ${dir}`,
      env: { DATABASE_URL: undefined, PGLITE_DIR: dir },
      open: () => openDatabase({ pgliteDir: dir }),
      drop: async () => fs.rmSync(parent, { recursive: true, force: true }),
    };
  }
  const name = `trellis_crash_${randomBytes(5).toString("hex")}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    label: `PostgreSQL ${name}`,
    env: { DATABASE_URL: url.toString(), PGLITE_DIR: undefined },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    async drop() {
      const again = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

/** Migrate, then make the coordinator the load signs in as, with a session: its id and cookie. */
async function prepareDatabase(target: Target): Promise<{ userId: string; cookie: string }> {
  const database = await target.open();
  try {
    await migrateDatabase(database);
    // A cheap hash: nobody signs in with the password; the session goes straight into the cookie.
    const passwordHash = await hashPassword(randomBytes(12).toString("hex"), { N: 2 ** 10, r: 8, p: 1 });
    const [user] = await database.db
      .insert(schema.users)
      .values({
        email: "crash-coordinator@crash.example.org",
        name: "Crash coordinator",
        passwordHash,
        role: "coordinator",
      })
      .returning();
    if (!user) throw new Error("could not create the coordinator");
    const session = await createSession(database.db, user.id);
    return { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}` };
  } finally {
    await database.close();
  }
}

// --- the write load -------------------------------------------------------------------------------

interface OrganisationWrite {
  name: string;
  id: string | null;
  acked: boolean;
}
interface PartnershipWrite {
  name: string;
  id: string | null;
  acked: boolean;
}
interface MemberWrite {
  partnershipId: string;
  organisationId: string;
  role: "lead" | "partner";
  mandate: string;
  contribution: string;
  acked: boolean;
}

/** Everything the load submitted, and which of it the server said it saved. */
class Ledger {
  organisations: OrganisationWrite[] = [];
  partnerships: PartnershipWrite[] = [];
  members: MemberWrite[] = [];
  acks = 0;
  failures: string[] = [];
  private seq = 0;
  next(): number {
    return ++this.seq;
  }
  ackedOrganisationIds(): string[] {
    return this.organisations.filter((o) => o.acked && o.id).map((o) => o.id!);
  }
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

class Client {
  constructor(
    readonly baseURL: string,
    readonly cookie: string,
  ) {}

  /** A form POST as a browser without JavaScript sends it (same origin, urlencoded, no redirects followed). */
  post(pathname: string, fields: Record<string, string>): Promise<Response> {
    return fetch(`${this.baseURL}${pathname}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: this.cookie,
        origin: this.baseURL,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  }

  get(pathname: string): Promise<Response> {
    return fetch(`${this.baseURL}${pathname}`, {
      redirect: "manual",
      headers: { cookie: this.cookie },
      signal: AbortSignal.timeout(30_000),
    });
  }
}

/** The id in a success redirect to `/kind/<id>`, or null for any other answer. */
async function createdId(response: Response, kind: string): Promise<string | null> {
  await response.arrayBuffer();
  if (response.status < 300 || response.status >= 400) return null;
  const match = new RegExp(`/${kind}/(${UUID})$`).exec(response.headers.get("location") ?? "");
  return match?.[1] ?? null;
}

async function createOrganisation(client: Client, ledger: Ledger, label: string): Promise<void> {
  const write: OrganisationWrite = {
    name: `Crash organisation ${label}-${ledger.next()}`,
    id: null,
    acked: false,
  };
  ledger.organisations.push(write);
  const response = await client.post("/organisations/new", {
    intent: "save",
    name: write.name,
    type: "cso",
    level: "local",
    countryCode: "BE",
    confirmDuplicate: "on",
  });
  write.id = await createdId(response, "organisations");
  if (!write.id) throw new Error(`organisation: answered ${response.status}`);
  write.acked = true;
  ledger.acks++;
}

async function createPartnershipWithMembers(client: Client, ledger: Ledger, label: string): Promise<void> {
  const seq = ledger.next();
  const write: PartnershipWrite = { name: `Crash partnership ${label}-${seq}`, id: null, acked: false };
  ledger.partnerships.push(write);
  const response = await client.post("/partnerships/new", {
    name: write.name,
    status: "forming",
    formalisation: "informal",
  });
  write.id = await createdId(response, "partnerships");
  if (!write.id) throw new Error(`partnership: answered ${response.status}`);
  write.acked = true;
  ledger.acks++;
  // Two or three members, the first one the lead, each with its own text to find half-writes.
  const pool = ledger.ackedOrganisationIds();
  const chosen = new Set<string>();
  const wanted = Math.min(pool.length, 2 + randomInt(2));
  while (chosen.size < wanted) chosen.add(pool[randomInt(pool.length)]!);
  let index = 0;
  for (const organisationId of chosen) {
    const member: MemberWrite = {
      partnershipId: write.id,
      organisationId,
      role: index === 0 ? "lead" : "partner",
      mandate: `Mandate ${seq}.${index} ${"m".repeat(1 + randomInt(200))}`,
      contribution: `Contribution ${seq}.${index} ${"c".repeat(1 + randomInt(200))}`,
      acked: false,
    };
    index++;
    ledger.members.push(member);
    const added = await client.post(`/partnerships/${write.id}/members`, {
      intent: "add",
      organisationId: member.organisationId,
      role: member.role,
      mandate: member.mandate,
      contribution: member.contribution,
    });
    await added.arrayBuffer();
    // The page with its "added" notice; a refusal answers 400 or 409.
    if (added.status !== 200) throw new Error(`member: answered ${added.status}`);
    member.acked = true;
    ledger.acks++;
  }
}

const STALL_MS = 60_000;

/**
 * Writes from `concurrency` clients until the server is killed: after `killAfter` successful
 * answers, at a random moment within the next few tens of milliseconds, while requests are in flight.
 */
async function loadUntilKilled(
  server: TrellisServer,
  client: Client,
  ledger: Ledger,
  options: { killAfter: number; concurrency: number; label: string },
): Promise<{ inFlightAtKill: number }> {
  let killed = false;
  let inFlight = 0;
  let inFlightAtKill = 0;
  const target = ledger.acks + options.killAfter;
  const ackedMembers = () => ledger.members.filter((m) => m.acked).length;
  const membersBefore = ackedMembers();
  let lastAcks = ledger.acks;
  let lastProgress = Date.now();
  const killer = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (ledger.acks !== lastAcks) [lastAcks, lastProgress] = [ledger.acks, Date.now()];
      const stalled = Date.now() - lastProgress > STALL_MS;
      // Not before some members were added in this round: the kill must find partnerships mid-way.
      const ready = ledger.acks >= target && ackedMembers() > membersBefore;
      if (!ready && !stalled) return;
      if (stalled) ledger.failures.push(`no write succeeded for ${STALL_MS / 1000} s: killed anyway`);
      clearInterval(check);
      setTimeout(() => {
        inFlightAtKill = inFlight;
        killed = true;
        if (server.pid) process.kill(server.pid, "SIGKILL");
        resolve();
      }, randomInt(40));
    }, 2);
  });
  const worker = async (n: number) => {
    while (!killed) {
      inFlight++;
      try {
        if (ledger.ackedOrganisationIds().length < 4 || randomInt(10) < 4) {
          await createOrganisation(client, ledger, `${options.label}w${n}`);
        } else {
          await createPartnershipWithMembers(client, ledger, `${options.label}w${n}`);
        }
      } catch (error) {
        // After the kill: refused or reset connections, expected. Before it: a real failure.
        if (!killed) ledger.failures.push(error instanceof Error ? error.message : String(error));
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all([killer, ...Array.from({ length: options.concurrency }, (_, n) => worker(n))]);
  await server.stop();
  return { inFlightAtKill };
}

// --- the checks -----------------------------------------------------------------------------------

interface Verdict {
  acknowledged: number;
  present: number;
  /** Submitted, no success answer (in flight at the kill), yet committed: allowed. */
  unacknowledgedPresent: number;
  /** Stored after the restart: organisations, partnerships, members. */
  stored: string;
  problems: string[];
}

async function verify(target: Target, ledger: Ledger): Promise<Verdict> {
  const database = await target.open();
  const problems: string[] = [];
  try {
    const db = database.db;
    const organisations = await db.select().from(schema.organisations);
    const partnerships = await db.select().from(schema.partnerships);
    const members = await db.select().from(schema.partnershipMembers);
    const audit = await db.select().from(schema.auditLog);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const organisationRows = byId(organisations);
    const partnershipRows = byId(partnerships);

    let acknowledged = 0;
    let present = 0;
    let unacknowledgedPresent = 0;
    const organisationNames = new Map(organisations.map((o) => [o.name, o]));
    for (const write of ledger.organisations) {
      const row = write.id ? organisationRows.get(write.id) : organisationNames.get(write.name);
      if (write.acked) {
        acknowledged++;
        if (row?.name === write.name) present++;
        else problems.push(`acknowledged organisation ${write.name} (${write.id}) is missing`);
      } else if (row) unacknowledgedPresent++;
    }
    const partnershipNames = new Map(partnerships.map((p) => [p.name, p]));
    for (const write of ledger.partnerships) {
      const row = write.id ? partnershipRows.get(write.id) : partnershipNames.get(write.name);
      if (write.acked) {
        acknowledged++;
        if (row?.name === write.name) present++;
        else problems.push(`acknowledged partnership ${write.name} (${write.id}) is missing`);
      } else if (row) unacknowledgedPresent++;
    }
    const memberKey = (m: { partnershipId: string; organisationId: string }) =>
      `${m.partnershipId}/${m.organisationId}`;
    const submitted = new Map(ledger.members.map((m) => [memberKey(m), m]));
    const stored = new Map(members.map((m) => [memberKey(m), m]));
    for (const write of ledger.members) {
      const row = stored.get(memberKey(write));
      if (write.acked) {
        acknowledged++;
        if (row) present++;
        else problems.push(`acknowledged member ${memberKey(write)} is missing`);
      } else if (row) unacknowledgedPresent++;
    }
    // Nothing half-written: every stored member is one submitted, with every field as submitted.
    for (const row of members) {
      const write = submitted.get(memberKey(row));
      if (!write) problems.push(`member ${row.id} was never submitted`);
      else if (
        row.role !== write.role ||
        row.mandate !== write.mandate ||
        row.contribution !== write.contribution
      ) {
        problems.push(
          `member ${row.id} differs from what was submitted: ${JSON.stringify([row.role, row.mandate, row.contribution])} ≠ ${JSON.stringify([write.role, write.mandate, write.contribution])}`,
        );
      }
    }
    // Every partnership and organisation stored is one submitted under that name.
    const submittedNames = new Set([...ledger.organisations, ...ledger.partnerships].map((w) => w.name));
    for (const row of [...organisations, ...partnerships]) {
      if (!submittedNames.has(row.name)) problems.push(`record ${row.id} (${row.name}) was never submitted`);
    }
    // Every record has its creation in the audit log, and every audit entry its record.
    const records: Record<string, Set<string>> = {
      organisation: new Set(organisations.map((o) => o.id)),
      partnership: new Set(partnerships.map((p) => p.id)),
      partnership_member: new Set(members.map((m) => m.id)),
    };
    for (const [entityType, ids] of Object.entries(records)) {
      const created = new Set(
        audit.filter((a) => a.entityType === entityType && a.action === "create").map((a) => a.entityId),
      );
      for (const id of ids) if (!created.has(id)) problems.push(`${entityType} ${id} has no audit entry`);
    }
    for (const entry of audit) {
      const ids = records[entry.entityType];
      if (ids && !ids.has(entry.entityId)) {
        problems.push(`audit entry ${entry.id} (${entry.entityType} ${entry.entityId}) has no record`);
      }
    }
    const [user] = await db
      .select()
      .from(schema.users)
      .where(eq(schema.users.email, "crash-coordinator@crash.example.org"));
    if (!user) problems.push("the coordinator is gone");
    const storedCounts = `${organisations.length} organisations, ${partnerships.length} partnerships, ${members.length} members`;
    return { acknowledged, present, unacknowledgedPresent, stored: storedCounts, problems };
  } finally {
    await database.close();
  }
}

/** After the restart: the app answers, the session still works, a read and a write succeed. */
async function checkAnswers(client: Client, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const health = await client.get("/healthz");
  if (health.status !== 200) problems.push(`/healthz answered ${health.status}`);
  await health.arrayBuffer();
  const list = await client.get("/organisations");
  if (list.status !== 200) problems.push(`/organisations answered ${list.status} (session lost?)`);
  await list.arrayBuffer();
  const partnership = ledger.partnerships.find((p) => p.acked);
  if (partnership) {
    const page = await client.get(`/partnerships/${partnership.id}/members`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes(partnership.name.replace(/&/g, "&amp;"))) {
      problems.push(`/partnerships/${partnership.id}/members answered ${page.status}`);
    }
  }
  try {
    await createOrganisation(client, ledger, "after-restart");
  } catch (error) {
    problems.push(
      `a write after the restart failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return problems;
}

interface TargetResult {
  label: string;
  rounds: string[];
  verdict: Verdict;
  seconds: number;
}

async function runTarget(kind: "pglite" | "postgres", options: Options): Promise<TargetResult> {
  const started = Date.now();
  const phases: string[] = [];
  let mark = started;
  const phase = (name: string) => {
    const now = Date.now();
    phases.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  const target = await createTarget(kind, options.postgresUrl);
  try {
    const { cookie } = await prepareDatabase(target);
    phase("migrate");
    const ledger = new Ledger();
    const rounds: string[] = [];
    for (let round = 1; round <= options.kills; round++) {
      const server = await startTrellis(options.appDir, target.env);
      phase("start");
      const client = new Client(server.baseURL, cookie);
      const killAfter = Math.max(
        1,
        options.writes + randomInt(-Math.floor(options.writes / 3), Math.floor(options.writes / 3) + 1),
      );
      const before = ledger.acks;
      const { inFlightAtKill } = await loadUntilKilled(server, client, ledger, {
        killAfter,
        concurrency: options.concurrency,
        label: `r${round}`,
      });
      phase("load");
      rounds.push(
        `round ${round}: SIGKILL after ${ledger.acks - before} acknowledged writes, ${inFlightAtKill} requests in flight`,
      );
    }
    const server = await startTrellis(options.appDir, target.env);
    phase("restart");
    const answerProblems = await checkAnswers(new Client(server.baseURL, cookie), ledger);
    await server.stop();
    phase("answers");
    const verdict = await verify(target, ledger);
    phase("verify");
    rounds.push(`stored: ${verdict.stored}`, `phases: ${phases.join(", ")}`);
    verdict.problems.unshift(
      ...answerProblems,
      ...ledger.failures.map((f) => `a write failed before the kill: ${f}`),
    );
    return { label: target.label, rounds, verdict, seconds: (Date.now() - started) / 1000 };
  } finally {
    await target.drop();
  }
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(`[crash] ${prepareApp(options.appDir, options.reuseBuild)}`);
  console.log(
    `[crash] ${options.databases.join(" and ")} side by side: ${options.kills} kill(s) each, about ${options.writes} writes before each, ${options.concurrency} at a time`,
  );
  // The databases are independent (own server, own port): run them at the same time.
  const settled = await Promise.allSettled(options.databases.map((kind) => runTarget(kind, options)));
  // A database whose run threw (e.g. the server would not start again after the kill) fails.
  const results = settled.map((outcome, i): TargetResult => {
    if (outcome.status === "fulfilled") return outcome.value;
    const reason: unknown = outcome.reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    return {
      label: options.databases[i] === "pglite" ? "PGlite" : "PostgreSQL",
      rounds: [],
      verdict: { acknowledged: 0, present: 0, unacknowledgedPresent: 0, stored: "", problems: [message] },
      seconds: (Date.now() - started) / 1000,
    };
  });
  for (const result of results) {
    for (const line of result.rounds) console.log(`[crash] ${result.label}: ${line}`);
  }
  console.log(
    "\n| database | writes acknowledged | present after restart | unacknowledged but committed | result | time |",
  );
  console.log("| --- | ---: | ---: | ---: | --- | ---: |");
  for (const { label, verdict, seconds } of results) {
    const ok = verdict.problems.length === 0 && verdict.present === verdict.acknowledged;
    console.log(
      `| ${label.split(" ")[0]} | ${verdict.acknowledged} | ${verdict.present} | ${verdict.unacknowledgedPresent} | ${ok ? "pass" : "FAIL"} | ${seconds.toFixed(0)} s |`,
    );
  }
  const problems = results.flatMap((r) => r.verdict.problems.map((p) => `${r.label}: ${p}`));
  for (const problem of problems.slice(0, 30)) console.error(`[crash] ${problem}`);
  console.log(
    `[crash] ${problems.length === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}

await main();
