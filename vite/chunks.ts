// How the client build is cut into chunks (decision 0038). Rollup's default gives every set of
// entries (routes) that share modules a chunk of its own: the network page loaded 13 scripts, 7 of
// them under 3 KB (React's JSX runtime, part of React DOM, the translation hook, enums...), over
// HTTP/1.1's 6 connections per host. Here:
// - React, React DOM, React Router and the rest every page runs go into one "framework" chunk;
// - small app modules used by several routes whose own imports are only such modules or the
//   framework (helpers, the translation hook, badges) go into one "shared" chunk.
// Everything else is left to Rollup: a route's own code, and larger modules shared by a few routes
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
  const leafLike = new Map<string, boolean>();

  const isAppModule = (id: string) =>
    id.startsWith(app) && !id.startsWith(routes) && !entries.has(id) && !id.includes("?");

  /** Small, and importing nothing but the framework and other such modules. */
  const smallLeaf = (id: string, getModuleInfo: GetModuleInfo, depth: number): boolean => {
    if (FRAMEWORK.test(id)) return true;
    if (!isAppModule(id) || depth > 8) return false;
    const known = leafLike.get(id);
    if (known !== undefined) return known;
    leafLike.set(id, false); // an import cycle counts as not small
    const info = getModuleInfo(id);
    const small =
      info !== null &&
      info.code !== null &&
      info.code.length <= SMALL_MODULE_BYTES &&
      info.importedIds.every((imported) => smallLeaf(imported, getModuleInfo, depth + 1));
    leafLike.set(id, small);
    return small;
  };

  return (id: string, { getModuleInfo }: { getModuleInfo: GetModuleInfo }): string | undefined => {
    if (FRAMEWORK.test(id)) return "framework";
    if (!isAppModule(id)) return undefined;
    const info = getModuleInfo(id);
    if (info && info.importers.length >= 2 && smallLeaf(id, getModuleInfo, 0)) return "shared";
    return undefined;
  };
}
