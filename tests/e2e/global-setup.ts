// Vitest global setup for the end-to-end suite: build the app once, check that Chromium is there,
// start the built server on a random port with a fresh embedded database holding the demo data,
// and hand its address to the tests (inject("baseURL")).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareDatabase, type TestAccounts } from "./accounts";
import { chromiumPath } from "./browser";
import { buildApp, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    accounts: TestAccounts;
  }
}

export default async function setup(project: TestProject) {
  const executable = chromiumPath();
  if (!fs.existsSync(executable)) {
    throw new Error(
      `Chromium not found at ${executable}. Install Debian's chromium (apt-get install chromium) ` +
        "or set CHROMIUM_PATH; the end-to-end tests never download a browser.",
    );
  }

  const started = Date.now();
  buildApp();
  console.log(`[e2e] built the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The database is prepared before the server opens it (one process at a time on PGlite).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-e2e-main-"));
  const pgliteDir = path.join(dir, "pglite");
  const accounts = await prepareDatabase(pgliteDir);
  const server = await startServer({
    // Rate limits raised: every test signs in from 127.0.0.1.
    env: { PGLITE_DIR: pgliteDir, AUTH_RATE_LIMIT: "10000", SCRYPT_LOG_N: "10" },
    name: "trellis",
  });
  console.log(`[e2e] server at ${server.baseURL} (embedded database in ${server.pgliteDir})`);
  project.provide("baseURL", server.baseURL);
  project.provide("accounts", accounts);

  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
