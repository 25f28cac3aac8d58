import { defineConfig } from "drizzle-kit";

// Migrations are generated from the TypeScript schema and applied by the app at start
// (app/db/migrate.server.ts), identically on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: false,
});
