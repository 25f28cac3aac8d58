// Property-based tests of the forms (issue 9, "bad input"): a form is described once (its action,
// the user who may submit it, a valid submission and the kind of each field) and fast-check
// submits generated inputs to the action in process, as the server would. For every input: never a
// 5xx; an input known to be wrong is refused (4xx, with field errors on a 400/422) and nothing stored
// changes (a fingerprint of the form's tables and of the audit log); a valid text that was stored
// comes back unchanged (trimmed, as the forms trim).
//
// PROPERTY_RUNS sets the inputs per form (5 by default, for `npm test`; `npm run test:props` runs 200), and
// PROPERTY_SEED the seed (a fixed one by default, so a failure reproduces; it is printed).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import { callRoute, post, type RouteOutcome } from "./routes";

export const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 5);
export const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20_260_127);

let seedPrinted = false;
/** fast-check's parameters for one form's property (the seed is printed once per file). */
export function propertyParameters(runs = PROPERTY_RUNS): fc.Parameters<unknown> {
  if (!seedPrinted) {
    seedPrinted = true;
    console.info(
      `property tests: seed ${PROPERTY_SEED}, ${runs} inputs per form (PROPERTY_SEED, PROPERTY_RUNS)`,
    );
  }
  return { numRuns: runs, seed: PROPERTY_SEED, endOnFailure: true };
}

// --- generated values -------------------------------------------------------------------------

/** What a generated value is for its field: surely accepted, surely refused, or either. */
export type Verdict = "valid" | "invalid" | "unknown";
/** A form value: one string, repeated names (an array), or the field left out (undefined). */
export type FormValue = string | readonly string[] | undefined;
export interface Generated {
  value: FormValue;
  verdict: Verdict;
}

const v = (value: FormValue, verdict: Verdict): Generated => ({ value, verdict });
const tagged = (arb: fc.Arbitrary<FormValue>, verdict: Verdict) => arb.map((value) => v(value, verdict));

export const SCRIPT = `<script>alert(1)</script>`;
export const IMG = `<img src=x onerror="alert(1)">`;
export const SQL_FRAGMENTS = [
  `'; drop table organisations; --`,
  `" or 1=1 --`,
  `1; select pg_sleep(1)`,
  `\\'; delete from audit_log; --`,
  `$$; truncate users; $$`,
];
/** Text any form should keep as typed: accents, emoji, right-to-left, combining marks, quotes. */
export const PLAIN_UNICODE = [
  "Café Ünïcødé",
  "Stichting 🌍🤝🏽 Samen",
  "مؤسسة العودة الطوعية",
  "שיתוף פעולה",
  "Z̷a̴l̶g̵o̸ t̶e̷x̸t̵",
  "e\u0301\u0302\u0303 combining",
  "Ωμέγα & Co. \"quoted\" 'single'",
  "中文组织名称",
  "O'Brien & Sons",
  "‮RTL override‬",
];
/** NUL: PostgreSQL cannot store it in text (nor jsonb), so a form must refuse it. */
export const NUL = ["a\u0000b", "\u0000", "end\u0000"];
/** Other control characters, and a lone surrogate: stored or refused, never a 5xx. */
export const CONTROL = [
  "tab\there",
  "bell\u0007",
  "esc\u001b[31m",
  "line\r\nbreak",
  "\u0085\u2028\u2029",
  "\ufeffbom",
  "\ud800 lone surrogate",
];
const NOT_UUIDS = [
  "",
  "1",
  "abc",
  "00000000-0000-0000-0000-00000000000g",
  "' or 1=1 --",
  "../../etc/passwd",
  "null",
  "undefined",
  "[object Object]",
  "{{id}}",
  SCRIPT,
];

const unicodeText = (minLength: number, maxLength: number) =>
  fc
    .string({ unit: "grapheme", minLength, maxLength })
    // Markup and NUL are judged by their own cases; here: text the field surely keeps.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is left out
    .filter((s) => !/[<>\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s) && s.trim().length > 0);

export interface TextOptions {
  max: number;
  required?: boolean;
  /** Markup refused ("<...>" is a field error) rather than kept as typed. */
  markup?: "refused" | "kept" | "either";
  /** Stored as typed (trimmed): checked after a successful save. */
  roundTrip?: boolean;
}

/** A free-text field. */
export function text(options: TextOptions): FieldKind {
  const { max, required = false, markup = "either" } = options;
  const huge = Math.max(10_001, max + 1);
  const markupVerdict: Verdict = markup === "refused" ? "invalid" : markup === "kept" ? "valid" : "unknown";
  const fitting = (s: string) => s.slice(0, max);
  return {
    kind: "text",
    roundTrip: options.roundTrip ?? true,
    arbitrary: fc.oneof(
      tagged(unicodeText(1, Math.min(max, 40)), "valid"),
      tagged(fc.constantFrom(...PLAIN_UNICODE.map(fitting)), "valid"),
      tagged(fc.constantFrom(...SQL_FRAGMENTS.map(fitting)), "valid"),
      tagged(fc.constantFrom(SCRIPT, IMG, `a<b>c`, `x</p>`), markupVerdict),
      tagged(fc.constantFrom(...CONTROL), "unknown"),
      tagged(fc.constantFrom(...NUL), "invalid"),
      tagged(fc.constantFrom("", "   ", undefined), required ? "invalid" : "unknown"),
      tagged(fc.constant("x".repeat(huge)), "invalid"),
      tagged(fc.constant("é".repeat(huge)), "invalid"),
      tagged(fc.constant("🌍".repeat(huge)), "invalid"),
      // Repeated names: the action gets a list where it expects one value.
      tagged(fc.constant(["first", "second"]), "invalid"),
    ),
  };
}

/**
 * A choice among fixed values (a select or radio buttons; `multiple`: checkboxes, a list is fine).
 * Of a single choice, a repeated name is refused: no action may take the first or the last value.
 */
export function choice(values: readonly string[], required = true, multiple = false): FieldKind {
  return {
    kind: "choice",
    list: multiple,
    arbitrary: fc.oneof(
      tagged(fc.constantFrom(...values), "valid"),
      tagged(
        fc
          .constantFrom("bogus", "ACTIVE", ` ${values[0]}`, SCRIPT, "1", "null")
          .filter((s) => !values.includes(s)),
        "invalid",
      ),
      tagged(fc.constantFrom("", undefined), required ? "invalid" : "unknown"),
      multiple
        ? tagged(fc.subarray([...values], { minLength: 1 }), "valid")
        : tagged(fc.constant([values[0] ?? "a", values[1] ?? "b"]), "invalid"),
      ...(multiple ? [tagged(fc.constant([values[0] ?? "a", "bogus"]), "invalid")] : []),
    ),
  };
}

export interface NumberOptions {
  min: number;
  max: number;
  integer?: boolean;
  required?: boolean;
}

/** A number field. */
export function number(options: NumberOptions): FieldKind {
  const { min, max, integer = true, required = false } = options;
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) }).map(String)
    : fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .map((n) => String(Math.round(n * 100) / 100));
  const outOfRange = [
    String(min - 1),
    String(max + 1),
    String(min - 1_000_000),
    "1e308",
    "-1e308",
    "99999999999999999999999",
  ].filter((s) => Number(s) < min || Number(s) > max);
  return {
    kind: "number",
    roundTrip: false,
    arbitrary: fc.oneof(
      tagged(inRange, "valid"),
      tagged(fc.constantFrom(...outOfRange), "invalid"),
      tagged(
        fc.constantFrom(
          "abc",
          "NaN",
          "Infinity",
          "-Infinity",
          "1,5,",
          "0x",
          "--1",
          "1 2",
          SCRIPT,
          SQL_FRAGMENTS[0] ?? "",
        ),
        "invalid",
      ),
      tagged(fc.constantFrom("1.5", "2.0000001"), integer ? "invalid" : "unknown"),
      tagged(fc.constantFrom("", undefined), required ? "invalid" : "unknown"),
      tagged(fc.constant(["1", "2"]), "invalid"),
    ),
  };
}

/** A calendar day 'YYYY-MM-DD' (dates kept within two years, so that pairs are often out of order). */
export function day(required = false): FieldKind {
  const valid = fc
    .date({
      min: new Date("2024-01-01T00:00:00Z"),
      max: new Date("2026-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  return {
    kind: "day",
    roundTrip: false,
    arbitrary: fc.oneof(
      tagged(valid, "valid"),
      tagged(
        fc.constantFrom(
          "2025-02-30",
          "2025-13-01",
          "2025-00-10",
          "31/12/2025",
          "tomorrow",
          "2025-1-1",
          "99999-01-01",
          "2025-01-01T10:00",
          "0000-00-00",
          SCRIPT,
          "2025-01-01'; drop table x; --",
        ),
        "invalid",
      ),
      tagged(fc.constantFrom("", undefined), required ? "invalid" : "unknown"),
      tagged(fc.constant(["2025-01-01", "2025-01-02"]), "invalid"),
    ),
  };
}

/** A reference to a record: `valid()` are ids the user may pick, `foreign()` ids of records they may not. */
export function reference(options: {
  valid: () => readonly string[];
  foreign?: () => readonly string[];
  required?: boolean;
  /** A list of ids (checkboxes, a multiple select): several valid ids are fine. */
  multiple?: boolean;
}): FieldKind {
  const { required = false, multiple = false } = options;
  return {
    kind: "id",
    list: multiple,
    roundTrip: false,
    arbitrary: fc.oneof(
      tagged(
        fc.constant(null).map(() => pick(options.valid())),
        "valid",
      ),
      ...(options.foreign
        ? [
            tagged(
              fc.nat().map((n) => pickAt(options.foreign?.() ?? [], n)),
              "invalid",
            ),
          ]
        : []),
      tagged(fc.uuid({ version: 4 }), "invalid"),
      tagged(fc.constantFrom(...NOT_UUIDS.filter((s) => s !== "")), "invalid"),
      tagged(fc.constantFrom("", undefined), required ? "invalid" : "unknown"),
      // Repeated names, one of them an id the user may pick (first or last): an action that reads
      // one of the two (formData.get keeps the first, Object.fromEntries the last) would accept it.
      ...(multiple
        ? []
        : [
            tagged(
              fc.boolean().map((first) => {
                const mine = pick(options.valid());
                return first ? [mine, randomUUID()] : [randomUUID(), mine];
              }),
              "invalid",
            ),
          ]),
      ...(multiple
        ? [
            tagged(
              fc.constant(null).map(() => [...options.valid()]),
              "valid",
            ),
          ]
        : []),
    ),
  };
}

/** A checkbox ("on" or absent). */
export function checkbox(): FieldKind {
  return {
    kind: "checkbox",
    roundTrip: false,
    arbitrary: fc.oneof(
      tagged(fc.constantFrom("on", undefined), "valid"),
      tagged(fc.constantFrom("yes", "0", "off", SCRIPT), "unknown"),
    ),
  };
}

/** Only wrong values: a field whose one right value is the form's own (a version, an intent). */
export function onlyWrong(
  values: readonly FormValue[] = ["abc", "-1", "0", "1.5", "1e999", SCRIPT, ["abc", "1"]],
): FieldKind {
  return {
    kind: "fixed",
    roundTrip: false,
    arbitrary: fc.oneof(
      fc.constantFrom(...values).map((value) => v(value, "invalid")),
      // Left out: wrong for a command or an edit, right for a form that also adds (no id, no version).
      fc.constantFrom("", undefined).map((value) => v(value, "unknown")),
    ),
  };
}

/** The same values, none of them surely wrong (a field the action may ignore, e.g. by role). */
export function lenient(kind: FieldKind): FieldKind {
  return {
    ...kind,
    lenient: true,
    arbitrary: kind.arbitrary.map((g) => (g.verdict === "invalid" ? { ...g, verdict: "unknown" } : g)),
  };
}

let counter = 0;
function pick(values: readonly string[]): string {
  return pickAt(values, counter++);
}
function pickAt(values: readonly string[], n: number): string {
  if (values.length === 0) throw new Error("a reference field needs at least one id");
  return values[n % values.length] as string;
}

export interface FieldKind {
  kind: "text" | "choice" | "number" | "day" | "id" | "checkbox" | "fixed";
  roundTrip?: boolean;
  /** A list (checkboxes, a multiple select): its name may repeat. */
  list?: boolean;
  /** No value surely wrong (see `lenient`). */
  lenient?: boolean;
  arbitrary: fc.Arbitrary<Generated>;
}

// --- forms ------------------------------------------------------------------------------------

export type Fields = Record<string, FormValue>;

export interface FormSpec {
  /** What the test is called ("organisations.new save"). */
  name: string;
  db: Db;
  action: (args: never) => unknown;
  path: string;
  params?: Record<string, string>;
  user: () => AuthUser | null;
  /** A valid submission (read fresh for each input: current versions, unique names). */
  base: () => Promise<Fields> | Fields;
  /** The fields to vary. The others keep their value from `base`. */
  fields: Record<string, FieldKind>;
  /** Tables this form writes to: their content must not change when the input is refused. */
  tables: readonly string[];
  /** A whole-input rule ("ends before it starts"): "invalid" when the values break it. */
  rules?: ((fields: Fields) => Verdict | undefined)[];
  /** The stored record after a successful save, keyed like the form's fields, to check round-trips. */
  stored?: (outcome: RouteOutcome, fields: Fields) => Promise<Record<string, unknown> | undefined>;
  /** Statuses a refusal may have besides 400/422 (e.g. 404 for an id of another record, 409). */
  otherRefusals?: readonly number[];
  /** The client's address (rate limits count per address): a new one per input when a function. */
  clientIp?: string | (() => string);
  /** The URL and params of each input, when they change (read after `base`, e.g. a fresh token). */
  target?: () => { path: string; params: Record<string, string> };
  /** Every input must be refused (a record or municipality outside the user's scope in the URL). */
  refuseAll?: boolean;
  /**
   * Fields not (yet) judged on a repeated name: the action reads one of the values (formData.get).
   * Known gaps, each to be closed in its route with `repeatedFields` (app/lib/validation/form-data.ts).
   */
  repeatsUnchecked?: readonly string[];
}

/** Dates in order: "invalid" when both are days and the end comes first. */
export function inOrder(start: string, end: string): (fields: Fields) => Verdict | undefined {
  return (fields) => {
    const a = fields[start];
    const b = fields[end];
    const isDay = (s: FormValue): s is string =>
      typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
    return isDay(a) && isDay(b) && b < a ? "invalid" : undefined;
  };
}

/** A cheap fingerprint of tables (their rows, hashed in the database) and of the audit log's size. */
export async function fingerprint(db: Db, tables: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = rows<{ h: string | null; n: number }>(
      await db.execute(
        sql.raw(
          `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from "${table}" t`,
        ),
      ),
    );
    parts.push(`${table}:${row?.n}:${row?.h}`);
  }
  const [audit] = rows<{ n: number; max: string | null }>(
    await db.execute(sql.raw(`select count(*)::int as n, max(id)::text as max from audit_log`)),
  );
  parts.push(`audit_log:${audit?.n}:${audit?.max}`);
  return parts.join(" ");
}

function toFormFields(fields: Fields): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out;
}

/** Field errors (or form errors) of a Conform reply, or an `error` key the page shows. */
export function errorsOf(outcome: RouteOutcome): string[] {
  const body = outcome.body as {
    result?: { error?: Record<string, string[] | null> | null };
    error?: unknown;
    errors?: unknown;
    commandError?: unknown;
  } | null;
  const messages: string[] = [];
  if (Array.isArray(body?.errors)) messages.push(...body.errors.map(String));
  if (typeof body?.commandError === "string") messages.push(body.commandError);
  for (const list of Object.values(body?.result?.error ?? {})) messages.push(...(list ?? []));
  if (typeof body?.error === "string") messages.push(body.error);
  return messages;
}

/** A refusal: a 4xx status, or a 2xx answer that carries errors. */
export function isRefusal(outcome: RouteOutcome): boolean {
  return outcome.status >= 400 || (outcome.status < 300 && errorsOf(outcome).length > 0);
}

/** Statistics of one form's run, to show the property reached both branches. */
export interface RunStats {
  stored: number;
  refused: number;
  invalid: number;
}

/** Run the property of one form; returns how many inputs were stored and refused. */
export async function checkForm(spec: FormSpec, runs = PROPERTY_RUNS): Promise<RunStats> {
  const stats: RunStats = { stored: 0, refused: 0, invalid: 0 };
  const names = Object.keys(spec.fields);
  const overrides = fc.record(
    Object.fromEntries(
      names.map((name) => [
        name,
        fc.oneof(
          { arbitrary: fc.constant<Generated | null>(null), weight: 2 },
          { arbitrary: (spec.fields[name] as FieldKind).arbitrary, weight: 1 },
        ),
      ]),
    ) as Record<string, fc.Arbitrary<Generated | null>>,
  );
  // First, deterministically: NUL in each text field (rare among the generated inputs otherwise).
  for (const [name, kind] of Object.entries(spec.fields)) {
    if (kind.kind !== "text") continue;
    const fields: Fields = { ...(await spec.base()), [name]: `x${NUL[0]}` };
    const before = await fingerprint(spec.db, spec.tables);
    const outcome = await submit(spec, fields);
    const detail = `${spec.name}: NUL in ${name} gave ${outcome.status} ${JSON.stringify(outcome.body)?.slice(0, 200)}`;
    expect(outcome.status, detail).toBeLessThan(500);
    expect(isRefusal(outcome), detail).toBe(true);
    expect(await fingerprint(spec.db, spec.tables), detail).toBe(before);
  }
  // Then: each single-valued field of the valid submission sent twice, its value and another, in
  // both orders: refused whichever one an action would read (formData.get keeps the first,
  // Object.fromEntries the last), as Conform refuses a list where one value is expected.
  for (const [name, kind] of Object.entries(spec.fields)) {
    if (kind.list || kind.lenient || spec.repeatsUnchecked?.includes(name)) continue;
    for (const order of ["first", "last"] as const) {
      const fields: Fields = { ...(await spec.base()) };
      const value = fields[name];
      if (typeof value !== "string") break;
      fields[name] = order === "first" ? [value, `${value}x`] : [`${value}x`, value];
      const before = await fingerprint(spec.db, spec.tables);
      const outcome = await submit(spec, fields);
      const detail = `${spec.name}: ${name} repeated (valid value ${order}) gave ${outcome.status} ${JSON.stringify(outcome.body)?.slice(0, 200)}`;
      expect(outcome.status, detail).toBeLessThan(500);
      expect(isRefusal(outcome), detail).toBe(true);
      expect(await fingerprint(spec.db, spec.tables), detail).toBe(before);
    }
  }
  await fc.assert(
    fc.asyncProperty(overrides, async (generated) => {
      const fields: Fields = { ...(await spec.base()) };
      let verdict: Verdict = "valid";
      for (const [name, g] of Object.entries(generated)) {
        if (g === null) continue;
        fields[name] = g.value;
        if (g.verdict === "invalid") verdict = "invalid";
        else if (g.verdict === "unknown" && verdict === "valid") verdict = "unknown";
      }
      for (const rule of spec.rules ?? []) if (rule(fields) === "invalid") verdict = "invalid";
      if (spec.refuseAll) verdict = "invalid";
      const before = await fingerprint(spec.db, spec.tables);
      const outcome = await submit(spec, fields);
      const detail = `${spec.name}: status ${outcome.status} for ${describe(fields)}`;
      expect(outcome.status, detail).toBeLessThan(500);
      const refused = isRefusal(outcome);
      if (refused) {
        stats.refused++;
        expect(await fingerprint(spec.db, spec.tables), `stored on a refusal: ${detail}`).toBe(before);
        if (outcome.status === 400 || outcome.status === 422) {
          // Some commands answer a bare 400 (a forged button): no form to show errors on.
          if (!outcome.response && outcome.body !== null)
            expect(errorsOf(outcome).length, `no errors shown: ${detail}`).toBeGreaterThan(0);
        } else {
          expect([400, 422, 403, 404, 409, 413, 429, ...(spec.otherRefusals ?? [])], detail).toContain(
            outcome.status,
          );
        }
      }
      if (verdict === "invalid") {
        stats.invalid++;
        expect(refused, `an invalid input was accepted: ${detail}`).toBe(true);
      }
      if (!refused) {
        stats.stored++;
        if (verdict === "valid" && spec.stored) {
          const row = await spec.stored(outcome, fields);
          expect(row, `the saved record was not found: ${detail}`).toBeDefined();
          for (const [name, g] of Object.entries(generated)) {
            const kind = spec.fields[name] as FieldKind;
            if (g === null || !kind.roundTrip || typeof g.value !== "string" || !(name in (row ?? {})))
              continue;
            expect(row?.[name], `${name} did not round-trip: ${detail}`).toBe(g.value.trim());
          }
        }
      }
    }),
    propertyParameters(runs),
  );
  return stats;
}

function submit(spec: FormSpec, fields: Fields): Promise<RouteOutcome> {
  const { path, params } = spec.target?.() ?? { path: spec.path, params: spec.params ?? {} };
  const clientIp = typeof spec.clientIp === "function" ? spec.clientIp() : spec.clientIp;
  return callRoute(spec.db, spec.action, post(path, toFormFields(fields)), spec.user(), params, { clientIp });
}

function describe(fields: Fields): string {
  return JSON.stringify(fields, (_key, value: unknown) =>
    typeof value === "string" && value.length > 80 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  );
}

/** The id at the end of a redirect's Location (`/organisations/<id>`). */
export function redirectedId(outcome: RouteOutcome): string | undefined {
  const location = outcome.headers.get("Location") ?? "";
  return /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(location)?.[1];
}

/** Submitting the valid base once must store it: the property would prove nothing otherwise. */
export async function expectBaseStored(spec: FormSpec): Promise<RouteOutcome> {
  const outcome = await submit(spec, await spec.base());
  expect(
    isRefusal(outcome),
    `${spec.name}: the valid submission was refused (${outcome.status} ${JSON.stringify(outcome.body)})`,
  ).toBe(false);
  return outcome;
}

/** Unknown and malformed intents: refused with a 4xx, nothing stored. */
export async function checkBadIntents(
  spec: Omit<FormSpec, "fields" | "base" | "name"> & { name?: string; base?: () => Promise<Fields> | Fields },
): Promise<void> {
  const base = (await spec.base?.()) ?? {};
  for (const intent of [
    undefined,
    "",
    "bogus",
    "SAVE",
    SCRIPT,
    "x".repeat(10_001),
    // Repeated names: refused whichever comes first.
    ["bogus", "save"],
    ["save", "bogus"],
  ] as FormValue[]) {
    const fields = { ...base, intent };
    const before = await fingerprint(spec.db, spec.tables);
    const outcome = await callRoute(
      spec.db,
      spec.action,
      post(spec.path, toFormFields(fields)),
      spec.user(),
      spec.params ?? {},
    );
    const detail = `${spec.name ?? spec.path}: intent ${JSON.stringify(intent)?.slice(0, 40)} gave ${outcome.status}`;
    expect(outcome.status, detail).toBeGreaterThanOrEqual(400);
    expect(outcome.status, detail).toBeLessThan(500);
    expect(await fingerprint(spec.db, spec.tables), detail).toBe(before);
  }
}
