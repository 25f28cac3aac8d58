// npm run db:seed-demo: load the demo dataset (real cases, see app/db/seed/demo-data.ts) into
// the configured database (DATABASE_URL, or the embedded one). Only into an empty database.
import { DemoSeedRefusedError, seedDemo, type DemoSeedSummary } from "../db/seed/demo.server";
import { CliError, withCliDatabase } from "./database";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

await withCliDatabase(async ({ db, description }) => {
  const started = performance.now();
  let summary: DemoSeedSummary;
  try {
    summary = await seedDemo(db);
  } catch (error) {
    if (error instanceof DemoSeedRefusedError) throw new CliError(error.message);
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[trellis] demo data loaded into ${description} in ${seconds} s: ${plural(summary.organisations, "organisation")}, ${plural(summary.municipalities, "municipality").replace(/ys$/, "ies")}, ${plural(summary.partnerships, "partnership")}, ${plural(summary.pilots, "pilot")}, ${plural(summary.events, "event")} (${plural(summary.auditEntries, "audit entry").replace(/ys$/, "ies")}).`,
  );
});
