// Partnership-confidential information (app/models/confidential.server.ts), asserted on the data the
// model returns, which is what a loader hands to the browser: coordinators and users of member
// organisations get every field; everyone else gets aggregates, and none of the hidden text or
// per-member scores appears anywhere in them.
import { beforeAll, describe, expect, test } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import type { HealthCheck, Organisation, Partnership, User } from "~/db/schema";
import { healthDimensions, type HealthDimension, type UserRole } from "~/lib/enums";
import type { HealthScores } from "~/lib/health";
import {
  confidentialAccess,
  HEALTH_AGGREGATE_MIN_RESPONDENTS,
  healthChecksFor,
  partnershipMemberOrganisationIds,
  riskRegisterFor,
} from "~/models/confidential.server";
import {
  addMember,
  createHealthCheck,
  createOrganisation,
  createPartnership,
  createRisk,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();

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

async function viewer(role: UserRole, organisation: Organisation | null): Promise<AuthUser> {
  return authUser(await createUser(db, { role, organisationId: organisation?.id ?? null }));
}

/** The scores of a health-check row, keyed by dimension (null where left empty). */
type ScoreInput = Partial<Record<HealthDimension, number>>;

function scoreColumns(scores: ScoreInput) {
  return {
    objectivesClarity: scores.objectives_clarity ?? null,
    mutualUnderstanding: scores.mutual_understanding ?? null,
    trust: scores.trust ?? null,
    recognition: scores.recognition ?? null,
    powerBalance: scores.power_balance ?? null,
    fundingStability: scores.funding_stability ?? null,
    priorityAlignment: scores.priority_alignment ?? null,
    communication: scores.communication ?? null,
  };
}

function fullScores(scores: ScoreInput): HealthScores {
  return Object.fromEntries(healthDimensions.map((d) => [d, scores[d] ?? null])) as HealthScores;
}

/** Every object and array inside a value (the value included). */
function nodes(value: unknown): object[] {
  if (value === null || typeof value !== "object") return [];
  return [value, ...Object.values(value).flatMap(nodes)];
}

/** Every key used anywhere inside a value. */
function keysIn(value: unknown): Set<string> {
  return new Set(nodes(value).flatMap((node) => (Array.isArray(node) ? [] : Object.keys(node))));
}

/**
 * Whether a member's exact score combination can be read anywhere in the value: an object keyed by
 * the dimensions whose values (directly, or one same-named field of each, such as `mean` or `min`)
 * equal every score the member gave.
 */
function carriesScores(value: unknown, scores: ScoreInput): boolean {
  const given = healthDimensions.filter((d) => scores[d] !== undefined);
  if (given.length === 0) throw new Error("a score combination needs at least one score");
  return nodes(value).some((node) => {
    const record = node as Record<string, unknown>;
    if (!healthDimensions.every((d) => d in record)) return false;
    if (given.every((d) => record[d] === scores[d])) return true;
    const fields = new Set(
      given.flatMap((d) => {
        const cell = record[d];
        return cell !== null && typeof cell === "object" ? Object.keys(cell) : [];
      }),
    );
    return [...fields].some((field) =>
      given.every((d) => (record[d] as Record<string, unknown> | null)?.[field] === scores[d]),
    );
  });
}

let partnership: Partnership;
let other: Partnership;
let empty: Partnership;
let org: Record<"a" | "b" | "c" | "former" | "archived" | "leaving", Organisation>;
type ViewerName =
  | "coordinator"
  | "memberA"
  | "viewerOfA"
  | "leavingLater"
  | "outsiderC"
  | "viewerOfC"
  | "noOrganisation"
  | "formerMember"
  | "archivedMember";
let users: Record<ViewerName, AuthUser>;

/** Confidential text that must reach full-access viewers only. */
const riskTexts = {
  title: "Ministry withholds case files from the local case meeting",
  description: "Case files reach the municipality weeks after the decision",
  mitigation: "Escalate to the national escalation meeting every quarter",
  title2: "Funder dictates the agenda of the steering group",
  description2: "The funder chairs and sets every agenda item",
  mitigation2: "Rotate the chair between the members",
  closedTitle: "Grant agreement not signed before the pilot starts",
  closedDescription: "AMIF grant signature delayed by the managing authority",
  closedMitigation: "Bridge funding from the municipality",
  archivedTitle: "Archived risk that nobody may see in the register",
  otherTitle: "Risk of another partnership entirely",
};
const comments = {
  aQ2: "Alpha: the ministry decides alone and tells us afterwards",
  bQ2: "Beta: we are never invited to the escalation meeting",
  aQ1: "Alpha first quarter: promising start",
  bQ1: "Beta first quarter: funding unclear",
  aQ4: "Alpha alone in 2024-Q4: trust is fragile",
  other: "Comment on another partnership",
};

// Scores chosen so that no member's combination equals the means, and so that one dimension of each
// member is the only score of its dimension in 2025-Q2.
const scores = {
  aQ2: {
    objectives_clarity: 4,
    mutual_understanding: 2,
    trust: 5,
    recognition: 3,
    power_balance: 1,
    priority_alignment: 4,
    communication: 2,
  },
  bQ2: {
    objectives_clarity: 2,
    mutual_understanding: 4,
    trust: 2,
    recognition: 3,
    power_balance: 4,
    funding_stability: 4,
    communication: 5,
  },
  aQ1: { trust: 2, communication: 3 },
  bQ1: { trust: 5, communication: 4 },
  aQ4: {
    objectives_clarity: 5,
    mutual_understanding: 1,
    trust: 2,
    recognition: 4,
    power_balance: 3,
    funding_stability: 5,
    priority_alignment: 1,
    communication: 4,
  },
} satisfies Record<string, ScoreInput>;
const checks: HealthCheck[] = [];

beforeAll(async () => {
  partnership = await createPartnership(db, { name: "LVV Utrecht covenant" });
  other = await createPartnership(db, { name: "Another partnership" });
  empty = await createPartnership(db, { name: "A partnership with nothing yet" });
  org = {
    a: await createOrganisation(db, { name: "Alpha Municipality" }),
    b: await createOrganisation(db, { name: "Beta Return Service" }),
    c: await createOrganisation(db, { name: "Gamma Outsider NGO" }),
    former: await createOrganisation(db, { name: "Delta Former Member" }),
    archived: await createOrganisation(db, { name: "Epsilon Archived Member" }),
    leaving: await createOrganisation(db, { name: "Zeta Leaving Member" }),
  };
  await addMember(db, { partnershipId: partnership.id, organisationId: org.a.id, role: "lead" });
  await addMember(db, { partnershipId: partnership.id, organisationId: org.b.id });
  await addMember(db, { partnershipId: partnership.id, organisationId: org.former.id, leftOn: "2020-06-30" });
  await addMember(db, {
    partnershipId: partnership.id,
    organisationId: org.archived.id,
    archivedAt: new Date("2024-01-01T00:00:00Z"),
  });
  await addMember(db, {
    partnershipId: partnership.id,
    organisationId: org.leaving.id,
    leftOn: "2999-12-31",
  });
  // C is a member of the other partnership only.
  await addMember(db, { partnershipId: other.id, organisationId: org.c.id });

  users = {
    coordinator: await viewer("coordinator", null),
    memberA: await viewer("organiser", org.a),
    viewerOfA: await viewer("viewer", org.a),
    leavingLater: await viewer("municipal_official", org.leaving),
    outsiderC: await viewer("organiser", org.c),
    viewerOfC: await viewer("viewer", org.c),
    noOrganisation: await viewer("organiser", null),
    formerMember: await viewer("municipal_official", org.former),
    archivedMember: await viewer("organiser", org.archived),
  };

  await createRisk(db, {
    partnershipId: partnership.id,
    category: "trust_deficit",
    title: riskTexts.title,
    description: riskTexts.description,
    mitigation: riskTexts.mitigation,
    likelihood: 4,
    impact: 5,
    ownerOrganisationId: org.a.id,
    status: "open",
    reviewOn: "2025-09-30",
  });
  await createRisk(db, {
    partnershipId: partnership.id,
    category: "power_imbalance",
    title: riskTexts.title2,
    description: riskTexts.description2,
    mitigation: riskTexts.mitigation2,
    likelihood: 3,
    impact: 3,
    ownerOrganisationId: org.b.id,
    status: "mitigating",
  });
  await createRisk(db, {
    partnershipId: partnership.id,
    category: "funding",
    title: riskTexts.closedTitle,
    description: riskTexts.closedDescription,
    mitigation: riskTexts.closedMitigation,
    likelihood: 5,
    impact: 5,
    ownerOrganisationId: org.b.id,
    status: "closed",
  });
  await createRisk(db, {
    partnershipId: partnership.id,
    category: "trust_deficit",
    title: "Low attendance at local case meetings",
    likelihood: 2,
    impact: 2,
  });
  await createRisk(db, {
    partnershipId: partnership.id,
    category: "other",
    title: riskTexts.archivedTitle,
    likelihood: 5,
    impact: 5,
    archivedAt: new Date("2025-01-01T00:00:00Z"),
  });
  await createRisk(db, { partnershipId: other.id, category: "other", title: riskTexts.otherTitle });

  const answer = async (organisation: Organisation, period: string, given: ScoreInput, comment: string) =>
    checks.push(
      await createHealthCheck(db, {
        partnershipId: partnership.id,
        respondentOrganisationId: organisation.id,
        period,
        comment,
        ...scoreColumns(given),
      }),
    );
  await answer(org.a, "2025-Q2", scores.aQ2, comments.aQ2);
  await answer(org.b, "2025-Q2", scores.bQ2, comments.bQ2);
  await answer(org.a, "2025-Q1", scores.aQ1, comments.aQ1);
  await answer(org.b, "2025-Q1", scores.bQ1, comments.bQ1);
  await answer(org.a, "2024-Q4", scores.aQ4, comments.aQ4);
  await createHealthCheck(db, {
    partnershipId: other.id,
    respondentOrganisationId: org.c.id,
    period: "2025-Q3",
    comment: comments.other,
    trust: 1,
  });
});

const fullViewers = ["coordinator", "memberA", "viewerOfA", "leavingLater"] as const satisfies ViewerName[];
const aggregateViewers = [
  "outsiderC",
  "viewerOfC",
  "noOrganisation",
  "formerMember",
  "archivedMember",
  "anonymous",
] as const;

function userFor(name: ViewerName | "anonymous"): AuthUser | null {
  return name === "anonymous" ? null : users[name];
}

/** Keys that would carry a confidential field or a member's identity in a summary. */
const forbiddenKeys = [
  "title",
  "description",
  "mitigation",
  "ownerOrganisationId",
  "ownerName",
  "reviewOn",
  "risks",
  "answers",
  "scores",
  "comment",
  "respondentOrganisationId",
  "respondentName",
  "min",
  "max",
];

describe("who is a member", () => {
  test("current members: not archived, not left (a leaving day still ahead is not left)", async () => {
    expect((await partnershipMemberOrganisationIds(db, partnership.id)).sort()).toEqual(
      [org.a.id, org.b.id, org.leaving.id].sort(),
    );
  });

  test("membership is read as of a day", async () => {
    expect((await partnershipMemberOrganisationIds(db, partnership.id, "2020-06-29")).sort()).toEqual(
      [org.a.id, org.b.id, org.former.id, org.leaving.id].sort(),
    );
    // The day it left, it is no longer a member.
    expect(await partnershipMemberOrganisationIds(db, partnership.id, "2020-06-30")).not.toContain(
      org.former.id,
    );
    expect((await partnershipMemberOrganisationIds(db, partnership.id, "3000-01-01")).sort()).toEqual(
      [org.a.id, org.b.id].sort(),
    );
  });

  test.each(fullViewers)("%s gets full access", async (name) => {
    expect(await confidentialAccess(db, userFor(name), partnership.id)).toBe("full");
  });

  test.each(aggregateViewers)("%s gets aggregates only", async (name) => {
    expect(await confidentialAccess(db, userFor(name), partnership.id)).toBe("aggregate");
  });

  test("membership of another partnership gives nothing here, and the reverse", async () => {
    expect(await confidentialAccess(db, users.outsiderC, other.id)).toBe("full");
    expect(await confidentialAccess(db, users.memberA, other.id)).toBe("aggregate");
  });
});

describe("the risk register", () => {
  const expectedSummary = {
    byCategory: {
      trust_deficit: 2,
      power_imbalance: 1,
      conflicting_priorities: 0,
      organisational_diversity: 0,
      // The only funding risk is closed; the archived risk is not in the register at all.
      funding: 0,
      legal_mandate: 0,
      other: 0,
    },
    highestExposure: 20,
    openCount: 3,
  };

  test.each(fullViewers)("%s sees every field of every risk of the partnership", async (name) => {
    const register = await riskRegisterFor(db, userFor(name), partnership.id);
    if (register.access !== "full") throw new Error(`${name} should have full access`);
    expect(register.summary).toEqual(expectedSummary);
    expect(register.risks.map((risk) => risk.title)).toEqual([
      riskTexts.title,
      riskTexts.title2,
      "Low attendance at local case meetings",
      riskTexts.closedTitle,
    ]);
    expect(register.risks[0]).toMatchObject({
      category: "trust_deficit",
      description: riskTexts.description,
      mitigation: riskTexts.mitigation,
      likelihood: 4,
      impact: 5,
      exposure: 20,
      status: "open",
      ownerOrganisationId: org.a.id,
      ownerName: "Alpha Municipality",
      reviewOn: "2025-09-30",
      version: 1,
    });
    const json = JSON.stringify(register);
    expect(json).not.toContain(riskTexts.archivedTitle);
    expect(json).not.toContain(riskTexts.otherTitle);
  });

  test.each(aggregateViewers)("%s gets the summary and no confidential text", async (name) => {
    const register = await riskRegisterFor(db, userFor(name), partnership.id);
    expect(register).toEqual({ access: "aggregate", summary: expectedSummary });
    expect(Object.keys(register).sort()).toEqual(["access", "summary"]);
    const json = JSON.stringify(register);
    for (const text of Object.values(riskTexts)) expect(json).not.toContain(text);
    expect(json).not.toContain("Low attendance");
    for (const organisation of Object.values(org)) {
      expect(json).not.toContain(organisation.id);
      expect(json).not.toContain(organisation.name);
    }
    for (const key of forbiddenKeys) expect(keysIn(register).has(key), key).toBe(false);
  });

  test("a partnership without risks: zero everywhere", async () => {
    const register = await riskRegisterFor(db, users.outsiderC, empty.id);
    expect(register.summary.openCount).toBe(0);
    expect(register.summary.highestExposure).toBe(0);
    expect(Object.values(register.summary.byCategory).every((n) => n === 0)).toBe(true);
  });
});

describe("health checks", () => {
  test.each(fullViewers)("%s sees each member's answer of the latest period", async (name) => {
    const view = await healthChecksFor(db, userFor(name), partnership.id);
    if (view.access !== "full") throw new Error(`${name} should have full access`);
    expect(view.summary.period).toBe("2025-Q2");
    expect(view.summary.periods).toEqual(["2025-Q2", "2025-Q1", "2024-Q4"]);
    expect(view.answers).toEqual([
      {
        respondentOrganisationId: org.a.id,
        respondentName: "Alpha Municipality",
        period: "2025-Q2",
        scores: fullScores(scores.aQ2),
        comment: comments.aQ2,
      },
      {
        respondentOrganisationId: org.b.id,
        respondentName: "Beta Return Service",
        period: "2025-Q2",
        scores: fullScores(scores.bQ2),
        comment: comments.bQ2,
      },
    ]);
    // Members see the means of single answers too: they see the answers themselves anyway.
    expect(view.summary.current?.dimensions.funding_stability).toEqual({
      mean: 4,
      spread: 0,
      respondents: 1,
      withheld: false,
    });
    expect(JSON.stringify(view)).not.toContain(comments.other);
  });

  test("a member can open an earlier period, and sees its answers only", async () => {
    const view = await healthChecksFor(db, users.memberA, partnership.id, "2024-Q4");
    if (view.access !== "full") throw new Error("member A should have full access");
    expect(view.summary.period).toBe("2024-Q4");
    expect(view.answers.map((answer) => [answer.respondentName, answer.comment])).toEqual([
      ["Alpha Municipality", comments.aQ4],
    ]);
    expect(view.summary.current?.dimensions.trust).toMatchObject({ mean: 2, withheld: false });
  });

  test("the aggregates are the mean and spread of the members' answers, empty scores ignored", async () => {
    const view = await healthChecksFor(db, users.outsiderC, partnership.id);
    expect(view.access).toBe("aggregate");
    const current = view.summary.current;
    expect(current?.period).toBe("2025-Q2");
    expect(current?.respondents).toBe(2);
    expect(current?.dimensions).toEqual({
      objectives_clarity: { mean: 3, spread: 2, respondents: 2, withheld: false },
      mutual_understanding: { mean: 3, spread: 2, respondents: 2, withheld: false },
      trust: { mean: 3.5, spread: 3, respondents: 2, withheld: false },
      recognition: { mean: 3, spread: 0, respondents: 2, withheld: false },
      power_balance: { mean: 2.5, spread: 3, respondents: 2, withheld: false },
      // Only Beta scored funding stability and only Alpha priority alignment: a mean would be
      // that member's own score.
      funding_stability: { mean: null, spread: null, respondents: 1, withheld: true },
      priority_alignment: { mean: null, spread: null, respondents: 1, withheld: true },
      communication: { mean: 3.5, spread: 3, respondents: 2, withheld: false },
    });
    expect(current?.trustIndex).toBe(3.5);
    expect(HEALTH_AGGREGATE_MIN_RESPONDENTS).toBe(2);
    expect(view.summary.periods).toEqual(["2025-Q2", "2025-Q1", "2024-Q4"]);
    expect(
      view.summary.trend.map((summary) => [summary.period, summary.respondents, summary.trustIndex]),
    ).toEqual([
      // A lone answer: its trust score is withheld.
      ["2024-Q4", 1, null],
      ["2025-Q1", 2, 3.5],
      ["2025-Q2", 2, 3.5],
    ]);
    const q1 = view.summary.trend[1]?.dimensions;
    expect(q1?.communication).toEqual({ mean: 3.5, spread: 1, respondents: 2, withheld: false });
    expect(q1?.recognition).toEqual({ mean: null, spread: null, respondents: 0, withheld: false });
  });

  test.each(aggregateViewers)("%s gets no comment and no member's scores, in any period", async (name) => {
    for (const period of [undefined, "2025-Q2", "2025-Q1", "2024-Q4"]) {
      const view = await healthChecksFor(db, userFor(name), partnership.id, period);
      expect(view.access).toBe("aggregate");
      expect(Object.keys(view).sort()).toEqual(["access", "summary"]);
      const json = JSON.stringify(view);
      for (const comment of Object.values(comments)) expect(json).not.toContain(comment);
      for (const organisation of Object.values(org)) {
        expect(json).not.toContain(organisation.id);
        expect(json).not.toContain(organisation.name);
      }
      for (const key of forbiddenKeys) expect(keysIn(view).has(key), key).toBe(false);
      for (const check of checks) {
        // Neither the row nor its scores, in any shape.
        expect(json).not.toContain(check.id);
      }
      for (const [answer, given] of Object.entries(scores)) {
        expect(json).not.toContain(JSON.stringify(fullScores(given)));
        expect(json).not.toContain(JSON.stringify(scoreColumns(given)));
        expect(carriesScores(view, given), `${name} ${period ?? "latest"}: ${answer}`).toBe(false);
      }
    }
  });

  test("the lone answer of a period is withheld dimension by dimension", async () => {
    const view = await healthChecksFor(db, null, partnership.id, "2024-Q4");
    expect(view.summary.period).toBe("2024-Q4");
    expect(view.summary.current?.respondents).toBe(1);
    for (const dimension of healthDimensions) {
      expect(view.summary.current?.dimensions[dimension]).toEqual({
        mean: null,
        spread: null,
        respondents: 1,
        withheld: true,
      });
    }
    expect(view.summary.current?.trustIndex).toBeNull();
  });

  test("the search for score combinations would find a leak", () => {
    // The check used above, on data that does leak: a lone answer's means, and a minimum.
    const leakedMeans = {
      dimensions: Object.fromEntries(healthDimensions.map((d) => [d, { mean: scores.aQ4[d] }])),
    };
    expect(carriesScores(leakedMeans, scores.aQ4)).toBe(true);
    const leakedMin = Object.fromEntries(
      healthDimensions.map((d) => [d, { min: scores.aQ1[d as keyof typeof scores.aQ1] ?? null }]),
    );
    expect(carriesScores(leakedMin, scores.aQ1)).toBe(true);
    expect(carriesScores({ trust: 3 }, scores.aQ1)).toBe(false);
  });

  test("a period without answers, a malformed period, and a partnership without checks", async () => {
    const missing = await healthChecksFor(db, users.memberA, partnership.id, "2023-Q1");
    if (missing.access !== "full") throw new Error("member A should have full access");
    expect(missing.summary.period).toBe("2023-Q1");
    expect(missing.answers).toEqual([]);
    expect(missing.summary.current?.respondents).toBe(0);
    expect(missing.summary.current?.trustIndex).toBeNull();

    const malformed = await healthChecksFor(db, users.outsiderC, partnership.id, "2025-Q9");
    expect(malformed.summary.period).toBe("2025-Q2");

    const none = await healthChecksFor(db, users.outsiderC, empty.id);
    expect(none).toEqual({
      access: "aggregate",
      summary: { period: null, periods: [], current: null, trend: [] },
    });
  });
});
