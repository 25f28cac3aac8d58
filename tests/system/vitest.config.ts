import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// System tests: the built app started as real server processes on PostgreSQL (two instances on one
// database; the database going away and coming back). Run with
//   npx vitest run --config tests/system/vitest.config.ts
// PostgreSQL is reached through DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// each file makes its own database trellis_inst_<pid>_<hex> and drops it.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("../../app", import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/system/**/*.test.ts"],
    globalSetup: ["tests/system/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The files start servers: one at a time on a 2-core machine.
    fileParallelism: false,
    pool: "forks",
  },
});
