import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import en from "~/i18n/locales/en.json";
import fr from "~/i18n/locales/fr.json";
import { levels, organisationTypes, partnershipStatuses } from "~/lib/enums";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const languages = { en: flatten(en), fr: flatten(fr) };

/** A key as code refers to it: plural suffixes (_one, _other, ...) are i18next's business. */
function baseKey(key: string) {
  return key.replace(/_(zero|one|two|few|many|other)$/, "");
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("translations", () => {
  test("every key in English exists in French, and the other way round", () => {
    const enKeys = [...languages.en.keys()].sort();
    const frKeys = [...languages.fr.keys()].sort();
    expect(frKeys.filter((k) => !languages.en.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !languages.fr.has(k))).toEqual([]);
  });

  test("no translation is empty", () => {
    for (const [lng, keys] of Object.entries(languages)) {
      const empty = [...keys].filter(([, value]) => value.trim() === "").map(([key]) => `${lng}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  test("interpolations match between languages", () => {
    const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [key, value] of languages.en) {
      expect(vars(languages.fr.get(key) ?? ""), key).toEqual(vars(value));
    }
  });

  test("every literal key the code passes to t() exists", () => {
    const known = new Set([...languages.en.keys()].map(baseKey));
    const missing: string[] = [];
    for (const file of sourceFiles(path.resolve("app"))) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) {
        const key = match[1]!;
        if (!known.has(key)) missing.push(`${path.relative(".", file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("every value of the enumerations shown so far has a label", () => {
    const groups = {
      organisationType: organisationTypes,
      level: levels,
      partnershipStatus: partnershipStatuses,
    };
    for (const [group, values] of Object.entries(groups)) {
      for (const value of values) {
        expect(languages.en.has(`enums.${group}.${value}`), `en enums.${group}.${value}`).toBe(true);
      }
    }
  });
});
