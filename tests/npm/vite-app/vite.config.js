// The entry points initialise their wasm with top-level await: build for modern browsers.
// Two pages: index.html (a host page under hostile CSS) and embed.html (a console page
// with three timelines behind its own authenticating proxy).
import { fileURLToPath } from "node:url";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

export default {
  base: "./",
  build: {
    target: "esnext",
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: { index: here("./index.html"), embed: here("./embed.html") },
    },
  },
  worker: { format: "es" },
};
