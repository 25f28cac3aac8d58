import { sql, type SQL } from "drizzle-orm";
import { boolean, check, date, integer, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

// Shared column helpers. Each helper returns fresh builders so no builder is shared
// between tables.

/** timestamptz column. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/** Calendar date without time, read and written as 'YYYY-MM-DD' strings. */
export const day = (name: string) => date(name, { mode: "string" });

/** `id uuid primary key default gen_random_uuid()` */
export const id = () => uuid("id").primaryKey().defaultRandom();

/** created_at / updated_at, both timestamptz not null default now(). */
export const timestamps = () => ({
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Optimistic concurrency: an update with a stale version is refused. */
export const versioned = () => ({
  version: integer("version").notNull().default(1),
});

/** Demo data marks values that are illustrative rather than sourced. */
export const illustrative = () => ({
  illustrative: boolean("illustrative").notNull().default(false),
});

/** Delete means archive: rows are hidden, restorable, never dropped. */
export const archivable = () => ({
  archivedAt: timestamptz("archived_at"),
});

// Enumerated columns are `text` + CHECK rather than pgEnum: adding a value later is a
// plain DROP/ADD CONSTRAINT in a migration, whereas a value added with ALTER TYPE ... ADD
// VALUE cannot be used in the transaction that adds it, and enum values cannot be removed.

const SAFE_VALUE = /^[a-z0-9_]+$/;

/** The values as an SQL list of string literals: 'a', 'b', 'c'. */
function literalList(values: readonly string[]): SQL {
  // sql.raw is safe here: values are compile-time constants from app/lib/enums.ts,
  // and the pattern check makes sure nothing else can slip in.
  return sql.join(
    values.map((v) => {
      if (!SAFE_VALUE.test(v)) throw new Error(`Unsafe enum value in CHECK: ${v}`);
      return sql.raw(`'${v}'`);
    }),
    sql`, `,
  );
}

/** CHECK (column IN ('a', 'b', ...)) for a text column holding one enum value. */
export function enumCheck(name: string, column: AnyPgColumn, values: readonly string[]) {
  return check(name, sql`${column} in (${literalList(values)})`);
}

/** CHECK (column <@ ARRAY['a', 'b', ...]::text[]) for a text[] column of enum values. */
export function enumArrayCheck(name: string, column: AnyPgColumn, values: readonly string[]) {
  return check(name, sql`${column} <@ ARRAY[${literalList(values)}]::text[]`);
}

/** CHECK (end IS NULL OR start IS NULL OR end >= start). */
export function rangeCheck(name: string, start: AnyPgColumn, end: AnyPgColumn) {
  return check(name, sql`${end} is null or ${start} is null or ${end} >= ${start}`);
}

/** CHECK (column >= 0); NULL passes. */
export function nonNegativeCheck(name: string, column: AnyPgColumn) {
  return check(name, sql`${column} >= 0`);
}

/** CHECK (column BETWEEN low AND high); NULL passes. */
export function betweenCheck(name: string, column: AnyPgColumn, low: number, high: number) {
  return check(name, sql`${column} between ${sql.raw(String(low))} and ${sql.raw(String(high))}`);
}

/** CHECK (column ~ '^[A-Z]{2}$'): ISO 3166-1 alpha-2 country code; NULL passes. */
export function countryCodeCheck(name: string, column: AnyPgColumn) {
  return check(name, sql`${column} ~ '^[A-Z]{2}$'`);
}
