// Planning step 3 of the synthetic network: each partnership's objectives, funding lines, risks and
// health checks.
import {
  healthDimensions,
  outcomePathways,
  riskCategories,
  type FundingSource,
  type FundingStage,
  type ObjectiveStatus,
  type OutcomePathway,
  type RiskStatus,
} from "../../../lib/enums";
import { healthScoreKeys, type NewHealthCheck } from "../../schema";
import { isoOf, quarterOf, quarterLabel } from "./calendar";
import {
  pickFromPools,
  type OrgIndex,
  type OrgInfo,
  type PartnershipInfo,
  type PlanContext,
} from "./plan-helpers";
import type { Row } from "./types";
import {
  PER_EUR,
  OBJECTIVE_TEMPLATES,
  RISK_TITLES,
  RISK_MITIGATIONS,
  RISK_CATEGORY_WEIGHTS,
  HEALTH_COMMENTS,
} from "./vocabulary";

/** Objectives, funding, risks and two quarters of health checks for every partnership. */
export function planPartnershipDetails(
  ctx: PlanContext,
  index: OrgIndex,
  partnershipInfos: readonly PartnershipInfo[],
): void {
  const { indexOffset, T, root, ids, plan } = ctx;
  const { byType, byCountryType } = index;
  const orng = root.fork("partnership-details");
  let riskCount = 0;
  const healthQuarters = [quarterOf(T) - 2, quarterOf(T) - 1];
  const nationalOf = (cc: string | undefined) =>
    cc ? byCountryType.get(`${cc}|national_authority`) : undefined;
  for (const p of partnershipInfos) {
    const cc = p.country?.code ?? p.lead.country ?? undefined;
    const baseDay = p.start ?? T + orng.int(30, 300);

    const objectiveCount = orng.int(1, 3);
    for (const template of orng.sample(OBJECTIVE_TEMPLATES, objectiveCount)) {
      const target = orng.int(template.target[0], template.target[1]);
      let status: ObjectiveStatus;
      if (p.status === "exploring" || p.status === "forming")
        status = orng.chance(0.85) ? "not_started" : "on_track";
      else if (p.status === "ended")
        status = orng.weighted<ObjectiveStatus>([
          ["achieved", 50],
          ["at_risk", 25],
          ["dropped", 25],
        ]);
      else
        status = orng.weighted<ObjectiveStatus>([
          ["on_track", 45],
          ["at_risk", 25],
          ["achieved", 15],
          ["not_started", 10],
          ["dropped", 5],
        ]);
      const share =
        status === "not_started"
          ? 0
          : status === "achieved"
            ? orng.float(1, 1.2)
            : status === "on_track"
              ? orng.float(0.3, 0.9)
              : orng.float(0, 0.5);
      plan.objectives.push({
        id: ids.uuid(),
        partnershipId: p.id,
        title: template.title,
        indicator: template.indicator,
        target,
        unit: template.unit,
        progress: Math.round(target * share),
        dueDate: isoOf(Math.min(baseDay + orng.int(365, 4 * 365), p.end ?? Number.MAX_SAFE_INTEGER)),
        status,
        illustrative: true,
      });
    }

    const fundingCount = orng.weighted<number>([
      [0, 25],
      [1, 45],
      [2, 30],
    ]);
    for (let f = 0; f < fundingCount; f++) {
      const source = orng.weighted<FundingSource>([
        ["amif", 38],
        ["national", 20],
        ["other_eu", 10],
        ["municipal", 12],
        ["regional", 8],
        ["private_foundation", 12],
      ]);
      let funder: OrgInfo | undefined;
      switch (source) {
        case "amif":
          funder = pickFromPools(orng, [nationalOf(cc)]) ?? pickFromPools(orng, [byType.get("eu_body")]);
          break;
        case "other_eu":
          funder = pickFromPools(orng, [byType.get("eu_body")]);
          break;
        case "national":
          funder = pickFromPools(orng, [nationalOf(cc)]);
          break;
        case "regional":
          funder = pickFromPools(orng, [cc ? byCountryType.get(`${cc}|regional_authority`) : undefined]);
          break;
        case "municipal":
          funder =
            p.members.find((m) => m.type === "local_authority") ??
            pickFromPools(orng, [cc ? byCountryType.get(`${cc}|local_authority`) : undefined]);
          break;
        case "private_foundation":
          funder =
            p.members.find((m) => m.type === "funder") ??
            pickFromPools(orng, [cc ? byCountryType.get(`${cc}|funder`) : undefined]) ??
            pickFromPools(orng, [byType.get("funder")]);
          break;
      }
      const recipient = orng.chance(0.6) ? p.lead : orng.pick(p.members);
      const voluntaryReturnOnly = orng.chance(source === "amif" ? 0.12 : 0.03);
      const pathwaysCovered: OutcomePathway[] = voluntaryReturnOnly
        ? ["voluntary_return"]
        : orng.chance(0.3)
          ? [...outcomePathways]
          : outcomePathways.filter((pw) => orng.chance(0.5) || pw === "voluntary_return");
      const localCurrency =
        p.country && source !== "amif" && source !== "other_eu" ? p.country.currency : "EUR";
      const eurCents =
        source === "amif" ? orng.int(20_000_000, 600_000_000) : orng.int(2_000_000, 200_000_000);
      const cofinancingRate =
        source === "amif"
          ? orng.chance(0.07)
            ? 90
            : orng.chance(0.6)
              ? 75
              : orng.int(50, 74)
          : source === "other_eu"
            ? orng.int(60, 80)
            : orng.chance(0.5)
              ? null
              : orng.int(20, 100);
      const starts = baseDay + orng.int(0, 180);
      let ends = starts + orng.int(365, 4 * 365);
      if (p.end !== null) ends = Math.max(starts, Math.min(ends, p.end));
      let stage: FundingStage;
      if (starts > T)
        stage = orng.weighted<FundingStage>([
          ["proposal", 60],
          ["grant_agreement", 40],
        ]);
      else if (ends < T)
        stage = orng.weighted<FundingStage>([
          ["closed", 60],
          ["reporting", 25],
          ["evaluation", 15],
        ]);
      else
        stage = orng.weighted<FundingStage>([
          ["implementation", 55],
          ["monitoring", 30],
          ["grant_agreement", 15],
        ]);
      const lineNumber = indexOffset + plan.fundingLines.length + 1;
      plan.fundingLines.push({
        id: ids.uuid(),
        partnershipId: p.id,
        pilotId: null,
        source,
        reference:
          source === "amif"
            ? `AMIF-SYN-${String(lineNumber).padStart(6, "0")}`
            : orng.chance(0.5)
              ? `SYN-${cc ?? "EU"}-${lineNumber}`
              : null,
        funderOrganisationId: funder?.id ?? null,
        recipientOrganisationId: recipient.id,
        amount: (Math.round(eurCents * (PER_EUR[localCurrency] ?? 1)) / 100).toFixed(2),
        currency: localCurrency,
        cofinancingRate,
        startsOn: isoOf(starts),
        endsOn: isoOf(ends),
        stage,
        pathwaysCovered,
        voluntaryReturnOnly,
        illustrative: true,
      });
    }

    const riskTotal = orng.weighted<number>([
      [0, 15],
      [1, 25],
      [2, 25],
      [3, 20],
      [4, 15],
    ]);
    for (let r = 0; r < riskTotal; r++) {
      // The first risks of the network cycle through every category, so each one is present.
      const category =
        riskCount < riskCategories.length
          ? (riskCategories[riskCount] ?? "other")
          : orng.weighted(RISK_CATEGORY_WEIGHTS);
      riskCount++;
      const seriousCategory = category === "trust_deficit" || category === "power_imbalance";
      const status: RiskStatus =
        p.status === "ended"
          ? orng.chance(0.8)
            ? "closed"
            : "mitigating"
          : orng.weighted<RiskStatus>([
              ["open", 50],
              ["mitigating", 35],
              ["closed", 15],
            ]);
      plan.risks.push({
        id: ids.uuid(),
        partnershipId: p.id,
        category,
        title: orng.pick(RISK_TITLES[category]),
        description: `Synthetic risk (${category.replace(/_/g, " ")}).`,
        likelihood: seriousCategory ? orng.int(2, 5) : orng.int(1, 5),
        impact: seriousCategory ? orng.int(2, 5) : orng.int(1, 5),
        ownerOrganisationId: orng.chance(0.6) ? p.lead.id : orng.pick(p.members).id,
        mitigation: orng.chance(0.85) ? orng.pick(RISK_MITIGATIONS[category]) : null,
        status,
        reviewOn: status === "closed" ? null : isoOf(T + orng.int(-30, 180)),
        illustrative: true,
      });
    }

    if (p.status === "active" && orng.chance(0.3)) {
      const respondents = orng.sample(p.members, orng.int(2, Math.min(3, p.members.length)));
      const level = orng.float(2.2, 4.5);
      for (const respondent of respondents) {
        const bias = orng.float(-1.2, 1);
        for (const quarter of healthQuarters) {
          const check: Row<NewHealthCheck> = {
            id: ids.uuid(),
            partnershipId: p.id,
            respondentOrganisationId: respondent.id,
            submittedBy: null,
            period: quarterLabel(quarter),
            comment: orng.chance(0.3) ? orng.pick(HEALTH_COMMENTS) : null,
          };
          for (const dimension of healthDimensions) {
            check[healthScoreKeys[dimension]] = orng.chance(0.04)
              ? null
              : Math.min(5, Math.max(1, Math.round(level + bias + orng.float(-0.8, 0.8))));
          }
          plan.healthChecks.push(check);
        }
      }
    }
  }
}
