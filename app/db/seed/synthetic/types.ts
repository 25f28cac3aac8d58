// The shapes of a synthetic network plan (see ../synthetic.server.ts).
import type {
  NewFundingLine,
  NewHealthCheck,
  NewMilestone,
  NewMunicipality,
  NewObjective,
  NewOrganisation,
  NewPartnership,
  NewPartnershipMember,
  NewPilot,
  NewPilotOutcome,
  NewPilotPeriod,
  NewRelationship,
  NewRisk,
} from "../../schema";

export type Row<T> = T & { id: string };

/** Every row of a synthetic network, in insertion order per table. */
export interface SyntheticTables {
  organisations: Row<NewOrganisation>[];
  municipalities: Row<NewMunicipality>[];
  partnerships: Row<NewPartnership>[];
  partnershipMembers: Row<NewPartnershipMember>[];
  relationships: Row<NewRelationship>[];
  objectives: Row<NewObjective>[];
  fundingLines: Row<NewFundingLine>[];
  risks: Row<NewRisk>[];
  healthChecks: Row<NewHealthCheck>[];
  pilots: Row<NewPilot>[];
  milestones: Row<NewMilestone>[];
  pilotPeriods: Row<NewPilotPeriod>[];
  pilotOutcomes: Row<NewPilotOutcome>[];
}

export type SyntheticTable = keyof SyntheticTables;
export type SyntheticCounts = Record<SyntheticTable, number>;

export interface SyntheticPlan extends SyntheticTables {
  seed: number;
  today: string;
  indexOffset: number;
  /** audit_log.batch_id of every entry the seed writes. */
  batchId: string;
}

export interface SyntheticSummary {
  seed: number;
  today: string;
  indexOffset: number;
  batchId: string;
  counts: SyntheticCounts;
  auditEntries: number;
}
