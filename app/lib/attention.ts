// What needs attention on a partnership's overview (missing lead, objectives due, risks to review,
// funding ending). Pure.
import type { RiskStatus } from "./enums";
import { isLiveRisk, isPursued } from "./signals";

export type AttentionItem =
  | { kind: "objectiveOverdue"; title: string; dueDate: string }
  | { kind: "objectiveNotClearlyDefined"; title: string }
  | { kind: "riskReviewsOverdue"; count: number; titles: string[] | null }
  | { kind: "fundingEndsBeforeObjectives"; fundingEnds: string; objectivesDue: string }
  | { kind: "missingLead" }
  | { kind: "tooFewMembers"; count: number };

export interface AttentionInputs {
  status: string;
  members: readonly { role: string }[];
  objectives: readonly {
    title: string;
    indicator: string | null;
    dueDate: string | null;
    status: string;
  }[];
  /** Titles only with confidential access (null otherwise). */
  risks: readonly { title: string | null; status: RiskStatus; reviewOn: string | null }[];
  fundingLines: readonly { endsOn: string | null }[];
}

/** Open objectives: neither achieved nor dropped. */
function isOpenObjective(objective: { status: string }): boolean {
  return objective.status !== "achieved" && objective.status !== "dropped";
}

/** The partnership's problems on `today` ('YYYY-MM-DD'), most pressing kinds first. */
export function needsAttention(inputs: AttentionInputs, today: string): AttentionItem[] {
  const items: AttentionItem[] = [];
  if (inputs.status === "active" && inputs.members.length < 2) {
    items.push({ kind: "tooFewMembers", count: inputs.members.length });
  }
  if (
    inputs.status !== "ended" &&
    inputs.status !== "exploring" &&
    !inputs.members.some((m) => m.role === "lead")
  ) {
    items.push({ kind: "missingLead" });
  }
  for (const objective of inputs.objectives) {
    if (isOpenObjective(objective) && objective.dueDate !== null && objective.dueDate < today) {
      items.push({ kind: "objectiveOverdue", title: objective.title, dueDate: objective.dueDate });
    }
  }
  for (const objective of inputs.objectives) {
    if (isPursued(objective) && !objective.indicator?.trim()) {
      items.push({ kind: "objectiveNotClearlyDefined", title: objective.title });
    }
  }
  const overdue = inputs.risks.filter((r) => isLiveRisk(r) && r.reviewOn !== null && r.reviewOn < today);
  if (overdue.length > 0) {
    const titles = overdue.map((r) => r.title).filter((t): t is string => t !== null);
    items.push({
      kind: "riskReviewsOverdue",
      count: overdue.length,
      titles: titles.length === overdue.length ? titles : null,
    });
  }
  // Funding with no end date is open-ended: only when every line ends can the money run out first.
  const ends = inputs.fundingLines.map((line) => line.endsOn);
  const dues = inputs.objectives
    .filter(isOpenObjective)
    .map((o) => o.dueDate)
    .filter((d): d is string => d !== null);
  if (ends.length > 0 && dues.length > 0 && ends.every((e) => e !== null)) {
    const fundingEnds = (ends as string[]).reduce((a, b) => (a > b ? a : b));
    const objectivesDue = dues.reduce((a, b) => (a > b ? a : b));
    if (fundingEnds < objectivesDue)
      items.push({ kind: "fundingEndsBeforeObjectives", fundingEnds, objectivesDue });
  }
  return items;
}
