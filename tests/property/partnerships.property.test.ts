// Generated bad input for the partnership forms: new, edit, archive/restore, members (add, update,
// remove), and the records tabs (objectives, funding, documents, risks, health checks).
// tests/helpers/property.ts says what is checked for each input.
import { desc, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import {
  documents,
  fundingLines,
  healthChecks,
  objectives,
  partnershipMembers,
  partnerships,
  risks,
  type Organisation,
  type Partnership,
} from "~/db/schema";
import {
  documentKinds,
  formalisations,
  fundingSources,
  fundingStages,
  healthDimensions,
  levels,
  memberRoles,
  objectiveStatuses,
  outcomePathways,
  partnershipStatuses,
  riskCategories,
  riskStatuses,
} from "~/lib/enums";
import * as documentsRoute from "~/routes/partnerships.$id.documents";
import * as editRoute from "~/routes/partnerships.$id.edit";
import * as fundingRoute from "~/routes/partnerships.$id.funding";
import * as healthRoute from "~/routes/partnerships.$id.health";
import * as membersRoute from "~/routes/partnerships.$id.members";
import * as objectivesRoute from "~/routes/partnerships.$id.objectives";
import * as risksRoute from "~/routes/partnerships.$id.risks";
import * as newRoute from "~/routes/partnerships.new";
import {
  addMember,
  createDocument,
  createFundingLine,
  createObjective,
  createOrganisation,
  createPartnership,
  createRisk,
  createUser,
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
  type Fields,
  type FormSpec,
  inOrder,
  lenient,
  number,
  onlyWrong,
  redirectedId,
  reference,
  SCRIPT,
  text,
} from "../helpers/property";
import { authUserOf } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let partnership: Partnership;
let elsewhere: Partnership;
let member: Organisation;
let outsider: Organisation;
/** Joins by the members form (outsider never does: it is the id of a non-member). */
let joiner: Organisation;
let archivedOrganisation: Organisation;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  partnership = await createPartnership(db, { name: uniqueName("Fuzzed partnership") });
  elsewhere = await createPartnership(db, { name: uniqueName("Elsewhere") });
  member = await createOrganisation(db);
  outsider = await createOrganisation(db);
  joiner = await createOrganisation(db);
  archivedOrganisation = await createOrganisation(db, { archivedAt: new Date() });
  await addMember(db, { partnershipId: partnership.id, organisationId: member.id });
});

const tables = [
  "partnerships",
  "partnership_members",
  "objectives",
  "funding_lines",
  "documents",
  "risks",
  "health_checks",
] as const;

const country: FieldKind = {
  kind: "choice",
  roundTrip: false,
  arbitrary: fc.oneof(
    fc.constantFrom("NL", "fr", "", undefined).map((value) => ({ value, verdict: "valid" as const })),
    fc.constantFrom("NLD", "N", "1A", SCRIPT).map((value) => ({ value, verdict: "invalid" as const })),
  ),
};

const partnershipFields = (): Record<string, FieldKind> => ({
  name: text({ max: 200, required: true, markup: "refused" }),
  description: text({ max: 5000, markup: "refused" }),
  status: choice(partnershipStatuses),
  startDate: day(),
  endDate: day(),
  scopeLevel: choice(levels, false),
  countryCode: country,
  formalisation: choice(formalisations),
  governance: text({ max: 2000, markup: "refused" }),
});

async function row(table: PgTable, id: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (!id) return undefined;
  const idColumn = (table as unknown as { id: Parameters<typeof eq>[0] }).id;
  const [found] = await db.select().from(table).where(eq(idColumn, id));
  return found as Record<string, unknown> | undefined;
}

/** The newest record of a tab (a save redirects to the tab, without the new id). */
async function newest(table: typeof objectives | typeof fundingLines | typeof documents | typeof risks) {
  const [found] = await db
    .select()
    .from(table)
    .where(eq(table.partnershipId, partnership.id))
    .orderBy(desc(table.createdAt))
    .limit(1);
  return found as Record<string, unknown> | undefined;
}

const onPartnership = (tab: string) => ({
  db,
  path: `/partnerships/${partnership.id}${tab}`,
  params: { id: partnership.id },
  user: () => coordinator,
  tables,
});

describe("partnership forms take any input without a 5xx or a partial write", () => {
  it("new partnership, edit, archive and restore", async () => {
    const create: FormSpec = {
      name: "partnerships.new",
      db,
      action: newRoute.action,
      path: "/partnerships/new",
      user: () => coordinator,
      base: () => ({ name: uniqueName("New fuzz"), status: "exploring", formalisation: "informal" }),
      fields: partnershipFields(),
      tables,
      rules: [inOrder("startDate", "endDate")],
      stored: (outcome) => row(partnerships, redirectedId(outcome)),
    };
    await expectBaseStored(create);
    await checkForm(create);

    const target = await createPartnership(db, { name: uniqueName("Edited") });
    const version = async () => String((await row(partnerships, target.id))?.version);
    const edit: FormSpec = {
      name: "partnerships.$id.edit update",
      db,
      action: editRoute.action,
      path: `/partnerships/${target.id}/edit`,
      params: { id: target.id },
      user: () => coordinator,
      base: async () => ({
        intent: "update",
        version: await version(),
        name: uniqueName("Edited"),
        status: "active",
        formalisation: "covenant",
      }),
      fields: { ...partnershipFields(), version: onlyWrong() },
      tables,
      rules: [inOrder("startDate", "endDate")],
      stored: () => row(partnerships, target.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkBadIntents(edit);

    await checkForm({
      ...edit,
      name: "partnerships.$id.edit archive/restore",
      base: async () => {
        const current = await row(partnerships, target.id);
        return { intent: current?.archivedAt ? "restore" : "archive", version: String(current?.version) };
      },
      fields: { version: onlyWrong() },
      stored: undefined,
    });
  });

  it("members: add, update, remove", async () => {
    const memberFields = (): Record<string, FieldKind> => ({
      role: choice(memberRoles),
      mandate: text({ max: 2000, markup: "refused" }),
      contribution: text({ max: 2000, markup: "refused" }),
      joinedOn: day(),
    });
    const common = { ...onPartnership("/members"), action: membersRoute.action };
    await checkForm({
      ...common,
      name: "partnerships.$id.members add",
      // Each input adds a new organisation (an existing member would be a duplicate).
      base: async () => ({
        intent: "add",
        organisationId: (await createOrganisation(db)).id,
        role: "partner",
      }),
      fields: {
        ...memberFields(),
        organisationId: reference({
          valid: () => [joiner.id],
          foreign: () => [archivedOrganisation.id, member.id],
        }),
      },
    });

    const membership = await addMember(db, {
      partnershipId: partnership.id,
      organisationId: (await createOrganisation(db)).id,
    });
    const foreignMember = await addMember(db, { partnershipId: elsewhere.id });
    const current = async () => String((await row(partnershipMembers, membership.id))?.version);
    const update: FormSpec = {
      ...common,
      name: "partnerships.$id.members update",
      base: async () => ({
        intent: "update",
        memberId: membership.id,
        version: await current(),
        role: "observer",
      }),
      fields: {
        ...memberFields(),
        memberId: reference({ valid: () => [membership.id], foreign: () => [foreignMember.id] }),
        version: onlyWrong(),
        leftOn: day(),
      },
      rules: [inOrder("joinedOn", "leftOn")],
      stored: () => row(partnershipMembers, membership.id),
    };
    await expectBaseStored(update);
    await checkForm(update);

    await checkForm({
      ...common,
      name: "partnerships.$id.members remove",
      base: async () => {
        const leaving = await addMember(db, {
          partnershipId: partnership.id,
          organisationId: (await createOrganisation(db)).id,
        });
        return {
          intent: "remove",
          memberId: leaving.id,
          version: String(leaving.version),
          leftOn: "2025-06-30",
        };
      },
      fields: {
        memberId: reference({ valid: () => [membership.id], foreign: () => [foreignMember.id] }),
        version: onlyWrong(),
        leftOn: day(true),
      },
    });
    await checkBadIntents(common);
  });

  /** A records tab: adding (no id), editing one record (id and version), archiving and restoring. */
  async function recordsTab(options: {
    tab: string;
    action: (args: never) => unknown;
    table: typeof objectives | typeof fundingLines | typeof documents | typeof risks;
    base: () => Fields;
    fields: () => Record<string, FieldKind>;
    make: (partnershipId: string) => Promise<{ id: string; version: number }>;
    rules?: FormSpec["rules"];
  }) {
    const common = { ...onPartnership(`/${options.tab}`), action: options.action, rules: options.rules };
    const add: FormSpec = {
      ...common,
      name: `partnerships.$id.${options.tab} add`,
      base: () => ({ intent: "save", ...options.base() }),
      fields: options.fields(),
      stored: () => newest(options.table),
    };
    await expectBaseStored(add);
    await checkForm(add);

    const record = await options.make(partnership.id);
    const foreign = await options.make(elsewhere.id);
    const version = async () => String((await row(options.table, record.id))?.version);
    const edit: FormSpec = {
      ...common,
      name: `partnerships.$id.${options.tab} edit`,
      base: async () => ({ intent: "save", id: record.id, version: await version(), ...options.base() }),
      fields: {
        ...options.fields(),
        id: reference({ valid: () => [record.id], foreign: () => [foreign.id] }),
        version: onlyWrong(),
      },
      stored: () => row(options.table, record.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);

    await checkForm({
      ...common,
      name: `partnerships.$id.${options.tab} archive/restore`,
      base: async () => {
        const current = await row(options.table, record.id);
        return {
          intent: current?.archivedAt ? "restore" : "archive",
          id: record.id,
          version: String(current?.version),
        };
      },
      fields: {
        id: reference({ valid: () => [record.id], foreign: () => [foreign.id] }),
        version: onlyWrong(),
      },
    });
    await checkBadIntents(common);
  }

  it("objectives", async () => {
    await recordsTab({
      tab: "objectives",
      action: objectivesRoute.action,
      table: objectives,
      base: () => ({ title: uniqueName("Objective"), status: "on_track" }),
      fields: () => ({
        title: text({ max: 200, required: true, markup: "refused" }),
        indicator: text({ max: 500, markup: "refused" }),
        target: number({ min: 0.01, max: 1e12, integer: false }),
        unit: text({ max: 50, markup: "refused" }),
        progress: number({ min: 0, max: 1e12, integer: false }),
        dueDate: day(),
        status: choice(objectiveStatuses),
      }),
      make: (partnershipId) => createObjective(db, { partnershipId }),
    });
  });

  it("funding lines", async () => {
    const amount: FieldKind = {
      kind: "number",
      roundTrip: false,
      arbitrary: fc.oneof(
        fc
          .constantFrom("1000", "1 234,50", "0.01", "999999999999.99", "", undefined)
          .map((value) => ({ value, verdict: "valid" as const })),
        fc
          .constantFrom("-5", "1e5", "abc", "1.234", "1234567890123", "1,2,3", SCRIPT)
          .map((value) => ({ value, verdict: "invalid" as const })),
      ),
    };
    await recordsTab({
      tab: "funding",
      action: fundingRoute.action,
      table: fundingLines,
      base: () => ({ source: "amif", stage: "implementation", amount: "1000", currency: "EUR" }),
      fields: () => ({
        source: choice(fundingSources),
        reference: text({ max: 100, markup: "refused" }),
        funderOrganisationId: reference({ valid: () => [member.id, outsider.id] }),
        recipientOrganisationId: reference({ valid: () => [member.id], foreign: () => [outsider.id] }),
        amount,
        // Trimmed and upper-cased: " EUR" is fine.
        currency: lenient(choice(["EUR", "USD", "eur"], false)),
        cofinancingRate: number({ min: 0, max: 100, integer: false }),
        startsOn: day(),
        endsOn: day(),
        stage: choice(fundingStages),
        pathwaysCovered: choice(outcomePathways, false, true),
      }),
      make: (partnershipId) => createFundingLine(db, { partnershipId }),
      rules: [inOrder("startsOn", "endsOn")],
    });
  });

  it("documents", async () => {
    const url: FieldKind = {
      kind: "text",
      roundTrip: true,
      arbitrary: fc.oneof(
        fc
          .constantFrom("https://example.org/a.pdf", "http://example.org/path?q=1&r=2")
          .map((value) => ({ value, verdict: "valid" as const })),
        fc
          .constantFrom(
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "ftp://x.org",
            "https://exa mple.org",
            "",
            `https://example.org/${"x".repeat(2001)}`,
          )
          .map((value) => ({ value, verdict: "invalid" as const })),
      ),
    };
    await recordsTab({
      tab: "documents",
      action: documentsRoute.action,
      table: documents,
      base: () => ({ title: uniqueName("Document"), url: "https://example.org/doc.pdf", kind: "report" }),
      fields: () => ({
        title: text({ max: 200, required: true, markup: "refused" }),
        url,
        kind: choice(documentKinds),
      }),
      make: (partnershipId) => createDocument(db, { partnershipId }),
    });
  });

  it("risks", async () => {
    const common = { ...onPartnership("/risks"), action: risksRoute.action };
    const riskFields = (): Record<string, FieldKind> => ({
      category: choice(riskCategories),
      title: text({ max: 200, required: true }),
      description: text({ max: 2000 }),
      likelihood: number({ min: 1, max: 5, required: true }),
      impact: number({ min: 1, max: 5, required: true }),
      ownerOrganisationId: reference({ valid: () => [member.id], foreign: () => [outsider.id] }),
      mitigation: text({ max: 2000 }),
      status: choice(riskStatuses),
      reviewOn: day(),
    });
    const base = () => ({
      intent: "save",
      category: "trust_deficit",
      title: uniqueName("Risk"),
      likelihood: "3",
      impact: "2",
      status: "open",
    });
    const add: FormSpec = {
      ...common,
      name: "partnerships.$id.risks add",
      base,
      fields: riskFields(),
      stored: () => newest(risks),
    };
    await expectBaseStored(add);
    await checkForm(add);
    const risk = await createRisk(db, { partnershipId: partnership.id });
    const foreign = await createRisk(db, { partnershipId: elsewhere.id });
    const edit: FormSpec = {
      ...common,
      name: "partnerships.$id.risks edit",
      base: async () => ({ ...base(), id: risk.id, version: String((await row(risks, risk.id))?.version) }),
      fields: {
        ...riskFields(),
        id: reference({ valid: () => [risk.id], foreign: () => [foreign.id] }),
        version: onlyWrong(),
      },
      stored: () => row(risks, risk.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkForm({
      ...common,
      name: "partnerships.$id.risks archive/restore",
      base: async () => {
        const current = await row(risks, risk.id);
        return {
          intent: current?.archivedAt ? "restore" : "archive",
          id: risk.id,
          version: String(current?.version),
        };
      },
      fields: {
        id: reference({ valid: () => [risk.id], foreign: () => [foreign.id] }),
        version: onlyWrong(),
      },
    });
    await checkBadIntents(common);
  });

  it("health checks", async () => {
    const scores = Object.fromEntries(healthDimensions.map((d) => [d, "3"]));
    const period: FieldKind = {
      kind: "choice",
      roundTrip: false,
      arbitrary: fc.oneof(
        fc.constantFrom("2025-Q1", "2024-Q4").map((value) => ({ value, verdict: "valid" as const })),
        fc
          .constantFrom("2025-Q5", "2999-Q1", "Q1-2025", "2025-q1", "", SCRIPT)
          .map((value) => ({ value, verdict: "invalid" as const })),
      ),
    };
    const health: FormSpec = {
      ...onPartnership("/health"),
      action: healthRoute.action,
      name: "partnerships.$id.health",
      base: () => ({ respondentOrganisationId: member.id, period: "2025-Q2", ...scores }),
      fields: {
        respondentOrganisationId: reference({
          valid: () => [member.id],
          foreign: () => [outsider.id, archivedOrganisation.id],
          required: true,
        }),
        period,
        ...Object.fromEntries(healthDimensions.map((d) => [d, number({ min: 1, max: 5, required: true })])),
        comment: text({ max: 2000 }),
      },
      stored: async (_outcome, fields) => {
        const [found] = await db
          .select()
          .from(healthChecks)
          .where(eq(healthChecks.period, String(fields.period)))
          .orderBy(desc(healthChecks.updatedAt))
          .limit(1);
        return found as Record<string, unknown> | undefined;
      },
    };
    await expectBaseStored(health);
    await checkForm(health);
  });
});
