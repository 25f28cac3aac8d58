// Demo dataset of Trellis: real cases from public sources (docs: /work/shared/DOMAIN.md,
// "Real cases"), as typed plain data. No I/O: app/db/seed/demo.server.ts inserts it.
//
// Records refer to each other by stable string keys ("ind", "lvv-utrecht"), never by id.
// Sourced values carry their source as a document link; values that were invented to make the
// demo complete (splits, capacities, scores, amounts per city) sit on records marked
// `illustrative: true` where the table has that column.
//
// Dates are 'YYYY-MM-DD' strings, or relative to the day of seeding (`rel(-30)`: 30 days ago)
// for the things that must stay "upcoming" or "overdue" whenever the demo is loaded.
//
// The data sits in demo/, one file per kind of record; this module puts it together.
import { events } from "./demo/events";
import { healthChecks } from "./demo/health-checks";
import { municipalities } from "./demo/municipalities";
import { organisations } from "./demo/organisations";
import { partnerships } from "./demo/partnerships";
import { pilots } from "./demo/pilots";
import { relationships } from "./demo/relationships";
import type { DemoDataset } from "./demo/types";

export { icamFunding, sources } from "./demo/sources";
export type * from "./demo/types";

export const demoData: DemoDataset = {
  organisations,
  municipalities,
  relationships,
  partnerships,
  healthChecks,
  pilots,
  events,
};
