// The page's translations, fetched as soon as the browser reads the document's head instead of once
// every script has loaded and run: an inline script (root.tsx) starts the request (the head's preload
// link answers it) and leaves the promise on `window`; entry.client.tsx takes it from there before
// hydrating. On the 2-core machine of the map's benchmark, awaiting the fetch after the scripts had
// run took 9-19 ms between the client entry starting and hydration (decision 0038).
import type { TranslationTree } from "./translate";

/** Where the inline script leaves the request. */
export const EARLY_TRANSLATIONS_KEY = "__trellisTranslations";

export interface EarlyTranslations {
  url: string;
  /**
   * The parsed file; null when the server did not answer 200 or the request failed (the entry then
   * fetches it itself). Never rejects: a failure before the entry awaits it is not an unhandled one.
   */
  data: Promise<TranslationTree | null>;
}

/**
 * The inline script's source for `url` (a build asset's path). Same URL, mode and credentials as the
 * preload link (`crossorigin="anonymous"`), so the preloaded response serves it.
 */
export function earlyTranslationsScript(url: string): string {
  const quoted = JSON.stringify(url).replace(/</g, "\\u003c");
  return `window.${EARLY_TRANSLATIONS_KEY}={url:${quoted},data:fetch(${quoted}).then(function(r){return r.ok?r.json():null}).catch(function(){return null})};`;
}

/** The early request for `url`, if the document started one; null otherwise or if it failed. */
export async function takeEarlyTranslations(url: string): Promise<TranslationTree | null> {
  const early = (globalThis as unknown as Record<string, EarlyTranslations | undefined>)[
    EARLY_TRANSLATIONS_KEY
  ];
  return early && early.url === url ? early.data : null;
}
