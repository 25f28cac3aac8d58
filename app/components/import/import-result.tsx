import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { ImportKind } from "~/lib/import/kinds";

const COUNTS = {
  organisations: ["created", "updated", "unchanged", "skipped", "failed"],
  partnerships: ["created", "updated", "members", "skipped", "failed"],
  relationships: ["created", "skipped", "failed"],
} as const;

const LIST = {
  organisations: { to: "/organisations", label: "import.result.organisations" },
  partnerships: { to: "/partnerships", label: "import.result.partnerships" },
  relationships: { to: "/organisations", label: "import.result.organisations" },
} as const;

/** Step 4 done: what the import wrote. */
export function ImportResultView({
  fileName,
  kind,
  result,
}: {
  fileName: string;
  kind: ImportKind;
  result: Record<string, number>;
}) {
  const { t } = useTranslation();
  const counts = COUNTS[kind];
  return (
    <section aria-labelledby="import-result" className="mt-6">
      <h2 id="import-result" className="text-xl font-semibold">
        {t("import.result.title")}
      </h2>
      <p role="status" className="mt-1 text-slate-700">
        {t("import.result.intro", { file: fileName })}
      </p>
      <dl className="mt-4 grid max-w-md grid-cols-2 gap-2 text-sm">
        {counts.map((key) => (
          <div key={key} className="contents">
            <dt className="text-slate-700">
              {t(
                key === "created" || key === "updated"
                  ? `import.result.counts.${kind}.${key}`
                  : `import.result.${key}`,
              )}
            </dt>
            <dd className="font-semibold" data-testid={`import-${key}`}>
              {result[key] ?? 0}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-6 flex gap-4 text-sm">
        <Link to={LIST[kind].to} className="text-brand-700 underline">
          {t(LIST[kind].label)}
        </Link>
        <Link to="/import" className="text-brand-700 underline">
          {t("import.result.again")}
        </Link>
      </p>
    </section>
  );
}
