// /events/:id/brief.md and /events/:id/brief.pdf: an event's follow-up brief as a file to send.
// One module behind two routes (app/routes.ts gives each its own id); the format is the path's.
// event:read like the brief's page. Risks as aggregates for everyone unless ?for=reader: then the
// reader's confidential rights apply (decision 0021).
import { briefAudienceOf } from "~/lib/brief/audience";
import { briefFileName } from "~/lib/brief/file-name";
import { briefLabels } from "~/lib/brief/labels";
import { briefMarkdown } from "~/lib/brief/markdown";
import { briefPdf } from "~/lib/brief/pdf.server";
import { notFound, readableEvent } from "~/lib/event-access.server";
import { todayIso } from "~/lib/objectives";
import { getInstance } from "~/middleware/i18next";
import { eventBrief } from "~/models/brief.server";
import type { Route } from "./+types/export.brief";

/** The format named by the path (/events/:id/brief.<format>), or null. */
export function briefFormatOf(pathname: string): "md" | "pdf" | null {
  const match = /\/brief\.(md|pdf)(?:\.data)?$/.exec(pathname);
  return match?.[1] === "md" || match?.[1] === "pdf" ? match[1] : null;
}

export async function loader({ context, url, params }: Route.LoaderArgs) {
  const { db, user, event } = await readableEvent(context, url, params.id);
  const format = briefFormatOf(url.pathname);
  if (!format) throw notFound();
  // A file is made to be sent: every partnership's risks as aggregates, whoever downloads it, unless
  // the reader asks for their own version (?for=reader, offered on the page to those who see details).
  const reader = briefAudienceOf(url.searchParams, "participants") === "reader" ? user : null;
  const brief = await eventBrief(db, event.id, reader, todayIso());
  if (!brief) throw notFound();
  const i18n = getInstance(context);
  const labels = briefLabels(i18n.t, i18n.language);
  const headers = {
    "Content-Disposition": `attachment; filename="${briefFileName(brief, format)}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "md") {
    return new Response(briefMarkdown(brief, labels), {
      headers: { "Content-Type": "text/markdown; charset=utf-8", ...headers },
    });
  }
  const pdf = await briefPdf(brief, labels);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Length": String(pdf.length), ...headers },
  });
}
