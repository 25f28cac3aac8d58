import { useNavigation } from "react-router";

/**
 * While a form of this page with `intent` is being sent: an indeterminate progress bar and a status
 * announced to screen readers. Large files take seconds to upload and to import.
 */
export function BusyStatus({ intent, label }: { intent: string; label: string }) {
  const navigation = useNavigation();
  const active = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <div role="status" aria-live="polite" className="mt-3 min-h-6 text-sm text-slate-700">
      {active ? (
        <span className="flex items-center gap-3">
          <progress className="w-48" aria-label={label} />
          {label}
        </span>
      ) : null}
    </div>
  );
}

/** The submit button of a step: disabled and busy while its form is being sent. */
export function StepButton({
  intent,
  children,
  pendingLabel,
}: {
  intent: string;
  children: React.ReactNode;
  pendingLabel: string;
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      aria-busy={pending}
      className="inline-flex items-center rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
