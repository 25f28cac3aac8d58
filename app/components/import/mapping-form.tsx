import { useTranslation } from "~/i18n/use-translation";
import { Form } from "react-router";
import type { ImportKind } from "~/lib/import/kinds";
import { importFieldsOf, requiredFieldsOf, type ColumnMapping } from "~/lib/import/mapping";
import { BusyStatus, StepButton } from "./busy-status";

/** Step 2: a select of the file's columns for each field, pre-filled with the guess. */
export function MappingForm({
  headers,
  sample,
  mapping,
  kumu,
  kind,
  error,
  errorField = null,
}: {
  headers: string[];
  sample: string[];
  mapping: ColumnMapping;
  kumu: boolean;
  kind: ImportKind;
  error: string | null;
  errorField?: string | null;
}) {
  const { t } = useTranslation();
  const required = new Set(requiredFieldsOf(kind));
  return (
    <Form method="post" className="mt-6 space-y-4">
      {kumu ? (
        <p className="rounded bg-slate-100 p-3 text-sm">
          {t(kind === "relationships" ? "import.map.kumuConnections" : "import.map.kumu")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-700">
          {t(error as never, {
            defaultValue: error,
            field: errorField ? t(`import.fields.${errorField}` as never) : "",
          })}
        </p>
      ) : null}
      <table className="min-w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-2 pr-4">
              {t("import.map.field")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("import.map.column")}
            </th>
            <th scope="col" className="py-2">
              {t("import.map.sample")}
            </th>
          </tr>
        </thead>
        <tbody>
          {importFieldsOf(kind).map((field) => {
            const index = mapping[field];
            return (
              <tr key={field} className="border-t border-slate-200">
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  <label htmlFor={`map-${field}`}>
                    {t(`import.fields.${field}`)}
                    {required.has(field) ? <span className="text-red-700"> *</span> : null}
                  </label>
                  {field === "level" && kind === "organisations" ? (
                    <span className="block text-xs font-normal text-slate-600">
                      {t("import.map.levelHint")}
                    </span>
                  ) : null}
                </th>
                <td className="py-2 pr-4">
                  <select
                    id={`map-${field}`}
                    name={`map.${field}`}
                    defaultValue={index === undefined ? "" : String(index)}
                    className="rounded border border-slate-300 px-2 py-1"
                  >
                    <option value="">{t("import.map.none")}</option>
                    {headers.map((header, i) => (
                      <option key={i} value={String(i)}>
                        {header || `#${i + 1}`}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-2 text-slate-600">{index === undefined ? "" : (sample[index] ?? "")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <StepButton intent="map" pendingLabel={t("import.map.submit")}>
        {t("import.map.submit")}
      </StepButton>
      <BusyStatus intent="map" label={t("import.map.submit")} />
    </Form>
  );
}
