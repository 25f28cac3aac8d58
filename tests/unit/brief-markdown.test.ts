// The follow-up brief's Markdown: every section's content, user text escaped so it cannot inject
// emphasis, links or HTML, takeaways kept as safe Markdown, aggregates said where they replace detail.
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nextOptions } from "~/i18n/config";
import { briefFileName } from "~/lib/brief/file-name";
import { briefLabels, type BriefLabels } from "~/lib/brief/labels";
import { briefMarkdown } from "~/lib/brief/markdown";
import { escapeMarkdown, plainBlocks, safeMarkdown } from "~/lib/brief/markdown-text";
import type { BriefData } from "~/lib/brief/types";

async function labels(lng: "en" | "fr"): Promise<BriefLabels> {
  const i18n = createInstance();
  await i18n.init({ ...i18nextOptions, lng });
  return briefLabels(i18n.t, lng);
}

const EVIL = "*x* [a](javascript:alert(1)) <img src=x onerror=alert(1)> | # _y_";

export function sampleBrief(overrides: Partial<BriefData> = {}): BriefData {
  return {
    today: "2026-11-26",
    since: "2025-06-01",
    event: {
      id: "00000000-0000-4000-8000-000000000001",
      title: "Seminar in Łódź and Ελλάδα",
      kind: "seminar",
      startsOn: "2025-06-01",
      endsOn: "2025-06-02",
      location: "Bruxelles",
      online: true,
      archived: false,
      organisers: [{ id: "o1", name: "Fedasil", acronym: null }],
    },
    participants: [
      { id: "o1", name: "Fedasil", acronym: null, attendeeCount: 4 },
      { id: "o2", name: "Gemeente Utrecht", acronym: "UTR", attendeeCount: null },
    ],
    attendees: 4,
    unknownAttendeeCounts: 1,
    takeaways: [
      { theme: "Beyond return", text: "Legal stay *counts*.\n\n- one\n- [two](https://example.org/x)" },
      { theme: null, text: "[bad](javascript:alert(1)) and <script>alert(1)</script>" },
    ],
    commitments: [
      {
        id: "a1",
        title: EVIL,
        ownerOrganisation: "Fedasil",
        ownerUser: "Anna",
        dueOn: "2025-07-01",
        status: "open",
        doneOn: null,
        overdue: true,
        partnership: { id: "p1", name: "CONEX" },
        pilot: null,
        organisation: null,
      },
      {
        id: "a2",
        title: "Circulate the conclusions",
        ownerOrganisation: "EMN-BE",
        ownerUser: null,
        dueOn: "2024-01-31",
        status: "done",
        doneOn: "2023-12-06",
        overdue: false,
        partnership: null,
        pilot: { id: "pi1", name: "Ghent pilot" },
        organisation: null,
      },
    ],
    partnershipCount: 3,
    newPartnerships: [
      {
        id: "p2",
        name: "New covenant",
        status: "active",
        startDate: "2025-09-01",
        endDate: null,
        participantMembers: ["Fedasil"],
        changes: 0,
        lastChangedOn: null,
      },
    ],
    endedPartnerships: [],
    changedPartnerships: [
      {
        id: "p1",
        name: "CONEX",
        status: "active",
        startDate: "2019-01-01",
        endDate: null,
        participantMembers: ["Fedasil", "UTR"],
        changes: 3,
        lastChangedOn: "2025-10-05",
      },
    ],
    milestones: [
      {
        title: "Desk opened",
        doneOn: "2025-07-01",
        pilot: { id: "pi1", name: "Ghent pilot" },
        municipality: "Gent",
        partnership: null,
      },
    ],
    risks: [
      {
        partnership: { id: "p1", name: "CONEX" },
        access: "full",
        risks: [{ title: "Trust gap", category: "trust_deficit", status: "open", exposure: 16 }],
      },
      {
        partnership: { id: "p3", name: "C-MISE" },
        access: "aggregate",
        openCount: 3,
        highestExposure: 12,
        byCategory: [
          { category: "funding", count: 2 },
          { category: "other", count: 1 },
        ],
      },
    ],
    ...overrides,
  };
}

describe("escaping user text", () => {
  it("turns every Markdown construct into literal text", () => {
    const escaped = escapeMarkdown(EVIL);
    expect(escaped).not.toMatch(/(^|[^\\])[*_[\]<>|]/);
    expect(escaped).toBe(
      "\\*x\\* \\[a\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\| # \\_y\\_",
    );
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
    expect(escapeMarkdown("a &amp; b")).toBe("a \\&amp; b");
  });

  it("keeps only safe constructs of a takeaway's Markdown", () => {
    expect(safeMarkdown("Legal stay *counts*.")).toBe("Legal stay *counts*.");
    expect(safeMarkdown("[ok](<https://example.org/a b>)")).toBe("[ok](<https://example.org/a%20b>)");
    const bad = safeMarkdown("[bad](javascript:alert(1)) <script>alert(1)</script>");
    expect(bad).not.toContain("](");
    expect(bad).not.toMatch(/(^|[^\\])</);
    expect(bad).toContain("bad");
    expect(safeMarkdown("- one\n- two")).toBe("- one\n- two");
    expect(safeMarkdown("`a``b`")).toBe("``` a``b ```");
    expect(safeMarkdown("<b>bold</b>")).toBe("\\<b\\>bold\\</b\\>");
  });

  it("reads a takeaway as plain paragraphs and list items for the PDF", () => {
    expect(plainBlocks("Legal stay *counts*.\n\n- one\n- two")).toEqual([
      { kind: "paragraph", text: "Legal stay counts." },
      { kind: "item", text: "one" },
      { kind: "item", text: "two" },
    ]);
  });
});

describe("the brief as Markdown", () => {
  it("has every section with its content, in English", async () => {
    const md = briefMarkdown(sampleBrief(), await labels("en"));
    expect(md).toMatch(/^# Follow-up brief: Seminar in Łódź and Ελλάδα\n/);
    expect(md).toContain("## Participants");
    expect(md).toContain("Attendees in all: 4 (not known for 1 organisation)\n");
    expect(md).toContain("- Fedasil: 4 attendees");
    expect(md).toContain("- Gemeente Utrecht (UTR)\n");
    expect(md).toContain(
      "### 1. Beyond return\n\nLegal stay *counts*.\n\n- one\n- [two](<https://example.org/x>)",
    );
    expect(md).toContain("### 2. Takeaway 2\n\nbad and \\<script\\>alert(1)\\</script\\>");
    expect(md).toContain(
      "| Circulate the conclusions | EMN-BE | Jan 31, 2024 | Done on Dec 6, 2023 | Pilot: Ghent pilot |",
    );
    expect(md).toContain("| Fedasil (Anna) | Jul 1, 2025 | Open **Overdue** | Partnership: CONEX |");
    expect(md).toContain("### New\n\n- **New covenant**");
    expect(md).toContain("### Ended\n\n_None._");
    expect(md).toContain("3 changes, the latest on Oct 5, 2025");
    expect(md).toContain("| Desk opened | Jul 1, 2025 | Ghent pilot | Gent |  |");
    expect(md).toContain("| Trust gap | Trust deficit | Open | 16 |");
  });

  it("says where aggregates replace the risk details, and gives no detail there", async () => {
    const md = briefMarkdown(sampleBrief(), await labels("en"));
    expect(md).toContain("Partnerships with their risks in detail: 1; with aggregates only: 1");
    const cmise = md.slice(md.indexOf("### C-MISE"));
    expect(cmise).toContain("confidential to the partnership's members");
    expect(cmise).toContain("- Open risks: 3\n- Highest exposure: 12\n- Funding: 2\n- Other: 1");
  });

  it("escapes a title that tries to inject emphasis, a link or HTML", async () => {
    const md = briefMarkdown(sampleBrief(), await labels("en"));
    expect(md).toContain(
      "| \\*x\\* \\[a\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\| # \\_y\\_ |",
    );
    // Only escaped brackets before the "javascript:" text: no link.
    expect(md).not.toMatch(/(^|[^\\])\]\(javascript/m);
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/m);
  });

  it("speaks French with the French labels", async () => {
    const md = briefMarkdown(sampleBrief(), await labels("fr"));
    expect(md).toContain("# Note de suivi : Seminar in Łódź and Ελλάδα");
    expect(md).toContain("## Engagements");
    expect(md).toContain("En retard");
  });

  it("says when there is nothing", async () => {
    const md = briefMarkdown(
      sampleBrief({ takeaways: [], commitments: [], milestones: [], risks: [], newPartnerships: [] }),
      await labels("en"),
    );
    expect(md).toContain("_No takeaways recorded._");
    expect(md).toContain("_No commitments recorded._");
    expect(md).toContain("_No milestone reached since the event._");
    expect(md).toContain("_No open risks._");
  });
});

describe("the download's file name", () => {
  it("is ASCII, without quotes or slashes", () => {
    const data = sampleBrief();
    expect(briefFileName(data, "pdf")).toBe("brief-seminar-in-odz-and-2025-06-01.pdf");
    data.event.title = 'a"b/c\\d\r\nÉté';
    expect(briefFileName(data, "md")).toBe("brief-a-b-c-d-ete-2025-06-01.md");
    data.event.title = "Ελλάδα";
    expect(briefFileName(data, "md")).toBe("brief-event-2025-06-01.md");
  });
});
