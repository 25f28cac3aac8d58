// Demo partnerships: the LVV pilots, Belgian return and case-management cooperation, C-MISE and
// others, with members, objectives, funding, risks and documents; one file per group, in this order.
import { cooperationPartnerships } from "./partnerships-cooperation";
import { lvvCityPartnerships } from "./partnerships-lvv-cities";
import { lvvNationalPartnerships } from "./partnerships-lvv-national";
import { networkPartnerships } from "./partnerships-networks";
import type { DemoPartnership } from "./types";

export const partnerships: DemoPartnership[] = [
  ...lvvNationalPartnerships,
  ...lvvCityPartnerships,
  ...cooperationPartnerships,
  ...networkPartnerships,
];
