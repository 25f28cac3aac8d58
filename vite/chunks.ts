// How the client build is cut into chunks (decision 0038). Rollup's default gives every set of
// entries (routes) that share modules a chunk of its own: the network page loaded 13 scripts, 7 of
// them under 3 KB (React's JSX runtime, part of React DOM, the translation hook, enums...), over
// HTTP/1.1's 6 connections per host. Here:
// - React, React DOM, React Router and the rest every page runs go into one "framework" chunk;
// - small app modules that several routes (or the root, which every page loads) use, and whose own
//   imports are only such modules or the framework (helpers, the translation hook, badges), go into
//   one "shared" chunk.
// Everything else is left to Rollup: a route's own code (a module only one route reaches stays with
// it, however many of that route's modules import it), and larger modules shared by a few routes
// (the markdown renderer, the forms' helpers), stay where only the pages that need them load them.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Packages every page runs (React Router's own dependencies included). */
const FRAMEWORK =
  /[\\/]node_modules[\\/](?:react|react-dom|scheduler|react-router|react-i18next|cookie|set-cookie-parser)[\\/]/;

/** A module's source (after transforms) up to this size counts as small. */
export const SMALL_MODULE_BYTES = 8_000;

/** What Rollup's manualChunks gets to look a module up with (the part used here). */
export interface ChunkModuleInfo {
  code: string | null;
  importers: readonly string[];
  importedIds: readonly string[];
}
export type GetModuleInfo = (id: string) => ChunkModuleInfo | null;

const APP_DIR = fileURLToPath(new URL("../app/", import.meta.url));

/**
 * Rollup's `output.manualChunks` for the client build. `appDir` is the app's source folder (its
 * routes are never moved: each stays its page's own chunk).
 */
export function clientChunks(appDir: string = APP_DIR) {
  const app = path.resolve(appDir) + path.sep;
  const routes = path.join(app, "routes") + path.sep;
  const entries = new Set([path.join(app, "root.tsx"), path.join(app, "entry.client.tsx")]);
  const withoutQuery = (id: string) => id.split("?")[0] ?? id;
  /** A route module or the root (React Router may import them with a query, e.g. split route chunks). */
  const routeOf = (id: string): string | null => {
    const file = withoutQuery(id);
    return file.startsWith(routes) || entries.has(file) ? file : null;
  };
  const isAppModule = (id: string) => id.startsWith(app) && !id.includes("?") && routeOf(id) === null;

  const leafLike = new Map<string, boolean>();
  /** Small, and importing nothing but the framework and other such modules. */
  const smallLeaf = (id: string, getModuleInfo: GetModuleInfo): boolean => {
    if (FRAMEWORK.test(id)) return true;
    if (!isAppModule(id)) return false;
    const known = leafLike.get(id);
    if (known !== undefined) return known;
    leafLike.set(id, false); // an import cycle counts as not small
    const info = getModuleInfo(id);
    const small =
      info !== null &&
      info.code !== null &&
      info.code.length <= SMALL_MODULE_BYTES &&
      info.importedIds.every((imported) => smallLeaf(imported, getModuleInfo));
    leafLike.set(id, small);
    return small;
  };

  /** Whether two or more routes (or the root) reach `id` through the modules that import it. */
  const sharedByRoutes = (id: string, getModuleInfo: GetModuleInfo): boolean => {
    const found = new Set<string>();
    const seen = new Set<string>([id]);
    const queue = [id];
    while (queue.length > 0 && found.size < 2) {
      for (const importer of getModuleInfo(queue.shift() ?? "")?.importers ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        const route = routeOf(importer);
        if (route) found.add(route);
        else queue.push(importer);
      }
    }
    return found.size >= 2 || [...found].some((route) => entries.has(route));
  };

  return (id: string, { getModuleInfo }: { getModuleInfo: GetModuleInfo }): string | undefined => {
    if (FRAMEWORK.test(id)) return "framework";
    if (!isAppModule(id)) return undefined;
    if (smallLeaf(id, getModuleInfo) && sharedByRoutes(id, getModuleInfo)) return "shared";
    return undefined;
  };
}
