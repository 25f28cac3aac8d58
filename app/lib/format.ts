/** A calendar date ('YYYY-MM-DD') in the reader's language, without time-zone drift. */
export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return dateFormatter(locale).format(new Date(Date.UTC(y, m - 1, d)));
}

// Building an Intl formatter costs far more than formatting with one (a dashboard formats dozens of
// dates and amounts): each locale and option set is built once, on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** Locales come from a short list and option sets from the code: past this, build without keeping. */
const MAX_FORMATTERS = 128;

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => F): F {
  const known = formatters.get(key);
  if (known) return known as F;
  // A bad locale or currency throws here, and nothing is kept.
  const formatter = build();
  if (formatters.size < MAX_FORMATTERS) formatters.set(key, formatter);
  return formatter;
}

/** An Intl.DateTimeFormat for this locale and these options, built once. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** An Intl.NumberFormat for this locale and these options, built once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
};

// formatDate's formatter by locale: a page formats dozens of dates, and dateTimeFormat's key
// (JSON of the options) cost more than the formatting itself.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    formatter = dateTimeFormat(locale, DATE_OPTIONS);
    if (dateFormatters.size < MAX_FORMATTERS) dateFormatters.set(locale, formatter);
  }
  return formatter;
}
