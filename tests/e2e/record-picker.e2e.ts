// The partnership picker in the browser: with more partnerships than the threshold, an event's
// actions tab sends no list of them, and a coordinator links a new follow-up action to one with the
// keyboard only in the combobox (type, ArrowDown, Enter, submit); axe passes with the listbox open.
// Its own server: the demo data plus enough partnerships to cross the threshold (organisations and
// pilots stay below it: their fields keep their selects).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../../app/db/client.server";
import { events, organisations, partnerships, type NewPartnership } from "../../app/db/schema";
import { RECORD_PICKER_THRESHOLD } from "../../app/models/record-options.server";
import { prepareDatabase, SESSION_COOKIE, type TestAccounts } from "./accounts";
import { expectNoA11yViolations, usePage, visit } from "./fixtures";
import { startServer, type RunningServer } from "./server";

const TARGET = "Keyboard Harbour Covenant";
const FILLER = "Picker Filler Partnership";
const TITLE = "Share the keyboard-picked protocol";

let server: RunningServer | undefined;
let accounts: TestAccounts | undefined;
let eventId = "";
let ownerLabel = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-record-picker-"));

beforeAll(async () => {
  const pgliteDir = path.join(dir, "pglite");
  accounts = await prepareDatabase(pgliteDir);
  const database = await openDatabase({ pgliteDir });
  try {
    const filler: NewPartnership[] = Array.from({ length: RECORD_PICKER_THRESHOLD + 50 }, (_, i) => ({
      name: `${FILLER} ${String(i).padStart(3, "0")}`,
      status: "active",
      countryCode: "NL",
    }));
    await database.db.insert(partnerships).values(filler);
    await database.db.insert(partnerships).values({ name: TARGET, status: "active", countryCode: "BE" });
    const [event] = await database.db
      .select({ id: events.id })
      .from(events)
      .where(isNull(events.archivedAt))
      .orderBy(asc(events.startsOn))
      .limit(1);
    eventId = event?.id ?? "";
    const [owner] = await database.db
      .select({ name: organisations.name, acronym: organisations.acronym })
      .from(organisations)
      .where(eq(organisations.acronym, "Fedasil"));
    ownerLabel = owner?.acronym ?? owner?.name ?? "";
  } finally {
    await database.close();
  }
  server = await startServer({
    env: { PGLITE_DIR: pgliteDir, AUTH_RATE_LIMIT: "10000", SCRYPT_LOG_N: "10" },
    name: "record-picker",
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the partnership picker above the threshold", () => {
  const ctx = usePage({ baseURL: () => server?.baseURL ?? "" });

  test("a coordinator links a follow-up to a partnership with the keyboard only; axe passes with the list open", async () => {
    const { page, context, baseURL } = ctx;
    const token = accounts?.coordinator.sessionToken ?? "";
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
    expect(eventId).not.toBe("");
    expect(ownerLabel).not.toBe("");

    const response = await visit(page, `/events/${eventId}/actions`);
    const html = await response.text();
    // No list of every partnership in the page.
    expect(html).not.toContain(FILLER);
    expect(html).not.toContain(TARGET);

    const form = page.locator("form#action-new");
    await form.getByLabel("Title", { exact: true }).focus();
    await page.keyboard.type(TITLE);
    await form.getByLabel("Owner organisation").selectOption({ label: ownerLabel });
    // The links are under "More details": open it with the keyboard.
    await form.locator("summary").focus();
    await page.keyboard.press("Enter");

    const combobox = form.getByRole("combobox", { name: "Partnership", exact: true });
    await expect.poll(() => combobox.getAttribute("aria-autocomplete")).toBe("list");
    // Pilots are below the threshold: still a select, right after the partnership's combobox.
    await form.getByRole("combobox", { name: "Pilot", exact: true }).focus();
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true);

    // Nothing matches: said so in the picker's status, and no listbox.
    const status = page.locator(`[id="${await combobox.getAttribute("id")}-picker-status"]`);
    await page.keyboard.type("zzqx no such");
    await expect.poll(() => status.textContent()).toBe("No partnership matches");
    expect(await combobox.getAttribute("aria-expanded")).toBe("false");
    for (let i = 0; i < "zzqx no such".length; i++) await page.keyboard.press("Backspace");

    await page.keyboard.type("keyboard harb");
    const listbox = page.getByRole("listbox", { name: "Partnership", exact: true });
    const option = listbox.getByRole("option", { name: TARGET });
    await option.waitFor({ state: "visible" });
    expect(await combobox.getAttribute("aria-expanded")).toBe("true");
    expect(await combobox.getAttribute("aria-controls")).toBe(await listbox.getAttribute("id"));

    await page.keyboard.press("ArrowDown");
    await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
    expect(await combobox.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"));
    await expectNoA11yViolations(page);

    await page.keyboard.press("Enter");
    await expect.poll(() => combobox.inputValue()).toBe(TARGET);
    expect(await combobox.getAttribute("aria-expanded")).toBe("false");
    expect(await form.locator('input[type="hidden"][name="partnershipId"]').inputValue()).toMatch(
      /^[0-9a-f-]{36}$/,
    );

    // The list closed: Enter now submits the form; the new row links the partnership.
    await page.keyboard.press("Enter");
    const row = page.getByRole("row").filter({ hasText: TITLE });
    await row.getByRole("link", { name: TARGET }).waitFor();
    await expect.poll(() => page.getByRole("status").filter({ hasText: TITLE }).count()).toBe(1);
    // After the save the quick-entry form is empty again (its details closed: the hidden field).
    await expect.poll(() => form.locator('input[type="hidden"][name="partnershipId"]').inputValue()).toBe("");
  });
});
