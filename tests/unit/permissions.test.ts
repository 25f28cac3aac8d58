import { describe, expect, test } from "vitest";
import { can, canOn, permissionsOf, READ } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { UserRole } from "~/lib/enums";

function user(role: UserRole, extra: Partial<AuthUser> = {}): AuthUser {
  return {
    id: `u-${role}`,
    email: `${role}@example.org`,
    name: role,
    role,
    organisationId: "org-a",
    locale: "en",
    municipalityIds: [],
    sessionId: "s",
    ...extra,
  };
}

describe("the permission table", () => {
  test("everyone reads; only coordinators administer users and read the audit log", () => {
    for (const role of ["coordinator", "organiser", "municipal_official", "viewer"] as const) {
      for (const permission of READ) expect(can(user(role), permission), `${role} ${permission}`).toBe(true);
      expect(can(user(role), "user:admin")).toBe(role === "coordinator");
      expect(can(user(role), "audit:read")).toBe(role === "coordinator");
    }
  });

  test("organisers write events and actions; municipal officials their pilots; viewers nothing", () => {
    expect(can(user("organiser"), "event:write")).toBe(true);
    expect(can(user("organiser"), "action:write")).toBe(true);
    expect(can(user("organiser"), "partnership:write")).toBe(false);
    expect(can(user("municipal_official"), "pilot:write:in-scope")).toBe(true);
    expect(can(user("municipal_official"), "pilot:write")).toBe(false);
    expect(can(user("municipal_official"), "event:write")).toBe(false);
    expect(permissionsOf("viewer")).toEqual(READ);
  });

  test("anonymous may do nothing", () => {
    expect(can(null, "organisation:read")).toBe(false);
    expect(canOn(null, "confidential:read", { memberOrganisationIds: ["org-a"] })).toBe(false);
  });
});

describe("scoped permissions", () => {
  test("a municipal official writes pilots of their municipalities only", () => {
    const official = user("municipal_official", { municipalityIds: ["m-1"] });
    expect(canOn(official, "pilot:write:in-scope", { municipalityId: "m-1" })).toBe(true);
    expect(canOn(official, "pilot:write:in-scope", { municipalityId: "m-2" })).toBe(false);
    expect(canOn(official, "pilot:write:in-scope", { municipalityId: null })).toBe(false);
    expect(canOn(user("coordinator"), "pilot:write:in-scope", { municipalityId: "m-2" })).toBe(true);
    expect(
      canOn(user("viewer", { municipalityIds: ["m-1"] }), "pilot:write:in-scope", { municipalityId: "m-1" }),
    ).toBe(false);
  });

  test("own-organisation permissions: any non-viewer, for their own organisation", () => {
    for (const role of ["organiser", "municipal_official"] as const) {
      expect(canOn(user(role), "healthcheck:submit:own-organisation", { organisationId: "org-a" })).toBe(
        true,
      );
      expect(canOn(user(role), "healthcheck:submit:own-organisation", { organisationId: "org-b" })).toBe(
        false,
      );
      expect(canOn(user(role), "action:update-status:own-organisation", { organisationId: "org-a" })).toBe(
        true,
      );
    }
    expect(canOn(user("viewer"), "healthcheck:submit:own-organisation", { organisationId: "org-a" })).toBe(
      false,
    );
    expect(
      canOn(user("organiser", { organisationId: null }), "action:update-status:own-organisation", {
        organisationId: null,
      }),
    ).toBe(false);
  });

  test("partnership-confidential information: coordinators and members only", () => {
    const members = { memberOrganisationIds: ["org-a", "org-c"] };
    expect(canOn(user("coordinator", { organisationId: null }), "confidential:read", members)).toBe(true);
    expect(canOn(user("viewer"), "confidential:read", members)).toBe(true);
    expect(canOn(user("organiser", { organisationId: "org-b" }), "confidential:read", members)).toBe(false);
    expect(canOn(user("organiser", { organisationId: null }), "confidential:read", members)).toBe(false);
  });
});
