// Form fields the shared form.tsx does not have yet: a select and a textarea, labelled, with their
// errors announced (same shape as TextField).
import { getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "~/components/form";

export function SelectField({
  field,
  label,
  options,
  emptyLabel,
  hint,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  options: readonly { value: string; label: string }[];
  /** Offer an empty choice (for optional fields), with this label. */
  emptyLabel?: string;
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field, { ariaAttributes: true });
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
      <select
        {...props}
        key={props.key}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  rows = 3,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaAttributes: true });
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
      <textarea
        {...props}
        key={props.key}
        rows={rows}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
