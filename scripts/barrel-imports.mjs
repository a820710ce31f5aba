// An esbuild plugin for the shipped build: an import through a folder's index.ts (its public surface, which
// src/architecture.test.ts requires) is compiled as an import of the module that defines each name.
//
// Why: esbuild splits code by which entry points reach each *file*, following every import of a file whether or not
// its names are used. Every command's action imports app/index.ts, which re-exports every use case, so every module
// under it was reachable from every command and landed in one shared 1.9 MB chunk that each command loaded (validate
// paid for git evidence, semver and the markdown parser). Past the barrels, each command's chunk holds what it uses.
// The index files hold only re-exports (no code runs in them), so skipping them changes no behaviour.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";

const IDENT = "[A-Za-z_$][\\w$]*";
const DECLARED = new RegExp(
  `^export\\s+(?:declare\\s+)?(?:default\\s+)?(?:async\\s+)?(?:abstract\\s+)?` +
    `(?:function\\*?|const|let|var|class|enum|interface|type|namespace)\\s+(${IDENT})`,
  "gm",
);
const RE_EXPORT_LIST = /\bexport\s+(type\s+)?\{([^}]*)\}\s*(?:from\s*["']([^"']+)["'])?/g;
const RE_EXPORT_STAR = /\bexport\s+\*\s+from\s*["']([^"']+)["']/g;
const IMPORT_LIST = /\b(import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+\/index\.js)["'];?/g;

const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
/** The TypeScript file a relative `.js` specifier names. */
const tsFile = (from, specifier) => resolve(dirname(from), specifier).replace(/\.js$/, ".ts");

/** `a`, `b as c`, `type T` → { name (as the module exports it), local (as this side names it), type }. */
function specifiers(list) {
  return withoutComments(list)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const type = /^type\s+/.test(s);
      const [name, local = name] = s.replace(/^type\s+/, "").split(/\s+as\s+/);
      return { name, local, type };
    });
}

/**
 * The module that defines `name` as `file` exports it (following re-exports), and its name there; undefined when
 * `file` does not export it.
 */
function definition(file, name, texts, seen = new Set()) {
  if (seen.has(file)) return undefined;
  seen.add(file);
  let text = texts.get(file);
  if (text === undefined) {
    text = withoutComments(readFileSync(file, "utf8"));
    texts.set(file, text);
  }
  for (const m of text.matchAll(DECLARED)) if (m[1] === name) return { file, name };
  for (const m of text.matchAll(RE_EXPORT_LIST)) {
    for (const s of specifiers(m[2])) {
      if (s.local !== name) continue; // in an export list, `a as b` exports a under the name b
      if (!m[3]) return { file, name };
      return definition(tsFile(file, m[3]), s.name, texts, seen);
    }
  }
  for (const m of text.matchAll(RE_EXPORT_STAR)) {
    const found = definition(tsFile(file, m[1]), name, texts, new Set(seen));
    if (found) return found;
  }
  return undefined;
}

/** A relative specifier from `from`'s folder to `file` (a .ts path), as the sources write it (.js). */
function specifierTo(from, file) {
  const rel = relative(dirname(from), file).split(sep).join("/").replace(/\.ts$/, ".js");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Rewrite the barrel imports of one source file; the line count is kept, so source maps still point right. */
export function rewriteBarrelImports(file, text, src, texts = new Map()) {
  return text.replace(IMPORT_LIST, (statement, keyword, typeOnly, list, specifier) => {
    const barrel = tsFile(file, specifier);
    if (typeOnly || !barrel.startsWith(src + sep)) return statement; // type-only imports are erased anyway
    const byFile = new Map();
    for (const s of specifiers(list)) {
      if (s.type) continue;
      const found = definition(barrel, s.name, texts);
      if (!found) throw new Error(`${file}: ${specifier} does not export ${s.name} (as the build reads it)`);
      const names = byFile.get(found.file) ?? [];
      names.push(found.name === s.local ? s.local : `${found.name} as ${s.local}`);
      byFile.set(found.file, names);
    }
    const lines = [...byFile].map(
      ([target, names]) => `${keyword} { ${names.join(", ")} } from ${JSON.stringify(specifierTo(file, target))};`,
    );
    return lines.join(" ") + "\n".repeat(statement.split("\n").length - 1);
  });
}

const DYNAMIC_IMPORT = /\bconst\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*["']([^"']+\/index\.js)["']\s*\)/g;

/**
 * `const { a, b } = await import("../x/index.js")`, where both names are defined in one module, imports that module
 * instead: a module loaded on demand (not at start-up) brings only what it uses, not the folder's every module.
 */
export function rewriteDynamicBarrelImports(file, text, src, texts = new Map()) {
  return text.replace(DYNAMIC_IMPORT, (statement, list, specifier) => {
    const barrel = tsFile(file, specifier);
    if (!barrel.startsWith(src + sep)) return statement;
    const files = new Set();
    for (const s of list
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)) {
      const found = definition(barrel, s.split(":")[0].trim(), texts);
      if (!found) throw new Error(`${file}: ${specifier} does not export ${s} (as the build reads it)`);
      if (found.name !== s.split(":")[0].trim()) return statement; // renamed on the way: left as written
      files.add(found.file);
    }
    if (files.size !== 1) return statement;
    return statement.replace(specifier, specifierTo(file, [...files][0]));
  });
}

/** The plugin: every .ts file under `src` is loaded with its barrel imports rewritten. */
export function barrelImports(src) {
  const texts = new Map();
  return {
    name: "barrel-imports",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(src + sep)) return undefined;
        const text = readFileSync(args.path, "utf8");
        return {
          contents: rewriteDynamicBarrelImports(
            args.path,
            rewriteBarrelImports(args.path, text, src, texts),
            src,
            texts,
          ),
          loader: "ts",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}
