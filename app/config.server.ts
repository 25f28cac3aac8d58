/** Every environment variable Trellis reads, in one place (the README lists them). */
export interface AppConfig {
  databaseUrl: string | undefined;
  pgliteDir: string;
  seedDemo: boolean;
  host: string;
  port: number;
  nodeEnv: string;
  /** Build at start when there is no build or the sources are newer (AUTO_BUILD=0: never). */
  autoBuild: boolean;
  /** Set when behind a reverse proxy / load balancer: trust X-Forwarded-For and -Proto. */
  trustProxy: boolean;
  /** Largest request body accepted, in bytes (413 above). */
  maxBodyBytes: number;
  /** Login and invitation attempts allowed per IP and per email in a window. */
  authRateLimit: { limit: number; windowMs: number };
  /** Server processes sharing the port (node:cluster); more than 1 needs PostgreSQL. */
  webConcurrency: number;
  /** App requests (pages, data, form posts) run at once in a server process; the rest wait in order. */
  requestConcurrency: number;
  /** PostgreSQL: named prepared statements (DATABASE_PREPARED_STATEMENTS=0 behind PgBouncer in transaction mode). */
  preparedStatements: boolean;
}

/**
 * WEB_CONCURRENCY: how many server processes share the port (default 1). Above 1 the app must run on
 * PostgreSQL: the embedded database is held by one process.
 */
function webConcurrencyOf(env: NodeJS.ProcessEnv): number {
  const value = positiveInt("WEB_CONCURRENCY", env.WEB_CONCURRENCY, 1);
  if (value > 64) throw new Error(`WEB_CONCURRENCY must be at most 64, not "${env.WEB_CONCURRENCY}"`);
  if (value > 1 && !env.DATABASE_URL?.trim()) {
    throw new Error(
      "WEB_CONCURRENCY above 1 needs PostgreSQL (DATABASE_URL): the embedded database is held by one process",
    );
  }
  return value;
}

/**
 * REQUEST_CONCURRENCY: how many of the app's requests a server process works on at once; the others
 * wait their turn in arrival order (decision 0036).
 */
function requestConcurrencyOf(env: NodeJS.ProcessEnv): number {
  const value = positiveInt("REQUEST_CONCURRENCY", env.REQUEST_CONCURRENCY, DEFAULT_REQUEST_CONCURRENCY);
  if (value > 1000) {
    throw new Error(`REQUEST_CONCURRENCY must be at most 1000, not "${env.REQUEST_CONCURRENCY}"`);
  }
  return value;
}

export const DEFAULT_REQUEST_CONCURRENCY = 4;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value <= 0 || String(value) !== raw.trim()) {
    throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  }
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number.parseInt(env.PORT ?? "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, not "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    pgliteDir: env.PGLITE_DIR?.trim() || "./data/pglite",
    seedDemo: env.SEED_DEMO !== "0" && env.SEED_DEMO !== "false",
    host: env.HOST?.trim() || "127.0.0.1",
    port,
    nodeEnv: env.NODE_ENV ?? "production",
    autoBuild: env.AUTO_BUILD !== "0" && env.AUTO_BUILD !== "false",
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    maxBodyBytes: positiveInt("MAX_BODY_BYTES", env.MAX_BODY_BYTES, 1024 * 1024),
    authRateLimit: {
      limit: positiveInt("AUTH_RATE_LIMIT", env.AUTH_RATE_LIMIT, 10),
      windowMs: positiveInt("AUTH_RATE_WINDOW_SECONDS", env.AUTH_RATE_WINDOW_SECONDS, 60) * 1000,
    },
    webConcurrency: webConcurrencyOf(env),
    requestConcurrency: requestConcurrencyOf(env),
    preparedStatements:
      env.DATABASE_PREPARED_STATEMENTS !== "0" && env.DATABASE_PREPARED_STATEMENTS !== "false",
  };
}
