// The top of a list page that has an archived view (organisations, events): the title, how many
// match, a "New" button for editors on the current view, the link to the other view and, for those
// who may export, the CSV of the list as filtered.
import { Link } from "react-router";

export function ListHeader({
  title,
  count,
  create,
  toggle,
  exportLink = null,
}: {
  title: string;
  count: string;
  /** The "New" button, or null when the reader may not create or looks at archived records. */
  create: { to: string; label: string } | null;
  /** The link between the current and the archived view. */
  toggle: { to: string; label: string };
  /** The CSV export of the list as filtered, for those who may export. */
  exportLink?: { to: string; label: string } | null;
}) {
  return (
    <>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-700">{count}</p>
      <div className="mt-2 flex flex-wrap gap-4 text-sm">
        {create ? (
          <Link
            to={create.to}
            className="rounded bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800"
          >
            {create.label}
          </Link>
        ) : null}
        <Link to={toggle.to} className="self-center text-brand-700 underline">
          {toggle.label}
        </Link>
        {exportLink ? <ExportLink {...exportLink} /> : null}
      </div>
    </>
  );
}

/** A plain download link to a list's CSV export (a document, not a page: no client navigation). */
export function ExportLink({ to, label }: { to: string; label: string }) {
  return (
    <a href={to} download className="self-center text-brand-700 underline">
      {label}
    </a>
  );
}
