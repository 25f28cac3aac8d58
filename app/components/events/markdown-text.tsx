// A takeaway's text, written in Markdown, rendered safely: raw HTML in the text is dropped (never
// live), only a small set of elements is produced (no images: nothing loads from elsewhere), link
// targets go through react-markdown's URL filter (no `javascript:`) and open without referrer.
import ReactMarkdown, { type Components } from "react-markdown";

/** The elements a takeaway may use; others (headings 1-2, images, tables) are unwrapped to their text. */
export const MARKDOWN_ELEMENTS = [
  "p",
  "br",
  "em",
  "strong",
  "ul",
  "ol",
  "li",
  "a",
  "code",
  "pre",
  "blockquote",
  "hr",
  "h3",
  "h4",
  "h5",
  "h6",
] as const;

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
      {children}
    </a>
  ),
};

export function MarkdownText({ text }: { text: string }) {
  return (
    <div className="prose-sm space-y-2 text-sm text-slate-800 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6">
      <ReactMarkdown skipHtml allowedElements={MARKDOWN_ELEMENTS} unwrapDisallowed components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
