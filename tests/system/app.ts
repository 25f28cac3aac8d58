// Shared by the system tests: where the built copy of the app lives, the PostgreSQL admin URL, and
// a fresh database per test file.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { adminSql, databaseUrlFor, runIsAlive } from "../helpers/postgres";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The app is built in a copy of the checkout (as the benchmark does), so this build never clashes
 * with the browser tests' build/ in the checkout.
 */
export const appDir = process.env.SYSTEM_APP_DIR ?? path.join(os.tmpdir(), "trellis-instances-app");

export const adminUrl = process.env.DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const DATABASE_PREFIX = "trellis_inst_";

/** Drop the databases of earlier runs that are gone (the PID in the name no longer runs). */
export async function dropStaleDatabases(): Promise<void> {
  const admin = await adminSql(adminUrl);
  try {
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${DATABASE_PREFIX}%`}`;
    for (const { datname } of stale) {
      // Only names this file makes (prefix, PID, random hex): never another database.
      if (!new RegExp(`^${DATABASE_PREFIX}\\d+_[0-9a-f]+$`).test(datname)) continue;
      if (!runIsAlive(datname)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}

/** A new EMPTY database (no migrations): its URL, and a function that drops it. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await adminSql(adminUrl);
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrlFor(adminUrl, name),
    async drop() {
      const admin = await adminSql(adminUrl);
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
