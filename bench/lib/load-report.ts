// What `npm run load` and `npm run bench:pages` share for their reports: the machine, the commit,
// the load average at the start, a tiny argument reader, and writing a Markdown file as Prettier would.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface MachineMeta {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  commit: string | null;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function machineMeta(checkout: string): MachineMeta {
  const commit = spawnSync("git", ["rev-parse", "HEAD"], { cwd: checkout, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: checkout,
    encoding: "utf8",
  });
  const head = commit.status === 0 ? commit.stdout.trim().slice(0, 10) : null;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: (os.cpus()[0]?.model ?? "unknown CPU").replace(/\s+\d+-Core Processor$/, "").trim(),
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    commit: head && dirty.status === 0 && dirty.stdout.trim() !== "" ? `${head} (with local changes)` : head,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

export function describeMachine(meta: MachineMeta): string {
  return `${meta.date} · ${meta.cpu}, ${meta.cores} cores, ${meta.memoryGb.toFixed(0)} GB · Node ${meta.node}${meta.commit ? ` · commit ${meta.commit}` : ""} · load average ${meta.loadAverage.toFixed(2)} at start`;
}

/**
 * A result file, formatted as Prettier would (so `npm run lint`'s prettier --check stays green).
 * Returns the text written.
 */
export async function writeFormatted(out: string, content: string): Promise<string> {
  let text = content;
  try {
    const prettier = await import("prettier");
    const options = (await prettier.resolveConfig(out)) ?? {};
    text = await prettier.format(content, { ...options, filepath: out });
  } catch {
    // Unformatted is still valid.
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  return text;
}

export class ArgsError extends Error {
  override name = "ArgsError";
}

/**
 * Options as `--name value`, `--name=value` or bare flags; unknown names are refused.
 * Returns a reader: `value(name)` (undefined when absent) and `flag(name)`.
 */
export function readArgs(
  args: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
  usage: string,
) {
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) throw new ArgsError(`unexpected argument "${arg}"\n${usage}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (withValue.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith("--")) throw new ArgsError(`--${name} needs a value`);
      values.set(name, value);
    } else if (flags.includes(name) && inline === undefined) {
      seen.add(name);
    } else {
      throw new ArgsError(`unknown option --${name}\n${usage}`);
    }
  }
  return {
    value: (name: string) => values.get(name),
    flag: (name: string) => seen.has(name),
    int(name: string, fallback: number, min: number, max: number): number {
      const raw = values.get(name);
      if (raw === undefined) return fallback;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new ArgsError(`--${name} takes a whole number from ${min} to ${max}, not "${raw}"`);
      }
      return Number(raw);
    },
  };
}
