// Vitest global setup for the end-to-end suite: build the app once, check that Chromium is there,
// start the built server on a random port with a fresh embedded database holding the demo data,
// and hand its address to the tests (inject("baseURL")).
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "./browser";
import { buildApp, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
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

  const server = await startServer({ env: { SEED_DEMO: "1" }, name: "trellis" });
  console.log(`[e2e] server at ${server.baseURL} (embedded database in ${server.pgliteDir})`);
  project.provide("baseURL", server.baseURL);

  return async () => {
    await server.stop();
  };
}
