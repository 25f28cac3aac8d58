// Who may read or change a pilot, checked first by every pilot tab's loader and action: the
// permission, then the pilot (404 for an unknown id), then, for a change, the pilot's municipality
// (coordinators: every pilot; municipal officials: their municipalities' only; others: none), and
// that the pilot is not archived (409: only its edit page's archive/restore may touch it then).
import { data, type RouterContextProvider } from "react-router";
import { canOn, forbidden, requirePermission } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import { findPilotHeader, type PilotHeader } from "~/models/pilots.server";

export interface PilotAccess {
  user: AuthUser;
  db: Db;
  pilot: PilotHeader;
  /** Whether this user may change this pilot and what hangs off it now (in scope, not archived). */
  canEdit: boolean;
  /** Whether the pilot's municipality is in this user's scope (the edit page, to restore it). */
  inScope: boolean;
}

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

/** What a change to an archived pilot answers (the error page says to restore it first). */
export function pilotArchived() {
  return data("pilotArchived", { status: 409, statusText: "Conflict" });
}

/** May this user change pilots of this municipality (creation checks the URL's municipality so)? */
export function canWritePilotsOf(user: AuthUser, municipalityId: string): boolean {
  return canOn(user, "pilot:write:in-scope", { municipalityId });
}

/** For a loader: `pilot:read`, then the pilot (404 when unknown). */
export async function readablePilot(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
): Promise<PilotAccess> {
  const user = requirePermission(context, url, "pilot:read");
  const db = context.get(dbContext);
  const pilot = await findPilotHeader(db, id);
  if (!pilot) throw notFound();
  const inScope = canWritePilotsOf(user, pilot.municipalityId);
  return { user, db, pilot, canEdit: inScope && pilot.archivedAt === null, inScope };
}

/**
 * For an action: `pilot:write:in-scope` (403), the pilot (404), its municipality in scope (403), then
 * the pilot not archived (409). `allowArchived`: only the edit page, which archives and restores it.
 */
export async function writablePilot(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
  { allowArchived = false }: { allowArchived?: boolean } = {},
): Promise<PilotAccess> {
  const user = requirePermission(context, url, "pilot:write:in-scope");
  const db = context.get(dbContext);
  const pilot = await findPilotHeader(db, id);
  if (!pilot) throw notFound();
  if (!canWritePilotsOf(user, pilot.municipalityId)) throw forbidden();
  if (pilot.archivedAt !== null && !allowArchived) throw pilotArchived();
  return { user, db, pilot, canEdit: pilot.archivedAt === null, inScope: true };
}
