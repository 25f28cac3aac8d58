// Whether a production build is older than the sources it is made from: `npm start` rebuilds then,
// and the scripts that run the built app elsewhere (system tests, crash test) do the same.
import fs from "node:fs";
import path from "node:path";

/** What a build is made from, relative to the project root. */
const BUILD_SOURCES = [
  "app",
  "server/app.ts",
  "public",
  "package-lock.json",
  "vite.config.ts",
  "react-router.config.ts",
];

/** The newest modification time among the files a build of `root` is made from. */
export function newestSource(root: string): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of BUILD_SOURCES) visit(path.join(root, entry));
  return newest;
}
