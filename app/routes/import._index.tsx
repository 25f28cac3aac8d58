import { useTranslation } from "~/i18n/use-translation";
import { data, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { ImportSteps } from "~/components/import/steps";
import { UploadForm, type UploadError } from "~/components/import/upload-form";
import { dbContext } from "~/db/context";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importKindOf, importKinds } from "~/lib/import/kinds";
import { readImportFile } from "~/lib/import/read-file.server";
import { formatMegabytes } from "~/lib/import/template";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import { createImportBatch } from "~/models/imports.server";
import type { Route } from "./+types/import._index";

/** Room for the multipart envelope around a file of the largest size. */
const ENVELOPE_BYTES = 64 * 1024;

// Coordinators: step 1 of an import, the upload (decision 0025). The file is read and stored as rows
// for the next steps; nothing is stored when it is refused.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "import:run");
  const i18n = getInstance(context);
  return {
    title: i18n.t("import.title"),
    // The kind chosen beforehand (a link from a page, or the template's kind).
    kind: importKindOf(url.searchParams.get("kind")) ?? "organisations",
    maxBytes: IMPORT_MAX_BYTES,
    maxRows: IMPORT_MAX_ROWS,
    sizeLabel: formatMegabytes(IMPORT_MAX_BYTES, i18n.language),
  };
}

export async function action({ request, context, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "import:run");
  const refuse = (error: UploadError) => data({ error }, { status: error === "tooLarge" ? 413 : 400 });
  // Refused before the body is read: a declared length over the limit.
  if (Number(request.headers.get("content-length") ?? "0") > IMPORT_MAX_BYTES + ENVELOPE_BYTES) {
    return refuse("tooLarge");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse("missing");
  }
  const kind = importKindOf(form.get("kind") ?? "organisations");
  if (!kind) return refuse("kind");
  const file = form.get("file");
  if (file === null || typeof file === "string" || (file.size === 0 && file.name === "")) {
    return refuse("missing");
  }
  const table = await readImportFile(
    { name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) },
    kind,
  );
  if (!table.ok) return refuse(table.reason);
  const batch = await createImportBatch(context.get(dbContext), actor, kind, file.name, table);
  return redirect(`/import/${batch.id}`);
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function ImportUpload({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("import.intro")}</p>
      <ImportSteps current="upload" />
      <UploadForm
        maxBytes={loaderData.maxBytes}
        maxRows={loaderData.maxRows}
        sizeLabel={loaderData.sizeLabel}
        kind={loaderData.kind}
        error={actionData?.error ?? null}
      />
      <section aria-labelledby="import-templates" className="mt-8">
        <h2 id="import-templates" className="text-lg font-semibold">
          {t("import.upload.templates")}
        </h2>
        <p className="text-sm text-slate-700">{t("import.upload.templatesIntro")}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {importKinds.map((kind) => (
            <li key={kind} className="flex flex-wrap gap-x-4">
              <span className="font-medium">{t(`import.kinds.${kind}`)}</span>
              <a href={`/import/template.csv?kind=${kind}`} className="text-brand-700 underline" download>
                {t("import.upload.templateCsv")}
              </a>
              <a href={`/import/template.xlsx?kind=${kind}`} className="text-brand-700 underline" download>
                {t("import.upload.templateXlsx")}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
