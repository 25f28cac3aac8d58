// A secret link (invitation, password reset) shown once, right after it was made: only its hash
// is stored, so it cannot be shown again.
import { useId, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";

export function OneTimeLink({
  title,
  description,
  link,
}: {
  title: string;
  description: string;
  link: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <section
      role="status"
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id={`${id}-title`} className="font-semibold text-amber-950">
        {title}
      </h2>
      <p className="mt-1 text-sm text-amber-950">{description}</p>
      <label htmlFor={id} className="mt-3 block text-sm font-medium text-slate-800">
        {t("admin.users.link.label")}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
          className="shrink-0 rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          {copied ? t("admin.users.link.copied") : t("admin.users.link.copy")}
        </button>
      </div>
    </section>
  );
}
