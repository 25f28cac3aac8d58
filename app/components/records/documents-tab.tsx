// The documents tab of a partnership or a pilot: the links, and (for those who may edit) the form,
// the "changed by someone else" notice and the archived links. The loader and action behind it are
// app/lib/owned-record-routes.server.ts's.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { ArchiveButton, StaleNotice } from "~/components/records/fields";
import { documentKinds } from "~/lib/enums";
import type { documentsTabData } from "~/lib/owned-record-routes.server";
import { documentInput } from "~/lib/validation/partnership-records";
import type { Document } from "~/models/documents.server";

export type DocumentsTabData = Awaited<ReturnType<typeof documentsTabData>>;

export interface DocumentsTabAnswer {
  documentId: string | null;
  result: SubmissionResult<string[]> | null;
  current: Document | null;
}

/** A document's link, opened in a new tab (and saying so to screen readers). */
export function DocumentLink({
  document,
  className,
}: {
  document: Pick<Document, "title" | "url">;
  className: string;
}) {
  const { t } = useTranslation();
  return (
    // Only http(s) URLs are stored (validated and enforced by a CHECK constraint).
    <a href={document.url} target="_blank" rel="noopener noreferrer" className={className}>
      {document.title}
      <span className="sr-only"> {t("partnership.documents.opensNewTab")}</span>
    </a>
  );
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
            <DocumentLink document={document} className="font-medium text-brand-700 underline" />
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

export function DocumentsTab({
  data,
  answer,
  title,
  intro,
}: {
  data: DocumentsTabData;
  answer: DocumentsTabAnswer | undefined;
  title: string;
  intro: string;
}) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t } = useTranslation();
  const { documents, archived, canEdit, editing, basePath } = data;
  const current = answer?.current ?? null;
  const lastResult =
    answer?.result && answer.documentId === (editing?.id ?? null) ? answer.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="documents-heading" className="space-y-4">
        <div>
          <h2 id="documents-heading" className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-700">{intro}</p>
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
