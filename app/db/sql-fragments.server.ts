// SQL pieces the folded page statements share (decision 0032): a subquery as a field, a list of
// rows as one JSON array, and a constant of the code written into the statement.
import { sql, type SQL } from "drizzle-orm";

/**
 * A subquery as a field. Every subquery of a folded statement goes through this: drizzle writes a
 * column without its table's name when it appears directly in a field of a select from one table, so
 * `${child.parentId} = ${parents.id}` there would compare the child's column with itself; inside a
 * nested `sql` it keeps the names.
 */
export function subquery<T>(query: SQL): SQL<T> {
  return sql<T>`(${query})`;
}

/** A JSON array of one value per row of `from`, in `orderBy` order when given (an empty array for none). */
export function jsonRows<T>(object: SQL, from: SQL, orderBy?: SQL): SQL<T[]> {
  const order = orderBy ? sql` order by ${orderBy}` : sql``;
  return sql<T[]>`coalesce(${subquery(sql`select json_agg(${object}${order}) ${from}`)}, '[]'::json)`;
}

/**
 * A constant of the code (never a caller's value) written into the statement as an SQL literal, so
 * that a statement built once holds it instead of a parameter bound on every call.
 */
export function sqlLiteral(value: string | number): SQL {
  return sql.raw(typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`);
}

/** A list as `cappedJsonList` gives it: at most `limit` items in order, and how many there are in all. */
export type ListJson<T> = { items: T[]; total: number };

/**
 * Rows of `from` as a capped list: `object` (one JSON value per row) of the first `limit` rows in
 * `order`, and the number of rows (the SQL twin of `count(*) over ()` beside a `limit`).
 */
export function cappedJsonList<T>(object: SQL, from: SQL, order: SQL, limit: number): SQL<ListJson<T>> {
  return subquery<ListJson<T>>(
    sql`select json_build_object('items', coalesce(json_agg(capped.item order by capped.position), '[]'::json), 'total', coalesce(max(capped.total), 0)) from (select ${object} as item, row_number() over (order by ${order}) as position, count(*) over () as total ${from} order by ${order} limit ${sqlLiteral(limit)}) as capped`,
  );
}
