/**
 * The document title of a page: its translated title, then the product name. Without a title (the
 * loader failed) nothing: the error boundary sets the title of the error page itself.
 */
export function pageTitle(title: string | undefined) {
  return title ? [{ title: `${title} · Trellis` }] : [];
}
