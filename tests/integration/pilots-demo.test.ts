// Every pilot of the demo data (the LVV pilots, with milestones, periods, funding and documents)
// through the pilot pages' loaders and pages: none breaks on real data, and each shows its own facts;
// and the LVV pilots compared reproduce the final evaluation's 18 / 41 / 41.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { pilots } from "~/db/schema";
import { seedDemo } from "~/db/seed/demo.server";
import { showComparison } from "~/lib/comparison";
import { outcomeGroups, type OutcomeGroup } from "~/lib/enums";
import { groupShare } from "~/lib/outcomes";
import { comparePilots } from "~/models/municipalities-comparison.server";
import * as layoutRoute from "~/routes/pilots.$id";
import * as overviewRoute from "~/routes/pilots.$id._index";
import * as documentsRoute from "~/routes/pilots.$id.documents";
import * as editRoute from "~/routes/pilots.$id.edit";
import * as fundingRoute from "~/routes/pilots.$id.funding";
import { createUser } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let demoPilots: { id: string; name: string }[];

beforeAll(async () => {
  await seedDemo(db, { today: "2026-11-26" });
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  demoPilots = await db.select({ id: pilots.id, name: pilots.name }).from(pilots);
});

describe("the demo pilots", () => {
  it("exist", () => {
    expect(demoPilots.length).toBeGreaterThanOrEqual(5);
  });

  it("offer first, in the edit form, the covenant their city's local authority leads", async () => {
    for (const pilot of demoPilots.filter((p) => p.name.startsWith("LVV "))) {
      const page = await callRoute(db, editRoute.loader, get(`/pilots/${pilot.id}/edit`), coordinator, {
        id: pilot.id,
      });
      const body = page.body as {
        values: { partnershipId: string };
        partnerships: { member: { id: string }[] };
      };
      expect(
        body.partnerships.member.map((p) => p.id),
        pilot.name,
      ).toContain(body.values.partnershipId);
    }
  });

  it("each open on every tab this module owns, for a coordinator", async () => {
    const pages = [
      ["", overviewRoute],
      ["/edit", editRoute],
      ["/funding", fundingRoute],
      ["/documents", documentsRoute],
    ] as const;
    for (const pilot of demoPilots) {
      const layout = await callRoute(db, layoutRoute.loader, get(`/pilots/${pilot.id}`), coordinator, {
        id: pilot.id,
      });
      expect(layout).toMatchObject({ status: 200, body: { pilot: { name: pilot.name }, canEdit: true } });
      for (const [suffix, route] of pages) {
        const path = `/pilots/${pilot.id}${suffix}`;
        const page = await callRoute(db, route.loader, get(path), coordinator, { id: pilot.id });
        expect(page.status, path).toBe(200);
        const html = await renderPage(route.default, path, page.body);
        expect(html.length, path).toBeGreaterThan(200);
      }
    }
  });
});

describe("the LVV demo data", () => {
  it("reproduces the final evaluation: 18% durable, 41% semi-durable, 41% no solution of those who left", async () => {
    const rows = (await comparePilots(db, { country: "NL" })).filter((r) => r.name.startsWith("LVV "));
    expect(rows.map((r) => r.municipalityName).sort()).toEqual([
      "Amsterdam",
      "Eindhoven",
      "Groningen",
      "Rotterdam",
      "Utrecht",
    ]);
    // Summed over the five pilots, as the evaluation did.
    const view = showComparison(rows, () => true);
    expect(view.total.participants).toEqual({ kind: "exact", value: 2065 });
    expect(view.total.left).toEqual({ kind: "exact", value: 1258 });
    expect(view.total.shares).toEqual({ durable: 18, semi_durable: 41, no_solution: 41 });
    // Suppressed for viewers: large denominators, so the same shares are shown.
    expect(showComparison(rows, () => false).total.shares).toEqual({
      durable: 18,
      semi_durable: 41,
      no_solution: 41,
    });
    // Per pilot: every one has participants and people who left; each share is a whole percent and
    // the three add up to about 100.
    for (const row of rows) {
      expect(row.summary.newParticipants, row.name).toBeGreaterThan(0);
      expect(row.summary.left, row.name).toBeGreaterThan(0);
      const shares = outcomeGroups.map((g: OutcomeGroup) =>
        Math.round(100 * (groupShare(row.summary, g) ?? 0)),
      );
      expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100), row.name).toBeLessThanOrEqual(2);
    }
    // Per pilot (participants; durable, semi-durable, no solution in % of those who left).
    const perPilot = Object.fromEntries(
      view.rows.map((r) => [
        r.municipalityName,
        [
          r.participants.kind === "exact" ? r.participants.value : null,
          r.shares.durable,
          r.shares.semi_durable,
          r.shares.no_solution,
        ],
      ]),
    );
    expect(perPilot).toEqual({
      Amsterdam: [620, 16, 42, 42],
      Rotterdam: [380, 17, 42, 42],
      Utrecht: [390, 16, 42, 42],
      Eindhoven: [175, 17, 42, 42],
      Groningen: [500, 23, 38, 38],
    });
  });
});
