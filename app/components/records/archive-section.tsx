// The "archive or restore" part of a record's edit page (a partnership, a pilot): what it means,
// the refusal if any, and the one button, which carries the version read.
import { Form } from "react-router";
import { FormErrors } from "~/components/form";

export function ArchiveSection({
  archived,
  version,
  title,
  hint,
  error,
  archiveLabel,
  restoreLabel,
}: {
  archived: boolean;
  version: number;
  title: string;
  hint: string;
  /** An i18n key: why the last archive or restore was refused. */
  error: string | null | undefined;
  archiveLabel: string;
  restoreLabel: string;
}) {
  return (
    <section aria-labelledby="archive-heading" className="max-w-2xl">
      <h2 id="archive-heading" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{hint}</p>
      {error ? (
        <div className="mt-3">
          <FormErrors errors={[error]} />
        </div>
      ) : null}
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
        <input type="hidden" name="version" value={version} />
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          {archived ? restoreLabel : archiveLabel}
        </button>
      </Form>
    </section>
  );
}
