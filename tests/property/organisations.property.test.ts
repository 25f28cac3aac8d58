// Generated bad input for the organisation forms: new, edit, archive/restore, and the direct
// relationships on an organisation's page (tests/helpers/property.ts says what is checked).
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { organisations, relationships, type Organisation } from "~/db/schema";
import { levels, organisationTypes, relationshipTypes } from "~/lib/enums";
import * as pageRoute from "~/routes/organisations.$id";
import * as editRoute from "~/routes/organisations.$id.edit";
import * as listRoute from "~/routes/organisations._index";
import * as newRoute from "~/routes/organisations.new";
import {
  createMunicipality,
  createOrganisation,
  createRelationship,
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
  NUL,
  propertyParameters,
  inOrder,
  onlyWrong,
  redirectedId,
  reference,
  SCRIPT,
  text,
  type FormSpec,
} from "../helpers/property";
import { authUserOf, callRoute, get } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let subject: Organisation;
let other: Organisation;
let archived: Organisation;
let municipalityId: string;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  subject = await createOrganisation(db, { name: uniqueName("Subject") });
  other = await createOrganisation(db, { name: uniqueName("Other") });
  archived = await createOrganisation(db, { name: uniqueName("Archived"), archivedAt: new Date() });
  municipalityId = (await createMunicipality(db)).id;
});

const tables = ["organisations", "relationships", "municipalities"] as const;

const countryCode: FieldKind = {
  kind: "choice",
  roundTrip: false,
  arbitrary: fc.oneof(
    fc.constantFrom("NL", "FR", "BE", "", undefined).map((value) => ({ value, verdict: "valid" as const })),
    fc
      .constantFrom("nl", "NLD", "N", "1A", SCRIPT, "ÉÉ")
      .map((value) => ({ value, verdict: "invalid" as const })),
  ),
};

const website: FieldKind = {
  kind: "text",
  roundTrip: true,
  arbitrary: fc.oneof(
    fc
      .constantFrom("https://example.org", "http://example.org/path?q=1")
      .map((value) => ({ value, verdict: "valid" as const })),
    fc
      .constantFrom(
        "javascript:alert(1)",
        "ftp://example.org",
        "http://localhost",
        "example.org",
        "https://",
        SCRIPT,
        `https://example.org/${"x".repeat(600)}`,
      )
      .map((value) => ({ value, verdict: "invalid" as const })),
  ),
};

const organisationFields = (): Record<string, FieldKind> => ({
  name: text({ max: 200, required: true, markup: "refused" }),
  acronym: text({ max: 40, markup: "refused" }),
  type: choice(organisationTypes),
  level: choice(levels),
  countryCode,
  municipalityId: reference({ valid: () => [municipalityId] }),
  parentOrganisationId: reference({ valid: () => [other.id] }),
  mandate: text({ max: 4000 }),
  description: text({ max: 8000 }),
  website,
});

async function storedOrganisation(id: string | undefined) {
  if (!id) return undefined;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row as Record<string, unknown> | undefined;
}

describe("organisation forms take any input without a 5xx or a partial write", () => {
  it("new organisation", async () => {
    const spec: FormSpec = {
      name: "organisations.new",
      db,
      action: newRoute.action,
      path: "/organisations/new",
      user: () => coordinator,
      base: () => ({
        intent: "save",
        name: uniqueName("Fuzz"),
        type: "cso",
        level: "national",
        confirmDuplicate: "on",
      }),
      fields: organisationFields(),
      tables,
      stored: (outcome) => storedOrganisation(redirectedId(outcome)),
    };
    await expectBaseStored(spec);
    const stats = await checkForm(spec);
    expect(stats.stored + stats.refused).toBeGreaterThan(0);
    await checkBadIntents(spec);
  });

  it("organisation edit", async () => {
    const spec: FormSpec = {
      name: "organisations.$id.edit",
      db,
      action: editRoute.action,
      path: `/organisations/${subject.id}/edit`,
      params: { id: subject.id },
      user: () => coordinator,
      base: async () => ({
        intent: "save",
        version: String((await storedOrganisation(subject.id))?.version),
        name: uniqueName("Edited"),
        type: "cso",
        level: "national",
        confirmDuplicate: "on",
      }),
      fields: {
        ...organisationFields(),
        parentOrganisationId: reference({ valid: () => [other.id], foreign: () => [subject.id] }),
        version: onlyWrong(),
      },
      tables,
      stored: () => storedOrganisation(subject.id),
    };
    await expectBaseStored(spec);
    await checkForm(spec);
    await checkBadIntents(spec);
  });

  it("archive and restore commands", async () => {
    const target = await createOrganisation(db, { name: uniqueName("Commanded") });
    const spec: FormSpec = {
      name: "organisations.$id archive",
      db,
      action: pageRoute.action,
      path: `/organisations/${target.id}`,
      params: { id: target.id },
      user: () => coordinator,
      base: async () => {
        const row = await storedOrganisation(target.id);
        return { intent: row?.archivedAt ? "restore" : "archive", version: String(row?.version) };
      },
      fields: { version: onlyWrong() },
      tables,
    };
    await expectBaseStored(spec);
    await checkForm(spec);
    await checkBadIntents(spec);
  });

  it("relationships: add, update and archive", async () => {
    const relationshipFields = (): Record<string, FieldKind> => ({
      otherOrganisationId: reference({ valid: () => [other.id], foreign: () => [subject.id, archived.id] }),
      type: choice(relationshipTypes),
      direction: choice(["outgoing", "incoming"]),
      startsOn: day(),
      endsOn: day(),
      notes: text({ max: 2000 }),
    });
    const storedRelationship = async (id: string) => {
      const [row] = await db.select().from(relationships).where(eq(relationships.id, id));
      return row as Record<string, unknown> | undefined;
    };
    const common = {
      db,
      action: pageRoute.action,
      path: `/organisations/${subject.id}`,
      params: { id: subject.id },
      user: () => coordinator,
      tables,
      rules: [inOrder("startsOn", "endsOn")],
    };
    // Each add makes a new relationship with `other`: the newest one is the one saved.
    await checkForm({
      ...common,
      name: "organisations.$id addRelationship",
      base: () => ({
        intent: "addRelationship",
        otherOrganisationId: other.id,
        type: "funds",
        direction: "outgoing",
      }),
      fields: relationshipFields(),
    });

    const relationship = await createRelationship(db, {
      fromOrganisationId: subject.id,
      toOrganisationId: other.id,
    });
    const update: FormSpec = {
      ...common,
      name: "organisations.$id updateRelationship",
      base: async () => ({
        intent: "updateRelationship",
        relationshipId: relationship.id,
        version: String((await storedRelationship(relationship.id))?.version),
        otherOrganisationId: other.id,
        type: "advises",
        direction: "outgoing",
      }),
      fields: {
        ...relationshipFields(),
        relationshipId: reference({ valid: () => [relationship.id] }),
        version: onlyWrong(),
      },
      stored: () => storedRelationship(relationship.id),
    };
    await expectBaseStored(update);
    await checkForm(update);

    await checkForm({
      ...common,
      name: "organisations.$id archiveRelationship",
      base: async () => {
        const fresh = await createRelationship(db, {
          fromOrganisationId: subject.id,
          toOrganisationId: other.id,
        });
        return { intent: "archiveRelationship", relationshipId: fresh.id, version: String(fresh.version) };
      },
      fields: { relationshipId: reference({ valid: () => [relationship.id] }), version: onlyWrong() },
    });
    await checkBadIntents(common);
  });
});

describe("the list's filters take any text", () => {
  it("search, type, level, country, sort: never a 5xx", async () => {
    const nasty = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.constantFrom(...NUL, SCRIPT, "%", "_", "\\", "'; drop table organisations; --", "x".repeat(10_001)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ q: nasty, type: nasty, level: nasty, country: nasty, sort: nasty, dir: nasty }),
        async (query) => {
          const outcome = await callRoute(
            db,
            listRoute.loader,
            get(`/organisations?${new URLSearchParams(query).toString()}`),
            coordinator,
            {},
          );
          expect(outcome.status, JSON.stringify(query).slice(0, 200)).toBe(200);
        },
      ),
      propertyParameters(),
    );
  });
});
