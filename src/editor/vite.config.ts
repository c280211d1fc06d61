// Builds the newsroom app: `vite build src/editor` (this folder is Vite's root) writes
// dist/editor/index.html and hashed assets, served by src/http/routes/admin at /admin/.

import { defineConfig } from "vite";

export default defineConfig({
  base: "/admin/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "../../dist/editor",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
  },
  logLevel: "warn",
});
