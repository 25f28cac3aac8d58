import { DatabaseConfigError } from "./client.server";
import { DatabaseLockedError } from "./pglite-lock.server";

/**
 * One line for the errors an operator can fix (bad DATABASE_URL, server unreachable, embedded
 * database in use); the full error only for what is a bug.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof DatabaseConfigError || error instanceof DatabaseLockedError) return error.message;
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
