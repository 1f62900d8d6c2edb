// The entry points initialise their wasm with top-level await: build for modern browsers.
export default { base: "./", build: { target: "esnext", outDir: "dist", emptyOutDir: true }, worker: { format: "es" } };
