// Picking one organisation (or partnership, or pilot) out of thousands: a combobox (WAI-ARIA APG,
// "editable combobox with list autocomplete") that searches GET /<kind>s/options as one types, and
// keeps the chosen id in a hidden input under the form's own field name, so actions and schemas do
// not change. Forms use it only above the picker's threshold; below, they keep their plain <select>
// (ChoiceField picks one or the other). docs/decisions/0029, 0030.
import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useId, useRef, useState } from "react";
import { useFetcher } from "react-router";
import { ErrorList, SelectField } from "~/components/form";
import { useTranslation } from "~/i18n/use-translation";

export interface PickerOption {
  id: string;
  name: string;
  /** Organisations only. */
  acronym?: string | null;
}

/** What a picker searches: GET /organisations/options, /partnerships/options or /pilots/options. */
export type PickerKind = "organisation" | "partnership" | "pilot";

/** What a form gets from its loader: every record (organisation, partnership, pilot), or none and the names it already shows. */
export type PickerChoices =
  { mode: "select"; options: PickerOption[] } | { mode: "search"; known: PickerOption[] };

/** Where each kind's hint and status texts are (i18n). */
const PICKER_TEXTS = {
  organisation: "organisationPicker",
  partnership: "recordPicker.partnership",
  pilot: "recordPicker.pilot",
} as const;

/** How long typing must pause before a search is sent. */
const DEBOUNCE_MS = 150;

const DEFAULT_CLASS =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

export function organisationLabel(option: PickerOption): string {
  return option.acronym ? `${option.name} (${option.acronym})` : option.name;
}

export function OrganisationCombobox({
  field,
  label,
  known,
  exclude,
  partnership,
  className = DEFAULT_CLASS,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  /** Organisations whose names the picker may need to show (the field's current value). */
  known: readonly PickerOption[];
  /** An organisation never offered (e.g. the one being edited). */
  exclude?: string;
  /** Offer only organisations that are not members of this partnership yet. */
  partnership?: string;
  className?: string;
}) {
  // Conform gives a new key when the form is reset or answered: start again from its value then.
  return (
    <Combobox
      key={field.key}
      kind="organisation"
      field={field}
      label={label}
      known={known}
      exclude={exclude}
      partnership={partnership}
      className={className}
    />
  );
}

/** The combobox for a partnership or a pilot (searches GET /partnerships/options, /pilots/options). */
export function RecordCombobox({
  kind,
  field,
  label,
  known,
  className = DEFAULT_CLASS,
}: {
  kind: Exclude<PickerKind, "organisation">;
  field: FieldMetadata<string | undefined>;
  label: string;
  /** Records whose names the picker may need to show (the field's current value). */
  known: readonly PickerOption[];
  className?: string;
}) {
  return (
    <Combobox
      key={field.key}
      kind={kind}
      field={field}
      label={label}
      known={known}
      exclude={undefined}
      partnership={undefined}
      className={className}
    />
  );
}

/**
 * One optional field that picks a record: a <select> (with an empty choice) when the loader sent
 * every record, else the combobox naming `known` (the loader's and a refused save's `chosen`).
 */
export function ChoiceField({
  kind,
  field,
  label,
  choices,
  chosen = [],
  emptyLabel,
}: {
  kind: Exclude<PickerKind, "organisation">;
  field: FieldMetadata<string | undefined>;
  label: string;
  choices: PickerChoices;
  chosen?: readonly PickerOption[];
  emptyLabel: string;
}) {
  if (choices.mode === "select") {
    return (
      <SelectField
        field={field}
        label={label}
        options={choices.options.map((o) => ({ value: o.id, label: organisationLabel(o) }))}
        emptyLabel={emptyLabel}
      />
    );
  }
  return <RecordCombobox kind={kind} field={field} label={label} known={[...choices.known, ...chosen]} />;
}

function Combobox({
  kind,
  field,
  label,
  known,
  exclude,
  partnership,
  className,
}: {
  kind: PickerKind;
  field: FieldMetadata<string | undefined>;
  label: string;
  known: readonly PickerOption[];
  exclude: string | undefined;
  partnership: string | undefined;
  className: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ options: PickerOption[] }>();
  const ids = useId();
  const listboxId = `${field.id}-listbox`;
  const hintId = `${field.id}-picker-hint`;
  const statusId = `${field.id}-picker-status`;
  const initialId = typeof field.initialValue === "string" ? field.initialValue : "";
  const initial = known.find((o) => o.id === initialId) ?? null;
  const [selected, setSelected] = useState<PickerOption | null>(initial);
  // The submitted value: the chosen organisation's id (an unknown initial id is kept as it came).
  const [value, setValue] = useState(initial?.id ?? initialId);
  const [text, setText] = useState(initial ? organisationLabel(initial) : "");
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const hidden = useRef<HTMLInputElement>(null);
  const load = fetcher.load;

  // Search once typing pauses; a newer query replaces the one still on its way.
  useEffect(() => {
    if (query === null) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q: query });
      if (exclude) params.set("exclude", exclude);
      if (partnership) params.set("partnership", partnership);
      void load(`/${kind}s/options?${params.toString()}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, kind, exclude, partnership, load]);

  const options = fetcher.data?.options ?? [];
  const waiting = query !== null && (fetcher.state === "loading" || fetcher.data === undefined);
  const shown = open ? options : [];
  const activeOption = active >= 0 && active < shown.length ? shown[active] : undefined;

  /** Set the hidden field and tell Conform, which listens for input events on the form. */
  function commit(option: PickerOption | null) {
    setSelected(option);
    setValue(option?.id ?? "");
    const input = hidden.current;
    if (input) {
      input.value = option?.id ?? "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function choose(option: PickerOption) {
    commit(option);
    setText(organisationLabel(option));
    setOpen(false);
    setActive(-1);
  }

  function search(value: string) {
    setQuery(value);
    setOpen(true);
    setActive(-1);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          search(selected ? "" : text);
          if (options.length > 0) setActive(0);
        } else if (shown.length > 0) {
          setActive((i) => (i + 1) % shown.length);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) {
          search(selected ? "" : text);
        } else if (shown.length > 0) {
          setActive((i) => (i <= 0 ? shown.length - 1 : i - 1));
        }
        break;
      case "Home":
        if (open && activeOption) {
          event.preventDefault();
          setActive(0);
        }
        break;
      case "End":
        if (open && activeOption) {
          event.preventDefault();
          setActive(shown.length - 1);
        }
        break;
      case "Enter":
        // Enter on a highlighted match picks it; otherwise it submits the form as usual.
        if (open && activeOption) {
          event.preventDefault();
          choose(activeOption);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== "") {
          event.preventDefault();
          setText("");
          commit(null);
        }
        break;
      default:
        break;
    }
  }

  const describedBy = [hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ");
  const texts = PICKER_TEXTS[kind];
  let status: string | null = null;
  if (open && waiting) status = t(`${texts}.searching`);
  else if (open && query !== null && fetcher.data && options.length === 0) status = t(`${texts}.noMatch`);
  else if (open && shown.length > 0) status = t(`${texts}.matches`, { count: shown.length });

  return (
    <div className="relative">
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        {t(`${texts}.hint`)}
      </p>
      {/* Controlled: React resets a hidden input's value to its defaultValue on every render. */}
      <input ref={hidden} type="hidden" name={field.name} value={value} />
      <input
        id={field.id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open && shown.length > 0}
        aria-controls={listboxId}
        aria-activedescendant={activeOption ? `${ids}-option-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={field.errors?.length ? true : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (selected || value) commit(null);
          search(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
          // Text that chose nothing is not left looking like a choice: the field is empty then.
          if (!selected) setText("");
        }}
        className={className}
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label={label}
        hidden={shown.length === 0}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {shown.map((option, index) => (
          // Keyboard use is on the combobox (aria-activedescendant); the mouse picks here.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={option.id}
            id={`${ids}-option-${index}`}
            role="option"
            aria-selected={index === active}
            // Keep the focus in the input: a blur would close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-700 text-white" : "text-slate-800 hover:bg-slate-100"}`}
          >
            {organisationLabel(option)}
          </li>
        ))}
      </ul>
      <p id={statusId} role="status" className={status ? "mt-1 text-sm text-slate-700" : "sr-only"}>
        {status}
      </p>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
