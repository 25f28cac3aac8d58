import postgres from "postgres";

export const TEMPLATE_PREFIX = "trellis_test_template_";
export const TEST_DB_PREFIX = "trellis_test_db_";

/** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export async function adminSql(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** The same server URL pointing at another database. */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Test database names carry the PID of the Vitest run that made them: is that run still going? */
export function runIsAlive(databaseName: string): boolean {
  const match = /_(\d+)(?:_[0-9a-f]+)?$/.exec(databaseName);
  if (!match) return false;
  try {
    process.kill(Number(match[1]), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
