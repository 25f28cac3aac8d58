import { pageTitle } from "~/lib/meta";

/**
 * The document title of a pilot tab: the tab's title and the pilot's name, read from the layout's
 * loader data (routes/pilots.$id), for any tab's `meta`.
 */
export function pilotTabMeta(
  title: string | undefined,
  matches: readonly ({ id: string; loaderData?: unknown } | undefined)[],
) {
  const layout = matches.find((match) => match?.id === "routes/pilots.$id")?.loaderData as
    { pilot?: { name?: string } } | undefined;
  const name = layout?.pilot?.name;
  return pageTitle(title && name ? `${title} · ${name}` : title);
}
