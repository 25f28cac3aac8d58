// Command-line arguments of `npm run bench:network`: pure parsing, no I/O.

export const DEFAULT_SIZES = [200, 500, 1000, 3000, 10000] as const;
export const DEFAULT_RUNS = 3;
export const DEFAULT_APP_DIR = "/tmp/bench-app";
export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchArgs {
  sizes: number[];
  runs: number;
  /** Run on embedded PGlite directories instead of PostgreSQL databases. */
  pglite: boolean;
  /** Where the Trellis app is built and served from ("." for the checkout itself). */
  appDir: string;
  /** Keep an already seeded database of the right size instead of dropping it. */
  reuse: boolean;
  /** Skip `react-router build` (and the copy) when a build is already in the app dir. */
  skipBuild: boolean;
  /** Skip the browser measurements (loader and payload only). */
  noBrowser: boolean;
  /** Where the Markdown results go. */
  out: string;
  /** A PostgreSQL URL of the server's maintenance database. */
  postgresUrl: string;
  /** A folder for a Chrome trace of each Trellis page load (until ready). */
  traceDir: string | undefined;
  help: boolean;
}

export class BenchArgsError extends Error {
  override name = "BenchArgsError";
}

export const USAGE = `usage: npm run bench:network -- [--sizes 200,1000] [--runs 3] [--pglite] [--app-dir DIR]
  [--reuse] [--skip-build] [--no-browser] [--out bench/results/network-latest.md] [--postgres URL]
  [--trace DIR]`;

function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === `--${name}`) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new BenchArgsError(`--${name} needs a value`);
      return next;
    }
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

const KNOWN = new Set([
  "sizes",
  "runs",
  "pglite",
  "app-dir",
  "reuse",
  "skip-build",
  "no-browser",
  "out",
  "postgres",
  "trace",
  "help",
]);
const WITH_VALUE = new Set(["sizes", "runs", "app-dir", "out", "postgres", "trace"]);

export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = {}): BenchArgs {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) throw new BenchArgsError(`unexpected argument "${arg}" (${USAGE})`);
    const name = arg.slice(2).split("=")[0]!;
    if (!KNOWN.has(name)) throw new BenchArgsError(`unknown option --${name} (${USAGE})`);
    if (WITH_VALUE.has(name) && !arg.includes("=")) i++;
  }
  let sizes: number[] = [...DEFAULT_SIZES];
  const rawSizes = flagValue(args, "sizes");
  if (rawSizes !== undefined) {
    sizes = rawSizes
      .split(",")
      .map((s) => s.trim().replace(/_/g, ""))
      .filter((s) => s !== "")
      .map((s) => {
        if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 100_000) {
          throw new BenchArgsError(`--sizes takes whole numbers from 1 to 100000, not "${s}"`);
        }
        return Number(s);
      });
    if (sizes.length === 0) throw new BenchArgsError("--sizes needs at least one size");
    sizes = [...new Set(sizes)];
  }
  let runs = DEFAULT_RUNS;
  const rawRuns = flagValue(args, "runs");
  if (rawRuns !== undefined) {
    if (!/^\d+$/.test(rawRuns.trim()) || Number(rawRuns) < 1 || Number(rawRuns) > 50) {
      throw new BenchArgsError(`--runs takes a whole number from 1 to 50, not "${rawRuns}"`);
    }
    runs = Number(rawRuns);
  }
  return {
    sizes,
    runs,
    pglite: args.includes("--pglite"),
    appDir: flagValue(args, "app-dir") ?? DEFAULT_APP_DIR,
    reuse: args.includes("--reuse"),
    skipBuild: args.includes("--skip-build"),
    noBrowser: args.includes("--no-browser"),
    out: flagValue(args, "out") ?? "bench/results/network-latest.md",
    postgresUrl: flagValue(args, "postgres") ?? env.BENCH_POSTGRES_URL ?? DEFAULT_POSTGRES_URL,
    traceDir: flagValue(args, "trace"),
    help: args.includes("--help"),
  };
}
