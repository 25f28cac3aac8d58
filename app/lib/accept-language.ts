/**
 * The first of `supported` that an Accept-Language header asks for, by weight (q), then by order;
 * a region falls back to its language ("fr-BE" asks for "fr"). Null when none is asked for.
 * Unlike taking only the header's first language, "de-DE,fr;q=0.8" finds French.
 */
export function pickAcceptedLanguage<T extends string>(
  header: string | null | undefined,
  supported: readonly T[],
): T | null {
  if (!header) return null;
  const asked = header
    .split(",")
    .flatMap((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const language = tag.trim().toLowerCase().split("-")[0] ?? "";
      const weight = weightOf(params);
      return language === "" || weight === null || weight <= 0 ? [] : [{ language, weight, index }];
    })
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { language } of asked) {
    const found = supported.find((s) => s === language);
    if (found) return found;
  }
  return null;
}

/**
 * The weight of one entry from its parameters: 1 without `q`, clamped to [0, 1] (`q=5` counts as 1);
 * null when `q` is malformed (`q=abc`, `q=`, `q=-1`), so that the entry is ignored rather than
 * taken at full weight.
 */
function weightOf(params: readonly string[]): number | null {
  const q = params.map((p) => /^\s*q\s*=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined);
  if (q === undefined) return 1;
  const value = q.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
  return Math.min(1, Number(value));
}
