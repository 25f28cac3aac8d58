// Issue 8's import in the browser: a coordinator uploads a CSV of 500 organisations with 3 bad rows,
// sees the 3 errors with their row numbers, uploads the corrected file, imports it, and finds the
// organisations in the list (search), in the network's table view and in their country's cluster on
// the map. Then a relationships CSV between two of them, found on the organisation's page. Its own
// server and database: 500 more organisations would change what the other suites see (the demo data
// draws no clusters).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prepareDatabase, SESSION_COOKIE, type TestAccounts } from "./accounts";
import { expectNoA11yViolations, usePage, visit } from "./fixtures";
import { startServer, type RunningServer } from "./server";

// Sorted first by name, so the network table's first page shows them.
const PREFIX = `Aaa importée ${Date.now().toString(36)}`;
const BAD_LINES = { type: 51, country: 201, name: 401 } as const;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-import-"));
let server: RunningServer | undefined;
let accounts: TestAccounts | undefined;

beforeAll(async () => {
  const pgliteDir = path.join(folder, "pglite");
  accounts = await prepareDatabase(pgliteDir);
  server = await startServer({ env: { PGLITE_DIR: pgliteDir, SCRYPT_LOG_N: "10" }, name: "import" });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

function baseURL(): string {
  if (!server) throw new Error("the import server did not start");
  return server.baseURL;
}

/** 500 organisations in Portugal; with `bad`, three rows broken (row numbers as in the file). */
function csvFile(name: string, bad: boolean): string {
  const lines = ["Name,Acronym,Type,Country,Website"];
  for (let i = 1; i <= 500; i++) {
    const line = i + 1;
    const type = bad && line === BAD_LINES.type ? "Spaceship" : i % 2 ? "ONG" : "Local authority";
    const country = bad && line === BAD_LINES.country ? "Atlantis" : "Portugal";
    const orgName = bad && line === BAD_LINES.name ? "" : `${PREFIX} ${String(i).padStart(3, "0")}`;
    lines.push(`${orgName},I${i},${type},${country},www.org${i}.example.org`);
  }
  const file = path.join(folder, name);
  fs.writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

async function uploadAndMap(page: Page, file: string, kind?: string): Promise<void> {
  await visit(page, "/import");
  if (kind) await page.getByLabel("What are you importing?").selectOption(kind);
  await page.locator("#import-file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and continue" }).click();
  await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name: "Map the columns" }).waitFor();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Preview the import" }).click();
  await page.getByRole("heading", { name: "Preview", exact: true }).waitFor();
}

const count = (page: Page, key: string) => page.getByTestId(`import-count-${key}`).textContent();

/** The network table's organisations in Portugal (its caption: "N organisations"). */
async function portugalInNetworkTable(page: Page): Promise<number> {
  await visit(page, "/network?view=table&country=PT&sort=name", { a11y: false });
  const caption =
    (await page.locator('[data-testid="network-table"] table caption').first().textContent()) ?? "";
  const match = /(\d+)\s+organisation/.exec(caption);
  expect(match, `the count in "${caption}"`).not.toBeNull();
  return Number(match?.[1]);
}

describe("importing organisations", () => {
  const ctx = usePage({ baseURL });

  test("500 rows with 3 errors, then the corrected file: in the list, the network table and the country cluster", async () => {
    const { page } = ctx;
    if (!accounts) throw new Error("no accounts");
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: accounts.coordinator.sessionToken, url: baseURL() }]);
    const before = await portugalInNetworkTable(page);
    await visit(page, "/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
    await page.waitForURL(/\/import$/);

    await uploadAndMap(page, csvFile("organisations.csv", true));
    expect(await count(page, "new")).toBe("497");
    expect(await count(page, "error")).toBe("3");
    const problems = page.getByTestId("import-problems").locator("tbody tr");
    expect(await problems.count()).toBe(3);
    const texts = await problems.allTextContents();
    expect(texts[0]).toContain(`Row ${BAD_LINES.type}`);
    expect(texts[0]).toContain("“Spaceship” is not an organisation type.");
    expect(texts[1]).toContain(`Row ${BAD_LINES.country}`);
    expect(texts[1]).toContain("Country");
    expect(texts[2]).toContain(`Row ${BAD_LINES.name}`);
    expect(texts[2]).toContain("Name");
    await expectNoA11yViolations(page);
    // Importing as it is: refused, nothing written.
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("nothing was imported");

    await page.getByRole("link", { name: "Upload a corrected file" }).click();
    await page.waitForURL(/\/import$/);
    await uploadAndMap(page, csvFile("organisations-fixed.csv", false));
    expect(await count(page, "new")).toBe("500");
    expect(await count(page, "error")).toBe("0");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Import done" }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("import-created").textContent()).toBe("500");
    await expectNoA11yViolations(page);

    const wanted = `${PREFIX} 051`;
    await visit(page, `/organisations?q=${encodeURIComponent(wanted)}`);
    await page.getByRole("link", { name: wanted }).waitFor();

    // In the network's table view, among the organisations of their country.
    expect(await portugalInNetworkTable(page)).toBe(before + 500);
    const table = page.locator('[data-testid="network-table"] table').first();
    await table.getByRole("link", { name: `${PREFIX} 001` }).waitFor();

    // On the map: now over its level-of-detail limit, organisations are grouped by country.
    await visit(page, "/network", { a11y: false });
    await page.locator('[data-testid="network-map"][data-map-ready="true"]').waitFor({ timeout: 20_000 });
    const portugal = page.locator('[data-node-kind="cluster"][data-node-id="c:PT"]');
    await expect.poll(() => portugal.textContent()).toContain(`${before + 500} organisations`);
  });

  test("a relationships CSV between two of them: on the organisation's page", async () => {
    const { page } = ctx;
    if (!accounts) throw new Error("no accounts");
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: accounts.coordinator.sessionToken, url: baseURL() }]);
    const file = path.join(folder, "relationships.csv");
    fs.writeFileSync(file, `From,To,Type,Notes\r\n${PREFIX} 001,${PREFIX} 002,Funds,Imported grant\r\n`);
    await uploadAndMap(page, file, "relationships");
    expect(await count(page, "new")).toBe("1");
    expect(await count(page, "error")).toBe("0");
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Import done" }).waitFor();
    expect(await page.getByTestId("import-created").textContent()).toBe("1");

    await visit(page, `/organisations?q=${encodeURIComponent(`${PREFIX} 001`)}`);
    await page.getByRole("link", { name: `${PREFIX} 001` }).click();
    const section = page.locator('section[aria-labelledby="relationships-heading"]');
    await section.getByRole("link", { name: `${PREFIX} 002` }).waitFor();
    expect(await section.textContent()).toContain("Imported grant");
  });
});
