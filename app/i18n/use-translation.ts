// The app's useTranslation: the `t` of the I18nextProvider's instance for its current language, the
// same object for every component (one per instance and language), re-rendering when the language
// changes. react-i18next's own hook builds, in every component that calls it, a copy of the i18next
// instance's property descriptors and a fixed `t`: on the server, where nothing is kept between
// renders, that was one copy per badge and row (about 5% of a list page's server time in the load
// test's profile). On the server its `t` also remembers the strings it made (memoised, below).
// ESLint refuses react-i18next's hook in app code (eslint.config.js).
import type { i18n as I18n } from "i18next";
import { useCallback, useContext, useSyncExternalStore } from "react";
import { I18nContext, type UseTranslationResponse } from "react-i18next";

export type Translation = UseTranslationResponse<"translation", undefined>;

const byInstance = new WeakMap<I18n, Map<string, Translation>>();

/** One Translation per instance and language (the instance never changes its resources). */
export function translationOf(i18n: I18n, lng: string): Translation {
  let perLanguage = byInstance.get(i18n);
  if (!perLanguage) {
    perLanguage = new Map();
    byInstance.set(i18n, perLanguage);
  }
  let found = perLanguage.get(lng);
  if (!found) {
    const fixed = i18n.getFixedT(lng);
    const t = typeof window === "undefined" ? memoised(fixed) : fixed;
    // Both shapes react-i18next returns: [t, i18n, ready] and { t, i18n, ready }.
    found = Object.assign([t, i18n, true], { t, i18n, ready: true }) as Translation;
    perLanguage.set(lng, found);
  }
  return found;
}

/** Memoised strings per `t` (cleared when full: user-supplied values make the keys unbounded). */
const MEMO_MAX = 5000;

function primitiveValues(options: object): boolean {
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (value !== null && type !== "string" && type !== "number" && type !== "boolean") return false;
  }
  return true;
}

/**
 * On the server, `t` remembers the strings it made, by key and options (primitive values only):
 * the instance's translations are bundled and never change there, and each call of i18next's own
 * fixed `t` copies its whole options object before translating; a list page calls it a thousand
 * times, mostly with the same few keys and values (signal badges, statuses). Not in the browser,
 * where a language's translations arrive after the first render of a switch.
 */
function memoised(fixed: Translation["t"]): Translation["t"] {
  const memo = new Map<string, string>();
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    const call = fixed as unknown as (...args: unknown[]) => unknown;
    const [options] = rest;
    if (typeof key !== "string" || rest.length > 1) return call(key, ...rest);
    let id: string;
    if (options === undefined) id = key;
    else if (typeof options === "object" && options !== null && primitiveValues(options))
      id = `${key}\u0000${JSON.stringify(options)}`;
    else return call(key, ...rest);
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const value = call(key, ...rest);
    if (typeof value === "string") {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(id, value);
    }
    return value;
  };
  return t as unknown as Translation["t"];
}

export function useTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n;
  if (!i18n) throw new Error("useTranslation needs an I18nextProvider above it");
  const subscribe = useCallback(
    (onChange: () => void) => {
      i18n.on("languageChanged", onChange);
      return () => i18n.off("languageChanged", onChange);
    },
    [i18n],
  );
  const language = () => i18n.language;
  const lng = useSyncExternalStore(subscribe, language, language);
  return translationOf(i18n, lng);
}
