// The pure parts of `npm run bench:network` (bench/): arguments, statistics, the baseline graph,
// the pan/zoom script, the summary against issue 5's targets and the Markdown report.
import { describe, expect, it } from "vitest";
import { BenchArgsError, DEFAULT_APP_DIR, DEFAULT_SIZES, parseBenchArgs } from "../../bench/lib/args";
import { panZoomScript, type BrowserRun } from "../../bench/lib/browser-measure";
import { benchTarget, serverDatabaseEnv } from "../../bench/lib/database";
import type { LoaderRun } from "../../bench/lib/loader";
import { plainGraph } from "../../bench/lib/plain-graph";
import {
  markdownReport,
  queriesIndependentOfN,
  summarise,
  type ReportMeta,
  type SizeResult,
} from "../../bench/lib/report";
import { median, percentile, ratio } from "../../bench/lib/stats";

describe("parseBenchArgs", () => {
  it("defaults to the issue's sizes, 3 runs, PostgreSQL and the app copy", () => {
    const args = parseBenchArgs([]);
    expect(args.sizes).toEqual([...DEFAULT_SIZES]);
    expect(args.sizes).toEqual([200, 500, 1000, 3000, 10000]);
    expect(args.runs).toBe(3);
    expect(args.pglite).toBe(false);
    expect(args.appDir).toBe(DEFAULT_APP_DIR);
    expect(args.postgresUrl).toBe("postgres://postgres@127.0.0.1:5432/postgres");
  });

  it("reads sizes, runs and flags in both spellings", () => {
    const args = parseBenchArgs([
      "--sizes",
      "200,1_000",
      "--runs=1",
      "--pglite",
      "--app-dir",
      ".",
      "--reuse",
    ]);
    expect(args.sizes).toEqual([200, 1000]);
    expect(args.runs).toBe(1);
    expect(args.pglite).toBe(true);
    expect(args.appDir).toBe(".");
    expect(args.reuse).toBe(true);
    expect(parseBenchArgs([], { BENCH_POSTGRES_URL: "postgres://x@h/db" }).postgresUrl).toBe(
      "postgres://x@h/db",
    );
  });

  it("refuses bad values and unknown options", () => {
    expect(() => parseBenchArgs(["--sizes", "200,abc"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["--sizes", "0"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["--runs", "0"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["--runs"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["--size", "200"])).toThrow(/unknown option --size/);
    expect(() => parseBenchArgs(["200"])).toThrow(BenchArgsError);
  });
});

describe("stats", () => {
  it("takes medians of odd and even counts, skipping missing values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, undefined])).toBe(5);
    expect(median([])).toBeNull();
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([10, 20], 95)).toBe(20);
    expect(percentile([16, 16, 16, 500], 50)).toBe(16);
    expect(percentile([], 95)).toBeNull();
  });

  it("divides only when both sides are there", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(null, 4)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});

describe("plainGraph", () => {
  it("has N nodes and 3N edges between distinct existing nodes, the same every time", () => {
    const graph = plainGraph(300);
    expect(graph.nodes).toHaveLength(300);
    expect(graph.edges).toHaveLength(900);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(ids.size).toBe(300);
    for (const edge of graph.edges) {
      expect(edge.source).not.toBe(edge.target);
      expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    }
    expect(plainGraph(300)).toEqual(graph);
    expect(plainGraph(300, 2).nodes[0]?.position).not.toEqual(graph.nodes[0]?.position);
  });
});

describe("panZoomScript", () => {
  const script = panZoomScript();

  it("lasts about 3 s, in time order", () => {
    const last = script[script.length - 1]!.at;
    expect(last).toBeGreaterThan(2500);
    expect(last).toBeLessThan(3500);
    for (let i = 1; i < script.length; i++) expect(script[i]!.at).toBeGreaterThan(script[i - 1]!.at);
  });

  it("presses and releases in pairs, stays near the start point and ends zoomed in", () => {
    const presses = script.filter((s) => s.type === "mousePressed").length;
    expect(presses).toBeGreaterThanOrEqual(3);
    expect(script.filter((s) => s.type === "mouseReleased")).toHaveLength(presses);
    for (const step of script) {
      expect(Math.abs(step.dx)).toBeLessThanOrEqual(220);
      expect(Math.abs(step.dy)).toBeLessThanOrEqual(160);
    }
    const wheel = script.filter((s) => s.type === "mouseWheel").reduce((sum, s) => sum + (s.deltaY ?? 0), 0);
    expect(wheel).toBeLessThan(0);
  });
});

describe("benchTarget", () => {
  it("names one PostgreSQL database per size on the given server, or a PGlite directory", () => {
    const pg = benchTarget(1000, {
      pglite: false,
      postgresUrl: "postgres://postgres@127.0.0.1:5432/postgres",
    });
    expect(pg).toMatchObject({ kind: "postgres", name: "trellis_bench_1000" });
    expect(pg.kind === "postgres" && pg.url).toBe("postgres://postgres@127.0.0.1:5432/trellis_bench_1000");
    expect(serverDatabaseEnv(pg)).toEqual({
      DATABASE_URL: pg.kind === "postgres" ? pg.url : "",
      PGLITE_DIR: undefined,
    });
    const lite = benchTarget(200, { pglite: true, postgresUrl: "" });
    expect(lite.kind).toBe("pglite");
    expect(serverDatabaseEnv(lite).DATABASE_URL).toBeUndefined();
    expect(serverDatabaseEnv(lite).PGLITE_DIR).toMatch(/trellis-bench-pglite\/200$/);
  });
});

const browserRun = (over: Partial<BrowserRun>): BrowserRun => ({
  readyMs: 1000,
  responseStartMs: 100,
  domContentLoadedMs: 400,
  p95FrameMs: 20,
  maxFrameMs: 40,
  frames: 150,
  interactionMs: 3000,
  heapBytes: 20 * 1024 * 1024,
  flowNodes: 100,
  flowEdges: 200,
  domElements: 2000,
  viewportMoved: true,
  error: null,
  ...over,
});
const loaderRun = (over: Partial<LoaderRun>): LoaderRun => ({
  coldMs: 100,
  warmMs: 5,
  viewColdMs: 80,
  analyticsColdMs: 20,
  coldQueries: 9,
  warmQueries: 3,
  nodes: 100,
  edges: 200,
  clustered: false,
  organisationCount: 100,
  betweenness: "ready/exact",
  backgroundMs: 500,
  ...over,
});
const sizeResult = (size: number, over: Partial<SizeResult> = {}): SizeResult => ({
  size,
  organisations: size,
  seedSeconds: 1,
  reused: false,
  loader: [loaderRun({ coldMs: 90 }), loaderRun({ coldMs: 300 }), loaderRun({ coldMs: 100 })],
  payload: [{ status: 200, bytes: 20480, gzipBytes: 4096, ms: 10 }],
  trellis: [browserRun({ readyMs: 900 }), browserRun({ readyMs: 1100 }), browserRun({ readyMs: 1000 })],
  plain: [browserRun({ readyMs: 3000 }), browserRun({ readyMs: 2900 }), browserRun({ readyMs: 3100 })],
  notes: [],
  ...over,
});

describe("summarise", () => {
  it("takes medians and checks the ready-ratio target at 1,000 (0.4x)", () => {
    const s = summarise(sizeResult(1000));
    expect(s.loaderColdMs).toBe(100);
    expect(s.backgroundMs).toBe(500);
    expect(s.trellisReadyMs).toBe(1000);
    expect(s.plainReadyMs).toBe(3000);
    expect(s.readyRatio).toBeCloseTo(1 / 3);
    expect(s.ratioTarget).toBe(0.4);
    expect(s.ratioMet).toBe(true);
    expect(s.p95Met).toBe(true);
  });

  it("misses the 10,000 target (0.15x) and the 50 ms frame target when slower", () => {
    const s = summarise(
      sizeResult(10000, {
        trellis: [browserRun({ readyMs: 5000, p95FrameMs: 80 })],
        plain: [browserRun({ readyMs: 20000 })],
      }),
    );
    expect(s.readyRatio).toBe(0.25);
    expect(s.ratioMet).toBe(false);
    expect(s.p95Met).toBe(false);
  });

  it("counts a p95 of three vsync frames (50.1 ms) as meeting the 50 ms target, 66.7 ms as missing it", () => {
    expect(summarise(sizeResult(200, { trellis: [browserRun({ p95FrameMs: 50.1 })] })).p95Met).toBe(true);
    expect(summarise(sizeResult(200, { trellis: [browserRun({ p95FrameMs: 66.7 })] })).p95Met).toBe(false);
  });

  it("has no ratio target at other sizes, leaves failed runs out and reports their errors", () => {
    const s = summarise(
      sizeResult(500, {
        trellis: [browserRun({ readyMs: 800 }), browserRun({ readyMs: null, error: "timeout" })],
        plain: [browserRun({ readyMs: 1600, viewportMoved: false })],
      }),
    );
    expect(s.ratioTarget).toBeNull();
    expect(s.ratioMet).toBeNull();
    expect(s.trellisReadyMs).toBe(800);
    expect(s.readyRatio).toBe(0.5);
    expect(s.errors).toEqual(["Trellis: timeout", "plain: the pan/zoom did not move the viewport"]);
  });

  it("leaves the browser figures empty when the page was not measured", () => {
    const s = summarise(sizeResult(200, { trellis: null, loader: null }));
    expect(s.trellisReadyMs).toBeNull();
    expect(s.readyRatio).toBeNull();
    expect(s.p95Met).toBeNull();
    expect(s.queriesCold).toBeNull();
  });
});

describe("queriesIndependentOfN and markdownReport", () => {
  const meta: ReportMeta = {
    date: "2026-11-26T18:00:00Z",
    cpu: "Test CPU",
    cores: 2,
    memoryGb: 24,
    node: "v20.20.2",
    chromium: "156.0",
    database: "PostgreSQL",
    runs: 3,
    commit: "0123456789abcdef",
  };

  it("says whether the cold query count is the same at every size", () => {
    const same = [summarise(sizeResult(200)), summarise(sizeResult(1000))];
    expect(queriesIndependentOfN(same)).toBe(true);
    const grows = [
      summarise(sizeResult(200)),
      summarise(sizeResult(1000, { loader: [loaderRun({ coldQueries: 12 })] })),
    ];
    expect(queriesIndependentOfN(grows)).toBe(false);
    expect(queriesIndependentOfN(same.slice(0, 1))).toBeNull();
  });

  it("renders one table row per size with the targets marked, and the machine", () => {
    const report = markdownReport(meta, [
      summarise(sizeResult(1000)),
      summarise(sizeResult(10000, { trellis: [browserRun({ readyMs: 5000, p95FrameMs: 80 })] })),
    ]);
    expect(report).toContain("Test CPU, 2 cores, 24 GB");
    expect(report).toContain("Chromium 156.0");
    expect(report).toContain("median of 3 runs");
    const mainTable = report.split("SQL query count")[0]!;
    const rows = mainTable.split("\n").filter((line) => /^\| 1[0,]+ \|/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("| 1,000 | 100 / 5.0 | 9 / 3 | 20 / 4.0 | 1000 | 3000 | 0.33x (≤ 0.4) ✅ |");
    expect(rows[1]).toContain("1.67x (≤ 0.15) ❌");
    expect(rows[1]).toContain("80.0 / 20.0 ❌");
    expect(report).toContain("SQL query count independent of N: yes ✅");
  });
});
