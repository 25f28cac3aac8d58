// The language follows the signed-in user's preference, then the browser (decision 0026). Its own
// server and database: the test changes an account's preference, which the shared accounts of the
// other suites must not see.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prepareDatabase, SESSION_COOKIE, type TestAccounts } from "./accounts";
import { h1, usePage, visit } from "./fixtures";
import { startServer, type RunningServer } from "./server";

let server: RunningServer | undefined;
let accounts: TestAccounts | undefined;
let dir = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-language-"));
  const pgliteDir = path.join(dir, "pglite");
  accounts = await prepareDatabase(pgliteDir);
  server = await startServer({ env: { PGLITE_DIR: pgliteDir, SCRYPT_LOG_N: "10" }, name: "language" });
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function baseURL(): string {
  if (!server) throw new Error("the language server did not start");
  return server.baseURL;
}

// A French browser (Accept-Language fr-FR), not signed in by the fixture: the session is added below.
const french = usePage({ baseURL, contextOptions: { locale: "fr-FR" } });

async function signInAsViewer(page: Page): Promise<void> {
  if (!accounts) throw new Error("no accounts");
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: accounts.viewer.sessionToken, url: baseURL() }]);
}

async function lang(page: Page): Promise<string | null> {
  return page.getAttribute("html", "lang");
}

describe("the interface language", () => {
  test("a French browser signed in without a preference sees French; switching to English sticks", async () => {
    const { page, browser } = french;
    await signInAsViewer(page);
    await visit(page, "/account");
    expect(await lang(page)).toBe("fr");
    expect(await h1(page)).toBe("Votre compte");
    const select = page.getByLabel("Langue de l’interface", { exact: true });
    expect(await select.inputValue()).toBe("browser");

    // The switcher in the header: the choice becomes the account's preference.
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => lang(page)).toBe("en");
    await expect.poll(() => h1(page)).toBe("Your account");

    // Another browser (no language cookie), still French, with the same session: English.
    const other = await browser.newContext({ baseURL: baseURL(), locale: "fr-FR" });
    try {
      const otherPage = await other.newPage();
      await signInAsViewer(otherPage);
      await visit(otherPage, "/account");
      expect(await lang(otherPage)).toBe("en");
      const otherSelect = otherPage.getByLabel("Language of the interface", { exact: true });
      expect(await otherSelect.inputValue()).toBe("en");

      // "Follow my browser" on /account: back to the browser's French.
      await otherSelect.selectOption("browser");
      await otherPage.getByRole("button", { name: "Save language" }).click();
      await expect.poll(() => lang(otherPage)).toBe("fr");
      await expect.poll(() => h1(otherPage)).toBe("Votre compte");
      expect(await otherPage.getByLabel("Langue de l’interface", { exact: true }).inputValue()).toBe(
        "browser",
      );
    } finally {
      await other.close();
    }
  });

  test("signed out, the switcher's choice is kept by the browser only", async () => {
    const { page, browser } = french;
    await visit(page, "/login");
    expect(await lang(page)).toBe("fr");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => lang(page)).toBe("en");
    await visit(page, "/login");
    expect(await lang(page)).toBe("en");

    const other = await browser.newContext({ baseURL: baseURL(), locale: "fr-FR" });
    try {
      const otherPage = await other.newPage();
      await visit(otherPage, "/login");
      expect(await lang(otherPage)).toBe("fr");
    } finally {
      await other.close();
    }
  });
});
