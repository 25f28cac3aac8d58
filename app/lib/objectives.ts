// Shared objectives: what makes one unclear or overdue, and its progress as a share. Pure: no I/O.
import type { ObjectiveStatus } from "./enums";

export interface ObjectiveFacts {
  indicator: string | null;
  target: number | null;
  progress: number | null;
  dueDate: string | null;
  status: ObjectiveStatus;
}

/** The seminar's first condition is "clearly defined objectives": one without an indicator is not. */
export function notClearlyDefined(objective: Pick<ObjectiveFacts, "indicator">): boolean {
  return !objective.indicator?.trim();
}

/** Due before `today` ('YYYY-MM-DD') and neither achieved nor dropped. */
export function isOverdue(objective: Pick<ObjectiveFacts, "dueDate" | "status">, today: string): boolean {
  return (
    objective.dueDate !== null &&
    objective.dueDate < today &&
    objective.status !== "achieved" &&
    objective.status !== "dropped"
  );
}

/** Progress towards the target in whole percent, capped at 100; null without a positive target. */
export function progressPercent(objective: Pick<ObjectiveFacts, "target" | "progress">): number | null {
  if (objective.target === null || !(objective.target > 0)) return null;
  const share = ((objective.progress ?? 0) / objective.target) * 100;
  return Math.max(0, Math.min(100, Math.round(share)));
}

/** Today as 'YYYY-MM-DD' in UTC (dates in the app are calendar days). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
