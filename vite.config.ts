import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { clientChunks } from "./vite/chunks";
import { precompress } from "./vite/precompress";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), precompress()],
  // Vite ignores tsconfig "paths": mirror the "~" alias here.
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  // PGlite ships WASM and data files it locates relative to its own module: never bundle it.
  ssr: { external: ["@electric-sql/pglite", "postgres"] },
  build: { sourcemap: false },
  environments: {
    // Fewer, larger scripts for the browser (decision 0038); its one stylesheet is app.css.
    client: {
      build: {
        rollupOptions: { output: { manualChunks: clientChunks() } },
      },
    },
    // The server build is our request handler (server/app.ts), which wraps React Router's.
    // With the Vite Environment API (v8 flag) this is set per environment, not via isSsrBuild.
    ssr: { build: { rollupOptions: { input: "./server/app.ts" } } },
  },
});
