// The client build's chunking rule (vite/chunks.ts, decision 0038) on a made-up module graph.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientChunks, SMALL_MODULE_BYTES, type ChunkModuleInfo } from "../../vite/chunks";

const app = path.resolve("/project/app");
const at = (file: string) => path.join(app, file);
const pkg = (file: string) => path.join("/project/node_modules", file);

function graph(modules: Record<string, { size?: number; importers?: string[]; imports?: string[] }>) {
  const infos = new Map<string, ChunkModuleInfo>(
    Object.entries(modules).map(([id, m]) => [
      id,
      { code: "x".repeat(m.size ?? 100), importers: m.importers ?? [], importedIds: m.imports ?? [] },
    ]),
  );
  const chunk = clientChunks(app);
  return (id: string) => chunk(id, { getModuleInfo: (wanted) => infos.get(wanted) ?? null });
}

describe("clientChunks", () => {
  const routeA = at("routes/a.tsx");
  const routeB = at("routes/b.tsx");
  const chunkOf = graph({
    [pkg("react/index.js")]: {},
    [pkg("react-router/dist/index.mjs")]: {},
    [pkg("zod/index.js")]: {},
    [at("i18n/use-translation.ts")]: { importers: [routeA, routeB], imports: [pkg("react/index.js")] },
    [at("components/badge.tsx")]: {
      importers: [routeA, routeB],
      imports: [at("i18n/use-translation.ts"), pkg("react-router/dist/index.mjs")],
    },
    [at("lib/only-a.ts")]: { importers: [routeA] },
    // Two modules import it, but both belong to route A only.
    [at("components/a/gate.tsx")]: { importers: [routeA, at("components/a/map.tsx")] },
    [at("components/a/map.tsx")]: { size: SMALL_MODULE_BYTES + 1, importers: [routeA] },
    // Every page loads the root.
    [at("lib/root-only.ts")]: { importers: [at("root.tsx")] },
    // A route imported under a query (React Router's split route modules) is still that route.
    [at("lib/split.ts")]: { importers: [`${routeA}?route-chunk=main`, routeB] },
    [at("lib/big.ts")]: { size: SMALL_MODULE_BYTES + 1, importers: [routeA, routeB] },
    [at("lib/uses-big.ts")]: { importers: [routeA, routeB], imports: [at("lib/big.ts")] },
    [at("lib/uses-zod.ts")]: { importers: [routeA, routeB], imports: [pkg("zod/index.js")] },
    [at("lib/cycle-a.ts")]: { importers: [routeA, routeB], imports: [at("lib/cycle-b.ts")] },
    [at("lib/cycle-b.ts")]: { importers: [at("lib/cycle-a.ts")], imports: [at("lib/cycle-a.ts")] },
    [routeA]: { importers: ["\0virtual:routes", routeB], imports: [at("components/badge.tsx")] },
    [at("root.tsx")]: { importers: ["\0virtual:entry", routeA] },
  });

  it("puts React, React DOM and React Router in the framework chunk", () => {
    expect(chunkOf(pkg("react/index.js"))).toBe("framework");
    expect(chunkOf(pkg("react-router/dist/index.mjs"))).toBe("framework");
  });

  it("leaves other packages to Rollup", () => {
    expect(chunkOf(pkg("zod/index.js"))).toBeUndefined();
  });

  it("puts small app modules several routes use, importing only such modules or the framework, in the shared chunk", () => {
    expect(chunkOf(at("i18n/use-translation.ts"))).toBe("shared");
    expect(chunkOf(at("components/badge.tsx"))).toBe("shared");
  });

  it("leaves a module one route uses with that route, however many of its modules import it", () => {
    expect(chunkOf(at("lib/only-a.ts"))).toBeUndefined();
    expect(chunkOf(at("components/a/gate.tsx"))).toBeUndefined();
  });

  it("counts the root as every page, and a route imported under a query as that route", () => {
    expect(chunkOf(at("lib/root-only.ts"))).toBe("shared");
    expect(chunkOf(at("lib/split.ts"))).toBe("shared");
  });

  it("leaves large modules, and small ones that would pull in large modules or other packages, to Rollup", () => {
    expect(chunkOf(at("lib/big.ts"))).toBeUndefined();
    expect(chunkOf(at("lib/uses-big.ts"))).toBeUndefined();
    expect(chunkOf(at("lib/uses-zod.ts"))).toBeUndefined();
  });

  it("never moves a route module, the root or a module in an import cycle", () => {
    expect(chunkOf(routeA)).toBeUndefined();
    expect(chunkOf(at("root.tsx"))).toBeUndefined();
    expect(chunkOf(at("lib/cycle-a.ts"))).toBeUndefined();
  });
});
