// Named prepared statements on PostgreSQL (app/db/prepared-statements.server.ts, decision 0028):
// drizzle's queries with parameters are parsed once per connection, inside transactions and
// savepoints too; bulk statements and statements without parameters stay unnamed; switched off,
// nothing is named. PGlite has no named statements of ours: the PostgreSQL pass runs this file.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import { organisations } from "~/db/schema";
import { MAX_PREPARED_PARAMETERS, MAX_PREPARED_TEXT, shouldPrepare } from "~/db/prepared-statements.server";
import { createOrganisation } from "../factories";
import { testDb, type TestDatabase } from "../helpers/db";

describe("which statements are named", () => {
  it("those with parameters, up to a number of parameters and a length of text", () => {
    expect(shouldPrepare("select 1", [])).toBe(false);
    expect(shouldPrepare("select $1", undefined)).toBe(false);
    expect(shouldPrepare("select $1", [1])).toBe(true);
    const many = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => i);
    expect(shouldPrepare("insert ...", many.slice(1))).toBe(true);
    expect(shouldPrepare("insert ...", many)).toBe(false);
    expect(shouldPrepare(`select $1 ${" ".repeat(MAX_PREPARED_TEXT)}`, [1])).toBe(false);
  });
});

const postgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!postgres)("named prepared statements on PostgreSQL", () => {
  let database: TestDatabase;
  const opened: Database[] = [];

  beforeAll(async () => {
    database = await testDb();
  });
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });

  async function oneConnection(preparedStatements?: boolean): Promise<Database> {
    const d = await openDatabase({ url: database.url, poolSize: 1, preparedStatements });
    opened.push(d);
    return d;
  }

  /** The statements this connection holds (one connection: poolSize 1). */
  async function named(d: Database): Promise<string[]> {
    const result = await d.db.execute(sql`select statement from pg_prepared_statements where not from_sql`);
    return rows<{ statement: string }>(result).map((row) => row.statement);
  }

  it("a query with parameters is named once and reused, in transactions and savepoints too", async () => {
    const organisation = await createOrganisation(database.db, { name: "Prepared Org" });
    const d = await oneConnection();
    const byId = () =>
      d.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, organisation.id));
    expect(await byId()).toEqual([{ name: "Prepared Org" }]);
    expect(await byId()).toEqual([{ name: "Prepared Org" }]);
    const once = (await named(d)).filter((text) => text.includes('from "organisations"'));
    expect(once).toHaveLength(1);

    const inTransaction = await d.db.transaction(async (tx) => {
      const acronym = await tx
        .select({ acronym: organisations.acronym })
        .from(organisations)
        .where(eq(organisations.name, "Prepared Org"));
      const nested = await tx.transaction((inner) =>
        inner
          .select({ level: organisations.level })
          .from(organisations)
          .where(eq(organisations.name, "Prepared Org")),
      );
      return { acronym, nested };
    });
    expect(inTransaction.acronym).toHaveLength(1);
    expect(inTransaction.nested).toHaveLength(1);
    const texts = await named(d);
    expect(texts.some((text) => text.includes('select "acronym"'))).toBe(true);
    expect(texts.some((text) => text.includes('select "level"'))).toBe(true);
  });

  it("a transaction that fails still rolls back", async () => {
    const d = await oneConnection();
    await expect(
      d.db.transaction(async (tx) => {
        await tx
          .insert(organisations)
          .values({ name: "Rolled back", type: "cso", level: "local", countryCode: "NL" });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    const left = await d.db.select().from(organisations).where(eq(organisations.name, "Rolled back"));
    expect(left).toEqual([]);
  });

  it("switched off, nothing is named", async () => {
    const d = await oneConnection(false);
    await d.db.select().from(organisations).where(eq(organisations.name, "Prepared Org"));
    // postgres.js names its own few statements (its start-up queries); none of drizzle's.
    expect((await named(d)).filter((text) => text.includes('"organisations"'))).toEqual([]);
  });
});
