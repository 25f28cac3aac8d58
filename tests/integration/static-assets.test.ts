// The client build's precompressed copies (vite/precompress.ts) and how the server sends them
// (server/assets.ts): Brotli or gzip as the browser accepts, the right type, never outside the folder.
import compression from "compression";
import express from "express";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientBuildFiles, staticWithPrecompressed } from "../../server/assets";
import { precompress } from "../../vite/precompress";

const script = `export const words = ${JSON.stringify("partnership ".repeat(400))};\n`;
let dir: string;
let server: http.Server;
let origin: string;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(pathname: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
    http
      .get(`${origin}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

/** Run the plugin's writeBundle hook as Vite would for one environment. */
async function runPlugin(environment: string, files: string[]) {
  const plugin = precompress();
  const hook = plugin.writeBundle as unknown as (
    this: { environment: { name: string } },
    options: { dir: string },
    bundle: Record<string, unknown>,
  ) => Promise<void>;
  await hook.call(
    { environment: { name: environment } },
    { dir },
    Object.fromEntries(files.map((f) => [f, {}])),
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-assets-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets/app-1a2b.js"), script);
  fs.writeFileSync(path.join(dir, "assets/tiny-3c4d.js"), "export {};\n");
  fs.writeFileSync(path.join(dir, "assets/plain-5e6f.css"), `.a{color:red}\n`.repeat(200));
  fs.writeFileSync(path.join(dir, "secret.txt"), "outside the assets");
  await runPlugin("client", ["assets/app-1a2b.js", "assets/tiny-3c4d.js"]);
  const app = express();
  app.use(compression());
  app.use(staticWithPrecompressed(dir, { immutable: true, maxAge: "1y" }));
  app.use((_req, res) => {
    res.status(404).send("not here");
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("precompress (build)", () => {
  it("writes .br and .gz copies that decompress to the file", () => {
    const original = fs.readFileSync(path.join(dir, "assets/app-1a2b.js"));
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, "assets/app-1a2b.js.br")))).toEqual(
      original,
    );
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, "assets/app-1a2b.js.gz")))).toEqual(original);
  });

  it("leaves files under 1 KB and files not in the bundle alone", () => {
    expect(fs.existsSync(path.join(dir, "assets/tiny-3c4d.js.br"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "assets/plain-5e6f.css.br"))).toBe(false);
  });

  it("does nothing for the server build", async () => {
    fs.writeFileSync(path.join(dir, "assets/server-7a8b.js"), script);
    await runPlugin("ssr", ["assets/server-7a8b.js"]);
    expect(fs.existsSync(path.join(dir, "assets/server-7a8b.js.br"))).toBe(false);
  });
});

describe("staticWithPrecompressed (server)", () => {
  it("sends the Brotli copy when Brotli is accepted, even listed after gzip", async () => {
    const res = await get("/assets/app-1a2b.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it("sends the gzip copy when only gzip is accepted", async () => {
    const res = await get("/assets/app-1a2b.js", "gzip");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(res.body).toString()).toBe(script);
  });

  it("sends the file itself when no encoding is accepted", async () => {
    const res = await get("/assets/app-1a2b.js", "identity");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toBe(script);
  });

  it("still compresses files without a copy on the fly", async () => {
    const res = await get("/assets/plain-5e6f.css", "gzip");
    expect(res.headers["content-type"]).toMatch(/^text\/css/);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(res.body).toString()).toContain(".a{color:red}");
  });

  it("never serves a path outside its folder", async () => {
    const res = await get("/assets/..%2F..%2Fetc%2Fpasswd.js", "br");
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain("root:");
    const malformed = await get("/assets/%E0%A4%A.js", "br");
    expect(malformed.status).toBeLessThan(500);
  });
});

describe("clientBuildFiles (server)", () => {
  it("serves the build's files and sends every other path to the app without looking on disk", async () => {
    const build = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-client-"));
    fs.mkdirSync(path.join(build, "assets"));
    fs.writeFileSync(path.join(build, "assets/app-9f8e.js"), "export {};\n");
    fs.writeFileSync(path.join(build, "favicon.svg"), "<svg/>");
    const app = express();
    app.use(clientBuildFiles(build));
    app.use((req, res) => {
      res.status(200).send(`app: ${req.path}`);
    });
    const own = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const base = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
    try {
      const asset = await fetch(`${base}/assets/app-9f8e.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("cache-control")).toContain("immutable");
      const favicon = await fetch(`${base}/favicon.svg`);
      expect(await favicon.text()).toBe("<svg/>");
      expect(favicon.headers.get("cache-control")).not.toContain("immutable");
      expect(await (await fetch(`${base}/organisations`)).text()).toBe("app: /organisations");
      // A top-level file that appears after start is not looked for: the app answers.
      fs.writeFileSync(path.join(build, "organisations"), "a file");
      expect(await (await fetch(`${base}/organisations`)).text()).toBe("app: /organisations");
      // A missing asset is the app's to answer (its 404 page).
      expect(await (await fetch(`${base}/assets/missing.js`)).text()).toBe("app: /assets/missing.js");
    } finally {
      own.closeAllConnections();
      await new Promise<void>((resolve) => own.close(() => resolve()));
      fs.rmSync(build, { recursive: true, force: true });
    }
  });
});
