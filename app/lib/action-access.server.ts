// Who may change follow-up actions. Organisers and coordinators (`action:write`) edit everything;
// users of the owner organisation except viewers (`action:update-status:own-organisation`) may
// change the status of their organisation's actions, and nothing else.
import { can, canOn, forbidden, requireUser } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { RouterContextProvider } from "react-router";
import type { MayChange } from "~/models/actions.server";

/** May this user change this action's status (decided on the action's owner organisation)? */
export function mayChangeStatusOf(user: AuthUser): MayChange {
  if (can(user, "action:write")) return () => true;
  return (action) =>
    canOn(user, "action:update-status:own-organisation", { organisationId: action.ownerOrganisationId });
}

/** For an action handler: a user who may change some action at all (403 otherwise). */
export function requireActionChanger(context: Readonly<RouterContextProvider>, url: URL): AuthUser {
  const user = requireUser(context, url);
  if (!can(user, "action:write") && !can(user, "action:update-status:own-organisation")) throw forbidden();
  return user;
}
