import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { Pagination } from "~/components/pagination";
import type { ImportKind } from "~/lib/import/kinds";
import { previewFilters, type PreviewView } from "~/lib/import/preview-view";

const STATUS_KEY = {
  new: "import.preview.statusNew",
  update: "import.preview.statusUpdate",
  skip: "import.preview.statusSkip",
  error: "import.preview.statusError",
} as const;

const FILTER_KEY = {
  all: "import.preview.showAll",
  error: "import.preview.showError",
  duplicate: "import.preview.showDuplicate",
  new: "import.preview.showNew",
} as const;

/** Where the existing record of a duplicate is shown. */
const RECORD_PATH = {
  organisations: "/organisations/",
  partnerships: "/partnerships/",
  relationships: "/organisations/",
} as const;

/**
 * One page of the file's rows, with a skip/update choice for each duplicate of an existing
 * organisation (for partnerships: on the first row of each, for all its rows).
 */
export function PreviewTable({ view, kind }: { view: PreviewView; kind: ImportKind }) {
  const { t } = useTranslation();
  const duplicates = view.rows.items.filter((row) => row.chooser);
  const hasDetail = kind !== "organisations";
  return (
    <section aria-labelledby="import-rows" className="mt-8">
      <h2 id="import-rows" className="text-lg font-semibold">
        {t("import.preview.tableCaption")}
      </h2>
      <Form method="get" className="mt-2 flex items-end gap-2 text-sm">
        <label htmlFor="import-show">{t("import.preview.show")}</label>
        <select
          id="import-show"
          name="show"
          defaultValue={view.filter}
          className="rounded border border-slate-300 px-2 py-1"
        >
          {previewFilters.map((filter) => (
            <option key={filter} value={filter}>
              {t(FILTER_KEY[filter])}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100"
        >
          {t("import.preview.apply")}
        </button>
      </Form>
      {view.rows.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t("import.preview.empty")}</p>
      ) : (
        <Form method="post" className="mt-3">
          {duplicates.map((row) => (
            <input key={row.line} type="hidden" name="shown" value={row.line} />
          ))}
          <table className="min-w-full text-sm" data-testid="import-rows">
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-1 pr-3">
                  {t("import.preview.line")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("import.preview.name")}
                </th>
                {hasDetail ? (
                  <th scope="col" className="py-1 pr-3">
                    {t(`import.preview.detail.${kind}`)}
                  </th>
                ) : null}
                <th scope="col" className="py-1 pr-3">
                  {t("import.preview.country")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("import.preview.status")}
                </th>
                <th scope="col" className="py-1">
                  {t("import.preview.duplicateOf")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.items.map((row) => (
                <tr key={row.line} className="border-t border-slate-200">
                  <td className="py-1 pr-3">{row.line}</td>
                  <td className="py-1 pr-3">{row.name}</td>
                  {hasDetail ? <td className="py-1 pr-3">{row.detail ?? ""}</td> : null}
                  <td className="py-1 pr-3">{row.countryCode ?? ""}</td>
                  <td className="py-1 pr-3">
                    {row.chooser ? (
                      <>
                        <label htmlFor={`choice-${row.line}`} className="sr-only">
                          {t("import.preview.choice")}
                        </label>
                        <select
                          id={`choice-${row.line}`}
                          name={`choice.${row.line}`}
                          defaultValue={row.merge ? "update" : "skip"}
                          className="rounded border border-slate-300 px-2 py-1"
                        >
                          <option value="skip">{t("import.preview.choiceSkip")}</option>
                          <option value="update">
                            {t(
                              kind === "partnerships"
                                ? "import.preview.choiceMerge"
                                : "import.preview.choiceUpdate",
                            )}
                          </option>
                        </select>
                        {row.status === "error" ? (
                          <span className="ml-2 font-semibold text-red-700">{t(STATUS_KEY.error)}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className={row.status === "error" ? "font-semibold text-red-700" : undefined}>
                        {t(STATUS_KEY[row.status])}
                      </span>
                    )}
                  </td>
                  <td className="py-1">
                    {row.duplicateOf ? (
                      <Link
                        to={`${RECORD_PATH[kind]}${row.duplicateOf.id}`}
                        className="text-brand-700 underline"
                      >
                        {row.duplicateOf.name}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {duplicates.length > 0 ? (
            <button
              type="submit"
              name="intent"
              value="decide"
              className="mt-3 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              {t("import.preview.saveChoices")}
            </button>
          ) : null}
        </Form>
      )}
      <Pagination page={view.rows.page} pages={view.rows.pages} />
    </section>
  );
}
