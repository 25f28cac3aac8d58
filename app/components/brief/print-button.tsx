// "Print": calls window.print() from an event handler (the CSP forbids inline scripts). The print
// stylesheet (app.css, @media print) hides the app's navigation, the tabs and the buttons.
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
    >
      {label}
    </button>
  );
}
