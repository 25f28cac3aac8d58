// Global setup of the system tests: copy the checkout to the app directory and build it there when
// the build is missing or older than the sources; check that PostgreSQL answers; drop the
// databases that interrupted runs left behind.
import fs from "node:fs";
import path from "node:path";
import { buildTrellis, syncAppCopy } from "../../bench/lib/server";
import { newestSource } from "../../server/build-freshness";
import { adminSql } from "../helpers/postgres";
import { adminUrl, appDir, dropStaleDatabases, projectRoot } from "./app";

export default async function setup() {
  const admin = await adminSql(adminUrl);
  try {
    await admin`select 1`;
  } catch (error) {
    throw new Error(
      `the system tests need PostgreSQL: cannot reach ${new URL(adminUrl).host} (set DATABASE_ADMIN_URL): ${String(error)}`,
      { cause: error },
    );
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
  await dropStaleDatabases();

  syncAppCopy(projectRoot, appDir);
  const built = fs.statSync(path.join(appDir, "build/server/index.js"), { throwIfNoEntry: false });
  if (!built || built.mtimeMs < newestSource(appDir)) {
    const started = Date.now();
    buildTrellis(appDir);
    console.log(`[system] built the app in ${appDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
