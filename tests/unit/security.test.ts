// The pure rules of the security baseline: the CSP, the same-origin check for writes
// (app/lib/security.ts), and safe redirects (app/lib/safe-redirect.ts).
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/safe-redirect";
import { contentSecurityPolicy, isCrossSiteWrite } from "~/lib/security";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name ?? "", values]),
  );
}

describe("contentSecurityPolicy", () => {
  const nonce = "dGVzdC1ub25jZS0xMjM0NQ==";
  const csp = directives(contentSecurityPolicy(nonce));

  it("allows scripts carrying this request's nonce", () => {
    expect(csp.get("script-src")).toContain(`'nonce-${nonce}'`);
  });

  it("has no 'unsafe-inline' or 'unsafe-eval' for scripts (nor in the fallback)", () => {
    for (const name of ["script-src", "default-src"]) {
      expect(csp.get(name), name).not.toContain("'unsafe-inline'");
      expect(csp.get(name), name).not.toContain("'unsafe-eval'");
    }
    expect(csp.has("script-src-attr")).toBe(false);
    expect(csp.has("script-src-elem")).toBe(false);
  });

  it("forbids framing and plugins, and pins base-uri and form-action", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("differs per nonce", () => {
    expect(contentSecurityPolicy("a")).not.toBe(contentSecurityPolicy("b"));
  });

  it("opens web sockets only in development (hot reload)", () => {
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    const dev = directives(contentSecurityPolicy(nonce, { dev: true }));
    expect(dev.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });
});

describe("isCrossSiteWrite", () => {
  const own = "https://trellis.example.org";

  it.each(["GET", "HEAD", "OPTIONS", "get"])("%s is never refused, whatever its headers", (method) => {
    expect(
      isCrossSiteWrite(method, { origin: "https://evil.example", secFetchSite: "cross-site" }, own),
    ).toBe(false);
    expect(isCrossSiteWrite(method, { origin: "null" }, own)).toBe(false);
  });

  type Row = [string, { origin?: string; secFetchSite?: string }, boolean];
  const table: Row[] = [
    ["Sec-Fetch-Site cross-site", { secFetchSite: "cross-site" }, true],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { secFetchSite: "same-site" }, true],
    ["Sec-Fetch-Site CROSS-SITE (case)", { secFetchSite: "CROSS-SITE" }, true],
    ["Sec-Fetch-Site same-origin", { secFetchSite: "same-origin" }, false],
    ["Sec-Fetch-Site none (typed by the user)", { secFetchSite: "none" }, false],
    ["Origin of another site", { origin: "https://evil.example" }, true],
    ["Origin of another port", { origin: "https://trellis.example.org:8443" }, true],
    ["Origin over http instead of https", { origin: "http://trellis.example.org" }, true],
    ["Origin of this site", { origin: "https://trellis.example.org" }, false],
    ["Origin of this site, other case", { origin: "https://Trellis.Example.org" }, false],
    ['Origin "null" (sandboxed frame, opaque redirect)', { origin: "null" }, true],
    [
      "same-origin fetch metadata but a foreign Origin",
      { secFetchSite: "same-origin", origin: "https://evil.example" },
      true,
    ],
    ["same-origin fetch metadata and own Origin", { secFetchSite: "same-origin", origin: own }, false],
    ["cross-site fetch metadata even with own Origin", { secFetchSite: "cross-site", origin: own }, true],
    ["neither header (curl, server-to-server)", {}, false],
  ];

  it.each(table)("POST with %s → %s", (_label, headers, expected) => {
    expect(isCrossSiteWrite("POST", headers, own)).toBe(expected);
  });

  it.each(["PUT", "PATCH", "DELETE", "post"])("%s is a write too", (method) => {
    expect(isCrossSiteWrite(method, { secFetchSite: "cross-site" }, own)).toBe(true);
    expect(isCrossSiteWrite(method, { origin: own }, own)).toBe(false);
  });
});

describe("safeRedirect", () => {
  it.each(["/", "/partnerships", "/partnerships?status=active#top", "/organisations/abc/edit", "/a//b"])(
    "keeps the local path %s",
    (target) => {
      expect(safeRedirect(target)).toBe(target);
    },
  );

  it.each([
    "//evil.example",
    "//evil.example/login",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "partnerships",
    "",
  ])("refuses %j", (target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  it("falls back for a missing value or a file, with a chosen fallback", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect("//evil.example", "/account")).toBe("/account");
  });

  // BUG (app/lib/safe-redirect.ts): the URL parser browsers use drops ASCII tab and newline
  // anywhere in a URL, so "/\t/evil.example" (Location header) becomes "//evil.example": an open
  // redirect. Flip to `it` once fixed.
  it("refuses a path that a browser turns into //evil.example (tab)", () => {
    expect(new URL("/\t/evil.example", "https://trellis.example.org").host).toBe("evil.example");
    expect(safeRedirect("/\t/evil.example")).toBe("/");
  });
});

describe("rate-limit buckets", () => {
  it("IPv4 counts per address; IPv6 per /64", async () => {
    const { clientBucket } = await import("~/auth/rate-limit.server");
    expect(clientBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(clientBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientBucket("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(clientBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientBucket("::1")).toBe("0:0:0:0::/64");
  });
});
