// A dashboard section: a landmark named by its heading, with an optional "see all" link.
import { Link } from "react-router";

export function DashboardSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  const headingId = `dashboard-${id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A list inside a section, itself a landmark named by its heading (e.g. "Overdue follow-ups"). */
export function SubSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="text-sm font-semibold text-slate-800">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function EmptyLine({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-700">{children}</p>;
}

export function SeeAll({ to, label }: { to: string; label: string }) {
  return (
    <p className="mt-2 text-sm">
      <Link to={to} className="text-brand-700 underline">
        {label}
      </Link>
    </p>
  );
}

/** Overdue is said in words, in red: never by colour alone. */
export function OverdueBadge({ label }: { label: string }) {
  return <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">{label}</span>;
}
