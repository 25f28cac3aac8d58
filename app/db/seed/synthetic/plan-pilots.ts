// Planning step 5 of the synthetic network: pilots of local authorities, their milestones, reporting
// periods and outcome counts.
import {
  outcomePathways,
  pathwayGroup,
  type MilestoneStatus,
  type OutcomePathway,
  type PilotStatus,
  type TargetGroup,
} from "../../../lib/enums";
import type { WeightedEntry } from "../../../lib/prng";
import { isoOf, halfOf, halfStart, halfEnd } from "./calendar";
import type { OrgIndex, PartnershipInfo, PlanContext } from "./plan-helpers";
import { PILOT_THEMES, MILESTONE_TITLES, GROUP_WEIGHTS } from "./vocabulary";

/** Pilots for a fifth of the local authorities, most within one of their partnerships. */
export function planPilots(
  ctx: PlanContext,
  index: OrgIndex,
  partnershipsOf: ReadonlyMap<string, readonly PartnershipInfo[]>,
): void {
  const { seed, T, root, ids, label, plan } = ctx;
  const { localAuthorities } = index;
  const lrng = root.fork("pilots");
  const pilotTarget = Math.round(localAuthorities.length / 5);
  const lastHalf = halfOf(T) - 1;
  for (const [k, la] of lrng.sample(localAuthorities, pilotTarget).entries()) {
    const candidates = (partnershipsOf.get(la.org.id) ?? []).filter((p) => p.status !== "exploring");
    const partnership = candidates.length > 0 && lrng.chance(0.85) ? lrng.pick(candidates) : undefined;
    const status = lrng.weighted<PilotStatus>([
      ["running", 55],
      ["completed", 20],
      ["paused", 10],
      ["stopped", 15],
    ]);
    const periodCount = lrng.int(2, 4);
    const finalHalf = status === "running" || status === "paused" ? lastHalf : lastHalf - lrng.int(0, 3);
    const firstHalf = finalHalf - periodCount + 1;
    const starts = halfStart(firstHalf);
    const ends =
      status === "completed" || status === "stopped"
        ? halfEnd(finalHalf)
        : status === "running" && lrng.chance(0.5)
          ? T + lrng.int(90, 900)
          : null;
    const pathways = outcomePathways.filter(() => lrng.chance(0.55));
    if (!pathways.includes("voluntary_return")) pathways.push("voluntary_return");
    const pilotId = ids.uuid();
    plan.pilots.push({
      id: pilotId,
      municipalityId: la.municipalityId,
      partnershipId: partnership?.id ?? null,
      name: `${lrng.pick(PILOT_THEMES)} ${la.org.place} ${label(k)}`,
      description: `Synthetic pilot in ${la.org.place} (seed ${seed}).`,
      targetGroup: lrng.weighted<TargetGroup>([
        ["return_decision", 45],
        ["unknown_to_authorities", 20],
        ["both", 35],
      ]),
      pathways,
      status,
      startsOn: isoOf(starts),
      endsOn: ends === null ? null : isoOf(ends),
      capacity: lrng.chance(0.9) ? lrng.int(10, 200) : null,
      illustrative: true,
    });

    // Milestones spread over the pilot's life (or its first years when it has no end).
    const milestoneCount = lrng.int(3, 6);
    const picked = [0, ...lrng.sample([1, 2, 3, 4, 5, 6, 7], milestoneCount - 1).sort((a, b) => a - b)];
    const span = (ends ?? T + lrng.int(180, 720)) - starts;
    let inProgressGiven = false;
    picked.forEach((titleIndex, position) => {
      const due = starts + Math.round((span * (position + 1)) / (milestoneCount + 1)) + lrng.int(-10, 10);
      let milestoneStatus: MilestoneStatus;
      let doneOn: number | null = null;
      if (due < T) {
        milestoneStatus = lrng.weighted<MilestoneStatus>([
          ["done", 75],
          ["delayed", status === "running" || status === "paused" ? 15 : 0],
          ["cancelled", position === 0 ? 0 : 10],
        ]);
        if (milestoneStatus === "done") doneOn = Math.max(starts, Math.min(T, due + lrng.int(-20, 45)));
      } else if (status === "stopped") {
        milestoneStatus = "cancelled";
      } else if (!inProgressGiven && lrng.chance(0.5)) {
        milestoneStatus = "in_progress";
        inProgressGiven = true;
      } else {
        milestoneStatus = "planned";
      }
      plan.milestones.push({
        id: ids.uuid(),
        pilotId,
        title: MILESTONE_TITLES[titleIndex] ?? "Milestone",
        description: null,
        dueOn: isoOf(due),
        doneOn: doneOn === null ? null : isoOf(doneOn),
        status: milestoneStatus,
        position,
        notes: lrng.chance(0.15) ? "Synthetic note." : null,
      });
    });

    // Half-year periods with aggregated outcomes of those who left.
    const weights: WeightedEntry<OutcomePathway>[] = [];
    for (const group of ["durable", "semi_durable", "no_solution"] as const) {
      const inGroup = outcomePathways.filter((pw) => pathwayGroup[pw] === group);
      const chosen = lrng.sample(inGroup, lrng.int(1, Math.min(3, inGroup.length)));
      const groupWeight = GROUP_WEIGHTS[group] * lrng.float(0.6, 1.4);
      for (const pw of chosen) weights.push([pw, groupWeight / chosen.length]);
    }
    let inGuidance = 0;
    for (let h = firstHalf; h <= finalHalf; h++) {
      const newParticipants = lrng.int(3, 40);
      const present = inGuidance + newParticipants;
      const leftCount = Math.round(present * lrng.float(0.15, 0.6));
      inGuidance = present - leftCount;
      const periodId = ids.uuid();
      plan.pilotPeriods.push({
        id: periodId,
        pilotId,
        periodStart: isoOf(halfStart(h)),
        periodEnd: isoOf(halfEnd(h)),
        newParticipants,
        participantsAtEnd: inGuidance,
        notes: null,
        illustrative: true,
      });
      const counts = new Map<OutcomePathway, number>();
      for (let person = 0; person < leftCount; person++) {
        const pw = lrng.weighted(weights);
        counts.set(pw, (counts.get(pw) ?? 0) + 1);
      }
      for (const pw of outcomePathways) {
        const count = counts.get(pw);
        if (count) plan.pilotOutcomes.push({ id: ids.uuid(), pilotPeriodId: periodId, pathway: pw, count });
      }
    }
  }
}
