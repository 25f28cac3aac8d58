// The security baseline as Express middleware: headers with a per-request CSP nonce, the
// same-origin check for writes, and a body size limit. The rules are in app/lib/security.ts.
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { IMPORT_MAX_BYTES } from "../app/lib/import/kinds";
import { contentSecurityPolicy, isCrossSiteWrite } from "../app/lib/security";

export function securityHeaders({ dev }: { dev: boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    // Vite's dev server injects inline scripts for hot reload: the CSP applies in production.
    if (!dev) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  };
}

export function sameOriginWrites(): RequestHandler {
  return (req, res, next) => {
    const ownOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
    const crossSite = isCrossSiteWrite(
      req.method,
      { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") },
      ownOrigin,
    );
    if (crossSite) {
      res.status(403).type("text/plain").send("Forbidden: cross-site request");
      return;
    }
    next();
  };
}

/**
 * Uploads to /import (its page and its data request): the route refuses a file over IMPORT_MAX_BYTES
 * itself, with its message next to the field (decision 0025), so the limit here is twice that: a body
 * between the two reaches the route; past it, a bare 413.
 */
export const importUploadLimit = {
  paths: ["/import", "/import.data"],
  maxBytes: 2 * IMPORT_MAX_BYTES,
} as const;

/**
 * 413 for a body whose declared length is over the limit; 411 for a body without a declared length
 * (browsers declare the length of every form post and upload).
 */
export function bodyLimit(
  maxBytes: number,
  /** Paths (POST) with a larger limit of their own, e.g. uploads whose route says why a file is refused. */
  larger: { paths: readonly string[]; maxBytes: number } | null = null,
): RequestHandler {
  return (req, res, next) => {
    // "/import/" is "/import": a trailing slash does not escape the path's own limit.
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, "") : req.path;
    const limit =
      larger && req.method === "POST" && larger.paths.includes(path)
        ? Math.max(maxBytes, larger.maxBytes)
        : maxBytes;
    const length = req.get("content-length");
    // A body of unknown length (chunked) could be any size: browsers always declare it.
    if (length === undefined && req.get("transfer-encoding")) {
      res.status(411).set("Connection", "close").type("text/plain").send("Length Required");
      req.resume();
      return;
    }
    const declared = Number(length ?? "0");
    if (declared > limit) {
      res.status(413).set("Connection", "close").type("text/plain").send("Payload Too Large");
      req.resume();
      return;
    }
    next();
  };
}
