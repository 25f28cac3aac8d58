// The pilot's funding and documents tabs, called directly as the server does: they reuse the
// partnership's form and rules with the pilot as owner; forged POSTs out of scope get 403, ids of
// another pilot's records 404, and an archived pilot's records cannot be changed; nothing is written.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { documents, fundingLines, type Municipality } from "~/db/schema";
import * as documentsRoute from "~/routes/pilots.$id.documents";
import * as fundingRoute from "~/routes/pilots.$id.funding";
import { createDocument, createFundingLine, createPilot } from "../factories";
import { testDb } from "../helpers/db";
import { pilotPagesFixture } from "../helpers/pilot-pages";
import { callRoute, get, post, renderPage, submissionOf } from "../helpers/routes";

const { db } = await testDb();

let home: Municipality;
let coordinator: AuthUser;
let official: AuthUser;
let outsider: AuthUser;
let organiser: AuthUser;
let viewer: AuthUser;

beforeAll(async () => {
  ({ home, coordinator, official, outsider, organiser, viewer } = await pilotPagesFixture(db));
});

describe("the pilot's funding and documents tabs", () => {
  it("save a funding line owned by the pilot, for an official in scope", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const path = `/pilots/${target.id}/funding`;
    const fields = {
      intent: "save",
      source: "municipal",
      stage: "implementation",
      amount: "2500",
      currency: "EUR",
    };
    const saved = await callRoute(db, fundingRoute.action, post(path, fields), official, { id: target.id });
    expect(saved).toMatchObject({ status: 302 });
    const [line] = await db.select().from(fundingLines).where(eq(fundingLines.pilotId, target.id));
    expect(line).toMatchObject({
      pilotId: target.id,
      partnershipId: null,
      amount: "2500.00",
      source: "municipal",
    });
    const page = await callRoute(db, fundingRoute.loader, get(path), official, { id: target.id });
    expect(page.body).toMatchObject({ canEdit: true, lines: [{ id: line?.id }] });
    const stale = await callRoute(
      db,
      fundingRoute.action,
      post(path, { ...fields, id: line?.id ?? "", version: "7" }),
      official,
      { id: target.id },
    );
    expect(stale).toMatchObject({ status: 409, body: { lineId: line?.id, current: { version: 1 } } });
    const html = await renderPage(fundingRoute.default, path, page.body);
    expect(html).toContain("Funding of the pilot project");
  });

  it("save a document link owned by the pilot; the same validation as a partnership's", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const path = `/pilots/${target.id}/documents`;
    const bad = await callRoute(
      db,
      documentsRoute.action,
      post(path, { intent: "save", title: "Plan", url: "javascript:alert(1)", kind: "other" }),
      coordinator,
      { id: target.id },
    );
    expect(bad.status).toBe(400);
    expect(submissionOf(bad)?.error).toMatchObject({ url: ["partnership.documents.validation.url"] });
    const saved = await callRoute(
      db,
      documentsRoute.action,
      post(path, { intent: "save", title: "Plan", url: "https://example.org/plan.pdf", kind: "report" }),
      coordinator,
      { id: target.id },
    );
    expect(saved.status).toBe(302);
    const rows = await db.select().from(documents).where(eq(documents.pilotId, target.id));
    expect(rows).toMatchObject([{ title: "Plan", partnershipId: null }]);
  });

  it("refuse a funding line or document of another pilot posted through this pilot's URL (404)", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const other = await createPilot(db, { municipalityId: home.id });
    const line = await createFundingLine(db, { pilotId: other.id, partnershipId: null, amount: "10.00" });
    const document = await createDocument(db, { pilotId: other.id, partnershipId: null, title: "Theirs" });
    const funding = `/pilots/${target.id}/funding`;
    const docs = `/pilots/${target.id}/documents`;
    const forged = [
      [
        fundingRoute.action,
        funding,
        { intent: "save", id: line.id, version: "1", source: "amif", stage: "proposal", amount: "99" },
      ],
      [fundingRoute.action, funding, { intent: "archive", id: line.id, version: "1" }],
      [fundingRoute.action, funding, { intent: "restore", id: line.id, version: "1" }],
      [
        documentsRoute.action,
        docs,
        { intent: "save", id: document.id, version: "1", title: "Ours", url: "https://e.org", kind: "other" },
      ],
      [documentsRoute.action, docs, { intent: "archive", id: document.id, version: "1" }],
      [documentsRoute.action, docs, { intent: "restore", id: document.id, version: "1" }],
    ] as const;
    for (const user of [official, coordinator]) {
      for (const [action, path, fields] of forged) {
        expect(
          await callRoute(db, action, post(path, fields), user, { id: target.id }),
          `${user.role} ${path} ${fields.intent}`,
        ).toMatchObject({ status: 404 });
      }
    }
    expect(await db.select().from(fundingLines).where(eq(fundingLines.id, line.id))).toMatchObject([
      { pilotId: other.id, amount: "10.00", version: 1, archivedAt: null },
    ]);
    expect(await db.select().from(documents).where(eq(documents.id, document.id))).toMatchObject([
      { pilotId: other.id, title: "Theirs", version: 1, archivedAt: null },
    ]);
    expect(await db.select().from(fundingLines).where(eq(fundingLines.pilotId, target.id))).toEqual([]);
    expect(await db.select().from(documents).where(eq(documents.pilotId, target.id))).toEqual([]);
  });

  it("are read by everyone without the forms, and refuse forged POSTs out of scope", async () => {
    const target = await createPilot(db, { municipalityId: home.id });
    const line = await createFundingLine(db, { pilotId: target.id, partnershipId: null });
    const document = await createDocument(db, { pilotId: target.id, partnershipId: null });
    const id = { id: target.id };
    for (const user of [outsider, organiser, viewer]) {
      const funding = await callRoute(db, fundingRoute.loader, get(`/pilots/${target.id}/funding`), user, id);
      expect(funding.body).toMatchObject({
        canEdit: false,
        funders: { mode: "select", options: [] },
        lines: [{ id: line.id }],
      });
      const docs = await callRoute(
        db,
        documentsRoute.loader,
        get(`/pilots/${target.id}/documents`),
        user,
        id,
      );
      expect(docs.body).toMatchObject({ canEdit: false, documents: [{ id: document.id }] });
      const docsHtml = await renderPage(documentsRoute.default, `/pilots/${target.id}/documents`, docs.body);
      expect(docsHtml).toContain(document.title);
      expect(docsHtml).not.toContain("Add a document link");
      const fundingHtml = await renderPage(
        fundingRoute.default,
        `/pilots/${target.id}/funding`,
        funding.body,
      );
      expect(fundingHtml).toContain("Funding of the pilot project");
      expect(fundingHtml).not.toContain("Add a funding line");
      const posts = [
        [
          fundingRoute.action,
          `/pilots/${target.id}/funding`,
          { intent: "save", source: "amif", stage: "proposal" },
        ],
        [
          fundingRoute.action,
          `/pilots/${target.id}/funding`,
          { intent: "archive", id: line.id, version: "1" },
        ],
        [
          documentsRoute.action,
          `/pilots/${target.id}/documents`,
          { intent: "archive", id: document.id, version: "1" },
        ],
      ] as const;
      for (const [action, path, body] of posts) {
        expect(await callRoute(db, action, post(path, body), user, id)).toMatchObject({
          status: 403,
          thrown: true,
        });
      }
    }
    expect(await db.select().from(fundingLines).where(eq(fundingLines.pilotId, target.id))).toMatchObject([
      { archivedAt: null },
    ]);
    expect(await db.select().from(documents).where(eq(documents.pilotId, target.id))).toMatchObject([
      { archivedAt: null },
    ]);
    const unknown = randomUUID();
    const fields = { intent: "save", title: "x", url: "https://e.org", kind: "other" };
    expect(
      await callRoute(db, documentsRoute.action, post(`/pilots/${unknown}/documents`, fields), coordinator, {
        id: unknown,
      }),
    ).toMatchObject({ status: 404, thrown: true });
  });
});
