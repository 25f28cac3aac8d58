import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ENTITY_TYPES,
  dashboardLinks,
  dashboardSectionOrder,
  dashboardSections,
  isFreshInstall,
  upcomingUntil,
  UPCOMING_DAYS,
} from "~/lib/dashboard";
import { userRoles } from "~/lib/enums";

const ORG = "0b9f7c9e-1111-4222-8333-444455556666";

describe("dashboardSectionOrder", () => {
  it("puts a municipal official's municipalities first, then their organisation's actions", () => {
    expect(dashboardSectionOrder({ role: "municipal_official", organisationId: ORG })).toEqual([
      "yourMunicipalities",
      "organisationActions",
      "counts",
      "followUps",
      "milestones",
      "attention",
      "activity",
    ]);
  });

  it("puts an organiser's event follow-ups first", () => {
    expect(dashboardSectionOrder({ role: "organiser", organisationId: ORG })).toEqual([
      "eventFollowUps",
      "organisationActions",
      "counts",
      "followUps",
      "milestones",
      "attention",
      "activity",
    ]);
  });

  it("gives coordinators partnerships needing attention right after the counts", () => {
    expect(dashboardSectionOrder({ role: "coordinator", organisationId: null })).toEqual([
      "counts",
      "attention",
      "followUps",
      "milestones",
      "activity",
    ]);
    expect(dashboardSectionOrder({ role: "coordinator", organisationId: ORG })[0]).toBe(
      "organisationActions",
    );
  });

  it("shows 'your organisation's actions' only to users with an organisation", () => {
    for (const role of userRoles) {
      expect(dashboardSectionOrder({ role, organisationId: null })).not.toContain("organisationActions");
      expect(dashboardSectionOrder({ role, organisationId: ORG })).toContain("organisationActions");
    }
    expect(dashboardSectionOrder({ role: "viewer", organisationId: null })).toEqual([
      "counts",
      "followUps",
      "milestones",
      "attention",
      "activity",
    ]);
  });

  it("gives every role every common section exactly once, and only known sections", () => {
    for (const role of userRoles) {
      const order = dashboardSectionOrder({ role, organisationId: ORG });
      expect(new Set(order).size).toBe(order.length);
      for (const section of ["counts", "followUps", "milestones", "attention", "activity"] as const) {
        expect(order).toContain(section);
      }
      for (const section of order) expect(dashboardSections).toContain(section);
    }
    expect(dashboardSectionOrder({ role: "viewer", organisationId: ORG })).not.toContain(
      "yourMunicipalities",
    );
    expect(dashboardSectionOrder({ role: "coordinator", organisationId: ORG })).not.toContain(
      "eventFollowUps",
    );
  });
});

describe("the dashboard's windows and links", () => {
  it("counts the upcoming window from today, both ends included", () => {
    expect(UPCOMING_DAYS).toBe(30);
    expect(upcomingUntil("2026-11-26")).toBe("2026-12-26");
    expect(upcomingUntil("2024-02-15")).toBe("2024-03-16");
  });

  it("links each list to the list pages' own filters", () => {
    expect(dashboardLinks.overdueActions()).toBe("/actions?overdue=1&sort=due");
    expect(dashboardLinks.upcomingActions("2026-11-26")).toBe(
      "/actions?from=2026-11-26&to=2026-12-26&open=1&sort=due",
    );
    expect(dashboardLinks.organisationActions(ORG)).toBe(`/actions?owner=${ORG}&sort=status`);
    expect(dashboardLinks.eventFollowUps()).toBe("/actions?mine=events&sort=status");
    expect(dashboardLinks.lowestTrust()).toBe("/partnerships?sort=trust&dir=asc");
    expect(dashboardLinks.highestExposure()).toBe("/partnerships?sort=exposure&dir=desc");
    expect(dashboardLinks.municipality(ORG)).toBe(`/municipalities/${ORG}`);
  });

  it("knows a fresh install by its missing organisations, and which audit entries are about accounts", () => {
    expect(isFreshInstall({ organisations: 0 })).toBe(true);
    expect(isFreshInstall({ organisations: 1 })).toBe(false);
    expect(ACCOUNT_ENTITY_TYPES).toEqual(
      expect.arrayContaining(["user", "user_municipality", "invitation", "password_reset"]),
    );
  });
});
