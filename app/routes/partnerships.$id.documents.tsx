import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { SelectField } from "~/components/form";
import { ArchiveButton, StaleNotice } from "~/components/records/fields";
import { dbContext } from "~/db/context";
import { documentKinds } from "~/lib/enums";
import { documentInput, recordCommandInput } from "~/lib/validation/partnership-records";
import { listDocuments, saveDocument, setDocumentArchived, type Document } from "~/models/documents.server";
import { isUuid } from "~/models/partnerships.server";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/partnerships.$id.documents";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

function partnershipIdFrom(params: { id: string }): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const owner = { partnershipId: partnershipIdFrom(params) };
  const canEdit = can(user, "partnership:write");
  const [documents, archived] = await Promise.all([
    listDocuments(db, owner),
    canEdit ? listDocuments(db, owner, { archived: true }) : Promise.resolve([]),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (documents.find((d) => d.id === editId) ?? null) : null;
  return {
    title: getInstance(context).t("partnership.documents.title"),
    documents,
    archived,
    canEdit,
    editing,
    basePath: url.pathname,
  };
}

// The document title: this tab's title and the partnership's name (from the layout's loader).
export const meta: Route.MetaFunction = ({ loaderData, matches }) => {
  const layout = matches.find((match) => match?.id === "routes/partnerships.$id")?.loaderData as
    { partnership?: { name?: string } } | undefined;
  const name = layout?.partnership?.name;
  return pageTitle(loaderData?.title && name ? `${loaderData.title} · ${name}` : loaderData?.title);
};

interface Answer {
  documentId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The document as it is now, when the save was refused because someone else changed it. */
  current: Document | null;
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>({ documentId: null, result: null, current: null, ...body }, { status });
}

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const owner = { partnershipId: partnershipIdFrom(params) };
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: documentInput });
    const documentId = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;
    if (submission.status !== "success") return answer({ documentId, result: submission.reply() }, 400);
    const outcome = await saveDocument(db, actor, owner, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    if (outcome.reason === "stale") {
      return answer({ documentId, result: submission.reply(), current: outcome.current }, 409);
    }
    throw notFound();
  }

  const command = recordCommandInput.safeParse({
    intent,
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await setDocumentArchived(db, actor, owner, command.data);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale")
    return answer({ documentId: command.data.id, current: outcome.current }, 409);
  throw notFound();
}

function DocumentList({
  documents,
  canEdit,
  basePath,
  archived = false,
}: {
  documents: readonly Document[];
  canEdit: boolean;
  basePath: string;
  archived?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {documents.map((document) => (
        <li
          key={document.id}
          className="flex flex-wrap items-baseline justify-between gap-3 px-4 py-3 text-sm"
        >
          <div>
            {/* Only http(s) URLs are stored (validated and enforced by a CHECK constraint). */}
            <a
              href={document.url}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-brand-700 underline"
            >
              {document.title}
              <span className="sr-only"> {t("partnership.documents.opensNewTab")}</span>
            </a>
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">
              {t(`enums.documentKind.${document.kind}`)}
            </span>
            <span className="block text-xs break-all text-slate-600">{document.url}</span>
          </div>
          {canEdit ? (
            <div className="space-x-3 whitespace-nowrap">
              {archived ? (
                <ArchiveButton
                  id={document.id}
                  version={document.version}
                  intent="restore"
                  label={t("partnership.documents.restore")}
                  accessibleLabel={t("partnership.documents.restoreLabel", { title: document.title })}
                />
              ) : (
                <>
                  <Link
                    to={`${basePath}?edit=${document.id}`}
                    aria-label={t("partnership.documents.editAction", { title: document.title })}
                    className="text-sm font-medium text-brand-700 underline"
                  >
                    {t("partnership.documents.edit")}
                  </Link>
                  <ArchiveButton
                    id={document.id}
                    version={document.version}
                    intent="archive"
                    label={t("partnership.documents.archive")}
                    accessibleLabel={t("partnership.documents.archiveLabel", { title: document.title })}
                  />
                </>
              )}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function DocumentForm({
  document,
  lastResult,
  cancelHref,
}: {
  document: Document | null;
  lastResult: SubmissionResult<string[]> | undefined;
  cancelHref: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: document ? `document-${document.id}` : "document-new",
    lastResult,
    defaultValue: document
      ? {
          id: document.id,
          version: String(document.version),
          title: document.title,
          url: document.url,
          kind: document.kind,
        }
      : { kind: "other" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: documentInput }),
    shouldRevalidate: "onInput",
  });
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {document ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
      <TextField field={fields.title} label={t("partnership.documents.fields.title")} />
      <TextField
        field={fields.url}
        type="url"
        label={t("partnership.documents.fields.url")}
        hint={t("partnership.documents.hints.url")}
      />
      <SelectField
        field={fields.kind}
        label={t("partnership.documents.fields.kind")}
        options={documentKinds.map((k) => ({ value: k, label: t(`enums.documentKind.${k}`) }))}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("partnership.documents.pending")}>
          {t("partnership.documents.submit")}
        </SubmitButton>
        {document ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t("partnership.documents.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export default function PartnershipDocuments({ loaderData, actionData }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t } = useTranslation();
  const { documents, archived, canEdit, editing, basePath } = loaderData;
  const current = actionData?.current ?? null;
  const lastResult =
    actionData?.result && actionData.documentId === (editing?.id ?? null) ? actionData.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="documents-heading" className="space-y-4">
        <div>
          <h2 id="documents-heading" className="text-lg font-semibold">
            {t("partnership.documents.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("partnership.documents.intro")}</p>
        </div>
        {documents.length === 0 ? (
          <EmptyState>
            <p>{t("partnership.documents.empty")}</p>
          </EmptyState>
        ) : (
          <DocumentList documents={documents} canEdit={canEdit} basePath={basePath} />
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="document-form-heading" className="max-w-2xl space-y-4">
          <h2 id="document-form-heading" className="text-lg font-semibold">
            {editing ? t("partnership.documents.edit") : t("partnership.documents.add")}
          </h2>
          {current ? (
            <StaleNotice
              message={t("partnership.documents.stale")}
              currentValuesLabel={t("partnership.documents.currentValues")}
              reloadHref={current.archivedAt ? basePath : `${basePath}?edit=${current.id}`}
              reloadLabel={t("partnership.documents.reload")}
              values={[
                [t("partnership.documents.fields.title"), current.title],
                [t("partnership.documents.fields.url"), current.url],
                [t("partnership.documents.fields.kind"), t(`enums.documentKind.${current.kind}`)],
              ]}
            />
          ) : null}
          <DocumentForm
            key={editing ? `${editing.id}-${editing.version}` : `new-${location.key}`}
            document={editing}
            lastResult={lastResult}
            cancelHref={basePath}
          />
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="documents-archived-heading" className="space-y-2">
          <h2 id="documents-archived-heading" className="text-lg font-semibold">
            {t("partnership.documents.archivedTitle")}
          </h2>
          <DocumentList documents={archived} canEdit basePath={basePath} archived />
        </section>
      ) : null}
    </div>
  );
}
