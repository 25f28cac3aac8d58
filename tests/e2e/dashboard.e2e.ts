// The dashboard in Chromium, on the demo data: every section is a named landmark, the overdue
// commitment of the demo seminar is listed and marked overdue in words, links lead on, and the page
// passes axe (checked by `visit`) for a viewer and for a coordinator.
import { describe, expect, test } from "vitest";
import { usePage, visit } from "./fixtures";

const OVERDUE_DEMO_ACTION = "Propose case-resolution criteria for future AMIF calls";

describe("a viewer's dashboard", () => {
  const ctx = usePage({ role: "viewer" });

  test("lists the overdue commitment in its own region, said in words", async () => {
    const { page } = ctx;
    await visit(page, "/");
    for (const name of [
      "Follow-ups",
      "Overdue follow-ups",
      "Follow-ups due in the next 30 days",
      "Pilot milestones",
      "Partnerships needing attention",
      "Recent activity",
    ]) {
      expect(await page.getByRole("region", { name, exact: true }).count(), name).toBe(1);
    }
    const overdue = page.getByRole("region", { name: "Overdue follow-ups", exact: true });
    const item = overdue.getByRole("listitem").filter({ hasText: OVERDUE_DEMO_ACTION });
    expect(await item.count()).toBe(1);
    expect(await item.getByText("Overdue", { exact: true }).count()).toBe(1);
    // No full audit log for a viewer.
    expect(await page.getByRole("link", { name: "The full audit log" }).count()).toBe(0);

    // The commitment's title leads to its event's follow-up actions.
    await item.getByRole("link", { name: OVERDUE_DEMO_ACTION }).click();
    await page.waitForURL((url) => /^\/events\/[0-9a-f-]{36}\/actions$/.test(url.pathname));
  });
});

describe("a coordinator's dashboard", () => {
  const ctx = usePage({ role: "coordinator" });

  test("shows partnerships needing attention first after the counts, and the audit log link", async () => {
    const { page } = ctx;
    await visit(page, "/");
    const names = await page.locator("main section[aria-labelledby] > h2").allTextContents();
    // (After "Your organisation's actions" when the account has an organisation.)
    expect(names.indexOf("Partnerships needing attention")).toBe(names.indexOf("Key figures") + 1);
    expect(names.indexOf("Key figures")).toBeLessThanOrEqual(1);
    const exposure = page.getByRole("region", { name: "Highest risk exposure", exact: true });
    expect(await exposure.getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await exposure.getByText(/exposure \d+ \/ 25/).count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "The full audit log" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/audit");
  });
});
