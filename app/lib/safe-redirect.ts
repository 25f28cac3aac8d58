/**
 * A redirect target taken from user input must stay on this site: a local path, not
 * "//evil.example", "https://...", or a path that a browser would turn into one (browsers drop tabs
 * and newlines inside URLs, and treat "\\" like "/"). Anything else falls back to `fallback`.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001F\u007F\\]/.test(target)) return fallback;
  const base = "http://trellis.invalid";
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
