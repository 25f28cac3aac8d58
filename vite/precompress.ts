// Writes a Brotli (.br) and a gzip (.gz) copy next to each compressible file of the client build,
// at the highest levels, once at build time. The server sends them as they are (server/assets.ts):
// no compression on the request path, and smaller files than on-the-fly compression makes.
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; below MIN_BYTES the headers cost more than they save. */
export const PRECOMPRESSED = /\.(?:js|mjs|css|svg|json|html|txt)$/;
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: "trellis-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      // Only the browser's files: the server build is never sent over the wire.
      if (this.environment.name !== "client" || !options.dir) return;
      const dir = options.dir;
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => PRECOMPRESSED.test(file))
          .map(async (file) => {
            const full = path.join(dir, file);
            const content = await fs.readFile(full);
            if (content.byteLength < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              brotli(content, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
                },
              }),
              gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
            ]);
            await Promise.all([fs.writeFile(`${full}.br`, br), fs.writeFile(`${full}.gz`, gz)]);
          }),
      );
    },
  };
}
