// Every pilot of the demo data (the LVV pilots, with milestones, periods, funding and documents)
// through the pilot pages' loaders and pages: none breaks on real data, and each shows its own facts.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { pilots } from "~/db/schema";
import { seedDemo } from "~/db/seed/demo.server";
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
