// Pure rules of the security baseline (no I/O): the Content-Security-Policy and the same-origin
// check for requests that change data. Wired into Express by server/security.ts.

/** The CSP of a page: scripts only from us or carrying this request's nonce; no framing. */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets our nonce'd module scripts load the route chunks they import.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React sets style attributes (e.g. progress bars, the network map): no inline *scripts*.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that changes data comes from our own pages. Browsers send `Sec-Fetch-Site`
 * and `Origin` with every form post and fetch; a cross-site request is refused. A request with
 * neither (curl, server-to-server) cannot carry a victim's cookies from a browser and is allowed.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  ownOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = headers.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  if (headers.origin && headers.origin !== "null")
    return headers.origin.toLowerCase() !== ownOrigin.toLowerCase();
  // "Origin: null" comes from sandboxed frames and opaque redirects: not ours.
  return headers.origin === "null";
}
