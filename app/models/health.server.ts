import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { appliedMigrationCount } from "~/db/migrate.server";

export interface DatabaseHealth {
  ok: boolean;
  migrations: number | null;
  latencyMs: number;
  error?: string;
}

export async function checkDatabaseHealth(db: Db): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await db.execute(sql`select 1`);
    const migrations = await appliedMigrationCount(db);
    return { ok: true, migrations, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      migrations: null,
      latencyMs: Math.round(performance.now() - started),
      // The message only: never a stack or connection string.
      error: error instanceof Error ? error.message.split("\n")[0] : "database error",
    };
  }
}
