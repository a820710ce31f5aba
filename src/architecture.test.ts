import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Data flows one way (DESIGN.md): each folder of src/ imports only from the folders before it, and only through
 * their index.ts (a folder's public surface). `app/` holds the use cases; the front ends (`cli/`, `server/`,
 * `worker/`, `web/`) call them. A folder with no rule here is an error: adding one is a decision to write down.
 */
const BELOW_APP = ["core", "catalog", "markdown", "evidence", "governance", "maturity", "store", "render"];
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  catalog: ["core"],
  markdown: ["core", "catalog"],
  evidence: ["core", "catalog"],
  governance: ["core", "catalog"],
  maturity: ["core", "catalog", "evidence", "governance"],
  store: ["core", "catalog", "evidence", "governance", "maturity"],
  render: ["core", "catalog", "markdown", "evidence", "governance", "maturity"],
  app: BELOW_APP,
  cli: [...BELOW_APP, "app"],
  server: [...BELOW_APP, "app"],
  worker: [...BELOW_APP, "app"],
  web: ["core", "catalog", "maturity", "render", "app", "server"],
};

/** What a module names as its dependencies: every static, type-only, side-effect, re-export and dynamic import. */
export function importSpecifiers(text: string): string[] {
  const code = withoutComments(text);
  const found: string[] = [];
  const patterns = [
    // import x from "…", import type { A } from "…", import * as m from "…", over several lines
    /\bimport\s+(?:type\s+)?[\w$*{}\s,]*?\s*from\s*(["'])(.*?)\1/g,
    // import "./side-effect.js"
    /\bimport\s*(["'])(.*?)\1/g,
    // export { a } from "…", export type { A } from "…", export * from "…", export * as ns from "…"
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(["'])(.*?)\1/g,
    // import("./x.js"), typeof import("./x.js"), import(`./x.js`)
    /\bimport\s*\(\s*(["'`])(.*?)\1/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[2]!);
  return found;
}

/** A dynamic import of a computed name cannot be checked, so it is not allowed. */
function computedImports(text: string): number {
  return [...withoutComments(text).matchAll(/\bimport\s*\(\s*(?=[^\s"'`])/g)].length;
}

/** The code without comments, so an import written in a comment is not read as one (strings are kept). */
function withoutComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      // a quote in a regular expression must not swallow the file: only a template literal spans lines
      while (j < text.length && text[j] !== c && (c === "`" || text[j] !== "\n")) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      out += " ";
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The violations of one source file, `file` given relative to src/ with `/` (e.g. `maturity/assess.ts`): imports of a
 * folder its folder may not import, of another folder's internals past its index.ts, and a file in a folder with no
 * rule.
 */
/** Test helpers (testing.ts, testing-*.ts) build fixtures for other folders' tests: they share each other's. */
function isTestHelper(path: string): boolean {
  return /(^|\/)testing(-[a-z-]+)?\.(js|ts)$/.test(path);
}

export function importViolations(file: string, text: string): string[] {
  const folder = file.includes("/") ? file.split("/")[0]! : undefined;
  if (!folder) return [`${file} is a source file directly in src/: put it in a folder with a rule in ALLOWED`];
  const allowed = ALLOWED[folder];
  if (!allowed)
    return [`${file} is in ${folder}/, which has no rule: add ${folder} to ALLOWED in architecture.test.ts`];
  const violations: string[] = [];
  if (computedImports(text) > 0) violations.push(`${file} imports a computed module name, which cannot be checked`);
  for (const specifier of importSpecifiers(text)) {
    if (!specifier.startsWith(".")) continue; // a package or node: builtin
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (target.startsWith("../")) continue; // outside src/ (package.json, examples)
    const [targetFolder, ...rest] = target.split("/");
    if (targetFolder === folder) continue;
    if (rest.length === 0) {
      violations.push(`${file} imports ${target}, a source file directly in src/`);
      continue;
    }
    if (!allowed.includes(targetFolder!))
      violations.push(`${file} imports ${targetFolder}/ (${folder}/ may import: ${allowed.join(", ") || "nothing"})`);
    else if (rest.join("/") !== "index.js" && !(isTestHelper(file) && isTestHelper(target)))
      violations.push(`${file} imports ${target}, past ${targetFolder}/index.ts: export what it needs from there`);
  }
  return violations;
}

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const sources = () => sourceFiles(SRC).map((path) => relative(SRC, path).split("\\").join("/"));

it("keeps imports flowing one way between src/ folders, each through its index.ts", () => {
  const violations = sources().flatMap((file) => importViolations(file, readFileSync(join(SRC, file), "utf8")));
  assert.deepEqual(violations, []);
});

it("finds the source files and imports it checks (the check above is not vacuous)", () => {
  const files = sources();
  const folders = new Set(files.map((f) => f.split("/")[0]));
  for (const folder of ["core", "catalog", "evidence", "maturity", "app", "cli"])
    assert.ok(folders.has(folder), folder);
  const crossing = files.flatMap((file) =>
    importSpecifiers(readFileSync(join(SRC, file), "utf8")).filter((s) => s.startsWith("../")),
  );
  assert.ok(crossing.length > 50, `only ${crossing.length} imports across folders found`);
});

// The catalog's written form (raw README cells, layout) stays out of the assessment: it reads the model (model.ts).
const WRITTEN_FORM = new Set([
  "Catalog",
  "Project",
  "Program",
  "RawCell",
  "isRaw",
  "Persona",
  "ReadmeColumns",
  "Versions",
]);

/** The names a file imports from the catalog folder's index. */
function catalogNames(text: string): string[] {
  const names: string[] = [];
  for (const m of withoutComments(text).matchAll(
    /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"(?:\.\.\/)+catalog\/index\.js"/g,
  ))
    for (const part of m[1]!.split(","))
      names.push(
        part
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]!,
      );
  return names.filter(Boolean);
}

it("keeps the catalog's written form out of maturity/: it reads the normalized model", () => {
  const files = sources().filter((f) => f.startsWith("maturity/") && !isTestHelper(f));
  const imported = files.flatMap((f) => catalogNames(readFileSync(join(SRC, f), "utf8")).map((n) => `${f}: ${n}`));
  assert.ok(
    imported.some((i) => i.endsWith(": ProjectModel")),
    "maturity/ reads the model",
  );
  assert.deepEqual(
    imported.filter((i) => WRITTEN_FORM.has(i.slice(i.indexOf(": ") + 2))),
    [],
  );
  // the check sees a written-form import when there is one
  assert.deepEqual(catalogNames('import { isRaw, type Project as P } from "../catalog/index.js";'), [
    "isRaw",
    "Project",
  ]);
});

describe("the import checker", () => {
  const one = (file: string, text: string) => importViolations(file, text);

  it("catches each form of import of a folder the importer may not use", () => {
    const forms = [
      `import { assess } from "../maturity/index.js";`,
      `import type { Framework } from "../maturity/index.js";`,
      `import * as maturity from "../maturity/index.js";`,
      `import assessDefault, { assess } from "../maturity/index.js";`,
      `import "../maturity/index.js";`,
      `export { assess } from "../maturity/index.js";`,
      `export type { Framework } from "../maturity/index.js";`,
      `export * from "../maturity/index.js";`,
      `export * as maturity from "../maturity/index.js";`,
      `const m = await import("../maturity/index.js");`,
      `type Run = typeof import("../maturity/index.js").assess;`,
      "const m = await import(`../maturity/index.js`);",
      `import {\n  assess,\n  type Framework,\n} from "../maturity/index.js";`,
      `import {\n  assess,\n} from\n  "../maturity/index.js";`,
      `const m = await import(\n  "../maturity/index.js"\n);`,
      `export {\n  assess,\n} from "../maturity/index.js";`,
    ];
    for (const text of forms)
      assert.deepEqual(one("catalog/x.ts", text), ["catalog/x.ts imports maturity/ (catalog/ may import: core)"], text);
  });

  it("catches an import past another folder's index.ts, in every form", () => {
    for (const text of [
      `import { issue } from "../core/errors.js";`,
      `import type { Catalog } from "../../catalog/schema.js";`,
      `export * from "../core/words.js";`,
      `await import("../core/words.js");`,
      `import "../core/words.js";`,
    ]) {
      const file = text.includes("../../") ? "maturity/rules/x.ts" : "maturity/x.ts";
      const got = one(file, text);
      assert.equal(got.length, 1, text);
      assert.match(got[0]!, /past (core|catalog)\/index\.ts/, text);
    }
  });

  it("allows a folder's own files, the index.ts of a folder it may import, packages and builtins", () => {
    assert.deepEqual(
      one(
        "app/collect.ts",
        [
          `import { collectProjectsEvidence } from "../evidence/index.js";`,
          `import type { Issue } from "../core/index.js";`,
          `import { selectProjects } from "./projects.js";`,
          `import { resolve } from "node:path";`,
          `import { z } from "zod";`,
        ].join("\n"),
      ),
      [],
    );
    assert.deepEqual(one("cli/commands/list.ts", `(await import("./list-action.js")).run()`), []);
    assert.deepEqual(one("cli/commands/list-action.ts", `import { printJson } from "../shared.js";`), []);
  });

  it("rejects app/ importing a front end, and the layers below importing app/", () => {
    assert.equal(one("app/x.ts", `import { run } from "../cli/index.js";`).length, 1);
    assert.equal(one("maturity/x.ts", `import { openCatalog } from "../app/index.js";`).length, 1);
    assert.equal(one("store/x.ts", `import type { OpenedCatalog } from "../app/index.js";`).length, 1);
  });

  it("rejects a folder it has no rule for, and a source file directly in src/", () => {
    assert.match(one("plugins/x.ts", "export const x = 1;")[0]!, /plugins\/, which has no rule/);
    assert.match(one("helpers.ts", "export const x = 1;")[0]!, /directly in src\//);
    assert.match(one("cli/x.ts", `import { x } from "../helpers.js";`)[0]!, /a source file directly in src\//);
  });

  it("rejects a computed dynamic import, which it could not check", () => {
    assert.match(one("cli/x.ts", "const name = './x.js';\nawait import(name);")[0]!, /computed module name/);
  });

  it("does not read an import in a comment as one", () => {
    assert.deepEqual(
      one("catalog/x.ts", `// import { assess } from "../maturity/index.js";\n/* import("../maturity/index.js") */`),
      [],
    );
  });
});
