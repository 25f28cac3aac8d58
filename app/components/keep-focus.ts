// Keyboard focus across a form submission. After a form is sent, React Router renders the page
// again; the add forms are keyed by the location (so that a saved one starts empty), so the form is
// replaced and the element that had the focus goes with it: the focus falls back to <body> and the
// next Tab starts again at the top of the page. This puts it back where the user was: on the
// form's first field in error (a refused form), or else on the field that had it (same id), or else
// on the same form's first field, or else on <main>. Only when the answer stays on the same page and
// nothing else has taken the focus.
import { useEffect, useRef } from "react";
import { useNavigation } from "react-router";

interface Submitted {
  formId: string;
  fieldId: string;
  pathname: string;
  /** The navigation started (a submission the client-side validation stopped never does). */
  sent: boolean;
}

export function useKeepFocusAfterSubmit(): void {
  const navigation = useNavigation();
  const submitted = useRef<Submitted | null>(null);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const active = document.activeElement;
      submitted.current = {
        formId: form.id,
        fieldId: active instanceof HTMLElement && form.contains(active) ? active.id : "",
        pathname: window.location.pathname,
        sent: false,
      };
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);

  useEffect(() => {
    const current = submitted.current;
    if (!current) return;
    if (navigation.state === "submitting") {
      current.sent = true;
      return;
    }
    if (navigation.state !== "idle" || !current.sent) return;
    submitted.current = null;
    if (window.location.pathname !== current.pathname) return;
    const frame = requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const form = current.formId ? document.getElementById(current.formId) : null;
      const target =
        form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        (current.fieldId ? document.getElementById(current.fieldId) : null) ??
        form?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button") ??
        document.getElementById("main");
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [navigation.state]);
}
