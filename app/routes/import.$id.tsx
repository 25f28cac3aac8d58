import { useTranslation } from "~/i18n/use-translation";
import { data, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { CommitForm } from "~/components/import/commit-form";
import { ImportResultView } from "~/components/import/import-result";
import { MappingForm } from "~/components/import/mapping-form";
import { PreviewProblems, PreviewSummary } from "~/components/import/preview-problems";
import { PreviewTable } from "~/components/import/preview-table";
import { ImportSteps } from "~/components/import/steps";
import { dbContext } from "~/db/context";
import { guessMapping, mappingFromForm, requiredFieldsOf, sharedColumns } from "~/lib/import/mapping";
import { PREVIEW_PAGE_SIZE, previewFilterOf, previewView } from "~/lib/import/preview-view";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { getInstance } from "~/middleware/i18next";
import { commitImport, previewImport } from "~/models/import-run.server";
import { chooseDuplicateUpdates, findImportBatch, saveImportMapping } from "~/models/imports.server";
import type { Route } from "./+types/import.$id";

// Coordinators, their own upload only: step 2 (map the columns), step 3 (preview, duplicate choices)
// and step 4 (commit, then the result). Decision 0025.

function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

function batchIdOf(params: { id?: string }): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export async function loader({ context, url, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, url, "import:run");
  const db = context.get(dbContext);
  const batch = await findImportBatch(db, actor.id, batchIdOf(params));
  if (!batch) throw notFound();
  const title = getInstance(context).t("import.title");
  const base = { title, batchId: batch.id, fileName: batch.fileName, kind: batch.kind };
  if (batch.committedAt) return { ...base, step: "done" as const, result: batch.result ?? {} };
  if (!batch.mapping || url.searchParams.get("step") === "map") {
    return {
      ...base,
      step: "map" as const,
      kumu: batch.layout === "kumu",
      headers: batch.headers,
      rowCount: batch.rows.length,
      sample: batch.rows[0]?.cells ?? [],
      mapping: batch.mapping ?? guessMapping(batch.headers, batch.layout, batch.kind),
    };
  }
  const plan = await previewImport(db, batch);
  const view = previewView(
    plan,
    previewFilterOf(url.searchParams),
    parsePageRequest(url.searchParams, PREVIEW_PAGE_SIZE),
  );
  return { ...base, step: "preview" as const, view };
}

export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "import:run");
  const db = context.get(dbContext);
  const batch = await findImportBatch(db, actor.id, batchIdOf(params));
  if (!batch) throw notFound();
  const form = await request.formData();
  switch (form.get("intent")) {
    case "map": {
      const mapping = mappingFromForm(form, batch.headers.length, batch.kind);
      const missing = requiredFieldsOf(batch.kind).find((field) => mapping[field] === undefined);
      if (missing === "name") return data({ error: "import.map.nameRequired" }, { status: 400 });
      if (missing) return data({ error: "import.map.required", field: missing }, { status: 400 });
      if (sharedColumns(mapping, batch.kind).length > 0)
        return data({ error: "import.map.sharedColumn" }, { status: 400 });
      await saveImportMapping(db, batch, mapping);
      return redirect(`/import/${batch.id}`);
    }
    case "decide": {
      const lines = (name: string) =>
        form
          .getAll(name)
          .flatMap((value) => (typeof value === "string" && /^\d+$/.test(value) ? [Number(value)] : []));
      const shown = lines("shown");
      const chosen = shown.filter((line) => form.get(`choice.${line}`) === "update");
      await chooseDuplicateUpdates(db, batch, shown, chosen);
      return redirect(`/import/${batch.id}${url.search}`);
    }
    case "commit": {
      const outcome = await commitImport(db, actor, batch, {
        skipErrors: form.get("skipErrors") === "on",
      });
      if (outcome.ok || outcome.reason === "committed") return redirect(`/import/${batch.id}`);
      if (outcome.reason === "notFound") throw notFound();
      return data({ error: `import.commitErrors.${outcome.reason}` }, { status: 409 });
    }
    default:
      return data({ error: "validation.invalidChoice" }, { status: 400 });
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function ImportBatchPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const error = actionData?.error ?? null;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      <ImportSteps current={loaderData.step} />
      {loaderData.step === "done" ? (
        <ImportResultView fileName={loaderData.fileName} kind={loaderData.kind} result={loaderData.result} />
      ) : loaderData.step === "map" ? (
        <>
          <h2 className="mt-6 text-xl font-semibold">{t("import.map.title")}</h2>
          <p className="mt-1 max-w-3xl text-slate-700">
            {t("import.map.intro", { file: loaderData.fileName, count: loaderData.rowCount })}
          </p>
          <MappingForm
            headers={loaderData.headers}
            sample={loaderData.sample}
            mapping={loaderData.mapping}
            kumu={loaderData.kumu}
            kind={loaderData.kind}
            error={error}
            errorField={
              actionData && "field" in actionData && typeof actionData.field === "string"
                ? actionData.field
                : null
            }
          />
        </>
      ) : (
        <>
          <h2 className="mt-6 text-xl font-semibold">{t("import.preview.title")}</h2>
          <p className="mt-1 max-w-3xl text-slate-700">
            {t(`import.preview.intros.${loaderData.kind}`, { file: loaderData.fileName })}
          </p>
          <PreviewSummary summary={loaderData.view.summary} />
          <PreviewProblems problems={loaderData.view.problems} more={loaderData.view.moreProblems} />
          <PreviewTable view={loaderData.view} kind={loaderData.kind} />
          <CommitForm batchId={loaderData.batchId} summary={loaderData.view.summary} error={error} />
        </>
      )}
    </>
  );
}
