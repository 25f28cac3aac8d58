// Who may read or change an event, checked first by every event tab's loader and action: the
// permission (403), then the event (404 for an unknown id), then, for a change, that the event is
// not archived (409: only its edit page's archive/restore may touch it then).
import { data, type RouterContextProvider } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import { findEvent, type EventHeader } from "~/models/events.server";

export interface EventAccess {
  user: AuthUser;
  db: Db;
  event: EventHeader;
  /** Whether this user may change this event and its lists now (permission, not archived). */
  canEdit: boolean;
}

export function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

/** What a change to an archived event answers (the error page says to restore it first). */
export function eventArchived() {
  return data("eventArchived", { status: 409, statusText: "Conflict" });
}

/**
 * For a loader: `event:read`, then what `read` finds of the event (404 when unknown): `findEvent`, or
 * a tab's own statement that reads the event with the rest of the tab.
 */
export async function readableEventWith<E extends { archivedAt: Date | null }>(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
  read: (db: Db, id: string) => Promise<E | null | undefined>,
): Promise<Omit<EventAccess, "event"> & { event: E }> {
  const user = requirePermission(context, url, "event:read");
  const db = context.get(dbContext);
  const event = await read(db, id);
  if (!event) throw notFound();
  return { user, db, event, canEdit: can(user, "event:write") && event.archivedAt === null };
}

/** For a loader: `event:read`, then the event (404 when unknown). */
export function readableEvent(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
): Promise<EventAccess> {
  return readableEventWith(context, url, id, findEvent);
}

/**
 * For an action: `event:write` (403), the event (404), then the event not archived (409).
 * `allowArchived`: only the edit page, which archives and restores it.
 */
export async function writableEvent(
  context: Readonly<RouterContextProvider>,
  url: URL,
  id: string,
  { allowArchived = false }: { allowArchived?: boolean } = {},
): Promise<EventAccess> {
  const user = requirePermission(context, url, "event:write");
  const db = context.get(dbContext);
  const event = await findEvent(db, id);
  if (!event) throw notFound();
  if (event.archivedAt !== null && !allowArchived) throw eventArchived();
  return { user, db, event, canEdit: event.archivedAt === null };
}
