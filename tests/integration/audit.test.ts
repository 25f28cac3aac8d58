import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, test } from "vitest";
import { userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import { auditLog, organisations, type AuditLogEntry, type User } from "~/db/schema";
import { i18nextMiddleware } from "~/middleware/i18next";
import {
  auditFilterOptions,
  entityHistory,
  latestDataVersion,
  listAuditEntries,
  recordAudit,
  type AuditFilters,
} from "~/models/audit.server";
import { loader } from "~/routes/admin.audit";
import { createAuditEntry, createOrganisation, createUser } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

const ALL = { page: 1, pageSize: 100 };

async function ids(filters: AuditFilters, request = ALL) {
  return (await listAuditEntries(db, filters, request)).items.map((entry) => entry.id);
}

function authUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: "en",
    municipalityIds: [],
    sessionId: "test-session",
  };
}

/** Run the route's loader as the server would: with the request's i18next instance and user. */
async function callLoader(search: string, user: AuthUser | null) {
  const url = new URL(`http://localhost/admin/audit${search}`);
  const request = new Request(url);
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(userContext, user);
  const args = { request, url, params: {}, context, unstable_pattern: "/admin/audit" };
  let result: Awaited<ReturnType<typeof loader>> | undefined;
  await i18nextMiddleware(args as unknown as Parameters<typeof i18nextMiddleware>[0], async () => {
    result = await loader(args as unknown as Parameters<typeof loader>[0]);
    return new Response(null);
  });
  if (!result) throw new Error("the loader returned nothing");
  return result;
}

/** The Response a loader threw (redirect, 403). */
async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the loader to throw a Response");
}

test("latestDataVersion is 0 while the log is empty", async () => {
  expect(await latestDataVersion(db)).toBe(0);
});

describe("reading the log", () => {
  let alice: User;
  let bob: User;
  // e1..e7 by insertion order; newest first they are e6 e5 e4 e7 e3 e2 e1 (e7 and e3 share a time:
  // the later id comes first).
  const e: Record<string, AuditLogEntry> = {};
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    alice = await createUser(db, { name: "Alice Auditor", role: "coordinator" });
    bob = await createUser(db, { name: "Bob Builder", role: "organiser" });
    // Appears nowhere in the log: not offered as a filter.
    await createUser(db, { name: "Carol Absent" });
    e.e1 = await createAuditEntry(db, {
      at: at("2025-02-28T23:59:59.999Z"),
      userId: alice.id,
      action: "create",
      entityType: "widget",
      entityId: "w1",
      after: { id: "w1", name: "Widget", colour: "red", createdAt: "2025-02-28T23:59:59.999Z", version: 1 },
    });
    e.e2 = await createAuditEntry(db, {
      at: at("2025-03-01T00:00:00.000Z"),
      userId: alice.id,
      action: "update",
      entityType: "widget",
      entityId: "w1",
      before: { id: "w1", name: "Widget", colour: "red", version: 1 },
      after: { id: "w1", name: "Widget", colour: "blue", version: 2 },
    });
    e.e3 = await createAuditEntry(db, {
      at: at("2025-03-01T12:00:00.000Z"),
      userId: bob.id,
      action: "update",
      entityType: "gadget",
      entityId: "g1",
    });
    e.e4 = await createAuditEntry(db, {
      at: at("2025-03-01T23:59:59.999Z"),
      userId: null,
      action: "seed",
      entityType: "gadget",
      entityId: "g2",
      after: { id: "g2" },
    });
    e.e5 = await createAuditEntry(db, {
      at: at("2025-03-02T00:00:00.000Z"),
      userId: bob.id,
      action: "archive",
      entityType: "widget",
      entityId: "w1",
      before: { id: "w1", archivedAt: null },
      after: { id: "w1", archivedAt: "2025-03-02T00:00:00.000Z" },
    });
    e.e6 = await createAuditEntry(db, {
      at: at("2025-03-03T08:00:00.000Z"),
      userId: null,
      action: "restore",
      entityType: "widget",
      entityId: "w1",
    });
    e.e7 = await createAuditEntry(db, {
      at: at("2025-03-01T12:00:00.000Z"),
      userId: alice.id,
      action: "create",
      entityType: "gadget",
      entityId: "g3",
    });
  });

  const of = (...names: string[]) => names.map((name) => e[name]!.id);

  test("newest first; entries at the same instant by id, latest first", async () => {
    expect(await ids({})).toEqual(of("e6", "e5", "e4", "e7", "e3", "e2", "e1"));
  });

  test("each entry carries its actor's name; system entries have no actor", async () => {
    const { items } = await listAuditEntries(db, {}, ALL);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(e.e1!.id)?.actor).toEqual({ id: alice.id, name: "Alice Auditor" });
    expect(byId.get(e.e3!.id)?.actor).toEqual({ id: bob.id, name: "Bob Builder" });
    expect(byId.get(e.e4!.id)?.actor).toBeNull();
    expect(byId.get(e.e6!.id)?.actor).toBeNull();
  });

  test("each entry carries what it changed", async () => {
    const { items } = await listAuditEntries(db, { entityId: "w1" }, ALL);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(e.e2!.id)).toMatchObject({
      action: "update",
      entityType: "widget",
      entityId: "w1",
      changes: [{ field: "colour", before: "red", after: "blue" }],
      lifecycle: null,
    });
    // A creation: every field but the bookkeeping ones.
    expect(byId.get(e.e1!.id)?.changes.map((change) => change.field)).toEqual(["id", "name", "colour"]);
    expect(byId.get(e.e5!.id)).toMatchObject({ changes: [], lifecycle: "archived" });
    expect(byId.get(e.e6!.id)).toMatchObject({ changes: [], lifecycle: "restored" });
    expect(byId.get(e.e1!.id)?.at).toEqual(new Date("2025-02-28T23:59:59.999Z"));
  });

  test("filter by user, and by the system (no user)", async () => {
    expect(await ids({ userId: alice.id })).toEqual(of("e7", "e2", "e1"));
    expect(await ids({ userId: bob.id })).toEqual(of("e5", "e3"));
    expect(await ids({ userId: null })).toEqual(of("e6", "e4"));
    expect(await ids({ userId: randomUUID() })).toEqual([]);
  });

  test("filter by entity type and by entity id", async () => {
    expect(await ids({ entityType: "gadget" })).toEqual(of("e4", "e7", "e3"));
    expect(await ids({ entityId: "w1" })).toEqual(of("e6", "e5", "e2", "e1"));
    expect(await ids({ entityType: "gadget", entityId: "w1" })).toEqual([]);
  });

  test("filter by action", async () => {
    expect(await ids({ action: "update" })).toEqual(of("e3", "e2"));
    expect(await ids({ action: "restore" })).toEqual(of("e6"));
    expect(await ids({ action: "delete" })).toEqual([]);
  });

  test("filter by date: whole UTC days, both ends inclusive", async () => {
    expect(await ids({ from: "2025-03-01", to: "2025-03-01" })).toEqual(of("e4", "e7", "e3", "e2"));
    expect(await ids({ from: "2025-03-02" })).toEqual(of("e6", "e5"));
    expect(await ids({ to: "2025-02-28" })).toEqual(of("e1"));
    expect(await ids({ from: "2025-02-28", to: "2025-03-02" })).toEqual(
      of("e5", "e4", "e7", "e3", "e2", "e1"),
    );
    // The last possible day has no "day after" to compare with.
    expect(await ids({ to: "9999-12-31" })).toHaveLength(7);
  });

  test("filters combine", async () => {
    expect(await ids({ userId: alice.id, entityType: "gadget", from: "2025-03-01" })).toEqual(of("e7"));
    expect(await ids({ userId: alice.id, entityType: "widget", action: "update", to: "2025-03-01" })).toEqual(
      of("e2"),
    );
    expect(await ids({ userId: null, entityId: "w1", action: "restore", from: "2025-03-03" })).toEqual(
      of("e6"),
    );
    expect(await ids({ userId: bob.id, action: "create" })).toEqual([]);
  });

  test("pages of the filtered list, in order, with the total", async () => {
    const first = await listAuditEntries(db, {}, { page: 1, pageSize: 3 });
    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3, pages: 3 });
    expect(first.items.map((item) => item.id)).toEqual(of("e6", "e5", "e4"));
    expect(await ids({}, { page: 2, pageSize: 3 })).toEqual(of("e7", "e3", "e2"));
    expect(await ids({}, { page: 3, pageSize: 3 })).toEqual(of("e1"));
    const beyond = await listAuditEntries(db, {}, { page: 4, pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: 7, pages: 3 });
    const filtered = await listAuditEntries(db, { entityId: "w1" }, { page: 2, pageSize: 3 });
    expect(filtered).toMatchObject({ total: 4, pages: 2 });
    expect(filtered.items.map((item) => item.id)).toEqual(of("e1"));
  });

  test("entityHistory: one record's entries, newest first, limited", async () => {
    expect((await entityHistory(db, "widget", "w1")).map((entry) => entry.id)).toEqual(
      of("e6", "e5", "e2", "e1"),
    );
    const latestTwo = await entityHistory(db, "widget", "w1", 2);
    expect(latestTwo.map((entry) => entry.id)).toEqual(of("e6", "e5"));
    expect(latestTwo[0]?.actor).toBeNull();
    expect(latestTwo[1]?.actor).toEqual({ id: bob.id, name: "Bob Builder" });
    // Same id, other type: not this record.
    expect(await entityHistory(db, "gadget", "w1")).toEqual([]);
  });

  test("filter options: the entity types and the users that appear in the log", async () => {
    expect(await auditFilterOptions(db)).toEqual({
      entityTypes: ["gadget", "widget"],
      users: [
        { id: alice.id, name: "Alice Auditor" },
        { id: bob.id, name: "Bob Builder" },
      ],
      hasSystemEntries: true,
    });
  });

  test("latestDataVersion is the latest audit id", async () => {
    expect(await latestDataVersion(db)).toBe(e.e7!.id);
  });
});

describe("the audit entry is written in the change's transaction", () => {
  test("a mutation that fails after recordAudit leaves no audit row and no change", async () => {
    const actor = await createUser(db, { role: "coordinator" });
    const versionBefore = await latestDataVersion(db);
    const name = `Rolled back ${randomUUID()}`;
    let organisationId: string | undefined;
    await expect(
      db.transaction(async (tx) => {
        const organisation = await createOrganisation(tx, { name });
        organisationId = organisation.id;
        await recordAudit(tx, actor, {
          action: "create",
          entityType: "organisation",
          entityId: organisation.id,
          after: organisation,
        });
        throw new Error("the mutation failed after its audit entry");
      }),
    ).rejects.toThrow("the mutation failed after its audit entry");
    expect(organisationId).toBeDefined();
    expect(await db.select().from(organisations).where(eq(organisations.name, name))).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, organisationId!))).toEqual([]);
    expect(await latestDataVersion(db)).toBe(versionBefore);
  });

  test("the same mutation, committed, leaves both the change and its audit entry", async () => {
    const actor = await createUser(db, { role: "coordinator", name: "Committing Coordinator" });
    const versionBefore = await latestDataVersion(db);
    const organisation = await db.transaction(async (tx) => {
      const created = await createOrganisation(tx);
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "organisation",
        entityId: created.id,
        after: created,
      });
      return created;
    });
    const history = await entityHistory(db, "organisation", organisation.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: "create",
      actor: { id: actor.id, name: "Committing Coordinator" },
    });
    expect(history[0]?.changes).toContainEqual({ field: "name", after: organisation.name });
    expect(await latestDataVersion(db)).toBe(history[0]?.id);
    expect(history[0]!.id).toBeGreaterThan(versionBefore);
  });
});

describe("/admin/audit loader", () => {
  let coordinator: User;
  let viewer: User;
  let widgetTotal: number;

  beforeAll(async () => {
    coordinator = await createUser(db, { role: "coordinator" });
    viewer = await createUser(db, { role: "viewer" });
    widgetTotal = (await listAuditEntries(db, { entityType: "widget" }, ALL)).total;
  });

  test("a coordinator gets the filtered entries, the form's values and the filter options", async () => {
    const data = await callLoader("?entityType=widget&action=update&page=1", authUser(coordinator));
    expect(data.title).toBe("Audit log");
    expect(data.errors).toEqual({});
    expect(data.filtered).toBe(true);
    expect(data.values).toMatchObject({ entityType: "widget", action: "update", user: "", from: "" });
    expect(data.entries.total).toBe(1);
    expect(data.entries.items[0]).toMatchObject({ entityType: "widget", action: "update" });
    expect(data.options.entityTypes).toContain("widget");
    expect(data.options.hasSystemEntries).toBe(true);
  });

  test("user=system selects the entries without a user", async () => {
    const data = await callLoader("?user=system&entityType=widget", authUser(coordinator));
    expect(data.errors).toEqual({});
    expect(data.entries.items.map((entry) => entry.action)).toEqual(["restore"]);
  });

  test("invalid filter values are ignored and reported per field, never a 500", async () => {
    const data = await callLoader(
      `?user=nobody&action=explode&from=2025-02-30&to=0000-01-01&entityId=${"x".repeat(201)}&page=-2`,
      authUser(coordinator),
    );
    expect(data.errors).toEqual({
      user: "validation.invalidChoice",
      action: "validation.invalidChoice",
      from: "audit.filters.invalidDate",
      to: "audit.filters.invalidDate",
      entityId: "validation.tooLong",
    });
    expect(data.filtered).toBe(false);
    expect(data.values.user).toBe("nobody");
    expect(data.entries.page).toBe(1);
    expect(data.entries.total).toBe((await listAuditEntries(db, {}, ALL)).total);
  });

  test("an end before the start is reported on the end date; the start still applies", async () => {
    const data = await callLoader("?entityType=widget&from=2025-03-02&to=2025-03-01", authUser(coordinator));
    expect(data.errors).toEqual({ to: "audit.filters.toBeforeFrom" });
    expect(data.entries.items.map((entry) => entry.action)).toEqual(["restore", "archive"]);
    expect(data.entries.total).toBeLessThan(widgetTotal);
  });

  test("a viewer gets 403", async () => {
    const response = await thrownBy(callLoader("", authUser(viewer)));
    expect(response.status).toBe(403);
  });

  test("anonymous is sent to log in, and back here with the filters afterwards", async () => {
    const response = await thrownBy(callLoader("?action=create&entityType=widget", null));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location") ?? "", "http://localhost");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("redirectTo")).toBe("/admin/audit?action=create&entityType=widget");
  });
});
