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
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", weight, index };
    })
    .filter((entry) => entry.language !== "" && Number.isFinite(entry.weight) && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { language } of asked) {
    const found = supported.find((s) => s === language);
    if (found) return found;
  }
  return null;
}
