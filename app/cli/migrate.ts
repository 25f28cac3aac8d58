// npm run db:migrate: apply pending migrations to the configured database and exit.
import { appliedMigrationCount } from "../db/migrate.server";
import { withCliDatabase } from "./database";

await withCliDatabase(async (database) => {
  console.log(
    `[trellis] ${database.description}: ${await appliedMigrationCount(database.db)} migrations applied`,
  );
});
