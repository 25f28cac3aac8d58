// Whom a brief is prepared for: the reader themself (their confidential rights apply), or the
// participants it is sent to (every partnership's risks as aggregates, decision 0021).
export type BriefAudience = "reader" | "participants";

export function briefAudienceOf(params: URLSearchParams): BriefAudience {
  return params.get("for") === "participants" ? "participants" : "reader";
}
