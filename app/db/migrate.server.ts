import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./client.server";
import { rows } from "./rows.server";

/** drizzle/ at the project root (this file is app/db/migrate.server.ts). */
export const migrationsFolder =
  process.env.MIGRATIONS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/** Apply pending migrations under the migration lock; returns the number applied in total. */
export async function migrateDatabase(database: Database): Promise<number> {
  await database.withMigrationLock(async (db) => {
    if (database.kind === "postgres") {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      // Typed as the shared Db; the runtime object is a postgres-js drizzle instance.
      await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder });
    } else {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder });
    }
  });
  return appliedMigrationCount(database.db);
}

/** How many migrations the database has applied (0 before the first migration). */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rows<{ present: boolean }>(exists)[0]?.present) return 0;
  const result = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return rows<{ count: number }>(result)[0]?.count ?? 0;
}
