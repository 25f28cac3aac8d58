// Vitest global setup: migrate a template database ONCE, so each test file starts from a copy
// (PGlite: a data-dir dump loaded in memory; PostgreSQL: CREATE DATABASE ... TEMPLATE).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { adminSql, databaseUrlFor, runIsAlive, TEMPLATE_PREFIX, TEST_DB_PREFIX } from "../helpers/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    runPid: number;
  }
}

export default async function setup(project: TestProject) {
  project.provide("runPid", process.pid);
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `${TEMPLATE_PREFIX}${process.pid}`;
    const admin = await adminSql(url);
    try {
      // Leftovers of interrupted runs: only those whose run (the PID in the name) is gone, so two
      // runs against one server do not drop each other's databases.
      const stale = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${TEMPLATE_PREFIX}%`} or datname like ${`${TEST_DB_PREFIX}%`}`;
      for (const { datname } of stale) {
        if (!runIsAlive(datname)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      }
      await admin.unsafe(`create database "${template}"`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ url: databaseUrlFor(url, template), poolSize: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    project.provide("postgresTemplate", template);
    project.provide("pgliteTemplate", "");
    return async () => {
      const admin = await adminSql(url);
      try {
        await admin.unsafe(`drop database if exists "${template}" with (force)`);
      } finally {
        await admin.end();
      }
    };
  }

  const database = await openDatabase({ pgliteDir: "memory://" });
  // Stored uncompressed: every test file loads it, and PGlite then skips the gunzip (40 MB of
  // tar read from the page cache costs less than inflating 5 MB in each file).
  const file = path.join(os.tmpdir(), `trellis-pglite-template-${process.pid}.tar`);
  try {
    await migrateDatabase(database);
    const dump = await dumpOf(database);
    fs.writeFileSync(file, gunzipSync(Buffer.from(await dump.arrayBuffer())));
  } finally {
    await database.close();
  }
  project.provide("pgliteTemplate", file);
  project.provide("postgresTemplate", "");
  return () => fs.rmSync(file, { force: true });
}

async function dumpOf(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error("the embedded database cannot be dumped");
  return database.dumpDataDir();
}
