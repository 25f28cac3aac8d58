// /export/trellis.xlsx read back with exceljs: a sheet per kind in the reader's language; risks only
// of the partnerships whose details the reader may see; outcome counts through small-count
// suppression for every reader (a coordinator too: it is an export); text that looks like a formula
// stays text; a viewer (no export:run) gets 403.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation, User } from "~/db/schema";
import { outcomePathways } from "~/lib/enums";
import * as workbookRoute from "~/routes/export.workbook";
import {
  addMember,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute } from "../helpers/routes";

const { db } = await testDb();

let member: Organisation;
let coordinator: User;
let memberUser: User;
let outsider: User;
let viewer: User;

beforeAll(async () => {
  member = await createOrganisation(db, { name: "=cmd|' /C calc'!A0", acronym: "FORM" });
  const partnership = await createPartnership(db, { name: "Workbook covenant" });
  await addMember(db, { partnershipId: partnership.id, organisationId: member.id, role: "lead" });
  await createRisk(db, {
    partnershipId: partnership.id,
    title: "Secret risk title",
    likelihood: 4,
    impact: 5,
  });
  const pilot = await createPilot(db, { name: "Workbook pilot", partnershipId: partnership.id });
  const period = await createPilotPeriod(db, {
    pilotId: pilot.id,
    periodStart: "2025-01-01",
    periodEnd: "2025-03-31",
    newParticipants: 3,
    participantsAtEnd: 12,
  });
  await createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "residence_permit", count: 2 });
  await createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "voluntary_return", count: 7 });
  await createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "state_reception", count: 20 });
  coordinator = await createUser(db, { role: "coordinator" });
  memberUser = await createUser(db, { role: "organiser", organisationId: member.id });
  outsider = await createUser(db, { role: "organiser", organisationId: (await createOrganisation(db)).id });
  viewer = await createUser(db, { role: "viewer" });
});

async function workbookOf(user: User, language = "en"): Promise<ExcelJS.Workbook> {
  const request = new Request("http://localhost/export/trellis.xlsx", {
    headers: { "Accept-Language": language },
  });
  const outcome = await callRoute(db, workbookRoute.loader, request, authUserOf(user), {});
  expect(outcome.status).toBe(200);
  expect(outcome.headers.get("Content-Type")).toBe(workbookRoute.XLSX_CONTENT_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await (outcome.response as Response).arrayBuffer());
  return workbook;
}

/** A sheet's rows as arrays of cell values (header first), by the sheet's name. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((w) => w.name).join(", ")}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("/export/trellis.xlsx", () => {
  it("has a sheet per kind, named in the reader's language", async () => {
    const workbook = await workbookOf(coordinator, "fr");
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Organisations",
      "Relations",
      "Partenariats",
      "Membres",
      "Objectifs",
      "Financements",
      "Risques",
      "Municipalités",
      "Projets pilotes",
      "Jalons",
      "Résultats",
      "Événements",
      "Participants",
      "Suivis",
    ]);
    expect(rowsOf(workbook, "Membres")[0]?.slice(0, 3)).toEqual(["Partenariat", "Organisation", "Rôle"]);
    expect(rowsOf(workbook, "Membres")).toContainEqual(
      expect.arrayContaining(["Workbook covenant", "=cmd|' /C calc'!A0", "Chef de file"]),
    );
  });

  it("keeps text that looks like a formula as text", async () => {
    const workbook = await workbookOf(coordinator);
    const sheet = workbook.getWorksheet("Organisations");
    let found = false;
    sheet?.eachRow((row) => {
      const cell = row.getCell(2);
      if (cell.value === "=cmd|' /C calc'!A0") {
        found = true;
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
      }
    });
    expect(found).toBe(true);
  });

  it("holds risks only of the partnerships whose details the reader may see", async () => {
    const riskTitles = async (user: User) =>
      rowsOf(await workbookOf(user), "Risks")
        .slice(1)
        .map((row) => row[2]);
    expect(await riskTitles(coordinator)).toContain("Secret risk title");
    expect(await riskTitles(memberUser)).toContain("Secret risk title");
    expect(await riskTitles(outsider)).not.toContain("Secret risk title");
    const coordinatorRisk = rowsOf(await workbookOf(coordinator), "Risks").find(
      (row) => row[2] === "Secret risk title",
    );
    expect(coordinatorRisk?.[6]).toBe(20);
  });

  it("suppresses small outcome counts for every reader", async () => {
    const rows = rowsOf(await workbookOf(coordinator), "Outcomes");
    const header = rows[0] ?? [];
    const period = rows.find((row) => row[0] === "Workbook pilot") ?? [];
    const cell = (name: string) => period[header.indexOf(name)];
    expect(header.length).toBe(5 + outcomePathways.length + 1);
    expect(cell("New participants")).toBe("<5");
    expect(cell("Participants at the end")).toBe("12");
    expect(cell("Residence permit")).toBe("<5");
    // Secondary suppression: the next-smallest count of the period goes too, and the total is rounded.
    expect(cell("Voluntary return")).toBe("<5");
    expect(cell("Back to state reception")).toBe("20");
    expect(cell("Left in the period")).toBe("\u2248\u00a030");
  });

  it("is refused to a viewer", async () => {
    const request = new Request("http://localhost/export/trellis.xlsx");
    const outcome = await callRoute(db, workbookRoute.loader, request, authUserOf(viewer), {});
    expect(outcome.status).toBe(403);
  });
});
