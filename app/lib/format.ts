/** A calendar date ('YYYY-MM-DD') in the reader's language, without time-zone drift. */
export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return dateFormatter(locale).format(new Date(Date.UTC(y, m - 1, d)));
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (a dashboard formats
// dozens of dates): one per locale, made on first use.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
    // Locales come from a short list (and Accept-Language is parsed to it): the map stays small.
    if (dateFormatters.size < 32) dateFormatters.set(locale, formatter);
  }
  return formatter;
}
