// /export/audit.csv: the log with the page's filters, newest first, labels in the reader's
// language, changes field by field with secrets withheld; coordinators only.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "~/db/schema";
import * as exportRoute from "~/routes/export.audit";
import { createAuditEntry, createUser } from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute } from "../helpers/routes";

const { db } = await testDb();

let coordinator: User;
let organiser: User;
const riskId = randomUUID();

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator", name: "Clara Coordinator" });
  organiser = await createUser(db, { role: "organiser" });
  await createAuditEntry(db, {
    userId: coordinator.id,
    action: "update",
    entityType: "risk",
    entityId: riskId,
    at: new Date("2025-03-01T10:00:00Z"),
    before: { title: "Old title", likelihood: 2 },
    after: { title: "=New title", likelihood: 4 },
  });
  await createAuditEntry(db, {
    userId: coordinator.id,
    action: "update",
    entityType: "user",
    entityId: coordinator.id,
    at: new Date("2025-03-02T10:00:00Z"),
    before: { passwordHash: "old-hash" },
    after: { passwordHash: "new-hash" },
  });
  await createAuditEntry(db, {
    action: "create",
    entityType: "organisation",
    at: new Date("2025-01-01T00:00:00Z"),
  });
});

async function exportOf(path: string, user: User, language = "en") {
  const request = new Request(`http://localhost${path}`, { headers: { "Accept-Language": language } });
  return callRoute(db, exportRoute.loader, request, authUserOf(user), {});
}

async function rowsOf(path: string, language = "en"): Promise<string[][]> {
  const outcome = await exportOf(path, coordinator, language);
  expect(outcome.status).toBe(200);
  return parseCsv(((await (outcome.response as Response).text()) ?? "").replace(/^\uFEFF/, ""));
}

describe("/export/audit.csv", () => {
  it("holds the filtered entries with their changes, in the reader's language", async () => {
    const rows = await rowsOf(`/export/audit.csv?entityType=risk&entityId=${riskId}`, "fr");
    expect(rows[0]).toEqual([
      "Entrée",
      "Heure (UTC)",
      "Utilisateur",
      "Action",
      "Type d’enregistrement",
      "Identifiant de l’enregistrement",
      "Lot",
      "Modifications",
    ]);
    expect(rows).toHaveLength(2);
    const [, row] = rows;
    expect(row?.slice(1, 6)).toEqual([
      "2025-03-01T10:00:00.000Z",
      "Clara Coordinator",
      "Modification",
      "Risque",
      riskId,
    ]);
    expect(row?.[7]).toContain("title: Old title → =New title");
    expect(row?.[7]).toContain("likelihood: 2 → 4");
  });

  it("withholds secrets and lists the newest first", async () => {
    const rows = await rowsOf("/export/audit.csv?from=2025-01-01&to=2025-12-31");
    const ids = rows.slice(1).map((row) => row[1]);
    expect(ids).toEqual([...ids].sort().reverse());
    const secret = rows.find((row) => row[4] === "User");
    expect(secret?.[7]).toBe("passwordHash: (withheld)");
    expect(rows.flat().join(" ")).not.toContain("new-hash");
  });

  it("is for coordinators only", async () => {
    expect((await exportOf("/export/audit.csv", organiser)).status).toBe(403);
  });
});

describe("/export/users.csv", () => {
  it("lists the accounts with their role and status, for coordinators only", async () => {
    const { loader } = await import("~/routes/export.users");
    const request = new Request("http://localhost/export/users.csv", {
      headers: { "Accept-Language": "en" },
    });
    const outcome = await callRoute(db, loader, request, authUserOf(coordinator), {});
    expect(outcome.status).toBe(200);
    const rows = parseCsv(((await (outcome.response as Response).text()) ?? "").replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([
      "Name",
      "Email",
      "Role",
      "Organisation",
      "Municipalities (officials)",
      "Status",
      "Created on",
    ]);
    expect(rows).toContainEqual(
      expect.arrayContaining(["Clara Coordinator", coordinator.email, "Coordinator", "Active"]),
    );
    expect((await callRoute(db, loader, request, authUserOf(organiser), {})).status).toBe(403);
  });
});
