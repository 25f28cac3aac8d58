// Shared by the command-line tools: open the configured database (DATABASE_URL or the embedded
// one), migrate it (unless `migrate: false`: the backup reads the database as it is), run the
// task, close it, and turn known failures into one clear line.
import { readConfig } from "../config.server";
import { openDatabase, type Database } from "../db/client.server";
import { migrateDatabase } from "../db/migrate.server";
import { DatabaseLockedError } from "../db/pglite-lock.server";
import { describeStartupError } from "../db/startup-errors.server";

export async function withCliDatabase(
  task: (database: Database) => Promise<void>,
  options: { migrate?: boolean } = {},
): Promise<void> {
  const config = readConfig();
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
    if (options.migrate ?? true) await migrateDatabase(database);
    await task(database);
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(
        `[trellis] ${error.message}\n[trellis] This command opens the embedded database directly: stop the server first (it holds the database while it runs).`,
      );
    } else if (error instanceof CliError) {
      console.error(`[trellis] ${error.message}`);
    } else {
      console.error(`[trellis] ${describeStartupError(error)}`);
    }
    process.exitCode = 1;
  } finally {
    await database?.close().catch(() => {});
  }
}

/** A failure the user can act on: printed as one line, exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}

/** Parse `--name value` and `--name=value` flags. */
export function cliFlag(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === `--${name}`) return args[i + 1];
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
