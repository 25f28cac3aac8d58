// Where the browser gets each language's translations: the JSON files as build assets (hashed, cached
// for a year), not as JavaScript. root.tsx preloads the page's language's file and puts this map on
// that link; the client entry reads it there and fetches the file before hydrating (entry.client.tsx),
// so the client bundle no longer carries every language. The server does not use this: it bundles
// them all (config.ts).
import type { Language } from "./languages";
import en from "./locales/en.json?url";
import fr from "./locales/fr.json?url";

export const localeUrls: Record<Language, string> = { en, fr };
