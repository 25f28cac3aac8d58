// Whom a brief is prepared for: the reader themself (their confidential rights apply), or the
// participants it is sent to (every partnership's risks as aggregates, decision 0021). The page
// shows the reader's version unless asked (?for=participants); the files, made to be sent, are the
// participants' version unless the reader asks for their own (?for=reader).
export type BriefAudience = "reader" | "participants";

export function briefAudienceOf(params: URLSearchParams, fallback: BriefAudience): BriefAudience {
  const asked = params.get("for");
  return asked === "participants" || asked === "reader" ? asked : fallback;
}
