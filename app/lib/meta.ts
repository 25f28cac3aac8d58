/** The document title of a page: its translated title, then the product name. */
export function pageTitle(title: string | undefined) {
  return [{ title: title ? `${title} · Trellis` : "Trellis" }];
}
