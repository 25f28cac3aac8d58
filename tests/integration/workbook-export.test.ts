// /export/trellis.xlsx read back with exceljs: a sheet per kind in the reader's language; risks only
// of the partnerships whose details the reader may see; outcome counts through small-count
// suppression for every reader (a coordinator too: it is an export); text that looks like a formula
// stays text; a viewer (no export:run) gets 403.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Organisation, User } from "~/db/schema";
import { outcomePathways } from "~/lib/enums";
import { workbookData } from "~/models/workbook.server";
import * as workbookRoute from "~/routes/export.workbook";
import {
  addEventOrganiser,
  addEventParticipant,
  addMember,
  createDocument,
  createEvent,
  createEventTakeaway,
  createOrganisation,
  createPartnership,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
  createRelationship,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";
import { authUserOf, callRoute } from "../helpers/routes";

const database = await testDb();
const { db } = database;

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
  // 20 at the end of a period, 10 new and 27 at the end of the next: 3 left, suppressed, which the
  // participant counts next to it must not give away (20 + 10 - 27).
  const small = await createPilot(db, { name: "Small pilot" });
  await createPilotPeriod(db, {
    pilotId: small.id,
    periodStart: "2025-01-01",
    periodEnd: "2025-03-31",
    newParticipants: 20,
    participantsAtEnd: 20,
  });
  const second = await createPilotPeriod(db, {
    pilotId: small.id,
    periodStart: "2025-04-01",
    periodEnd: "2025-06-30",
    newParticipants: 10,
    participantsAtEnd: 27,
  });
  await createPilotOutcome(db, { pilotPeriodId: second.id, pathway: "residence_permit", count: 3 });
  // An archived organisation is named nowhere; the records only it takes part in are left out.
  const gone = await createOrganisation(db, { name: "Archived org", archivedAt: new Date() });
  await createRelationship(db, { fromOrganisationId: member.id, toOrganisationId: gone.id });
  await addMember(db, { partnershipId: partnership.id, organisationId: gone.id, role: "partner" });
  const event = await createEvent(db, { title: "Workbook event" });
  await addEventParticipant(db, { eventId: event.id, organisationId: gone.id, attendeeCount: 2 });
  await addEventParticipant(db, { eventId: event.id, organisationId: member.id, attendeeCount: 4 });
  await addEventOrganiser(db, { eventId: event.id, organisationId: gone.id });
  await addEventOrganiser(db, { eventId: event.id, organisationId: member.id });
  await createEventTakeaway(db, { eventId: event.id, position: 1, theme: "Housing", text: "Kept takeaway" });
  await createEventTakeaway(db, { eventId: event.id, text: "Archived takeaway", archivedAt: new Date() });
  await createDocument(db, {
    partnershipId: partnership.id,
    title: "Covenant text",
    url: "https://example.org/covenant.pdf",
    kind: "covenant",
  });
  await createDocument(db, { pilotId: pilot.id, title: "Pilot report", url: "https://example.org/r.pdf" });
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
      "Documents",
      "Résultats",
      "Événements",
      "Organisateurs",
      "Participants",
      "Enseignements",
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
    // The period has a suppressed count: its participant counts are rounded too.
    expect(cell("Participants at the end")).toBe("\u2248\u00a010");
    expect(cell("Residence permit")).toBe("<5");
    // Secondary suppression: the next-smallest count of the period goes too, and the total is rounded.
    expect(cell("Voluntary return")).toBe("<5");
    // Exact counts are numbers, so the sheet sums them.
    expect(cell("Back to state reception")).toBe(20);
    expect(cell("Left in the period")).toBe("\u2248\u00a030");
  });

  it("does not let the participant counts give away a suppressed number of leavers", async () => {
    const rows = rowsOf(await workbookOf(coordinator), "Outcomes");
    const header = rows[0] ?? [];
    const periods = rows.filter((row) => row[0] === "Small pilot");
    const cells = (row: unknown[] | undefined, ...names: string[]) =>
      names.map((name) => row?.[header.indexOf(name)]);
    const columns = ["New participants", "Participants at the end", "Residence permit", "Left in the period"];
    // Nobody left in the first period: nothing suppressed, every count exact (numbers).
    expect(cells(periods[0], ...columns)).toEqual([20, 20, 0, 0]);
    // 3 left in the second: 20 + 10 - 27 would tell, so 10 and 27 are rounded.
    expect(cells(periods[1], ...columns)).toEqual(["\u2248\u00a010", "\u2248\u00a025", "<5", "<5"]);
  });

  it("names no archived organisation, and has the organisers, takeaways and documents", async () => {
    const workbook = await workbookOf(coordinator);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        expect((row.values as unknown[]).includes("Archived org"), sheet.name).toBe(false);
      });
    }
    expect(rowsOf(workbook, "Participants")).toContainEqual(["Workbook event", "=cmd|' /C calc'!A0", 4]);
    expect(rowsOf(workbook, "Organisers")).toEqual([
      ["Event", "Organisation"],
      ["Workbook event", "=cmd|' /C calc'!A0"],
    ]);
    expect(rowsOf(workbook, "Takeaways")).toEqual([
      ["Event", "Position", "Theme", "Takeaway"],
      ["Workbook event", 1, "Housing", "Kept takeaway"],
    ]);
    expect(rowsOf(workbook, "Documents")).toEqual(
      [
        ["Partnership", "Pilot", "Title", "Address (URL)", "Kind"],
        ["Workbook covenant", null, "Covenant text", "https://example.org/covenant.pdf", "Covenant"],
        [null, "Workbook pilot", "Pilot report", "https://example.org/r.pdf", "Report"],
      ].map((row) => row.map((cell) => cell ?? undefined)),
    );
  });

  it("reads everything in one read-only repeatable-read transaction, a fixed number of queries", async () => {
    const spy = vi.spyOn(db, "transaction");
    try {
      await workbookData(db, authUserOf(coordinator), "2026-11-26");
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]?.[1]).toEqual({ isolationLevel: "repeatable read", accessMode: "read only" });
    } finally {
      spy.mockRestore();
    }
    const counting = await countingDb(database);
    counting.reset();
    await workbookData(counting.db, authUserOf(coordinator), "2026-11-26");
    const before = counting.count();
    for (let i = 0; i < 3; i++) {
      const event = await createEvent(db, { title: `More ${i}` });
      await addEventOrganiser(db, { eventId: event.id });
      await createEventTakeaway(db, { eventId: event.id });
      await createDocument(db, {});
    }
    counting.reset();
    await workbookData(counting.db, authUserOf(coordinator), "2026-11-26");
    expect(counting.count(), counting.queries().join("\n")).toBe(before);
  });

  it("is refused to a viewer", async () => {
    const request = new Request("http://localhost/export/trellis.xlsx");
    const outcome = await callRoute(db, workbookRoute.loader, request, authUserOf(viewer), {});
    expect(outcome.status).toBe(403);
  });
});
