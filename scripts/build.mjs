// The shipped CLI: an ESM bundle, dist/cli/main.js plus a chunk per command's work (esbuild: a
// few files load in about half the time of the ~150 modules tsc would emit), and the data the
// code reads beside itself (the built-in frameworks). Type-checking is `tsc --noEmit` in the tests. Run by `npm ci`
// (prepare), `npm run build` and `npm test`.
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { barrelImports } from "./barrel-imports.mjs";

/**
 * zod's `z.locales` namespace holds its messages in some 40 languages (360 KB of the bundle, parsed by every command
 * that validates). The code never calls `z.config(z.locales.…())`: English, the default zod registers itself from
 * locales/en.js, is what every message is written against. The namespace keeps only `en`.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: join(args.resolveDir, "..", "locales", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });
await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outdir: join(root, "dist", "cli"),
  entryNames: "[name]",
  // Each command's work is its own chunk, loaded when the command runs (`--help` loads none); past the folders'
  // index.ts files (see barrel-imports.mjs), so a command's chunks hold only the modules it uses.
  splitting: true,
  plugins: [barrelImports(join(root, "src")), zodEnglishOnly],
  chunkNames: "[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // better-sqlite3 is a native addon (its .node file is found beside its own package) and pg loads optional
  // modules by name: both stay in node_modules, imported at run time.
  external: ["better-sqlite3", "pg"],
  // CommonJS dependencies (commander, js-yaml) call require: give the bundle one.
  banner: {
    js:
      "import { createRequire as __upstreamRequire } from 'node:module'; " +
      "const require = __upstreamRequire(import.meta.url);",
  },
});
// Code that reads its data by its own location (import.meta.url) finds it beside the bundle.
cpSync(join(root, "src", "maturity", "frameworks"), join(root, "dist", "cli", "frameworks"), { recursive: true });
