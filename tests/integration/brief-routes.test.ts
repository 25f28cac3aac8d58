// The follow-up brief's page and downloads: who may read them, their headers, and their content
// (the PDF's text extracted with unpdf, so a missing section or a garbled name fails).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { events } from "~/db/schema";
import * as pageRoute from "~/routes/events.$id.brief";
import * as fileRoute from "~/routes/export.brief";
import { buildBriefWorld } from "../helpers/brief";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, renderPage } from "../helpers/routes";

const { db } = await testDb();

let world: Awaited<ReturnType<typeof buildBriefWorld>>;
let coordinator: AuthUser;
let outsider: AuthUser;

beforeAll(async () => {
  world = await buildBriefWorld(db, { tag: "R" });
  coordinator = authUserOf(world.readers.coordinator);
  outsider = authUserOf(world.readers.outsider);
});

async function download(format: "md" | "pdf", user: AuthUser | null, id = world.event.id, query = "") {
  return callRoute(db, fileRoute.loader, get(`/events/${id}/brief.${format}${query}`), user, { id });
}

async function pdfText(bytes: ArrayBuffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  const meta = await getMeta(pdf);
  return { text: text.replace(/\s+/g, " "), totalPages, title: (meta.info as { Title?: string }).Title };
}

describe("the brief's page", () => {
  it("shows the brief to anyone signed in, with aggregates for a non-member", async () => {
    const outcome = await callRoute(db, pageRoute.loader, get(`/events/${world.event.id}/brief`), outsider, {
      id: world.event.id,
    });
    expect(outcome.status).toBe(200);
    const data = outcome.body as Awaited<ReturnType<typeof pageRoute.loader>>;
    expect(data.confidentialShown).toBe(0);
    expect(JSON.stringify(data)).not.toContain("Secret trust issue");
    const html = await renderPage(pageRoute.default, `/events/${world.event.id}/brief`, data);
    for (const text of [
      "Follow-up brief",
      "Overdue one R0",
      "Overdue",
      "Shelter opened R0",
      "New R0",
      "Stopped R0",
      "Changed R0",
      "Highest exposure",
      "confidential to the partnership",
      `href="/events/${world.event.id}/brief.pdf"`,
      `href="/events/${world.event.id}/brief.md"`,
      "Print",
    ]) {
      expect(html, text).toContain(text);
    }
    // No inline script for printing (the CSP forbids it): the button has no onclick attribute.
    expect(html).not.toContain("onclick");
  });

  it("warns a coordinator that the brief holds confidential details", async () => {
    const outcome = await callRoute(
      db,
      pageRoute.loader,
      get(`/events/${world.event.id}/brief`),
      coordinator,
      {
        id: world.event.id,
      },
    );
    const data = outcome.body as Awaited<ReturnType<typeof pageRoute.loader>>;
    expect(data.confidentialShown).toBe(2);
    const html = await renderPage(pageRoute.default, `/events/${world.event.id}/brief`, data);
    expect(html).toContain("Secret trust issue R0");
    expect(html).toContain("share it only with their members");
  });

  it("prepares the version for the participants with aggregates only, even for a coordinator", async () => {
    const path = `/events/${world.event.id}/brief?for=participants`;
    const outcome = await callRoute(db, pageRoute.loader, get(path), coordinator, { id: world.event.id });
    const data = outcome.body as Awaited<ReturnType<typeof pageRoute.loader>>;
    expect(data.audience).toBe("participants");
    expect(data.confidentialShown).toBe(0);
    expect(JSON.stringify(data)).not.toContain("Secret trust issue");
    const html = await renderPage(pageRoute.default, `/events/${world.event.id}/brief`, data);
    // Nothing confidential on this version: no download of the reader's own details is offered.
    expect(html).not.toContain("?for=reader");
  });

  it("makes the files to send with aggregates only, and the reader's own version on request", async () => {
    // A coordinator sees the details, but what they download to send holds aggregates only.
    const toSend = (await (await download("md", coordinator)).response?.text()) ?? "";
    expect(toSend).toContain("Highest exposure: 16");
    expect(toSend).not.toContain("Secret trust issue");
    const own =
      (await (await download("md", coordinator, world.event.id, "?for=reader")).response?.text()) ?? "";
    expect(own).toContain("Secret trust issue R0");
    // A non-member asking for their own version still gets aggregates: their rights apply.
    const outsiders =
      (await (await download("md", outsider, world.event.id, "?for=reader")).response?.text()) ?? "";
    expect(outsiders).not.toContain("Secret trust issue");
    // The page offers the reader's own version to those who see details.
    const outcome = await callRoute(
      db,
      pageRoute.loader,
      get(`/events/${world.event.id}/brief`),
      coordinator,
      {
        id: world.event.id,
      },
    );
    const html = await renderPage(
      pageRoute.default,
      `/events/${world.event.id}/brief`,
      outcome.body as Awaited<ReturnType<typeof pageRoute.loader>>,
    );
    expect(html).toContain(`/events/${world.event.id}/brief.pdf?for=reader`);
  });

  it("sends an anonymous reader to the login page and answers 404 for an unknown event", async () => {
    const anonymous = await callRoute(db, pageRoute.loader, get(`/events/${world.event.id}/brief`), null, {
      id: world.event.id,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const id = randomUUID();
    const unknown = await callRoute(db, pageRoute.loader, get(`/events/${id}/brief`), coordinator, { id });
    expect(unknown.status).toBe(404);
  });
});

describe("the brief as files", () => {
  it("downloads as Markdown with a safe file name", async () => {
    const outcome = await download("md", outsider);
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toBe(
      'attachment; filename="brief-odz-seminar-ete-r-2025-06-01.md"',
    );
    const md = (await outcome.response?.text()) ?? "";
    expect(md).toMatch(/^# Follow-up brief: Łódź–Ελλάδα seminar « été » R\n/);
    expect(md).toContain("| Overdue one R0 | Member org R (Maria Member) | Jul 1, 2025 | Open **Overdue** |");
    expect(md).toContain("- Open risks: 2\n- Highest exposure: 16");
    expect(md).not.toContain("Secret trust issue");
  });

  it("downloads as a PDF whose text holds the brief, names in Polish and Greek intact", async () => {
    const outcome = await download("pdf", coordinator, world.event.id, "?for=reader");
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("application/pdf");
    expect(outcome.headers.get("Content-Disposition")).toBe(
      'attachment; filename="brief-odz-seminar-ete-r-2025-06-01.pdf"',
    );
    const bytes = (await outcome.response?.arrayBuffer()) ?? new ArrayBuffer(0);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { text, totalPages, title } = await pdfText(bytes);
    expect(title).toBe("Follow-up brief: Łódź–Ελλάδα seminar « été » R");
    for (const expected of [
      "Follow-up brief: Łódź–Ελλάδα seminar « été » R",
      "Beyond return",
      "Overdue one R0",
      "Open (Overdue)",
      "Done on Sep 12, 2025",
      "New R0",
      "Stopped R0",
      "2 changes, the latest on Oct 5, 2025",
      "Shelter opened R0",
      "Desk opened R0",
      "Secret trust issue R0",
      `Page 1 of ${totalPages}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("gives a non-member's PDF the aggregates only", async () => {
    const outcome = await download("pdf", outsider);
    const { text } = await pdfText((await outcome.response?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(text).toContain("Highest exposure: 16");
    expect(text).toContain("confidential to the partnership's members");
    expect(text).not.toContain("Secret trust issue");
    expect(text).not.toContain("Quiet secret");
  });

  it("speaks the reader's language", async () => {
    const request = new Request(`http://localhost/events/${world.event.id}/brief.md`, {
      headers: { "Accept-Language": "fr" },
    });
    const outcome = await callRoute(db, fileRoute.loader, request, outsider, { id: world.event.id });
    const md = (await outcome.response?.text()) ?? "";
    expect(md).toContain("# Note de suivi : ");
    expect(md).toContain("## Engagements");
  });

  it("still works for an archived event, answers 404 for an unknown one, and sends anonymous readers to login", async () => {
    await db.update(events).set({ archivedAt: new Date() }).where(eq(events.id, world.event.id));
    try {
      const archived = await download("md", outsider);
      expect(archived.status).toBe(200);
      expect(await archived.response?.text()).toContain("This event is archived");
    } finally {
      await db.update(events).set({ archivedAt: null }).where(eq(events.id, world.event.id));
    }
    expect((await download("pdf", coordinator, randomUUID())).status).toBe(404);
    const anonymous = await download("pdf", null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("answers 404 for another extension on the same module", () => {
    expect(fileRoute.briefFormatOf("/events/x/brief.md")).toBe("md");
    expect(fileRoute.briefFormatOf("/events/x/brief.pdf.data")).toBe("pdf");
    expect(fileRoute.briefFormatOf("/events/x/brief.html")).toBeNull();
  });
});
