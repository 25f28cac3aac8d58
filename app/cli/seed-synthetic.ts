// npm run db:seed-synthetic -- --organisations N [--seed S] [--today YYYY-MM-DD]
// Adds a deterministic synthetic network of N organisations (with their partnerships, pilots...)
// to the configured database, for scale tests and benchmarks.
import { performance } from "node:perf_hooks";
import {
  SYNTHETIC_DEFAULT_SEED,
  SYNTHETIC_MAX_ORGANISATIONS,
  seedSynthetic,
  type SyntheticCounts,
} from "../db/seed/synthetic.server";
import { CliError, cliFlag, withCliDatabase } from "./database";

const USAGE = "usage: npm run db:seed-synthetic -- --organisations N [--seed S] [--today YYYY-MM-DD]";

export interface SeedSyntheticArgs {
  organisations: number;
  seed: number;
  today: string | undefined;
}

export function parseSeedSyntheticArgs(args: readonly string[]): SeedSyntheticArgs {
  const rawCount = cliFlag(args, "organisations");
  if (rawCount === undefined) throw new CliError(`--organisations is required (${USAGE})`);
  if (!/^\d+$/.test(rawCount.trim())) {
    throw new CliError(`--organisations must be a positive whole number, not "${rawCount}"`);
  }
  const organisations = Number(rawCount.trim());
  if (organisations < 1 || organisations > SYNTHETIC_MAX_ORGANISATIONS) {
    throw new CliError(
      `--organisations must be from 1 to ${SYNTHETIC_MAX_ORGANISATIONS}, not ${organisations}`,
    );
  }
  let seed = SYNTHETIC_DEFAULT_SEED;
  const rawSeed = cliFlag(args, "seed");
  if (rawSeed !== undefined) {
    if (!/^\d{1,15}$/.test(rawSeed.trim())) {
      throw new CliError(`--seed must be a whole number (0 or more), not "${rawSeed}"`);
    }
    seed = Number(rawSeed.trim());
  }
  const today = cliFlag(args, "today");
  if (today !== undefined) {
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(today) && new Date(`${today}T00:00:00Z`).toISOString().startsWith(today);
    if (!valid) throw new CliError(`--today must be a date YYYY-MM-DD, not "${today}"`);
  }
  return { organisations, seed, today };
}

const LABELS: [keyof SyntheticCounts, string][] = [
  ["organisations", "organisations"],
  ["municipalities", "municipalities"],
  ["partnerships", "partnerships"],
  ["partnershipMembers", "members"],
  ["relationships", "relationships"],
  ["objectives", "objectives"],
  ["fundingLines", "funding lines"],
  ["risks", "risks"],
  ["healthChecks", "health checks"],
  ["pilots", "pilots"],
  ["milestones", "milestones"],
  ["pilotPeriods", "pilot periods"],
  ["pilotOutcomes", "outcomes"],
];

async function main(): Promise<void> {
  let args: SeedSyntheticArgs;
  try {
    args = parseSeedSyntheticArgs(process.argv.slice(2));
  } catch (error) {
    // Refuse bad arguments before opening (and migrating) the database.
    console.error(`[trellis] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  await withCliDatabase(async ({ db, description }) => {
    const started = performance.now();
    const summary = await seedSynthetic(db, args);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = LABELS.map(([key, label]) => `${summary.counts[key]} ${label}`).join(", ");
    console.log(
      `[trellis] Synthetic network (seed ${summary.seed}, today ${summary.today}, #${summary.indexOffset + 1}-${summary.indexOffset + summary.counts.organisations}) added to ${description}: ${counts}; ${summary.auditEntries} audit entries (batch ${summary.batchId}) in ${seconds} s`,
    );
  });
}

await main();
