// What the tabs of records hanging off a partnership or a pilot share (objectives, funding lines,
// documents): the page's three sections (the records; for those who may edit, the add/edit form with
// the "changed by someone else" notice; the archived records), the form's shell and a row's
// edit/archive/restore actions. A record kind's words stand under one i18n group, with the same keys.
import { getFormProps, getInputProps } from "@conform-to/react";
import type { FieldMetadata, FormMetadata, SubmissionResult } from "@conform-to/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link, useLocation } from "react-router";
import { FormErrors, SubmitButton } from "~/components/form";
import { ArchiveButton, StaleNotice } from "~/components/records/fields";

/** The i18n group of a record kind's words (add, edit, archive, restore, stale, ...). */
export type RecordWords = "partnership.objectives" | "partnership.documents" | "funding";

interface Versioned {
  id: string;
  version: number;
}

/**
 * A row's actions: edit and archive it, or, among the archived, restore it. `name` says which
 * record to screen readers (many buttons share the visible label).
 */
export function RecordActions({
  words,
  record,
  name,
  archived = false,
  editHref,
}: {
  words: RecordWords;
  record: Versioned;
  name: { title: string } | { name: string };
  archived?: boolean;
  /** The address of the record's edit form. */
  editHref: string;
}) {
  const { t } = useTranslation();
  if (archived) {
    return (
      <ArchiveButton
        id={record.id}
        version={record.version}
        intent="restore"
        label={t(`${words}.restore`)}
        accessibleLabel={t(`${words}.restoreLabel`, name)}
      />
    );
  }
  return (
    <>
      <Link
        to={editHref}
        aria-label={t(`${words}.editAction`, name)}
        className="text-sm font-medium text-brand-700 underline"
      >
        {t(`${words}.edit`)}
      </Link>
      <ArchiveButton
        id={record.id}
        version={record.version}
        intent="archive"
        label={t(`${words}.archive`)}
        accessibleLabel={t(`${words}.archiveLabel`, name)}
      />
    </>
  );
}

type SaveSchema = { id?: string; version?: unknown } & Record<string, unknown>;

/**
 * The add/edit form's shell: its errors, the "save" intent, the id and version read (when editing),
 * the fields given, then "save" and (when editing) "cancel".
 */
export function RecordForm<Schema extends SaveSchema>({
  form,
  fields,
  editing,
  words,
  cancelHref,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  fields: {
    id: FieldMetadata<Schema["id"], Schema, string[]>;
    version: FieldMetadata<Schema["version"], Schema, string[]>;
  };
  editing: boolean;
  words: RecordWords;
  cancelHref: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {editing ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
      {children}
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t(`${words}.pending`)}>{t(`${words}.submit`)}</SubmitButton>
        {editing ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t(`${words}.cancel`)}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** What a tab's action answered: the form's result and, when refused as stale, the record now. */
export interface RecordTabAnswer<T> {
  result: SubmissionResult<string[]> | null;
  current: T | null;
  /** Why an archive or restore was refused, when it can be said (an i18n key). */
  error?: string | null;
}

/**
 * A records tab: the records (`list`) under the title and intro; for those who may edit, the form
 * (a new one after each navigation, so that a saved form starts empty again while a refused one
 * keeps its values) with the notice of a stale save; the archived records, if any.
 */
export function RecordTab<T extends Versioned & { archivedAt: Date | null }>({
  ids,
  words,
  title,
  intro,
  data: { canEdit, editing, basePath },
  answer,
  answerId,
  currentValues,
  list,
  form,
  archived,
  formClassName = "max-w-3xl",
}: {
  /** The sections' heading ids: `${list}-heading`, `${form}-form-heading`, `${list}-archived-heading`. */
  ids: { list: string; form: string };
  words: RecordWords;
  title: string;
  intro: string;
  data: { canEdit: boolean; editing: T | null; basePath: string };
  answer: RecordTabAnswer<T> | undefined;
  /** The record the answer is about (null: a new one). */
  answerId: string | null | undefined;
  /** The stale record's values, as the notice lists them. */
  currentValues: (current: T) => readonly (readonly [string, string])[];
  list: ReactNode;
  form: (lastResult: SubmissionResult<string[]> | undefined) => ReactNode;
  /** The archived records; null when there are none. */
  archived: ReactNode;
  formClassName?: string;
}) {
  const location = useLocation();
  const { t } = useTranslation();
  const current = answer?.current ?? null;
  const lastResult = answer?.result && answerId === (editing?.id ?? null) ? answer.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby={`${ids.list}-heading`} className="space-y-4">
        <div>
          <h2 id={`${ids.list}-heading`} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-700">{intro}</p>
        </div>
        {list}
      </section>

      {canEdit ? (
        <section aria-labelledby={`${ids.form}-form-heading`} className={`${formClassName} space-y-4`}>
          <h2 id={`${ids.form}-form-heading`} className="text-lg font-semibold">
            {editing ? t(`${words}.edit`) : t(`${words}.add`)}
          </h2>
          <FormErrors errors={answer?.error ? [answer.error] : undefined} />
          {current ? (
            <StaleNotice
              message={t(`${words}.stale`)}
              currentValuesLabel={t(`${words}.currentValues`)}
              reloadHref={current.archivedAt ? basePath : `${basePath}?edit=${current.id}`}
              reloadLabel={t(`${words}.reload`)}
              values={currentValues(current)}
            />
          ) : null}
          <Fragment key={editing ? `${editing.id}-${editing.version}` : `new-${location.key}`}>
            {form(lastResult)}
          </Fragment>
        </section>
      ) : null}

      {canEdit && archived ? (
        <section aria-labelledby={`${ids.list}-archived-heading`} className="space-y-2">
          <h2 id={`${ids.list}-archived-heading`} className="text-lg font-semibold">
            {t(`${words}.archivedTitle`)}
          </h2>
          {archived}
        </section>
      ) : null}
    </div>
  );
}
