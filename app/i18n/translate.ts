// The browser's `t`: what i18next's `t` answers for the way this app calls it, without i18next.
// The server keeps i18next (app/middleware/i18next.ts); the browser has only to say the same strings
// (hydration compares them), and i18next there cost 41 KB of script to compile and 33-41 ms of
// script time in each load of the network map (decision 0033). Covered: keys with dots, the default
// namespace, a `ns:` prefix as i18next reads it, plurals by `count` (Intl.PluralRules, `_zero` for 0,
// then the fallback language), `{{value}}` and `{{value, number}}` interpolation (no escaping: React
// escapes), a string or `defaultValue` when a key is missing, else the key itself.
// tests/unit/translate.test.ts compares every key of every language with i18next's answer.

/** One language's translations: the JSON tree of app/i18n/locales/<lng>.json. */
export type TranslationTree = { readonly [key: string]: unknown };

export type TranslateOptions = Readonly<Record<string, unknown>>;

export type Translate = (key: unknown, options?: unknown, ...rest: unknown[]) => string;

/** Where a translation is looked up: the language first, then the fallback. */
export interface TranslateSource {
  /** The translations of a language, or undefined while they are not loaded. */
  tree(lng: string): TranslationTree | undefined;
  fallbackLng: string;
  /** The instance's current language (only for i18next's "returned an object" message). */
  currentLanguage(): string;
}

const NS = "translation";
const NOT_NATURAL_LANGUAGE = /( |,|\?|!|;)/;
const INTERPOLATION = /\{\{(.+?)\}\}/g;
const UNESCAPED_INTERPOLATION = /\{\{-(.+?)\}\}/g;
const MAX_REPLACES = 1000;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralSuffix(lng: string, count: unknown): string {
  let rules = pluralRules.get(lng);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(lng, { type: "cardinal" });
    } catch {
      rules = new Intl.PluralRules("dev", { type: "cardinal" });
    }
    pluralRules.set(lng, rules);
  }
  return `_${rules.select(count as number)}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(value: unknown, lng: string): string {
  let format = numberFormats.get(lng);
  if (!format) {
    format = new Intl.NumberFormat(lng);
    numberFormats.set(lng, format);
  }
  return format.format(value as number);
}

function own(object: unknown, key: string): unknown {
  if (typeof object !== "object" || object === null) return undefined;
  return Object.prototype.hasOwnProperty.call(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

/** A value at a dotted path, or at the whole path taken as one key (as i18next's deepFind). */
function find(tree: unknown, path: string): unknown {
  let current: unknown = tree;
  for (const part of path.split(".")) {
    current = own(current, part);
    if (current === undefined) break;
  }
  if (current !== undefined && current !== "") return current;
  const whole = own(tree, path);
  return whole !== undefined ? whole : current;
}

/** i18next's reading of a key: `ns:key` when it looks like an object path, else the key as it is. */
function splitNamespace(key: string): { ns: string; key: string } {
  if (!key.includes(":")) return { ns: NS, key };
  let objectPath = !NOT_NATURAL_LANGUAGE.test(key);
  if (!objectPath) {
    const dot = key.indexOf(".");
    if (dot > 0 && !NOT_NATURAL_LANGUAGE.test(key.substring(0, dot))) objectPath = true;
  }
  if (!objectPath || /\$t\((.+?)\)/.test(key)) return { ns: NS, key };
  const parts = key.split(":");
  const ns = parts.shift() ?? NS;
  return { ns, key: parts.join(".") };
}

function valid(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function asString(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function interpolate(text: string, data: TranslateOptions, options: TranslateOptions, lng: string): string {
  let str = text;
  for (const pattern of [UNESCAPED_INTERPOLATION, INTERPOLATION]) {
    const regex = new RegExp(pattern.source, "g");
    let replaces = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(str))) {
      const variable = (match[1] ?? "").trim();
      let value: unknown;
      const comma = variable.indexOf(",");
      if (comma < 0) {
        value = find(data, variable);
      } else {
        const name = variable.slice(0, comma).trim();
        const format = variable.slice(comma + 1).trim();
        value = find(data, name);
        if (format === "number") value = formatNumber(value, lng);
      }
      if (value === undefined) {
        if (Object.prototype.hasOwnProperty.call(options, variable)) {
          value = "";
        } else {
          // i18next (skipOnVariables) leaves an unknown variable as it is.
          continue;
        }
      }
      const replacement = typeof value === "string" ? value : asString(value);
      const at = str.indexOf(match[0]);
      str = str.slice(0, at) + replacement + str.slice(at + match[0].length);
      regex.lastIndex += replacement.length - match[0].length;
      replaces++;
      if (replaces >= MAX_REPLACES) break;
    }
  }
  return str;
}

/** i18next's handling of `t(key, "default")` and `t(key, "default", { ... })`. */
function optionsOf(options: unknown, rest: unknown[]): TranslateOptions {
  if (typeof options === "object" && options !== null) return { ...(options as TranslateOptions) };
  const result: Record<string, unknown> = {};
  if (typeof options === "string") result.defaultValue = options;
  const extra = rest[1] ?? rest[0];
  if (typeof extra === "object" && extra !== null) Object.assign(result, extra);
  return result;
}

function hasDefaultValue(options: TranslateOptions): boolean {
  return Object.keys(options).some((name) => name.startsWith("defaultValue") && options[name] !== undefined);
}

/** `t` fixed to one language. */
export function createTranslate(source: TranslateSource, lng: string): Translate {
  const codes = lng === source.fallbackLng ? [lng] : [lng, source.fallbackLng];
  return (rawKey, rawOptions, ...rest) => {
    if (rawKey === null || rawKey === undefined) return "";
    const options = optionsOf(rawOptions, rest);
    const keys = Array.isArray(rawKey) ? rawKey.map(String) : [String(rawKey)];
    const count = options.count;
    const plural = count !== undefined && typeof count !== "string";
    const language = typeof options.lng === "string" && options.lng ? options.lng : lng;
    const lookupCodes = language === lng ? codes : [language, ...codes.filter((c) => c !== language)];
    let found: unknown;
    let lastKey = "";
    for (const candidate of keys) {
      const { ns, key } = splitNamespace(candidate);
      lastKey = key;
      for (const code of lookupCodes) {
        const tree = ns === NS ? source.tree(code) : undefined;
        const tries = [key];
        if (plural) {
          tries.push(key + pluralSuffix(code, count));
          if (count === 0) tries.push(`${key}_zero`);
        }
        while (tries.length && !valid(found)) found = find(tree, tries.pop() ?? "");
        if (valid(found)) break;
      }
      if (valid(found)) break;
    }
    const key = lastKey;
    if (valid(found) && typeof found === "object") {
      return `key '${key} (${source.currentLanguage()})' returned an object instead of string.`;
    }
    let result: unknown = found;
    if (!valid(result) && hasDefaultValue(options)) {
      const suffix = plural ? pluralSuffix(language, count) : "";
      result =
        (plural && count === 0 && options.defaultValue_zero) ||
        options[`defaultValue${suffix}`] ||
        options.defaultValue;
    }
    if (!valid(result)) result = key;
    const text = typeof result === "string" ? result : asString(result);
    if (options.skipInterpolation || !text.includes("{{")) return text;
    const replace = options.replace;
    const data = typeof replace === "object" && replace !== null ? (replace as TranslateOptions) : options;
    return interpolate(text, data, options, language);
  };
}
