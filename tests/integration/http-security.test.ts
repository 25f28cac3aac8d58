// The security baseline over real HTTP (server/security.ts): a small Express app wired like
// server/main.ts, listening on an ephemeral port.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES } from "~/lib/import/kinds";
import { bodyLimit, importUploadLimit, sameOriginWrites, securityHeaders } from "../../server/security";

const BODY_LIMIT = 1024;

function buildApp({ disablePoweredBy = true } = {}): Express {
  const app = express();
  // As server/main.ts does.
  if (disablePoweredBy) app.disable("x-powered-by");
  app.use(securityHeaders({ dev: false }));
  app.use(sameOriginWrites());
  app.use(bodyLimit(BODY_LIMIT, { paths: ["/upload"], maxBytes: 4 * BODY_LIMIT }));
  app.use(express.text({ type: "*/*", limit: "1mb" }));
  app.use((req, res) => {
    const body: unknown = req.body;
    const length = typeof body === "string" ? body.length : 0;
    res.type("text/plain").send(`ok ${req.method} ${length} ${String(res.locals.nonce)}`);
  });
  return app;
}

async function listen(app: Express): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, "127.0.0.1", (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

let server: Server;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = await listen(buildApp()));
});

afterAll(async () => {
  await close(server);
});

function nonceOf(csp: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
}

describe("security headers", () => {
  it("sends a CSP with a nonce, frame-ancestors 'none', nosniff and Referrer-Policy same-origin", async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy");
    expect(csp).toContain("frame-ancestors 'none'");
    const scriptSrc = csp?.split(";").find((d) => d.trim().startsWith("script-src"));
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes, base64
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("uses a fresh nonce on every request, the same one the app renders with", async () => {
    const [a, b] = await Promise.all([fetch(`${origin}/one`), fetch(`${origin}/two`)]);
    const nonceA = nonceOf(a.headers.get("content-security-policy"));
    const nonceB = nonceOf(b.headers.get("content-security-policy"));
    expect(nonceA).toBeDefined();
    expect(nonceA).not.toBe(nonceB);
    // res.locals.nonce (what the pages put on their scripts) is the header's nonce.
    expect((await a.text()).endsWith(` ${nonceA}`)).toBe(true);
    expect((await b.text()).endsWith(` ${nonceB}`)).toBe(true);
  });

  it("sends the headers on refused requests too", async () => {
    const response = await fetch(`${origin}/`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends no X-Powered-By when disabled as in server/main.ts (Express sends it otherwise)", async () => {
    const response = await fetch(`${origin}/`);
    expect(response.headers.has("x-powered-by")).toBe(false);

    const plain = await listen(buildApp({ disablePoweredBy: false }));
    try {
      expect((await fetch(`${plain.origin}/`)).headers.get("x-powered-by")).toBe("Express");
    } finally {
      await close(plain.server);
    }
  });

  it("sends no CSP in development (Vite injects inline scripts), but keeps the other headers", async () => {
    const app = express();
    app.disable("x-powered-by");
    app.use(securityHeaders({ dev: true }));
    app.use((_req, res) => {
      res.send("dev");
    });
    const dev = await listen(app);
    try {
      const response = await fetch(`${dev.origin}/`);
      expect(response.headers.has("content-security-policy")).toBe(false);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    } finally {
      await close(dev.server);
    }
  });
});

describe("same-origin writes", () => {
  it("refuses a cross-site POST (Sec-Fetch-Site) with 403 and no stack trace", async () => {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.org",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Forbidden: cross-site request");
  });

  it("refuses a POST whose Origin is another site, or null", async () => {
    for (const foreign of ["https://evil.example", "null", origin.replace("127.0.0.1", "localhost")]) {
      const response = await fetch(`${origin}/login`, {
        method: "POST",
        headers: { Origin: foreign },
        body: "x",
      });
      expect(response.status, foreign).toBe(403);
    }
  });

  it("refuses cross-site PUT, PATCH and DELETE", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await fetch(`${origin}/thing`, {
        method,
        headers: { "Sec-Fetch-Site": "cross-site" },
      });
      expect(response.status, method).toBe(403);
    }
  });

  it("passes a same-origin POST", async () => {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { Origin: origin, "Sec-Fetch-Site": "same-origin", "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^ok POST 5 /);
  });

  it("passes a POST with neither header (not from a browser)", async () => {
    const response = await fetch(`${origin}/login`, { method: "POST", body: "hello" });
    expect(response.status).toBe(200);
  });

  it("passes a cross-site GET and HEAD (links from other sites work)", async () => {
    const get = await fetch(`${origin}/partnerships`, {
      headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
    });
    expect(get.status).toBe(200);
    expect(await get.text()).toMatch(/^ok GET /);
    const head = await fetch(`${origin}/partnerships`, {
      method: "HEAD",
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    expect(head.status).toBe(200);
  });
});

describe("body limit", () => {
  it("answers 413 for a 2 KB body", async () => {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "text/plain" },
      body: "x".repeat(2048),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Payload Too Large");
  });

  it("accepts a body at the limit", async () => {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "text/plain" },
      body: "x".repeat(BODY_LIMIT),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(new RegExp(`^ok POST ${BODY_LIMIT} `));
  });

  it("lets an upload path take its own, larger limit, and only for POST", async () => {
    const post = (path: string, size: number) =>
      fetch(`${origin}${path}`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "text/plain" },
        body: "x".repeat(size),
      });
    expect((await post("/upload", 2048)).status).toBe(200);
    expect((await post("/upload", 4 * BODY_LIMIT + 1)).status).toBe(413);
    expect((await post("/upload/other", 2048)).status).toBe(413);
    // A trailing slash is the same path, with the same limit.
    expect((await post("/upload/", 2048)).status).toBe(200);
  });

  it("lets an import upload between the file limit and twice it reach the route (its own message)", async () => {
    const app = express();
    app.use(bodyLimit(BODY_LIMIT, importUploadLimit));
    app.use((req, res) => {
      req.resume();
      res.type("text/plain").send("route");
    });
    const { server: importServer, origin: importOrigin } = await listen(app);
    const post = (path: string, size: number) =>
      fetch(`${importOrigin}${path}`, { method: "POST", body: new Uint8Array(size) });
    try {
      for (const path of ["/import", "/import/", "/import.data"]) {
        expect((await post(path, IMPORT_MAX_BYTES + 1024 * 1024)).status).toBe(200);
      }
      expect((await post("/import", 2 * IMPORT_MAX_BYTES + 1)).status).toBe(413);
      expect((await post("/login", 2048)).status).toBe(413);
    } finally {
      await close(importServer);
    }
  });

  it("checks the origin before the size: a cross-site 2 KB POST is a 403", async () => {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site" },
      body: "x".repeat(2048),
    });
    expect(response.status).toBe(403);
  });

  it("answers 411 for a body of undeclared length (chunked), whatever its size", async () => {
    const chunks = ["x".repeat(600), "x".repeat(600)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "text/plain" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(411);
  });
});
