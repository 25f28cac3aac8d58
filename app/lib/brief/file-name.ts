// The download's file name: ASCII only (no quotes, slashes or control characters can reach the
// Content-Disposition header), from the event's title and start day. Pure.
import type { BriefData } from "./types";

export function briefFileName(data: Pick<BriefData, "event">, extension: "md" | "pdf"): string {
  const slug = data.event.title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `brief-${slug || "event"}-${data.event.startsOn}.${extension}`;
}
