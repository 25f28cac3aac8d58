// The schema holds the whole domain and the database enforces it: every CHECK constraint and
// every foreign key of the migrations is exercised here (an insert or update breaking it is
// refused, a boundary-valid value is accepted), as are the unique keys, NOT NULL columns and
// the ON DELETE behaviour of every foreign key.
//
// The CHECK / FOREIGN KEY / UNIQUE lists are read from the migration SQL, and completeness
// tests fail when a constraint has no case here, or when the SQL, the drizzle schema and the
// migrated database disagree.
//
// Each violating statement runs on its own (autocommit): after an error inside a PostgreSQL
// transaction the whole transaction is aborted, so nothing here shares a transaction.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, getTableColumns, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "../../app/db/migrate.server";
import { rows } from "../../app/db/rows.server";
import * as schema from "../../app/db/schema";
import { importKinds, importLayouts, type ImportKind, type ImportLayout } from "../../app/lib/import/kinds";
import {
  actionStatuses,
  auditActions,
  documentKinds,
  eventKinds,
  formalisations,
  fundingSources,
  fundingStages,
  healthDimensions,
  levels,
  locales,
  memberRoles,
  milestoneStatuses,
  objectiveStatuses,
  organisationTypes,
  outcomePathways,
  partnershipStatuses,
  pilotStatuses,
  relationshipTypes,
  riskCategories,
  riskStatuses,
  targetGroups,
  userRoles,
  type ActionStatus,
  type AuditAction,
  type DocumentKind,
  type EventKind,
  type Formalisation,
  type FundingSource,
  type FundingStage,
  type Level,
  type Locale,
  type MemberRole,
  type MilestoneStatus,
  type ObjectiveStatus,
  type OrganisationType,
  type OutcomePathway,
  type PartnershipStatus,
  type PilotStatus,
  type RelationshipType,
  type RiskCategory,
  type RiskStatus,
  type TargetGroup,
  type UserRole,
} from "../../app/lib/enums";
import * as f from "../factories";
import { testDb } from "../helpers/db";

const database = await testDb();
const db = database.db;

// ---------------------------------------------------------------------------------------------
// PostgreSQL errors, through either driver

/** SQLSTATE codes asserted here. */
const PG = {
  checkViolation: "23514",
  /** A dangling reference, or a delete blocked by ON DELETE NO ACTION. */
  foreignKeyViolation: "23503",
  /** restrict_violation: a delete blocked by ON DELETE RESTRICT, from PostgreSQL 18 (PGlite 0.5). */
  restrictViolation: "23001",
  uniqueViolation: "23505",
  notNullViolation: "23502",
} as const;

/**
 * A delete blocked by ON DELETE RESTRICT: PostgreSQL 18 (and PGlite 0.5, built on it) reports
 * 23001 restrict_violation, earlier servers 23503 foreign_key_violation. Accept either.
 */
const RESTRICTED = [PG.restrictViolation, PG.foreignKeyViolation];

interface PgErrorInfo {
  code: string;
  /** PGlite: `constraint`; postgres.js: `constraint_name`. */
  constraint: string | undefined;
  /** PGlite: `column`; postgres.js: `column_name`. */
  column: string | undefined;
  /** PGlite: `table`; postgres.js: `table_name`. */
  table: string | undefined;
  message: string;
}

function stringField(fields: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * The PostgreSQL error inside `error`: drizzle wraps the driver's error in a DrizzleQueryError
 * (`cause`); the driver error carries the SQLSTATE `code` and the constraint, table and column.
 */
function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6; depth++) {
    if (typeof current !== "object" || current === null) return undefined;
    const fields = current as Record<string, unknown>;
    const code = fields.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return {
        code,
        constraint: stringField(fields, "constraint", "constraint_name"),
        column: stringField(fields, "column", "column_name"),
        table: stringField(fields, "table", "table_name"),
        message: stringField(fields, "message") ?? "",
      };
    }
    current = fields.cause;
  }
  return undefined;
}

interface ExpectedViolation {
  /** The SQLSTATE, or the acceptable ones. */
  code: string | readonly string[];
  constraint?: string;
  column?: string;
  table?: string;
}

/** Await `promise`, expect it to be refused by the database with the given code/constraint. */
async function expectConstraintViolation(
  promise: Promise<unknown>,
  expected: ExpectedViolation,
  label = "",
): Promise<PgErrorInfo> {
  const what = `${label ? `${label}: ` : ""}expected ${JSON.stringify(expected)}`;
  let caught: { error: unknown } | undefined;
  try {
    await promise;
  } catch (error) {
    caught = { error };
  }
  if (!caught) expect.fail(`${what}, but the statement succeeded`);
  const info = pgErrorOf(caught.error);
  if (!info) throw new Error(`${what}, but got a non-database error`, { cause: caught.error });
  const codes: readonly string[] = typeof expected.code === "string" ? [expected.code] : expected.code;
  const actual: ExpectedViolation = { code: codes.includes(info.code) ? expected.code : info.code };
  if (expected.constraint !== undefined) actual.constraint = info.constraint;
  if (expected.column !== undefined) actual.column = info.column;
  if (expected.table !== undefined) actual.table = info.table;
  expect(actual, `${what}; the database said: ${info.message}`).toEqual(expected);
  return info;
}

/** Await `promise`, failing with `label` and the database message if it is refused. */
async function expectAccepted(promise: Promise<unknown>, label: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const info = pgErrorOf(error);
    const reason = info ? `${info.code} ${info.constraint ?? ""} ${info.message}` : String(error);
    expect.fail(`${label} should be accepted, but was refused: ${reason}`);
  }
}

async function queryRows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rows<T>(await db.execute(query));
}

// ---------------------------------------------------------------------------------------------
// The migrations, the schema and the database catalog

function migrationSql(): string {
  const journal: unknown = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
  );
  const entries =
    typeof journal === "object" && journal !== null
      ? (journal as Record<string, unknown>).entries
      : undefined;
  if (!Array.isArray(entries)) throw new Error("drizzle/meta/_journal.json has no entries");
  return entries
    .map((entry: unknown) => {
      const tag =
        typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).tag : undefined;
      if (typeof tag !== "string") throw new Error("a journal entry has no tag");
      return fs.readFileSync(path.join(migrationsFolder, `${tag}.sql`), "utf8");
    })
    .join("\n");
}

const SQL_TEXT = migrationSql();

function allMatches(pattern: RegExp): RegExpExecArray[] {
  return [...SQL_TEXT.matchAll(pattern)];
}

/** Every CHECK constraint a migration adds (a later migration may drop one and add it anew). */
const DECLARED_CHECKS = allMatches(/CONSTRAINT "(\w+)" CHECK\b/g).map((m) => m[1] ?? "");

/**
 * The CHECK constraints in force after the last migration, in the order of the migrations: an ADD
 * of a name already in force (without a DROP before it) is kept twice, so the uniqueness test fails.
 */
function checksInForce(): string[] {
  const live: string[] = [];
  for (const m of allMatches(/DROP CONSTRAINT "(\w+)"|CONSTRAINT "(\w+)" CHECK\b/g)) {
    if (m[1] !== undefined) {
      const at = live.indexOf(m[1]);
      if (at >= 0) live.splice(at, 1);
    } else live.push(m[2] ?? "");
  }
  return live;
}

const CHECK_NAMES = checksInForce();

type OnDelete = "cascade" | "set null" | "restrict" | "no action" | "set default";

interface ForeignKey {
  name: string;
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
  onDelete: OnDelete;
}

const FOREIGN_KEYS: ForeignKey[] = allMatches(
  /ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)" FOREIGN KEY \("(\w+)"\) REFERENCES "public"\."(\w+)"\("(\w+)"\) ON DELETE (cascade|set null|restrict|no action|set default)/g,
).map((m) => ({
  table: m[1] ?? "",
  name: m[2] ?? "",
  column: m[3] ?? "",
  refTable: m[4] ?? "",
  refColumn: m[5] ?? "",
  onDelete: (m[6] ?? "no action") as OnDelete,
}));

const UNIQUE_NAMES = [
  ...allMatches(/CONSTRAINT "(\w+)" (?:UNIQUE|PRIMARY KEY)\(/g),
  ...allMatches(/CREATE UNIQUE INDEX "(\w+)"/g),
].map((m) => m[1] ?? "");

const TABLES: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);
const TABLE_BY_NAME = new Map(TABLES.map((table) => [getTableConfig(table).name, table]));

function tableNamed(name: string): PgTable {
  const table = TABLE_BY_NAME.get(name);
  if (!table) throw new Error(`no table ${name} in the drizzle schema`);
  return table;
}

/** The drizzle property of a SQL column, e.g. ("risks", "partnership_id") -> "partnershipId". */
function propertyOf(tableName: string, columnName: string): string {
  for (const [key, column] of Object.entries(getTableColumns(tableNamed(tableName)))) {
    if (column.name === columnName) return key;
  }
  throw new Error(`no column ${tableName}.${columnName} in the drizzle schema`);
}

async function catalogConstraints(type: "c" | "f"): Promise<string[]> {
  const result = await queryRows<{ name: string }>(
    sql`select conname as name from pg_constraint
        where connamespace = 'public'::regnamespace and contype = ${type} order by conname`,
  );
  return result.map((row) => row.name);
}

const sorted = (values: Iterable<string>) => [...values].sort();

// ---------------------------------------------------------------------------------------------
// One valid row of any table, with raw overrides (drizzle property names): used by the
// data-driven foreign key and NOT NULL tests.

type Row = Record<string, unknown>;
type Insert = (values: Row) => Promise<Row>;

const INSERT_BY_TABLE: Record<string, Insert> = {
  users: (v) => f.createUser(db, v as Partial<schema.NewUser>),
  sessions: (v) => f.createSession(db, v as Partial<schema.NewSession>),
  user_municipalities: (v) => f.linkUserMunicipality(db, v as Partial<schema.NewUserMunicipality>),
  invitations: (v) => f.createInvitation(db, v as Partial<schema.NewInvitation>),
  password_resets: (v) => f.createPasswordReset(db, v as Partial<schema.NewPasswordReset>),
  rate_limits: (v) => f.createRateLimit(db, v as Partial<schema.NewRateLimit>),
  import_batches: (v) => f.createImportBatch(db, v as Partial<schema.NewImportBatch>),
  organisations: (v) => f.createOrganisation(db, v as Partial<schema.NewOrganisation>),
  municipalities: (v) => f.createMunicipality(db, v as Partial<schema.NewMunicipality>),
  relationships: (v) => f.createRelationship(db, v as Partial<schema.NewRelationship>),
  partnerships: (v) => f.createPartnership(db, v as Partial<schema.NewPartnership>),
  partnership_members: (v) => f.addMember(db, v as Partial<schema.NewPartnershipMember>),
  documents: (v) => f.createDocument(db, v as Partial<schema.NewDocument>),
  objectives: (v) => f.createObjective(db, v as Partial<schema.NewObjective>),
  funding_lines: (v) => f.createFundingLine(db, v as Partial<schema.NewFundingLine>),
  risks: (v) => f.createRisk(db, v as Partial<schema.NewRisk>),
  health_checks: (v) => f.createHealthCheck(db, v as Partial<schema.NewHealthCheck>),
  pilots: (v) => f.createPilot(db, v as Partial<schema.NewPilot>),
  milestones: (v) => f.createMilestone(db, v as Partial<schema.NewMilestone>),
  pilot_periods: (v) => f.createPilotPeriod(db, v as Partial<schema.NewPilotPeriod>),
  pilot_outcomes: (v) => f.createPilotOutcome(db, v as Partial<schema.NewPilotOutcome>),
  events: (v) => f.createEvent(db, v as Partial<schema.NewEvent>),
  event_organisers: (v) => f.addEventOrganiser(db, v as Partial<schema.NewEventOrganiser>),
  event_participants: (v) => f.addEventParticipant(db, v as Partial<schema.NewEventParticipant>),
  event_takeaways: (v) => f.createEventTakeaway(db, v as Partial<schema.NewEventTakeaway>),
  follow_up_actions: (v) => f.createFollowUpAction(db, v as Partial<schema.NewFollowUpAction>),
  audit_log: (v) => f.createAuditEntry(db, v as Partial<schema.NewAuditLogEntry>),
  graph_layouts: (v) => f.createGraphLayout(db, v as Partial<schema.NewGraphLayout>),
};

function insertRow(table: string, values: Row = {}): Promise<Row> {
  const insert = INSERT_BY_TABLE[table];
  if (!insert) throw new Error(`no factory for table ${table}: add it to INSERT_BY_TABLE`);
  return insert(values);
}

// ---------------------------------------------------------------------------------------------
// CHECK cases

interface Attempt {
  label: string;
  run: () => Promise<unknown>;
}

interface CheckCase {
  constraint: string;
  /** Each must succeed (boundary-valid values). */
  accepted: Attempt[];
  /** Each must be refused with a 23514 naming the constraint. */
  refused: Attempt[];
}

function attempt(label: string, run: () => Promise<unknown>): Attempt {
  return { label, run };
}

function valuesCase<V>(
  constraint: string,
  run: (value: V) => Promise<unknown>,
  accepted: readonly V[],
  refused: readonly V[],
): CheckCase {
  const toAttempts = (values: readonly V[]) =>
    values.map((value) => attempt(JSON.stringify(value), () => run(value)));
  return { constraint, accepted: toAttempts(accepted), refused: toAttempts(refused) };
}

/** Text column holding one enum value: every value of app/lib/enums.ts accepted, others refused. */
function enumCase(
  constraint: string,
  values: readonly string[],
  run: (value: string | null) => Promise<unknown>,
  options: { nullable?: boolean } = {},
): CheckCase {
  const first = values[0] ?? "value";
  return valuesCase<string | null>(constraint, run, options.nullable ? [...values, null] : values, [
    "bogus",
    "",
    first.toUpperCase(),
    ` ${first}`,
    `${first} `,
  ]);
}

/** text[] of enum values: subsets accepted, any unknown element refused. */
function enumArrayCase(
  constraint: string,
  values: readonly string[],
  run: (value: string[]) => Promise<unknown>,
): CheckCase {
  const first = values[0] ?? "value";
  return valuesCase<string[]>(
    constraint,
    run,
    [[], [first], [...values]],
    [["bogus"], [first, "bogus"], [first.toUpperCase()]],
  );
}

/** CHECK (column BETWEEN low AND high). */
function betweenCase(
  constraint: string,
  low: number,
  high: number,
  run: (value: number | null) => Promise<unknown>,
  options: { nullable?: boolean; step?: number } = {},
): CheckCase {
  const step = options.step ?? 1;
  const accepted: (number | null)[] = [low, high];
  if (options.nullable) accepted.push(null);
  return valuesCase(constraint, run, accepted, [low - step, high + step]);
}

/** CHECK (column >= 0). */
function nonNegativeCase(
  constraint: string,
  run: (value: number | null) => Promise<unknown>,
  options: { nullable?: boolean; step?: number } = {},
): CheckCase {
  const step = options.step ?? 1;
  const accepted: (number | null)[] = [0, step, 1_000_000];
  if (options.nullable) accepted.push(null);
  return valuesCase(constraint, run, accepted, [-step, -1_000_000]);
}

/** CHECK (end IS NULL OR start IS NULL OR end >= start): same day and later accepted. */
function dateRangeCase(
  constraint: string,
  run: (start: string | null, end: string | null) => Promise<unknown>,
  options: { nullableStart: boolean; nullableEnd: boolean },
): CheckCase {
  const day = "2025-03-15";
  const pairs: [string | null, string | null][] = [
    [day, day],
    [day, f.addDays(day, 1)],
    [day, f.addDays(day, 400)],
  ];
  if (options.nullableEnd) pairs.push([day, null]);
  if (options.nullableStart) pairs.push([null, day]);
  if (options.nullableStart && options.nullableEnd) pairs.push([null, null]);
  return valuesCase<[string | null, string | null]>(constraint, ([start, end]) => run(start, end), pairs, [
    [day, f.addDays(day, -1)],
    [day, f.addDays(day, -365)],
  ]);
}

/** ISO 3166-1 alpha-2, upper case. */
function countryCodeCase(
  constraint: string,
  run: (value: string | null) => Promise<unknown>,
  options: { nullable: boolean },
): CheckCase {
  const accepted: (string | null)[] = ["NL", "FR", "BE"];
  if (options.nullable) accepted.push(null);
  return valuesCase(constraint, run, accepted, ["nl", "Nl", "NLD", "N", "N1", "", " NL"]);
}

/** Add refused attempts (e.g. through UPDATE) to a case. */
function alsoRefused(checkCase: CheckCase, ...attempts: Attempt[]): CheckCase {
  return { ...checkCase, refused: [...checkCase.refused, ...attempts] };
}

const healthCheckCases = healthDimensions.map((dimension) =>
  betweenCase(
    `health_checks_${dimension}_check`,
    1,
    5,
    (value) =>
      f.createHealthCheck(db, {
        [schema.healthScoreKeys[dimension]]: value,
      } as Partial<schema.NewHealthCheck>),
    { nullable: true },
  ),
);

const CHECK_CASES: CheckCase[] = [
  // users.ts
  enumCase("users_role_check", userRoles, (v) => f.createUser(db, { role: v as UserRole })),
  enumCase("users_locale_check", locales, (v) => f.createUser(db, { locale: v as Locale })),
  enumCase("invitations_role_check", userRoles, (v) => f.createInvitation(db, { role: v as UserRole })),
  nonNegativeCase("rate_limits_count_check", (v) => f.createRateLimit(db, { count: v as number })),
  enumCase("import_batches_kind_check", importKinds, (v) =>
    f.createImportBatch(db, { kind: v as ImportKind }),
  ),
  enumCase("import_batches_layout_check", importLayouts, (v) =>
    f.createImportBatch(db, { layout: v as ImportLayout }),
  ),

  // organisations.ts
  countryCodeCase(
    "municipalities_country_code_check",
    (v) => f.createMunicipality(db, { countryCode: v as string }),
    {
      nullable: false,
    },
  ),
  enumCase("organisations_type_check", organisationTypes, (v) =>
    f.createOrganisation(db, { type: v as OrganisationType }),
  ),
  enumCase("organisations_level_check", levels, (v) => f.createOrganisation(db, { level: v as Level })),
  countryCodeCase("organisations_country_code_check", (v) => f.createOrganisation(db, { countryCode: v }), {
    nullable: true,
  }),
  {
    constraint: "organisations_parent_not_self_check",
    accepted: [
      attempt("another organisation as parent", async () => {
        const parent = await f.createOrganisation(db);
        await f.createOrganisation(db, { parentOrganisationId: parent.id });
      }),
      attempt("no parent", () => f.createOrganisation(db, { parentOrganisationId: null })),
    ],
    refused: [
      attempt("itself as parent (insert)", () => {
        const id = randomUUID();
        return f.createOrganisation(db, { id, parentOrganisationId: id });
      }),
      attempt("itself as parent (update)", async () => {
        const organisation = await f.createOrganisation(db);
        await db
          .update(schema.organisations)
          .set({ parentOrganisationId: organisation.id })
          .where(eq(schema.organisations.id, organisation.id));
      }),
    ],
  },
  enumCase("relationships_type_check", relationshipTypes, (v) =>
    f.createRelationship(db, { type: v as RelationshipType }),
  ),
  {
    constraint: "relationships_not_self_check",
    accepted: [attempt("two organisations", () => f.createRelationship(db))],
    refused: [
      attempt("an organisation with itself", async () => {
        const organisation = await f.createOrganisation(db);
        await f.createRelationship(db, {
          fromOrganisationId: organisation.id,
          toOrganisationId: organisation.id,
        });
      }),
    ],
  },
  dateRangeCase(
    "relationships_dates_check",
    (startsOn, endsOn) => f.createRelationship(db, { startsOn, endsOn }),
    {
      nullableStart: true,
      nullableEnd: true,
    },
  ),

  // partnerships.ts
  enumCase("documents_kind_check", documentKinds, (v) => f.createDocument(db, { kind: v as DocumentKind })),
  alsoRefused(
    {
      constraint: "documents_owner_check",
      accepted: [
        attempt("a partnership only", async () => {
          const partnership = await f.createPartnership(db);
          await f.createDocument(db, { partnershipId: partnership.id, pilotId: null });
        }),
        attempt("a pilot only", async () => {
          const pilot = await f.createPilot(db);
          await f.createDocument(db, { partnershipId: null, pilotId: pilot.id });
        }),
      ],
      refused: [
        attempt("neither", () => f.createDocument(db, { partnershipId: null, pilotId: null })),
        attempt("both", async () => {
          const pilot = await f.createPilot(db);
          const partnership = await f.createPartnership(db);
          await f.createDocument(db, { partnershipId: partnership.id, pilotId: pilot.id });
        }),
      ],
    },
    attempt("a pilot added to a partnership's document (update)", async () => {
      const document = await f.createDocument(db);
      const pilot = await f.createPilot(db);
      await db
        .update(schema.documents)
        .set({ pilotId: pilot.id })
        .where(eq(schema.documents.id, document.id));
    }),
  ),
  valuesCase(
    "documents_url_check",
    (url: string) => f.createDocument(db, { url }),
    ["https://example.org/a.pdf", "http://example.org", "HTTPS://EXAMPLE.ORG/DOC"],
    [
      "example.org/a.pdf",
      "ftp://example.org/a.pdf",
      "javascript:alert(1)",
      "",
      " https://example.org",
      "https:/x",
    ],
  ),
  enumCase("funding_lines_source_check", fundingSources, (v) =>
    f.createFundingLine(db, { source: v as FundingSource }),
  ),
  enumCase("funding_lines_stage_check", fundingStages, (v) =>
    f.createFundingLine(db, { stage: v as FundingStage }),
  ),
  enumArrayCase("funding_lines_pathways_covered_check", outcomePathways, (v) =>
    f.createFundingLine(db, { pathwaysCovered: v as OutcomePathway[] }),
  ),
  {
    constraint: "funding_lines_owner_check",
    accepted: [
      attempt("a partnership only", async () => {
        const partnership = await f.createPartnership(db);
        await f.createFundingLine(db, { partnershipId: partnership.id, pilotId: null });
      }),
      attempt("a pilot only", async () => {
        const pilot = await f.createPilot(db);
        await f.createFundingLine(db, { partnershipId: null, pilotId: pilot.id });
      }),
    ],
    refused: [
      attempt("neither", () => f.createFundingLine(db, { partnershipId: null, pilotId: null })),
      attempt("both", async () => {
        const pilot = await f.createPilot(db);
        const partnership = await f.createPartnership(db);
        await f.createFundingLine(db, { partnershipId: partnership.id, pilotId: pilot.id });
      }),
    ],
  },
  valuesCase(
    "funding_lines_amount_check",
    (amount: string | null) => f.createFundingLine(db, { amount }),
    ["0.00", "0.01", "999999999999.99", null],
    ["-0.01", "-1000.00"],
  ),
  betweenCase(
    "funding_lines_cofinancing_rate_check",
    0,
    100,
    (v) => f.createFundingLine(db, { cofinancingRate: v }),
    {
      nullable: true,
      step: 0.01,
    },
  ),
  valuesCase(
    "funding_lines_currency_check",
    (currency: string) => f.createFundingLine(db, { currency }),
    ["EUR", "USD", "SEK"],
    ["eur", "Eur", "EU", "EURO", "E1R", "", "€"],
  ),
  dateRangeCase(
    "funding_lines_dates_check",
    (startsOn, endsOn) => f.createFundingLine(db, { startsOn, endsOn }),
    {
      nullableStart: true,
      nullableEnd: true,
    },
  ),
  valuesCase(
    "health_checks_period_check",
    (period: string) => f.createHealthCheck(db, { period }),
    ["2025-Q1", "2025-Q4", "1999-Q2"],
    ["2025-Q0", "2025-Q5", "25-Q1", "2025Q1", "2025-q1", "2025-Q1 ", "2025-Q12", "2025-03", ""],
  ),
  ...healthCheckCases,
  enumCase("objectives_status_check", objectiveStatuses, (v) =>
    f.createObjective(db, { status: v as ObjectiveStatus }),
  ),
  nonNegativeCase("objectives_progress_check", (v) => f.createObjective(db, { progress: v }), {
    nullable: true,
    step: 0.5,
  }),
  enumCase("partnership_members_role_check", memberRoles, (v) => f.addMember(db, { role: v as MemberRole })),
  dateRangeCase(
    "partnership_members_dates_check",
    (joinedOn, leftOn) => f.addMember(db, { joinedOn, leftOn }),
    {
      nullableStart: true,
      nullableEnd: true,
    },
  ),
  enumCase("partnerships_status_check", partnershipStatuses, (v) =>
    f.createPartnership(db, { status: v as PartnershipStatus }),
  ),
  enumCase(
    "partnerships_scope_level_check",
    levels,
    (v) => f.createPartnership(db, { scopeLevel: v as Level | null }),
    {
      nullable: true,
    },
  ),
  enumCase("partnerships_formalisation_check", formalisations, (v) =>
    f.createPartnership(db, { formalisation: v as Formalisation }),
  ),
  countryCodeCase("partnerships_country_code_check", (v) => f.createPartnership(db, { countryCode: v }), {
    nullable: true,
  }),
  alsoRefused(
    dateRangeCase(
      "partnerships_dates_check",
      (startDate, endDate) => f.createPartnership(db, { startDate, endDate }),
      { nullableStart: true, nullableEnd: true },
    ),
    attempt("an end date moved before the start (update)", async () => {
      const partnership = await f.createPartnership(db, { startDate: "2025-01-01", endDate: "2025-12-31" });
      await db
        .update(schema.partnerships)
        .set({ endDate: "2024-12-31" })
        .where(eq(schema.partnerships.id, partnership.id));
    }),
  ),
  enumCase("risks_category_check", riskCategories, (v) => f.createRisk(db, { category: v as RiskCategory })),
  enumCase("risks_status_check", riskStatuses, (v) => f.createRisk(db, { status: v as RiskStatus })),
  alsoRefused(
    betweenCase("risks_likelihood_check", 1, 5, (v) => f.createRisk(db, { likelihood: v as number })),
    attempt("likelihood 6 (update)", async () => {
      const risk = await f.createRisk(db);
      await db.update(schema.risks).set({ likelihood: 6 }).where(eq(schema.risks.id, risk.id));
    }),
  ),
  betweenCase("risks_impact_check", 1, 5, (v) => f.createRisk(db, { impact: v as number })),

  // pilots.ts
  enumCase("milestones_status_check", milestoneStatuses, (v) =>
    f.createMilestone(db, { status: v as MilestoneStatus }),
  ),
  nonNegativeCase("milestones_position_check", (v) => f.createMilestone(db, { position: v as number })),
  enumCase("pilot_outcomes_pathway_check", outcomePathways, (v) =>
    f.createPilotOutcome(db, { pathway: v as OutcomePathway }),
  ),
  nonNegativeCase("pilot_outcomes_count_check", (v) => f.createPilotOutcome(db, { count: v as number })),
  dateRangeCase(
    "pilot_periods_dates_check",
    (periodStart, periodEnd) =>
      f.createPilotPeriod(db, { periodStart: periodStart as string, periodEnd: periodEnd as string }),
    { nullableStart: false, nullableEnd: false },
  ),
  nonNegativeCase("pilot_periods_new_participants_check", (v) =>
    f.createPilotPeriod(db, { newParticipants: v as number }),
  ),
  nonNegativeCase("pilot_periods_participants_at_end_check", (v) =>
    f.createPilotPeriod(db, { participantsAtEnd: v as number }),
  ),
  enumCase("pilots_target_group_check", targetGroups, (v) =>
    f.createPilot(db, { targetGroup: v as TargetGroup }),
  ),
  enumArrayCase("pilots_pathways_check", outcomePathways, (v) =>
    f.createPilot(db, { pathways: v as OutcomePathway[] }),
  ),
  enumCase("pilots_status_check", pilotStatuses, (v) => f.createPilot(db, { status: v as PilotStatus })),
  dateRangeCase("pilots_dates_check", (startsOn, endsOn) => f.createPilot(db, { startsOn, endsOn }), {
    nullableStart: true,
    nullableEnd: true,
  }),
  nonNegativeCase("pilots_capacity_check", (v) => f.createPilot(db, { capacity: v }), { nullable: true }),

  // events.ts
  nonNegativeCase(
    "event_participants_attendee_count_check",
    (v) => f.addEventParticipant(db, { attendeeCount: v }),
    {
      nullable: true,
    },
  ),
  nonNegativeCase("event_takeaways_position_check", (v) =>
    f.createEventTakeaway(db, { position: v as number }),
  ),
  enumCase("events_kind_check", eventKinds, (v) => f.createEvent(db, { kind: v as EventKind })),
  dateRangeCase(
    "events_dates_check",
    (startsOn, endsOn) => f.createEvent(db, { startsOn: startsOn as string, endsOn }),
    { nullableStart: false, nullableEnd: true },
  ),
  enumCase("follow_up_actions_status_check", actionStatuses, (v) =>
    f.createFollowUpAction(db, { status: v as ActionStatus }),
  ),

  // audit.ts
  enumCase("audit_log_action_check", auditActions, (v) =>
    f.createAuditEntry(db, { action: v as AuditAction }),
  ),
];

describe("CHECK constraints", () => {
  it("the migrations declare CHECK constraints, each with a unique name", () => {
    expect(CHECK_NAMES.length).toBeGreaterThan(0);
    expect(DECLARED_CHECKS.length).toBe(SQL_TEXT.split(" CHECK (").length - 1);
    expect(new Set(CHECK_NAMES).size).toBe(CHECK_NAMES.length);
  });

  it("every CHECK constraint of the migrations has a case here (and no case is stale)", () => {
    const caseNames = CHECK_CASES.map((c) => c.constraint);
    expect(new Set(caseNames).size, "a constraint has two cases").toBe(caseNames.length);
    expect(sorted(caseNames)).toEqual(sorted(CHECK_NAMES));
  });

  it("the drizzle schema declares the same CHECK constraints as the migrations", () => {
    const schemaNames = TABLES.flatMap((table) => getTableConfig(table).checks.map((check) => check.name));
    expect(sorted(schemaNames)).toEqual(sorted(CHECK_NAMES));
  });

  it("the migrated database has exactly the CHECK constraints of the migrations", async () => {
    expect(await catalogConstraints("c")).toEqual(sorted(CHECK_NAMES));
  });

  it.for(CHECK_CASES)("$constraint", async ({ constraint, accepted, refused }) => {
    expect(refused.length).toBeGreaterThan(0);
    for (const { label, run } of accepted) await expectAccepted(run(), `${constraint} with ${label}`);
    for (const { label, run } of refused) {
      await expectConstraintViolation(
        run(),
        { code: PG.checkViolation, constraint },
        `${constraint} with ${label}`,
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Foreign keys

async function countReferencing(fk: ForeignKey, parentId: unknown): Promise<number> {
  const result = await queryRows<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(fk.table)} where ${sql.identifier(fk.column)} = ${parentId}`,
  );
  return result[0]?.n ?? -1;
}

function deleteParent(fk: ForeignKey, parentId: unknown): Promise<unknown> {
  return db.execute(
    sql`delete from ${sql.identifier(fk.refTable)} where ${sql.identifier(fk.refColumn)} = ${parentId}`,
  );
}

describe("foreign keys", () => {
  it("the migrations declare foreign keys, all parsed here", () => {
    expect(FOREIGN_KEYS.length).toBeGreaterThan(0);
    expect(FOREIGN_KEYS.length).toBe(SQL_TEXT.split("FOREIGN KEY").length - 1);
    expect(new Set(FOREIGN_KEYS.map((fk) => fk.name)).size).toBe(FOREIGN_KEYS.length);
  });

  it("the drizzle schema declares the same foreign keys as the migrations", () => {
    const schemaNames = TABLES.flatMap((table) =>
      getTableConfig(table).foreignKeys.map((fk) => fk.getName()),
    );
    expect(sorted(schemaNames)).toEqual(sorted(FOREIGN_KEYS.map((fk) => fk.name)));
  });

  it("the migrated database has exactly the foreign keys of the migrations", async () => {
    expect(await catalogConstraints("f")).toEqual(sorted(FOREIGN_KEYS.map((fk) => fk.name)));
  });

  it("every table has a factory here (so every foreign key and NOT NULL column is exercised)", () => {
    expect(sorted(Object.keys(INSERT_BY_TABLE))).toEqual(sorted(TABLE_BY_NAME.keys()));
  });

  it.for(FOREIGN_KEYS)("$name refuses a reference to a missing $refTable row", async (fk) => {
    const values: Row = { [propertyOf(fk.table, fk.column)]: randomUUID() };
    await expectConstraintViolation(insertRow(fk.table, values), {
      code: PG.foreignKeyViolation,
      constraint: fk.name,
    });
  });

  it.for(FOREIGN_KEYS)("$name: deleting the $refTable row does ON DELETE $onDelete", async (fk) => {
    const parent = await insertRow(fk.refTable);
    const parentId = parent[propertyOf(fk.refTable, fk.refColumn)];
    const child = await insertRow(fk.table, { [propertyOf(fk.table, fk.column)]: parentId });
    expect(await countReferencing(fk, parentId)).toBe(1);

    if (fk.onDelete === "restrict" || fk.onDelete === "no action") {
      await expectConstraintViolation(deleteParent(fk, parentId), {
        code: fk.onDelete === "restrict" ? RESTRICTED : PG.foreignKeyViolation,
        constraint: fk.name,
      });
      expect(await countReferencing(fk, parentId)).toBe(1);
      return;
    }
    await expectAccepted(deleteParent(fk, parentId), `deleting the ${fk.refTable} row`);
    expect(await countReferencing(fk, parentId)).toBe(0);
    if (fk.onDelete === "set null") {
      // The child is still there, its reference cleared.
      expect(child.id, `${fk.table} needs an id column for this test`).toBeDefined();
      const [kept] = await queryRows<{ value: unknown }>(
        sql`select ${sql.identifier(fk.column)} as value from ${sql.identifier(fk.table)} where id = ${child.id}`,
      );
      expect(kept).toEqual({ value: null });
    }
    if (fk.onDelete === "set default")
      expect.fail(`${fk.name}: ON DELETE SET DEFAULT is not covered by this test`);
  });

  it("deleting a partnership deletes its members, objectives, risks, health checks, documents and funding", async () => {
    const partnership = await f.createPartnership(db);
    const organisation = await f.createOrganisation(db);
    const partnershipId = partnership.id;
    await f.addMember(db, { partnershipId, organisationId: organisation.id });
    await f.addMember(db, { partnershipId });
    await f.createObjective(db, { partnershipId });
    await f.createRisk(db, { partnershipId, ownerOrganisationId: organisation.id });
    await f.createHealthCheck(db, { partnershipId, respondentOrganisationId: organisation.id });
    await f.createDocument(db, { partnershipId });
    await f.createFundingLine(db, { partnershipId, funderOrganisationId: organisation.id });
    const pilot = await f.createPilot(db, { partnershipId });
    const action = await f.createFollowUpAction(db, { partnershipId });

    await db.delete(schema.partnerships).where(eq(schema.partnerships.id, partnershipId));

    for (const table of [
      schema.partnershipMembers,
      schema.objectives,
      schema.risks,
      schema.healthChecks,
      schema.documents,
      schema.fundingLines,
    ]) {
      const left = await db.select().from(table).where(eq(table.partnershipId, partnershipId));
      expect(left, getTableConfig(table).name).toEqual([]);
    }
    // Pilots and follow-up actions outlive the partnership; the organisation too.
    const [keptPilot] = await db.select().from(schema.pilots).where(eq(schema.pilots.id, pilot.id));
    expect(keptPilot?.partnershipId).toBeNull();
    const [keptAction] = await db
      .select()
      .from(schema.followUpActions)
      .where(eq(schema.followUpActions.id, action.id));
    expect(keptAction?.partnershipId).toBeNull();
    expect(
      await db.select().from(schema.organisations).where(eq(schema.organisations.id, organisation.id)),
    ).toHaveLength(1);
  });

  it("an organisation that is a partnership member cannot be deleted until the membership is removed", async () => {
    const member = await f.addMember(db);
    const deleteOrganisation = () =>
      db.delete(schema.organisations).where(eq(schema.organisations.id, member.organisationId));
    await expectConstraintViolation(deleteOrganisation(), {
      code: RESTRICTED,
      constraint: "partnership_members_organisation_id_organisations_id_fk",
    });
    await db.delete(schema.partnershipMembers).where(eq(schema.partnershipMembers.id, member.id));
    await expectAccepted(deleteOrganisation(), "deleting the former member");
  });

  it("deleting an organisation clears the optional references to it (users, funding, risks, children)", async () => {
    const organisation = await f.createOrganisation(db);
    const organisationId = organisation.id;
    const user = await f.createUser(db, { organisationId });
    const child = await f.createOrganisation(db, { parentOrganisationId: organisationId });
    const funding = await f.createFundingLine(db, {
      funderOrganisationId: organisationId,
      recipientOrganisationId: organisationId,
    });
    const risk = await f.createRisk(db, { ownerOrganisationId: organisationId });

    await db.delete(schema.organisations).where(eq(schema.organisations.id, organisationId));

    const [keptUser] = await db.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(keptUser?.organisationId).toBeNull();
    const [keptChild] = await db
      .select()
      .from(schema.organisations)
      .where(eq(schema.organisations.id, child.id));
    expect(keptChild?.parentOrganisationId).toBeNull();
    const [keptFunding] = await db
      .select()
      .from(schema.fundingLines)
      .where(eq(schema.fundingLines.id, funding.id));
    expect(keptFunding).toMatchObject({ funderOrganisationId: null, recipientOrganisationId: null });
    const [keptRisk] = await db.select().from(schema.risks).where(eq(schema.risks.id, risk.id));
    expect(keptRisk?.ownerOrganisationId).toBeNull();
  });

  it("deleting a pilot deletes its milestones, periods and their outcomes", async () => {
    const pilot = await f.createPilot(db);
    await f.createMilestone(db, { pilotId: pilot.id });
    const period = await f.createPilotPeriod(db, { pilotId: pilot.id });
    await f.createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "residence_permit" });
    await f.createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "voluntary_return" });

    await db.delete(schema.pilots).where(eq(schema.pilots.id, pilot.id));

    expect(await db.select().from(schema.milestones).where(eq(schema.milestones.pilotId, pilot.id))).toEqual(
      [],
    );
    expect(
      await db.select().from(schema.pilotPeriods).where(eq(schema.pilotPeriods.pilotId, pilot.id)),
    ).toEqual([]);
    expect(
      await db.select().from(schema.pilotOutcomes).where(eq(schema.pilotOutcomes.pilotPeriodId, period.id)),
    ).toEqual([]);
  });

  it("a municipality with a pilot cannot be deleted", async () => {
    const pilot = await f.createPilot(db);
    await expectConstraintViolation(
      db.delete(schema.municipalities).where(eq(schema.municipalities.id, pilot.municipalityId)),
      { code: RESTRICTED, constraint: "pilots_municipality_id_municipalities_id_fk" },
    );
  });

  it("deleting a user deletes their sessions and resets, and keeps their events and audit entries", async () => {
    const user = await f.createUser(db);
    await f.createSession(db, { userId: user.id });
    await f.createPasswordReset(db, { userId: user.id });
    const event = await f.createEvent(db, { createdBy: user.id });
    const entry = await f.createAuditEntry(db, { userId: user.id });

    await db.delete(schema.users).where(eq(schema.users.id, user.id));

    expect(await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))).toEqual([]);
    expect(
      await db.select().from(schema.passwordResets).where(eq(schema.passwordResets.userId, user.id)),
    ).toEqual([]);
    const [keptEvent] = await db.select().from(schema.events).where(eq(schema.events.id, event.id));
    expect(keptEvent?.createdBy).toBeNull();
    const [keptEntry] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.id, entry.id));
    expect(keptEntry?.userId).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Unique keys

interface UniqueCase {
  constraint: string;
  scenario: () => Promise<void>;
}

/**
 * `first` inserts a row; each of `duplicates` must then be refused by `constraint`, and each
 * of `distinct` (a near miss) accepted.
 */
function uniqueCase<T>(
  constraint: string,
  spec: {
    first: () => Promise<T>;
    duplicates: Record<string, (first: T) => Promise<unknown>>;
    distinct: Record<string, (first: T) => Promise<unknown>>;
  },
): UniqueCase {
  return {
    constraint,
    async scenario() {
      const first = await spec.first();
      for (const [label, duplicate] of Object.entries(spec.duplicates)) {
        await expectConstraintViolation(duplicate(first), { code: PG.uniqueViolation, constraint }, label);
      }
      for (const [label, distinct] of Object.entries(spec.distinct)) {
        await expectAccepted(distinct(first), `${constraint}: ${label}`);
      }
    },
  };
}

const UNIQUE_CASES: UniqueCase[] = [
  uniqueCase("users_email_lower_idx", {
    first: () => f.createUser(db, { email: `Alice-${f.nextSeq()}@x.org` }),
    duplicates: {
      "the same e-mail": (user) => f.createUser(db, { email: user.email }),
      "the e-mail in lower case": (user) => f.createUser(db, { email: user.email.toLowerCase() }),
      "the e-mail with another case (alice@X.ORG)": (user) =>
        f.createUser(db, { email: user.email.toLowerCase().replace("@x.org", "@X.ORG") }),
      "a second user changed to the e-mail": async (user) => {
        const other = await f.createUser(db);
        await db
          .update(schema.users)
          .set({ email: user.email.toUpperCase() })
          .where(eq(schema.users.id, other.id));
      },
    },
    distinct: {
      "another domain": (user) => f.createUser(db, { email: user.email.replace("@x.org", "@y.org") }),
    },
  }),
  uniqueCase("users_calendar_token_hash_unique", {
    first: () => f.createUser(db, { calendarTokenHash: f.randomHex() }),
    duplicates: {
      "the same calendar token": (user) => f.createUser(db, { calendarTokenHash: user.calendarTokenHash }),
    },
    distinct: {
      "another calendar token": () => f.createUser(db, { calendarTokenHash: f.randomHex() }),
      "two users without a calendar token": async () => {
        await f.createUser(db, { calendarTokenHash: null });
        await f.createUser(db, { calendarTokenHash: null });
      },
    },
  }),
  uniqueCase("invitations_token_hash_unique", {
    first: () => f.createInvitation(db),
    duplicates: {
      "the same token": (invitation) => f.createInvitation(db, { tokenHash: invitation.tokenHash }),
    },
    distinct: {
      "the same e-mail invited again": (invitation) => f.createInvitation(db, { email: invitation.email }),
    },
  }),
  uniqueCase("password_resets_token_hash_unique", {
    first: () => f.createPasswordReset(db),
    duplicates: { "the same token": (reset) => f.createPasswordReset(db, { tokenHash: reset.tokenHash }) },
    distinct: {
      "a second reset for the same user": (reset) => f.createPasswordReset(db, { userId: reset.userId }),
    },
  }),
  uniqueCase("partnership_members_partnership_organisation_unique", {
    first: () => f.addMember(db),
    duplicates: {
      "the same organisation twice in a partnership": (member) =>
        f.addMember(db, {
          partnershipId: member.partnershipId,
          organisationId: member.organisationId,
          role: "lead",
        }),
    },
    distinct: {
      "the organisation in another partnership": (member) =>
        f.addMember(db, { organisationId: member.organisationId }),
      "another organisation in the partnership": (member) =>
        f.addMember(db, { partnershipId: member.partnershipId }),
    },
  }),
  uniqueCase("health_checks_partnership_respondent_period_unique", {
    first: () => f.createHealthCheck(db, { period: "2025-Q2" }),
    duplicates: {
      "a second answer in the period": (check) =>
        f.createHealthCheck(db, {
          partnershipId: check.partnershipId,
          respondentOrganisationId: check.respondentOrganisationId,
          period: check.period,
          trust: 5,
        }),
    },
    distinct: {
      "another period": (check) =>
        f.createHealthCheck(db, {
          partnershipId: check.partnershipId,
          respondentOrganisationId: check.respondentOrganisationId,
          period: "2025-Q3",
        }),
      "another respondent": (check) =>
        f.createHealthCheck(db, { partnershipId: check.partnershipId, period: check.period }),
    },
  }),
  uniqueCase("pilot_outcomes_period_pathway_unique", {
    first: () => f.createPilotOutcome(db, { pathway: "residence_permit" }),
    duplicates: {
      "the pathway twice in a period": (outcome) =>
        f.createPilotOutcome(db, {
          pilotPeriodId: outcome.pilotPeriodId,
          pathway: outcome.pathway,
          count: 7,
        }),
    },
    distinct: {
      "another pathway in the period": (outcome) =>
        f.createPilotOutcome(db, { pilotPeriodId: outcome.pilotPeriodId, pathway: "forced_return" }),
      "the pathway in another period": (outcome) => f.createPilotOutcome(db, { pathway: outcome.pathway }),
    },
  }),
  uniqueCase("pilot_periods_pilot_period_start_unique", {
    first: () => f.createPilotPeriod(db, { periodStart: "2025-01-01", periodEnd: "2025-03-31" }),
    duplicates: {
      "a second period starting the same day": (period) =>
        f.createPilotPeriod(db, {
          pilotId: period.pilotId,
          periodStart: period.periodStart,
          periodEnd: "2025-06-30",
        }),
    },
    distinct: {
      "the next period": (period) =>
        f.createPilotPeriod(db, {
          pilotId: period.pilotId,
          periodStart: "2025-04-01",
          periodEnd: "2025-06-30",
        }),
      "the same dates in another pilot": (period) =>
        f.createPilotPeriod(db, { periodStart: period.periodStart, periodEnd: period.periodEnd }),
    },
  }),
  uniqueCase("event_organisers_event_organisation_unique", {
    first: () => f.addEventOrganiser(db),
    duplicates: {
      "the same organiser twice": (row) =>
        f.addEventOrganiser(db, { eventId: row.eventId, organisationId: row.organisationId }),
    },
    distinct: { "a second organiser": (row) => f.addEventOrganiser(db, { eventId: row.eventId }) },
  }),
  uniqueCase("event_participants_event_organisation_unique", {
    first: () => f.addEventParticipant(db),
    duplicates: {
      "the same participant twice": (row) =>
        f.addEventParticipant(db, {
          eventId: row.eventId,
          organisationId: row.organisationId,
          attendeeCount: 9,
        }),
    },
    distinct: { "a second participant": (row) => f.addEventParticipant(db, { eventId: row.eventId }) },
  }),
  uniqueCase("graph_layouts_key_unique", {
    first: () => f.createGraphLayout(db),
    duplicates: { "the same key": (layout) => f.createGraphLayout(db, { key: layout.key }) },
    distinct: { "another key": () => f.createGraphLayout(db) },
  }),
  uniqueCase("rate_limits_pkey", {
    first: () => f.createRateLimit(db, { windowStart: new Date("2025-01-01T10:00:00Z") }),
    duplicates: {
      "the same key and window": (limit) =>
        f.createRateLimit(db, { key: limit.key, windowStart: limit.windowStart }),
    },
    distinct: {
      "the next window": (limit) =>
        f.createRateLimit(db, { key: limit.key, windowStart: new Date("2025-01-01T10:01:00Z") }),
    },
  }),
  uniqueCase("user_municipalities_pkey", {
    first: () => f.linkUserMunicipality(db),
    duplicates: {
      "the same municipality twice": (link) =>
        f.linkUserMunicipality(db, { userId: link.userId, municipalityId: link.municipalityId }),
    },
    distinct: { "a second municipality": (link) => f.linkUserMunicipality(db, { userId: link.userId }) },
  }),
];

describe("unique keys", () => {
  it("every UNIQUE constraint, composite primary key and unique index of the migrations has a case here", () => {
    expect(UNIQUE_NAMES.length).toBeGreaterThan(0);
    const caseNames = UNIQUE_CASES.map((c) => c.constraint);
    expect(new Set(caseNames).size).toBe(caseNames.length);
    expect(sorted(caseNames)).toEqual(sorted(UNIQUE_NAMES));
  });

  it.for(UNIQUE_CASES)("$constraint", async ({ scenario }) => {
    await scenario();
  });

  it("a duplicate primary key is refused", async () => {
    const organisation = await f.createOrganisation(db);
    await expectConstraintViolation(f.createOrganisation(db, { id: organisation.id }), {
      code: PG.uniqueViolation,
      constraint: "organisations_pkey",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// NOT NULL

const NOT_NULL_BY_TABLE = TABLES.map((table) => ({
  table: getTableConfig(table).name,
  columns: Object.entries(getTableColumns(table))
    .filter(([, column]) => column.notNull)
    .map(([key, column]) => ({ key, column: column.name })),
})).sort((a, b) => a.table.localeCompare(b.table));

describe("NOT NULL", () => {
  it.for(NOT_NULL_BY_TABLE)(
    "$table: an explicit null in each NOT NULL column is refused",
    async ({ table, columns }) => {
      expect(columns.length).toBeGreaterThan(0);
      await expectAccepted(insertRow(table), `a default ${table} row`);
      for (const { key, column } of columns) {
        await expectConstraintViolation(
          insertRow(table, { [key]: null }),
          { code: PG.notNullViolation, column },
          `${table}.${column} = null`,
        );
      }
    },
  );

  it("an insert leaving out a required column is refused (raw SQL)", async () => {
    const partnership = await f.createPartnership(db);
    await expectConstraintViolation(
      db.execute(
        sql`insert into risks (partnership_id, category, title) values (${partnership.id}, 'funding', 'No scores')`,
      ),
      { code: PG.notNullViolation, column: "likelihood", table: "risks" },
    );
    await expectConstraintViolation(
      db.execute(sql`insert into organisations (type, level) values ('cso', 'local')`),
      { code: PG.notNullViolation, column: "name", table: "organisations" },
    );
    await expectConstraintViolation(
      db.execute(
        sql`insert into users (name, password_hash, role) values ('No Mail', 'scrypt$test', 'viewer')`,
      ),
      { code: PG.notNullViolation, column: "email", table: "users" },
    );
  });

  it("an update setting a required column to null is refused", async () => {
    const member = await f.addMember(db);
    await expectConstraintViolation(
      db.execute(sql`update partnership_members set organisation_id = null where id = ${member.id}`),
      { code: PG.notNullViolation, column: "organisation_id" },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// updated_at (maintained by drizzle's $onUpdate, not by a database trigger)

describe("updated_at", () => {
  it("every table with updated_at refreshes it on drizzle updates ($onUpdate)", () => {
    const withoutOnUpdate = TABLES.flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((column) => column.name === "updated_at" && column.onUpdateFn === undefined)
        .map(() => getTableConfig(table).name),
    );
    expect(withoutOnUpdate).toEqual([]);
  });

  it("a drizzle update moves updated_at forward and leaves created_at alone", async () => {
    const organisation = await f.createOrganisation(db);
    const risk = await f.createRisk(db);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const [updated] = await db
      .update(schema.organisations)
      .set({ name: f.uniqueName("Renamed") })
      .where(eq(schema.organisations.id, organisation.id))
      .returning();
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(organisation.updatedAt.getTime());
    expect(updated?.createdAt.getTime()).toBe(organisation.createdAt.getTime());

    const [updatedRisk] = await db
      .update(schema.risks)
      .set({ status: "closed" })
      .where(eq(schema.risks.id, risk.id))
      .returning();
    expect(updatedRisk?.updatedAt.getTime()).toBeGreaterThan(risk.updatedAt.getTime());
  });
});
