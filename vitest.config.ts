import { availableParallelism } from "node:os";
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
    // Vitest's default is one worker fewer than the cores: ONE on a 2-core machine (CI), where the
    // files then run one after another while the main process mostly waits. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // PGlite is Postgres compiled to WebAssembly. By default V8 recompiles its hot functions with
    // TurboFan, which costs more CPU than a test file's few thousand queries ever win back; the
    // baseline compiler alone makes opening a database and running the queries about half as
    // costly. Only WebAssembly is affected (the app's JavaScript is compiled as usual).
    execArgv: ["--liftoff-only"],
    // scrypt at a test cost (production keeps OWASP's N=2^17; see app/auth/password.server.ts).
    env: { SCRYPT_LOG_N: "4" },
  },
});
