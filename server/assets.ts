// Static files of the client build. Where the build wrote a Brotli or gzip copy (vite/precompress.ts)
// and the browser accepts it, that copy is sent as it is: nothing is compressed on the request path.
import express, { type RequestHandler } from "express";
import fs from "node:fs";
import path from "node:path";
import { PRECOMPRESSED } from "../vite/precompress";

const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** `express.static` for `dir`, preferring precompressed copies. Build files never change while running. */
export function staticWithPrecompressed(dir: string, options: { immutable: boolean; maxAge: string }) {
  const serve = express.static(dir, { ...options, index: false });
  const root = path.resolve(dir);
  const exists = new Map<string, boolean>();
  const has = (file: string) => {
    let found = exists.get(file);
    if (found === undefined) {
      found = fs.existsSync(file);
      exists.set(file, found);
    }
    return found;
  };
  const handler: RequestHandler = (req, res, next) => {
    if ((req.method === "GET" || req.method === "HEAD") && PRECOMPRESSED.test(req.path)) {
      let file = "";
      try {
        file = path.join(root, decodeURIComponent(req.path));
      } catch {
        // A malformed escape: express.static answers it.
      }
      // Brotli first whatever the header's order (browsers list gzip first, with equal weight).
      const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name);
      if (file.startsWith(root + path.sep) && encoding && has(file + encoding.suffix)) {
        res.setHeader("Vary", "Accept-Encoding");
        res.setHeader("Content-Encoding", encoding.name);
        res.type(path.extname(file));
        req.url = `${req.path}${encoding.suffix}`;
      } else if (file.startsWith(root + path.sep)) {
        res.setHeader("Vary", "Accept-Encoding");
      }
    }
    serve(req, res, next);
  };
  return handler;
}

/**
 * The client build's files, in front of the app: `/assets/...` (hashed names, cached for a year) and
 * the few other files at the build's top level (cached for an hour). Which top-level names exist is
 * read once at start (the build does not change while the server runs), so a page or data request
 * goes to the app without a look at the disk: asking express.static first cost every request a
 * failed stat (about 3% of the server's CPU under the load test).
 */
export function clientBuildFiles(dir: string): RequestHandler {
  const assets = staticWithPrecompressed(dir, { immutable: true, maxAge: "1y" });
  const others = staticWithPrecompressed(dir, { immutable: false, maxAge: "1h" });
  const topLevel = new Set(fs.readdirSync(dir).filter((name) => name !== "assets"));
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    if (first === "assets") return assets(req, res, next);
    if (topLevel.has(first)) return others(req, res, next);
    next();
  };
}
