// The one permission table (role x action) and the scope checks. Every loader and action calls
// requireUser / requirePermission first; scoped permissions take the record they act on.
import { redirect, type RouterContextProvider } from "react-router";
import type { UserRole } from "~/lib/enums";
import { userContext } from "./context";
import type { AuthUser } from "./session.server";

export const READ = [
  "organisation:read",
  "partnership:read",
  "municipality:read",
  "pilot:read",
  "event:read",
  "action:read",
  "network:read",
] as const;

/** What any non-viewer may do for the organisation they belong to. */
export const OWN_ORGANISATION = [
  "healthcheck:submit:own-organisation",
  "action:update-status:own-organisation",
] as const;

export const WRITE = [
  "organisation:write",
  "partnership:write",
  "risk:write",
  "municipality:write",
  "pilot:write",
  "pilot:write:in-scope",
  "event:write",
  "action:write",
  "layout:write",
  "import:run",
  "export:run",
  "backup:run",
  "user:admin",
  "audit:read",
  /** Partnership-confidential fields of every partnership (otherwise: only of your own organisation's). */
  "confidential:read:all",
] as const;

export type Permission = (typeof READ)[number] | (typeof OWN_ORGANISATION)[number] | (typeof WRITE)[number];

const ALL: readonly Permission[] = [...READ, ...OWN_ORGANISATION, ...WRITE];

const grants: Record<UserRole, readonly Permission[]> = {
  coordinator: ALL,
  organiser: [...READ, "event:write", "action:write", "export:run", ...OWN_ORGANISATION],
  municipal_official: [...READ, "pilot:write:in-scope", "export:run", ...OWN_ORGANISATION],
  viewer: READ,
};

export function permissionsOf(role: UserRole): readonly Permission[] {
  return grants[role];
}

/** Role-level check (no record): may this user ever do this? */
export function can(user: Pick<AuthUser, "role"> | null, permission: Permission): boolean {
  return user !== null && grants[user.role].includes(permission);
}

type ScopedRecord =
  | { municipalityId: string | null }
  | { organisationId: string | null }
  | { memberOrganisationIds: readonly string[] };

/**
 * Record-level check. `pilot:write` (coordinators) covers every pilot; `pilot:write:in-scope` only
 * pilots of the user's municipalities. `...:own-organisation` permissions cover records of the
 * user's organisation. `confidential:read` is granted to coordinators and to members.
 */
export function canOn(
  user: AuthUser | null,
  permission: Permission | "confidential:read",
  record: ScopedRecord,
): boolean {
  if (!user) return false;
  if (permission === "confidential:read") {
    if (can(user, "confidential:read:all")) return true;
    return (
      "memberOrganisationIds" in record &&
      user.organisationId !== null &&
      record.memberOrganisationIds.includes(user.organisationId)
    );
  }
  if (permission === "pilot:write:in-scope") {
    if (can(user, "pilot:write")) return true;
    return (
      can(user, permission) &&
      "municipalityId" in record &&
      record.municipalityId !== null &&
      user.municipalityIds.includes(record.municipalityId)
    );
  }
  if (permission.endsWith(":own-organisation")) {
    if (!can(user, permission)) return false;
    // Coordinators act for every organisation.
    if (user.role === "coordinator") return true;
    return (
      "organisationId" in record &&
      record.organisationId !== null &&
      record.organisationId === user.organisationId
    );
  }
  return can(user, permission);
}

export function currentUser(context: Readonly<RouterContextProvider>): AuthUser | null {
  return context.get(userContext);
}

/** The signed-in user; anonymous requests are sent to /login and come back here afterwards. */
export function requireUser(context: Readonly<RouterContextProvider>, url: URL): AuthUser {
  const user = context.get(userContext);
  if (!user) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back }).toString()}`);
  }
  return user;
}

/** The signed-in user holding `permission`; 403 otherwise. */
export function requirePermission(
  context: Readonly<RouterContextProvider>,
  url: URL,
  permission: Permission,
): AuthUser {
  const user = requireUser(context, url);
  if (!can(user, permission)) throw forbidden();
  return user;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}
