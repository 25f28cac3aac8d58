// Repeated names in a submitted form. `formData.get` keeps the first of them and
// `Object.fromEntries(formData)` the last, so an action that reads its form by hand would act on half
// of a doubled or forged submission without a word. Conform (`parseWithZod`) reads a repeated name as
// a list, which the schemas refuse; the actions that read fields one by one ask `repeatedFields` first
// and refuse the same way (issue 9).

/** The message of a field sent more than once (an i18n key). */
export const REPEATED_FIELD = "validation.repeated";

/**
 * Names that occur more than once in `formData`, except `lists`: the names that legitimately carry
 * several values (checkboxes, an order of ids). Any repeat counts, even of one same value, as with
 * Conform: the forms of the app never send a single-valued name twice.
 */
export function repeatedFields(formData: FormData, lists: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of formData.keys()) {
    if (lists.includes(name)) continue;
    if (seen.has(name)) repeated.add(name);
    else seen.add(name);
  }
  return [...repeated];
}
