// The follow-up brief as a PDF, made on the server with pdfkit (pure JS): A4, headings, lists and
// tables, page numbers, title metadata. Text is set in DejaVu Sans, a TrueType font embedded (as a
// subset) from the `dejavu-fonts-ttf` npm package, so accented French, Polish ("Łódź") and Greek
// ("Ελλάδα") print as typed; pdfkit's built-in Helvetica would garble them (WinAnsi only).
// Each call builds its own document from the data: nothing is shared between requests.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { BriefLabels } from "./labels";
import {
  commitmentLinks,
  commitmentOwner,
  commitmentStatus,
  eventDates,
  eventPlace,
  organisationName,
  partnershipFacts,
} from "./markdown";
import { plainBlocks } from "./markdown-text";
import type { BriefData, BriefPartnership, BriefRiskGroup } from "./types";
import { riskAccessCounts } from "./types";

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const REGULAR = "Brief-Regular";
const BOLD = "Brief-Bold";
const ITALIC = "Brief-Italic";

const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  /** Share of the text width. */
  width: number;
}

function usableWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, level: 1 | 2 | 3) {
  const size = level === 1 ? 18 : level === 2 ? 14 : 11.5;
  doc.font(BOLD).fontSize(size);
  ensureSpace(doc, doc.heightOfString(text, { width: usableWidth(doc) }) + 64);
  doc.moveDown(level === 1 ? 0 : 0.8);
  doc.fillColor(INK).text(text, doc.page.margins.left, doc.y, { width: usableWidth(doc) });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, { italic = false, color = INK } = {}) {
  doc
    .font(italic ? ITALIC : REGULAR)
    .fontSize(10)
    .fillColor(color)
    .text(text, doc.page.margins.left, doc.y, { width: usableWidth(doc) });
  doc.moveDown(0.4);
}

function bullets(doc: Doc, items: readonly string[]) {
  doc.font(REGULAR).fontSize(10).fillColor(INK);
  const left = doc.page.margins.left;
  for (const item of items) {
    ensureSpace(doc, doc.heightOfString(item, { width: usableWidth(doc) - 18 }));
    // The bullet apart, so that wrapped lines hang under the item's first word.
    const top = doc.y;
    doc.text("•", left + 6, top, { lineBreak: false });
    doc.text(item, left + 18, top, { width: usableWidth(doc) - 18 });
    doc.moveDown(0.15);
  }
  doc.x = left;
  doc.moveDown(0.3);
}

function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[]) {
  const left = doc.page.margins.left;
  const widths = columns.map((c) => c.width * usableWidth(doc));
  const pad = 3;
  const rowHeight = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? BOLD : REGULAR).fontSize(9);
    const heights = cells.map((cell, i) =>
      doc.heightOfString(cell || " ", { width: (widths[i] ?? 0) - 2 * pad }),
    );
    return Math.max(...heights) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], bold: boolean) => {
    const height = rowHeight(cells, bold);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      doc.fillColor(INK).text(cell, x + pad, top + pad, { width: width - 2 * pad });
      x += width;
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + usableWidth(doc), top + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(doc, rowHeight(header, true) + (rows[0] ? rowHeight(rows[0], false) : 0));
  drawRow(header, true);
  for (const cells of rows) {
    // A row that does not fit starts a new page, under the header again.
    if (doc.y + rowHeight(cells, false) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(cells, false);
  }
  doc.moveDown(0.6);
}

function partnershipSection(doc: Doc, title: string, list: readonly BriefPartnership[], l: BriefLabels) {
  heading(doc, title, 3);
  if (list.length === 0) return paragraph(doc, l.empty.partnerships, { italic: true, color: MUTED });
  bullets(
    doc,
    list.map(
      (p) =>
        `${p.name} (${partnershipFacts(p, l).join(", ")}). ${l.fields.members}: ${p.participantMembers.join(
          ", ",
        )}. ${l.changes(p.changes, p.lastChangedOn)}.`,
    ),
  );
}

function riskSection(doc: Doc, group: BriefRiskGroup, l: BriefLabels) {
  heading(doc, group.partnership.name, 3);
  if (group.access === "full") {
    table(
      doc,
      [
        { header: l.fields.risk, width: 0.5 },
        { header: l.fields.category, width: 0.24 },
        { header: l.fields.status, width: 0.14 },
        { header: l.fields.exposure, width: 0.12 },
      ],
      group.risks.map((r) => [
        r.title,
        l.riskCategory[r.category],
        l.riskStatus[r.status],
        String(r.exposure),
      ]),
    );
    return;
  }
  paragraph(doc, l.aggregateNote, { italic: true, color: MUTED });
  bullets(doc, [
    `${l.fields.openRisks}: ${group.openCount}`,
    `${l.fields.highestExposure}: ${group.highestExposure}`,
    ...group.byCategory.map((c) => `${l.riskCategory[c.category]}: ${c.count}`),
  ]);
}

function content(doc: Doc, data: BriefData, l: BriefLabels) {
  heading(doc, l.title(data.event.title), 1);
  paragraph(doc, l.prepared(data.today, data.since), { italic: true, color: MUTED });
  if (data.event.archived) paragraph(doc, l.archived, { italic: true, color: MUTED });

  heading(doc, l.sections.event, 2);
  bullets(doc, [
    `${l.fields.kind}: ${l.kind[data.event.kind]}`,
    `${l.fields.dates}: ${eventDates(data, l)}`,
    `${l.fields.place}: ${eventPlace(data, l) ?? l.none}`,
    `${l.fields.organisers}: ${data.event.organisers.map(organisationName).join(", ") || l.none}`,
  ]);

  heading(doc, l.sections.participants, 2);
  paragraph(doc, l.attendeesTotal(data.attendees, data.unknownAttendeeCounts));
  bullets(
    doc,
    data.participants.map(
      (p) => organisationName(p) + (p.attendeeCount === null ? "" : `: ${l.attendees(p.attendeeCount)}`),
    ),
  );

  heading(doc, l.sections.takeaways, 2);
  if (data.takeaways.length === 0) paragraph(doc, l.empty.takeaways, { italic: true, color: MUTED });
  data.takeaways.forEach((t, i) => {
    heading(doc, `${i + 1}. ${t.theme ?? l.takeawayNumber(i + 1)}`, 3);
    const blocks = plainBlocks(t.text);
    for (const block of blocks) {
      if (block.kind === "item") bullets(doc, [block.text]);
      else paragraph(doc, block.text);
    }
  });

  heading(doc, l.sections.commitments, 2);
  if (data.commitments.length === 0) paragraph(doc, l.empty.commitments, { italic: true, color: MUTED });
  else {
    table(
      doc,
      [
        { header: l.fields.commitment, width: 0.3 },
        { header: l.fields.owner, width: 0.18 },
        { header: l.fields.due, width: 0.13 },
        { header: l.fields.status, width: 0.17 },
        { header: l.fields.links, width: 0.22 },
      ],
      data.commitments.map((c) => [
        c.title,
        commitmentOwner(c, l),
        c.dueOn ? l.date(c.dueOn) : "",
        commitmentStatus(c, l) + (c.overdue ? ` (${l.overdue})` : ""),
        commitmentLinks(c, l).join("; "),
      ]),
    );
  }

  heading(doc, l.sections.partnerships, 2);
  paragraph(doc, l.partnershipsIntro(data.partnershipCount));
  partnershipSection(doc, l.sections.newPartnerships, data.newPartnerships, l);
  partnershipSection(doc, l.sections.endedPartnerships, data.endedPartnerships, l);
  partnershipSection(doc, l.sections.changedPartnerships, data.changedPartnerships, l);

  heading(doc, l.sections.milestones, 2);
  if (data.milestones.length === 0) paragraph(doc, l.empty.milestones, { italic: true, color: MUTED });
  else {
    table(
      doc,
      [
        { header: l.fields.milestone, width: 0.3 },
        { header: l.fields.doneOn, width: 0.14 },
        { header: l.fields.pilot, width: 0.2 },
        { header: l.fields.municipality, width: 0.14 },
        { header: l.fields.partnership, width: 0.22 },
      ],
      data.milestones.map((m) => [
        m.title,
        l.date(m.doneOn),
        m.pilot.name,
        m.municipality,
        m.partnership?.name ?? "",
      ]),
    );
  }

  heading(doc, l.sections.risks, 2);
  if (data.risks.length === 0) paragraph(doc, l.empty.risks, { italic: true, color: MUTED });
  const counts = riskAccessCounts(data);
  if (counts.aggregate > 0) {
    paragraph(doc, l.aggregateSummary(counts.full, counts.aggregate), { italic: true, color: MUTED });
  }
  for (const group of data.risks) riskSection(doc, group, l);
}

function pageNumbers(doc: Doc, l: BriefLabels) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MUTED)
      .text(l.page(i + 1, range.count), doc.page.margins.left, doc.page.height - bottom / 2 - 4, {
        width: usableWidth(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

let fontCache: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;

/** The three font files, read once per process (reading them on every request cost ~150 ms). */
function fontFiles() {
  fontCache ??= {
    regular: readFileSync(path.join(fontDir, "DejaVuSans.ttf")),
    bold: readFileSync(path.join(fontDir, "DejaVuSans-Bold.ttf")),
    italic: readFileSync(path.join(fontDir, "DejaVuSans-Oblique.ttf")),
  };
  return fontCache;
}

/** The brief as a PDF document (A4), in the labels' language. */
export function briefPdf(
  data: BriefData,
  l: BriefLabels,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: l.locale,
    displayTitle: true,
    info: { Title: l.title(data.event.title), Creator: "Trellis", Producer: "Trellis (pdfkit)" },
  });
  const fonts = fontFiles();
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  doc.registerFont(ITALIC, fonts.italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  content(doc, data, l);
  pageNumbers(doc, l);
  doc.end();
  return done;
}
