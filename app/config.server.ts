/** Every environment variable Trellis reads, in one place (the README lists them). */
export interface AppConfig {
  databaseUrl: string | undefined;
  pgliteDir: string;
  seedDemo: boolean;
  host: string;
  port: number;
  nodeEnv: string;
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
  };
}
