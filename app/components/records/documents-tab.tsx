// The documents tab of a partnership or a pilot: the links, and (for those who may edit) the form,
// the "changed by someone else" notice and the archived links. The loader and action behind it are
// app/lib/owned-record-routes.server.ts's.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { EmptyState } from "~/components/empty-state";
import { SelectField, TextField } from "~/components/form";
import { RecordActions, RecordForm, RecordTab } from "~/components/records/record-tab";
import { documentKinds } from "~/lib/enums";
import type { documentsTabData, RecordAnswer } from "~/lib/owned-record-routes.server";
import { documentInput } from "~/lib/validation/partnership-records";
import type { Document } from "~/models/documents.server";

export type DocumentsTabData = Awaited<ReturnType<typeof documentsTabData>>;

export type DocumentsTabAnswer = RecordAnswer<"documentId", Document>;

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
              <RecordActions
                words="partnership.documents"
                record={document}
                name={{ title: document.title }}
                archived={archived}
                editHref={`${basePath}?edit=${document.id}`}
              />
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
  return (
    <RecordForm
      form={form}
      fields={fields}
      editing={document !== null}
      words="partnership.documents"
      cancelHref={cancelHref}
    >
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
    </RecordForm>
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
  const { t } = useTranslation();
  const { documents, archived, canEdit, basePath } = data;
  return (
    <RecordTab
      ids={{ list: "documents", form: "document" }}
      words="partnership.documents"
      title={title}
      intro={intro}
      data={data}
      answer={answer}
      answerId={answer?.documentId}
      currentValues={(current) => [
        [t("partnership.documents.fields.title"), current.title],
        [t("partnership.documents.fields.url"), current.url],
        [t("partnership.documents.fields.kind"), t(`enums.documentKind.${current.kind}`)],
      ]}
      list={
        documents.length === 0 ? (
          <EmptyState>
            <p>{t("partnership.documents.empty")}</p>
          </EmptyState>
        ) : (
          <DocumentList documents={documents} canEdit={canEdit} basePath={basePath} />
        )
      }
      form={(lastResult) => (
        <DocumentForm document={data.editing} lastResult={lastResult} cancelHref={basePath} />
      )}
      archived={
        archived.length > 0 ? (
          <DocumentList documents={archived} canEdit basePath={basePath} archived />
        ) : null
      }
      formClassName="max-w-2xl"
    />
  );
}
