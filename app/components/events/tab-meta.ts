import { pageTitle } from "~/lib/meta";

/**
 * The document title of an event tab: the tab's title and the event's title, read from the layout's
 * loader data (routes/events.$id), for any tab's `meta`.
 */
export function eventTabMeta(
  title: string | undefined,
  matches: readonly ({ id: string; loaderData?: unknown } | undefined)[],
) {
  const layout = matches.find((match) => match?.id === "routes/events.$id")?.loaderData as
    { event?: { title?: string } } | undefined;
  const name = layout?.event?.title;
  return pageTitle(title && name ? `${title} · ${name}` : (title ?? name));
}
