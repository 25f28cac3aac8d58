// Who may read or change a pilot, checked first by every pilot tab's loader and action: the
// permission, then the pilot (404 for an unknown id), then, for a change, the pilot's municipality
// (coordinators: every pilot; municipal officials: their municipalities' only; others: none).
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
  /** Whether this user may change this pilot and what hangs off it. */
  canEdit: boolean;
}

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
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
  return { user, db, pilot, canEdit: canWritePilotsOf(user, pilot.municipalityId) };
}

/** For an action: `pilot:write:in-scope` (403), the pilot (404), then its municipality in scope (403). */
export async function writablePilot(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
): Promise<PilotAccess> {
  const user = requirePermission(context, url, "pilot:write:in-scope");
  const db = context.get(dbContext);
  const pilot = await findPilotHeader(db, id);
  if (!pilot) throw notFound();
  if (!canWritePilotsOf(user, pilot.municipalityId)) throw forbidden();
  return { user, db, pilot, canEdit: true };
}
