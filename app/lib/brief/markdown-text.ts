// User text in the follow-up brief's Markdown file and PDF. Pure: no I/O.
//
// Plain fields (titles, names) are escaped so they stay text: "*x* [a](javascript:…)" is printed as
// typed and cannot turn into emphasis or a link. A takeaway's text is Markdown (decision 0019): it is
// parsed and written back with only the constructs the page allows (paragraphs, emphasis, lists,
// quotes, code, links to http(s) and mailto), every text node escaped; raw HTML stays visible text,
// unsafe links keep only their words.
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Nodes, PhrasingContent, RootContent } from "mdast";

/**
 * Characters that mean something anywhere in a line (emphasis, code, links, HTML, entities, table
 * cells, strikethrough); a backslash makes each one literal (CommonMark escapes).
 */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~]/g;
/** What means something only at the start of a line: headings, quotes, list items, setext underlines. */
const LINE_START = /^(\s*)([#>+=-]|\d+(?=[.)]))/;

function escapeLine(line: string): string {
  return line
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(LINE_START, (_m, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
    );
}

/** One line of plain text, safe in Markdown (inline or in a table cell). */
export function escapeMarkdown(text: string): string {
  return escapeLine(text.replace(/\s+/g, " ").trim());
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** A link destination written in angle brackets, with what could end or break it percent-encoded. */
function destination(url: string): string {
  return `<${url.replace(/[\s<>\\]/g, (c) => encodeURIComponent(c))}>`;
}

function fence(content: string, char: "`"): string {
  const runs = content.match(/`+/g) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  return char.repeat(Math.max(1, longest + 1));
}

function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return node.children.map((child) => textOf(child as Nodes)).join("");
  if (node.type === "image") return node.alt ?? "";
  return "";
}

function inline(nodes: readonly PhrasingContent[]): string {
  return nodes.map(phrasing).join("");
}

function phrasing(node: PhrasingContent): string {
  switch (node.type) {
    case "text":
      // Keep the line breaks of the text, escape the rest.
      return node.value.split("\n").map(escapeLine).join("\n");
    case "emphasis":
      return `*${inline(node.children)}*`;
    case "strong":
      return `**${inline(node.children)}**`;
    case "inlineCode": {
      const marks = fence(node.value, "`");
      return `${marks} ${node.value} ${marks}`;
    }
    case "break":
      return "\\\n";
    case "link":
      return SAFE_URL.test(node.url)
        ? `[${inline(node.children)}](${destination(node.url)})`
        : inline(node.children);
    default:
      return escapeMarkdown(textOf(node));
  }
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : by + line))
    .join("\n");
}

function block(node: RootContent): string {
  switch (node.type) {
    case "paragraph":
      return inline(node.children);
    case "heading":
      return `**${inline(node.children)}**`;
    case "blockquote":
      return node.children
        .map(block)
        .join("\n\n")
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "list":
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : "- ";
          const body = item.children.map(block).join("\n\n");
          return marker + indent(body, " ".repeat(marker.length));
        })
        .join("\n");
    case "code": {
      const marks = fence(node.value, "`");
      return `${marks.length < 3 ? "```" : marks}\n${node.value}\n${marks.length < 3 ? "```" : marks}`;
    }
    case "thematicBreak":
      return "---";
    case "definition":
      return "";
    default:
      return escapeMarkdown(textOf(node as Nodes));
  }
}

/** A takeaway's Markdown, rewritten with the safe constructs only (see above). */
export function safeMarkdown(text: string): string {
  return fromMarkdown(text)
    .children.map(block)
    .filter((part) => part !== "")
    .join("\n\n");
}

export interface TextBlock {
  kind: "paragraph" | "item";
  text: string;
}

/** A takeaway's Markdown as plain paragraphs and list items (for the PDF). */
export function plainBlocks(text: string): TextBlock[] {
  const out: TextBlock[] = [];
  const visit = (node: RootContent) => {
    if (node.type === "list") {
      for (const item of node.children)
        out.push({ kind: "item", text: textOf(item).replace(/\s+/g, " ").trim() });
    } else if (node.type !== "definition" && node.type !== "thematicBreak") {
      const value = textOf(node as Nodes).trim();
      if (value) out.push({ kind: "paragraph", text: value });
    }
  };
  fromMarkdown(text).children.forEach(visit);
  return out;
}
