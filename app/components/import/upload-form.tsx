import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form } from "react-router";
import {
  IMPORT_MAX_COLUMNS,
  IMPORT_MAX_UNZIPPED_BYTES,
  importKinds,
  type ImportKind,
} from "~/lib/import/kinds";
import { formatMegabytes } from "~/lib/import/template";
import { BusyStatus, StepButton } from "./busy-status";

export type UploadError =
  | "missing"
  | "kind"
  | "tooLarge"
  | "wrongType"
  | "empty"
  | "tooManyRows"
  | "tooManyColumns"
  | "unzipsTooLarge"
  | "unreadable";

/**
 * Step 1: the file. A file over the limit is refused in the browser already (when scripts run), and
 * by the server in any case, with the message next to the field.
 */
export function UploadForm({
  maxBytes,
  maxRows,
  sizeLabel,
  kind,
  error,
}: {
  maxBytes: number;
  maxRows: number;
  sizeLabel: string;
  kind: ImportKind;
  error: UploadError | null;
}) {
  const { t, i18n } = useTranslation();
  const [clientError, setClientError] = useState<UploadError | null>(null);
  const shown = clientError ?? error;
  const message = shown
    ? t(`import.uploadErrors.${shown}`, {
        size: sizeLabel,
        count: maxRows,
        columns: IMPORT_MAX_COLUMNS,
        unzipped: formatMegabytes(IMPORT_MAX_UNZIPPED_BYTES, i18n.language),
      })
    : null;
  return (
    <Form method="post" encType="multipart/form-data" className="mt-6 max-w-xl space-y-3">
      <div>
        <label htmlFor="import-kind" className="block text-sm font-medium text-slate-800">
          {t("import.upload.kind")}
        </label>
        <p id="import-kind-hint" className="text-xs text-slate-600">
          {t("import.upload.kindHint")}
        </p>
        <select
          id="import-kind"
          name="kind"
          defaultValue={kind}
          aria-describedby="import-kind-hint"
          className="mt-1 rounded border border-slate-300 px-2 py-1"
        >
          {importKinds.map((option) => (
            <option key={option} value={option}>
              {t(`import.kinds.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          {t("import.upload.file", { size: sizeLabel })}
        </label>
        <p id="import-file-hint" className="text-xs text-slate-600">
          {t("import.upload.fileHint")}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={message ? "import-file-hint import-file-error" : "import-file-hint"}
          aria-invalid={message ? true : undefined}
          className="mt-1 block w-full text-sm"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            const tooLarge = file !== undefined && file.size > maxBytes;
            setClientError(tooLarge ? "tooLarge" : null);
            event.currentTarget.setCustomValidity(
              tooLarge ? t("import.uploadErrors.tooLarge", { size: sizeLabel }) : "",
            );
          }}
        />
        {message ? (
          <p id="import-file-error" role="alert" className="mt-1 text-sm text-red-700">
            {message}
          </p>
        ) : null}
      </div>
      <StepButton intent="upload" pendingLabel={t("import.upload.busy")}>
        {t("import.upload.submit")}
      </StepButton>
      <BusyStatus intent="upload" label={t("import.upload.busy")} />
    </Form>
  );
}
