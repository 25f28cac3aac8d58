import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// End-to-end tests: the built app in Chromium (npm run test:e2e). No React Router plugin: the
// global setup builds the app and starts the production server.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
  },
});
