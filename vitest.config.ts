import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// A separate config without the React Router plugin: tests import app modules directly.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/property/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // scrypt at a test cost (production keeps OWASP's N=2^17; see app/auth/password.server.ts).
    env: { SCRYPT_LOG_N: "4" },
  },
});
