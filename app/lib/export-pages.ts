// Reading a whole list for an export, a large page at a time with the list's own query, and
// refusing (never cutting) a list longer than an export may hold. No I/O of its own.
import { LIST_EXPORT_MAX } from "./list-exports";
import type { Page, PageRequest } from "./pagination";

/** Rows read per query: the page's ids go into one `in (...)` list each. */
const EXPORT_PAGE_SIZE = 2_000;

/** The list holds more rows than one export may: refused, never cut silently. */
export class ListExportTooLargeError extends Error {
  override name = "ListExportTooLargeError";
  constructor(
    readonly total: number,
    readonly max: number,
  ) {
    super(`the list holds ${total} rows, more than the ${max} an export may hold`);
  }
}

/**
 * Every row of a list, read with the list's own query a large page at a time (so the ids a page
 * passes on to its follow-up queries stay well under PostgreSQL's parameter limit). A list of more
 * than `max` rows throws ListExportTooLargeError once its first page tells.
 */
export async function allPages<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  pageSize = EXPORT_PAGE_SIZE,
  max = LIST_EXPORT_MAX,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await read({ page, pageSize });
    if (batch.total > max) throw new ListExportTooLargeError(batch.total, max);
    rows.push(...batch.items);
    if (page >= batch.pages) break;
  }
  return rows;
}

/** 422 and a plain sentence in the reader's language: how many rows at most, narrow the filters. */
export function tooManyRowsResponse(
  max: number,
  t: (key: "exports.tooMany", options: { max: number }) => string,
): Response {
  return new Response(t("exports.tooMany", { max }), {
    status: 422,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
