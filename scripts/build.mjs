// The shipped CLI: a bundle, dist/cli/main.js plus a chunk per command's work (esbuild: a few files load in about
// half the time of the ~150 modules tsc would emit), as CommonJS that bin/upstream.js compiles with V8's code
// cache, and the data the code reads beside itself (the built-in frameworks). Type-checking is `tsc --noEmit`
// in the tests. Run by `npm ci` (prepare), `npm run build` and `npm test`.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
const frameworksDir = join(root, "src", "maturity", "frameworks");

/**
 * The shipped frameworks parsed and validated by the tool's own loader (bundled on its own into a temp folder and
 * run), as the source of src/maturity/builtin-frameworks.ts in the build: their models, in file-name order, each
 * without `file`. Properties set to undefined are written as undefined, so the objects equal what the loader
 * returns. A shipped framework with a problem fails the build.
 */
async function precompiledFrameworks() {
  const tmp = mkdtempSync(join(tmpdir(), "upstream-build-"));
  try {
    const entry = join(tmp, "parse.mjs");
    await build({
      stdin: {
        contents: `export { parseFramework } from ${JSON.stringify(join(frameworksDir, "..", "load-framework.ts"))};`,
        resolveDir: root,
        loader: "ts",
      },
      outfile: entry,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "warning",
      external: ["better-sqlite3", "pg"],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const { parseFramework } = await import(pathToFileURL(entry).href);
    const frameworks = [];
    for (const name of readdirSync(frameworksDir)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()) {
      const file = join(frameworksDir, name);
      const { framework, issues } = parseFramework(readFileSync(file, "utf8"), file);
      if (!framework) throw new Error(`${file}: ${issues.map((i) => i.message).join("; ")}`);
      const { file: _located, ...model } = framework;
      frameworks.push({ name, framework: model });
    }
    const UNDEFINED = "\u0000undefined\u0000";
    const literal = JSON.stringify(frameworks, (_k, v) => (v === undefined ? UNDEFINED : v)).replaceAll(
      JSON.stringify(UNDEFINED),
      "undefined",
    );
    return `export const PRECOMPILED_FRAMEWORKS = ${literal};\n`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** builtin-frameworks.ts becomes the frameworks' models (see precompiledFrameworks). */
function builtinFrameworks(contents) {
  return {
    name: "builtin-frameworks",
    setup(b) {
      b.onLoad({ filter: /[\\/]maturity[\\/]builtin-frameworks\.ts$/ }, () => ({ contents, loader: "js" }));
    },
  };
}

const frameworksModule = await precompiledFrameworks();
const esmDir = mkdtempSync(join(tmpdir(), "upstream-build-"));
try {
  // 1. An ESM build: dist/cli/main.js plus a chunk per command's work, loaded when the command runs (`--help` loads
  // none); past the folders' index.ts files (see barrel-imports.mjs), so a command's chunks hold only the modules
  // it uses.
  await build({
    entryPoints: [join(root, "src", "cli", "main.ts")],
    outdir: esmDir,
    entryNames: "[name]",
    splitting: true,
    // builtinFrameworks first: the first plugin to load a file wins, and barrelImports loads every .ts file.
    plugins: [builtinFrameworks(frameworksModule), barrelImports(join(root, "src")), zodEnglishOnly],
    chunkNames: "[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    // better-sqlite3 is a native addon (its .node file is found beside its own package) and pg loads optional
    // modules by name: both stay in node_modules, required at run time.
    external: ["better-sqlite3", "pg"],
  });
  // 2. Each of its files as CommonJS, the same files with the same names: bin/upstream.js compiles CommonJS with
  // V8's code cache (node 20 has none for ES modules), which saves most of a run's compiling. `import()` of a chunk
  // becomes a require of it when the command runs.
  rmSync(join(root, "dist"), { recursive: true, force: true });
  await build({
    entryPoints: readdirSync(esmDir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => join(esmDir, f)),
    outdir: join(root, "dist", "cli"),
    bundle: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    supported: { "dynamic-import": false },
    // the first build's source maps, read from its files, so the maps still point into src/
    sourcemap: true,
    logLevel: "warning",
    // Code that finds its data by its own location (PACKAGE_ROOT, the built-in frameworks) reads import.meta.url:
    // each file's own URL, as in the ESM build. "use strict" keeps every module strict, as ES modules are
    // (commander and js-yaml included).
    define: { "import.meta.url": "__upstreamImportMetaUrl" },
    banner: {
      js: '"use strict"; var __upstreamImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    },
  });
} finally {
  rmSync(esmDir, { recursive: true, force: true });
}
// dist/ holds CommonJS (the package is "type": "module"): `node dist/cli/main.js` runs it too, without the cache.
writeFileSync(join(root, "dist", "package.json"), '{ "type": "commonjs" }\n');
// Code that reads its data by its own location (import.meta.url) finds it beside the bundle.
cpSync(frameworksDir, join(root, "dist", "cli", "frameworks"), { recursive: true });
