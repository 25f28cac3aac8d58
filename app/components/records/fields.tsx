// Form pieces of the records hanging off a partnership or a pilot (objectives, funding lines,
// documents): numbers, checkboxes, the archive button and the "changed by someone else" notice.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { ErrorList } from "~/components/form";

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

/** A number that may have decimals: `step="any"`, or browsers without JavaScript refuse 12.5. */
export function NumberField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "number", ariaAttributes: true });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        step="any"
        inputMode="decimal"
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<boolean | undefined>;
  label: string;
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "checkbox", ariaAttributes: true });
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          {...props}
          key={props.key}
          aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
          className="h-4 w-4 rounded border-slate-300"
        />
        <label htmlFor={field.id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function CheckboxGroup({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string[] | undefined>;
  legend: string;
  options: readonly { value: string; label: string }[];
}) {
  const chosen = new Set(
    Array.isArray(field.initialValue)
      ? field.initialValue
      : typeof field.initialValue === "string"
        ? [field.initialValue]
        : [],
  );
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((option) => {
          const id = `${field.id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-center gap-2">
              <input
                // Conform changes the field's key when it resets the form or answers a submission.
                key={`${field.key ?? ""}-${option.value}`}
                type="checkbox"
                id={id}
                name={field.name}
                value={option.value}
                defaultChecked={chosen.has(option.value)}
                className="h-4 w-4 rounded border-slate-300"
              />
              <label htmlFor={id} className="text-sm text-slate-800">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** Archive or restore one record, at the version shown. */
export function ArchiveButton({
  id,
  version,
  intent,
  label,
  accessibleLabel,
}: {
  id: string;
  version: number;
  intent: "archive" | "restore";
  label: string;
  /** Says which record: many buttons share the visible label. */
  accessibleLabel: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        aria-label={accessibleLabel}
        className="text-sm font-medium text-brand-700 underline hover:text-brand-800"
      >
        {label}
      </button>
    </Form>
  );
}

/** The record was changed by someone else: say so, and show what it holds now. */
export function StaleNotice({
  message,
  currentValuesLabel,
  values,
  reloadHref,
  reloadLabel,
}: {
  message: string;
  currentValuesLabel: string;
  values: readonly (readonly [string, string])[];
  reloadHref: string;
  reloadLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p>{message}</p>
      <p className="mt-2 font-semibold">{currentValuesLabel}</p>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {values.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-amber-900">{label}</dt>
            <dd>{value || t("common.none")}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2">
        <Link to={reloadHref} reloadDocument className="text-brand-700 underline">
          {reloadLabel}
        </Link>
      </p>
    </div>
  );
}
