import { it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Data flows one way (DESIGN.md): each folder of src/ imports only from the folders before it.
 * `cli/` is the composition root and may import everything.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  catalog: ["core"],
  markdown: ["core", "catalog"],
  evidence: ["core", "catalog"],
  governance: ["core", "catalog"],
  maturity: ["core", "catalog", "evidence", "governance"],
  store: ["core", "catalog", "evidence", "governance", "maturity"],
  render: ["core", "catalog", "markdown", "evidence", "governance", "maturity"],
  server: ["core", "catalog", "markdown", "evidence", "governance", "maturity", "store", "render"],
  web: ["core", "catalog", "maturity", "render", "server"],
};

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

it("keeps imports flowing one way between src/ folders", () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const folder = relative(SRC, file).split("/")[0]!;
    const allowed = ALLOWED[folder];
    if (!allowed) continue; // cli/ and top-level files compose everything
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/gm)) {
      const target = relative(SRC, resolve(dirname(file), m[1]!)).split("/")[0]!;
      if (target !== folder && !allowed.includes(target))
        violations.push(
          `${relative(SRC, file)} imports ${target}/ (${folder}/ may import: ${allowed.join(", ") || "nothing"})`,
        );
    }
  }
  assert.deepEqual(violations, []);
});

it("finds the source files it checks (the check above is not vacuous)", () => {
  const folders = new Set(sourceFiles(SRC).map((f) => relative(SRC, f).split("/")[0]));
  assert.ok(folders.has("core") && folders.has("catalog"));
});
