// The organisation picker in the browser: with more organisations than the threshold, the
// organisation page sends no list, and a coordinator adds a relationship with the keyboard only in
// the combobox (type, ArrowDown, Enter, submit); axe passes with the listbox open. Its own server:
// the demo data plus enough organisations to cross the threshold.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../../app/db/client.server";
import { organisations, partnerships, type NewOrganisation } from "../../app/db/schema";
import { ORGANISATION_PICKER_THRESHOLD } from "../../app/models/organisation-options.server";
import { prepareDatabase, SESSION_COOKIE, type TestAccounts } from "./accounts";
import { expectNoA11yViolations, usePage, visit } from "./fixtures";
import { startServer, type RunningServer } from "./server";

const TARGET = "Keyboard Harbour Agency";

let server: RunningServer | undefined;
let accounts: TestAccounts | undefined;
let fedasilId = "";
let partnershipId = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-picker-"));

beforeAll(async () => {
  const pgliteDir = path.join(dir, "pglite");
  accounts = await prepareDatabase(pgliteDir);
  const database = await openDatabase({ pgliteDir });
  try {
    const filler: NewOrganisation[] = Array.from({ length: ORGANISATION_PICKER_THRESHOLD + 50 }, (_, i) => ({
      name: `Picker Filler ${String(i).padStart(3, "0")}`,
      type: "cso",
      level: "national",
    }));
    await database.db.insert(organisations).values(filler);
    await database.db
      .insert(organisations)
      .values({ name: TARGET, acronym: "KHA", type: "cso", level: "national", countryCode: "NL" });
    const [fedasil] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.acronym, "Fedasil"));
    fedasilId = fedasil?.id ?? "";
    const [partnership] = await database.db
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(isNull(partnerships.archivedAt))
      .orderBy(partnerships.name)
      .limit(1);
    partnershipId = partnership?.id ?? "";
  } finally {
    await database.close();
  }
  server = await startServer({
    env: { PGLITE_DIR: pgliteDir, AUTH_RATE_LIMIT: "10000", SCRYPT_LOG_N: "10" },
    name: "picker",
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the organisation picker above the threshold", () => {
  const ctx = usePage({ baseURL: () => server?.baseURL ?? "" });

  test("a coordinator adds a relationship with the keyboard only; axe passes with the list open", async () => {
    const { page, context, baseURL } = ctx;
    const token = accounts?.coordinator.sessionToken ?? "";
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
    expect(fedasilId).not.toBe("");

    const response = await visit(page, `/organisations/${fedasilId}`);
    const html = await response.text();
    // No list of every organisation in the page.
    expect(html).not.toContain("Picker Filler");
    expect(html).not.toContain(TARGET);

    const form = page.locator("form#relationship-add");
    const combobox = form.getByRole("combobox", { name: "Other organisation" });
    await expect.poll(() => combobox.getAttribute("aria-autocomplete")).toBe("list");
    // Keyboard only: from the field before it, Tab into the combobox.
    await form.getByLabel("Relationship", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true);

    // Nothing matches: said so, and no listbox.
    await page.keyboard.type("zzqx no such");
    await expect.poll(() => form.getByRole("status").textContent()).toBe("No organisation matches");
    expect(await combobox.getAttribute("aria-expanded")).toBe("false");
    for (let i = 0; i < "zzqx no such".length; i++) await page.keyboard.press("Backspace");

    await page.keyboard.type("harbour ag");
    const listbox = page.getByRole("listbox", { name: "Other organisation" });
    const option = listbox.getByRole("option", { name: `${TARGET} (KHA)` });
    await option.waitFor({ state: "visible" });
    expect(await combobox.getAttribute("aria-expanded")).toBe("true");
    expect(await combobox.getAttribute("aria-controls")).toBe(await listbox.getAttribute("id"));

    await page.keyboard.press("ArrowDown");
    await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
    expect(await combobox.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"));
    await expectNoA11yViolations(page);

    await page.keyboard.press("Enter");
    await expect.poll(() => combobox.inputValue()).toBe(`${TARGET} (KHA)`);
    expect(await combobox.getAttribute("aria-expanded")).toBe("false");
    expect(await form.locator('input[type="hidden"][name="otherOrganisationId"]').inputValue()).toMatch(
      /^[0-9a-f-]{36}$/,
    );

    // The list closed: Enter now submits the form.
    await page.keyboard.press("Enter");
    const relationships = page.locator('section[aria-labelledby="relationships-heading"] > ul');
    await relationships.getByRole("link", { name: TARGET }).waitFor();
    // After the save the add form is empty again.
    await expect.poll(() => combobox.inputValue()).toBe("");

    // Saved: there after a reload too.
    await visit(page, `/organisations/${fedasilId}`, { a11y: false });
    expect(await relationships.getByRole("link", { name: TARGET }).count()).toBe(1);
  });

  test("a coordinator adds a funding line choosing the funder with the keyboard in the combobox", async () => {
    const { page, context, baseURL } = ctx;
    const token = accounts?.coordinator.sessionToken ?? "";
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
    expect(partnershipId).not.toBe("");

    const response = await visit(page, `/partnerships/${partnershipId}/funding`);
    const html = await response.text();
    expect(html).not.toContain("Picker Filler");

    const form = page.locator("form#funding-line-new");
    const combobox = form.getByRole("combobox", { name: "Funder" });
    await expect.poll(() => combobox.getAttribute("aria-autocomplete")).toBe("list");
    // Keyboard only: from the field before it, Tab into the combobox.
    await form.getByLabel("Reference").focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type("harbour ag");
    const option = page
      .getByRole("listbox", { name: "Funder" })
      .getByRole("option", { name: `${TARGET} (KHA)` });
    await option.waitFor({ state: "visible" });
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Enter");
    await expect.poll(() => combobox.inputValue()).toBe(`${TARGET} (KHA)`);

    // The list closed: Enter now submits the form; the line lists its funder.
    await page.keyboard.press("Enter");
    await page.getByRole("cell", { name: TARGET, exact: true }).first().waitFor();
    // After the save the add form is empty again.
    await expect.poll(() => combobox.inputValue()).toBe("");
  });
});
