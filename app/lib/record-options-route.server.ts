// The partnership and pilot pickers' searches (GET /partnerships/options?q=... and
// /pilots/options?q=...; the follow-up action form above the picker's threshold, see
// docs/decisions/0030-record-pickers.md): one loader for both kinds, so each route is a line.
// The permission check comes first, as in every loader.
import type { RouterContextProvider } from "react-router";
import { requirePermission, type Permission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { searchRecordOptions, type RecordKind } from "~/models/record-options.server";

/** The longest search text read (a longer one is cut: names are far shorter). */
const QUERY_MAX = 200;

/** Anyone who may read a kind's records may search them: their pages show the same names. */
const readPermission = {
  partnership: "partnership:read",
  pilot: "pilot:read",
} as const satisfies Record<RecordKind, Permission>;

/** The loader of one kind's picker search: JSON `{ options: [{ id, name }] }`, never cached. */
export function recordOptionsLoader(kind: RecordKind) {
  return async function loader({
    context,
    url,
  }: {
    context: Readonly<RouterContextProvider>;
    url: URL;
  }): Promise<Response> {
    requirePermission(context, url, readPermission[kind]);
    const db = context.get(dbContext);
    const query = (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX);
    const options = await searchRecordOptions(db, kind, query);
    return Response.json({ options }, { headers: { "Cache-Control": "no-store" } });
  };
}
