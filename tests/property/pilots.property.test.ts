// Generated bad input for the pilot forms, submitted by a municipal official (writes only in the
// municipalities of their scope): new pilot, edit, archive/restore, milestones (save, done, move,
// reorder, archive), outcome periods (save, archive) and the pilot's documents.
// tests/helpers/property.ts says what is checked for each input.
import { desc, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { documents, milestones, pilotPeriods, pilots, type Pilot } from "~/db/schema";
import {
  documentKinds,
  milestoneStatuses,
  outcomePathways,
  pilotStatuses,
  targetGroups,
  type OutcomePathway,
} from "~/lib/enums";
import * as newRoute from "~/routes/municipalities.$id.pilots.new";
import * as documentsRoute from "~/routes/pilots.$id.documents";
import * as editRoute from "~/routes/pilots.$id.edit";
import * as milestonesRoute from "~/routes/pilots.$id.milestones";
import * as outcomesRoute from "~/routes/pilots.$id.outcomes";
import {
  addDays,
  createDocument,
  createMilestone,
  createMunicipality,
  createPartnership,
  createPilot,
  createPilotPeriod,
  createUser,
  linkUserMunicipality,
  uniqueName,
} from "../factories";
import { testDb } from "../helpers/db";
import {
  checkBadIntents,
  checkForm,
  choice,
  day,
  expectBaseStored,
  type FieldKind,
  type FormSpec,
  inOrder,
  number,
  onlyWrong,
  redirectedId,
  reference,
  SCRIPT,
  text,
} from "../helpers/property";
import { authUserOf } from "../helpers/routes";

const { db } = await testDb();

let official: AuthUser;
let municipalityId: string;
let outsideId: string;
let pilot: Pilot;
let outsidePilot: Pilot;
let partnershipId: string;

beforeAll(async () => {
  const user = await createUser(db, { role: "municipal_official" });
  municipalityId = (await createMunicipality(db)).id;
  outsideId = (await createMunicipality(db)).id;
  await linkUserMunicipality(db, { userId: user.id, municipalityId });
  official = authUserOf(user, [municipalityId]);
  pilot = await createPilot(db, { municipalityId });
  outsidePilot = await createPilot(db, { municipalityId: outsideId });
  partnershipId = (await createPartnership(db)).id;
});

const tables = ["pilots", "milestones", "pilot_periods", "pilot_outcomes", "documents"] as const;

async function byId<T extends typeof pilots | typeof milestones | typeof pilotPeriods | typeof documents>(
  table: T,
  id: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!id) return undefined;
  const [found] = await db
    .select()
    .from(table as typeof pilots)
    .where(eq((table as typeof pilots).id, id));
  return found as Record<string, unknown> | undefined;
}

const pilotFields = (): Record<string, FieldKind> => ({
  name: text({ max: 200, required: true, markup: "refused" }),
  description: text({ max: 5000, markup: "refused" }),
  partnershipId: reference({ valid: () => [partnershipId] }),
  targetGroup: choice(targetGroups),
  pathways: choice(outcomePathways, false, true),
  status: choice(pilotStatuses),
  startsOn: day(),
  endsOn: day(),
  capacity: number({ min: 0, max: 1_000_000 }),
});

describe("pilot forms take any input without a 5xx or a partial write", () => {
  it("new pilot, in scope and outside it", async () => {
    const create: FormSpec = {
      name: "municipalities.$id.pilots.new",
      db,
      action: newRoute.action,
      path: `/municipalities/${municipalityId}/pilots/new`,
      params: { id: municipalityId },
      user: () => official,
      base: () => ({ name: uniqueName("Pilot"), targetGroup: "both", status: "planned" }),
      fields: pilotFields(),
      tables,
      rules: [inOrder("startsOn", "endsOn")],
      stored: (outcome) => byId(pilots, redirectedId(outcome)),
    };
    await expectBaseStored(create);
    await checkForm(create);
    await checkForm({
      ...create,
      name: "municipalities.$id.pilots.new outside the official's scope",
      path: `/municipalities/${outsideId}/pilots/new`,
      params: { id: outsideId },
      refuseAll: true,
    });
  });

  it("pilot edit, archive and restore", async () => {
    const target = await createPilot(db, { municipalityId });
    const edit: FormSpec = {
      name: "pilots.$id.edit update",
      db,
      action: editRoute.action,
      path: `/pilots/${target.id}/edit`,
      params: { id: target.id },
      user: () => official,
      base: async () => ({
        intent: "update",
        version: String((await byId(pilots, target.id))?.version),
        name: uniqueName("Pilot"),
        targetGroup: "both",
        status: "running",
      }),
      fields: { ...pilotFields(), version: onlyWrong() },
      tables,
      rules: [inOrder("startsOn", "endsOn")],
      stored: () => byId(pilots, target.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkBadIntents(edit);
    await checkForm({
      ...edit,
      name: "pilots.$id.edit outside the official's scope",
      path: `/pilots/${outsidePilot.id}/edit`,
      params: { id: outsidePilot.id },
      base: async () => ({ ...(await edit.base()), version: String(outsidePilot.version) }),
      refuseAll: true,
    });
    await checkForm({
      ...edit,
      name: "pilots.$id.edit archive/restore",
      base: async () => {
        const current = await byId(pilots, target.id);
        return { intent: current?.archivedAt ? "restore" : "archive", version: String(current?.version) };
      },
      fields: { version: onlyWrong() },
      stored: undefined,
    });
  });

  it("milestones", async () => {
    const common = {
      db,
      action: milestonesRoute.action,
      path: `/pilots/${pilot.id}/milestones`,
      params: { id: pilot.id },
      user: () => official,
      tables,
    };
    const milestone = await createMilestone(db, { pilotId: pilot.id });
    const foreign = await createMilestone(db, { pilotId: outsidePilot.id });
    const ids = reference({ valid: () => [milestone.id], foreign: () => [foreign.id] });
    const version = async () => String((await byId(milestones, milestone.id))?.version);
    const fields = (): Record<string, FieldKind> => ({
      title: text({ max: 200, required: true, markup: "refused" }),
      description: text({ max: 2000, markup: "refused" }),
      dueOn: day(),
      status: choice(milestoneStatuses.filter((s) => s !== "done")),
      notes: text({ max: 2000, markup: "refused" }),
    });
    const add: FormSpec = {
      ...common,
      name: "pilots.$id.milestones save (new)",
      base: () => ({ intent: "save", title: uniqueName("Milestone"), status: "planned" }),
      fields: fields(),
      stored: async () => {
        const [found] = await db
          .select()
          .from(milestones)
          .where(eq(milestones.pilotId, pilot.id))
          .orderBy(desc(milestones.createdAt))
          .limit(1);
        return found as Record<string, unknown> | undefined;
      },
    };
    await expectBaseStored(add);
    await checkForm(add);
    const edit: FormSpec = {
      ...common,
      name: "pilots.$id.milestones save (edit)",
      base: async () => ({
        intent: "save",
        id: milestone.id,
        version: await version(),
        title: uniqueName("M"),
        status: "planned",
      }),
      fields: { ...fields(), id: ids, version: onlyWrong() },
      stored: () => byId(milestones, milestone.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkForm({
      ...common,
      name: "pilots.$id.milestones done",
      base: async () => {
        const open = await createMilestone(db, { pilotId: pilot.id });
        return { intent: "done", id: open.id, version: String(open.version) };
      },
      fields: { id: ids, version: onlyWrong(), doneOn: day() },
      // A done day after today is refused.
      rules: [
        (f) =>
          typeof f.doneOn === "string" && f.doneOn > new Date().toISOString().slice(0, 10)
            ? "invalid"
            : undefined,
      ],
    });
    await checkForm({
      ...common,
      name: "pilots.$id.milestones move",
      base: () => ({ intent: "move", id: milestone.id, direction: "up" }),
      fields: { id: ids, direction: choice(["up", "down"]) },
    });
    await checkForm({
      ...common,
      name: "pilots.$id.milestones reorder",
      base: async () => {
        const list = await db
          .select({ id: milestones.id })
          .from(milestones)
          .where(eq(milestones.pilotId, pilot.id));
        return { intent: "reorder", order: list.map((m) => m.id).reverse() };
      },
      fields: {
        order: {
          kind: "id",
          arbitrary: fc
            .constantFrom<readonly string[] | string | undefined>(
              [milestone.id],
              [foreign.id, milestone.id],
              ["x"],
              "",
              undefined,
              [SCRIPT],
            )
            .map((value) => ({ value, verdict: "invalid" as const })),
        },
      },
    });
    await checkForm({
      ...common,
      name: "pilots.$id.milestones archive/restore",
      base: async () => {
        const current = await byId(milestones, milestone.id);
        return {
          intent: current?.archivedAt ? "restore" : "archive",
          id: milestone.id,
          version: String(current?.version),
        };
      },
      fields: { id: ids, version: onlyWrong() },
    });
    await checkBadIntents(common);
  });

  it("outcome periods", async () => {
    const gridCells: OutcomePathway[] = ["residence_permit", "regularisation_medical", "voluntary_return"];
    const common = {
      db,
      action: outcomesRoute.action,
      path: `/pilots/${pilot.id}/outcomes`,
      params: { id: pilot.id },
      user: () => official,
      tables,
    };
    const fields = (): Record<string, FieldKind> => ({
      periodStart: day(true),
      periodEnd: day(true),
      newParticipants: number({ min: 0, max: 100_000, required: true }),
      participantsAtEnd: number({ min: 0, max: 100_000, required: true }),
      notes: text({ max: 2000, markup: "refused" }),
      // Cells of the grid: a count each, refused when out of range or repeated. Typed as pathways, so
      // a renamed pathway fails to compile here instead of sending a field the form does not have.
      ...Object.fromEntries(
        gridCells.map((pathway) => [`outcomes.${pathway}`, number({ min: 0, max: 100_000 })]),
      ),
    });
    let periodSeq = 0;
    // Each new period starts on a day of its own (periods of a pilot may not overlap).
    const fresh = () => {
      const start = addDays("1901-01-01", ++periodSeq * 35);
      return {
        periodStart: start,
        periodEnd: addDays(start, 30),
        newParticipants: "4",
        participantsAtEnd: "2",
      };
    };
    const endAfterStart = (f: Record<string, unknown>) =>
      typeof f.periodStart === "string" && typeof f.periodEnd === "string" && f.periodEnd <= f.periodStart
        ? ("invalid" as const)
        : undefined;
    const add: FormSpec = {
      ...common,
      name: "pilots.$id.outcomes save (new)",
      base: () => ({ intent: "save", ...fresh() }),
      fields: fields(),
      rules: [inOrder("periodStart", "periodEnd"), endAfterStart],
      stored: async () => {
        const [found] = await db
          .select()
          .from(pilotPeriods)
          .where(eq(pilotPeriods.pilotId, pilot.id))
          .orderBy(desc(pilotPeriods.createdAt))
          .limit(1);
        return found as Record<string, unknown> | undefined;
      },
    };
    await expectBaseStored(add);
    await checkForm(add);
    const period = await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2150-01-01" });
    const foreign = await createPilotPeriod(db, { pilotId: outsidePilot.id });
    const ids = reference({ valid: () => [period.id], foreign: () => [foreign.id] });
    const edit: FormSpec = {
      ...add,
      name: "pilots.$id.outcomes save (edit)",
      base: async () => ({
        intent: "save",
        id: period.id,
        version: String((await byId(pilotPeriods, period.id))?.version),
        periodStart: "2150-01-01",
        periodEnd: "2150-01-31",
        newParticipants: "3",
        participantsAtEnd: "1",
      }),
      fields: { ...fields(), id: ids, version: onlyWrong() },
      stored: () => byId(pilotPeriods, period.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkForm({
      ...common,
      name: "pilots.$id.outcomes archive/restore",
      base: async () => {
        const current = await byId(pilotPeriods, period.id);
        return {
          intent: current?.archivedAt ? "restore" : "archive",
          id: period.id,
          version: String(current?.version),
        };
      },
      fields: { id: ids, version: onlyWrong() },
    });
    await checkBadIntents(common);
  });

  it("documents of a pilot", async () => {
    const record = await createDocument(db, { pilotId: pilot.id });
    const foreign = await createDocument(db, { pilotId: outsidePilot.id });
    const url: FieldKind = {
      kind: "text",
      roundTrip: true,
      arbitrary: fc.oneof(
        fc.constantFrom("https://example.org/a.pdf").map((value) => ({ value, verdict: "valid" as const })),
        fc
          .constantFrom("javascript:alert(1)", "data:text/html,x", "", "https://")
          .map((value) => ({ value, verdict: "invalid" as const })),
      ),
    };
    const spec: FormSpec = {
      name: "pilots.$id.documents save",
      db,
      action: documentsRoute.action,
      path: `/pilots/${pilot.id}/documents`,
      params: { id: pilot.id },
      user: () => official,
      tables,
      base: async () => ({
        intent: "save",
        id: record.id,
        version: String((await byId(documents, record.id))?.version),
        title: uniqueName("Doc"),
        url: "https://example.org/d.pdf",
        kind: "report",
      }),
      fields: {
        id: reference({ valid: () => [record.id], foreign: () => [foreign.id] }),
        version: onlyWrong(),
        title: text({ max: 200, required: true, markup: "refused" }),
        url,
        kind: choice(documentKinds),
      },
      stored: () => byId(documents, record.id),
    };
    await expectBaseStored(spec);
    await checkForm(spec);
    await checkBadIntents(spec);
  });
});
