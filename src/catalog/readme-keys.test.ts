import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIssue } from "../core/errors.js";
import { loadCatalog } from "./load-catalog.js";
import { Readme } from "./schema.js";

const REFERENCE = fileURLToPath(new URL("../../docs/catalog.reference.yaml", import.meta.url));

const catalogWith = (readme: string, personaExtra = "") => `apiVersion: upstream/v1
program:
  name: Test Program
personas:
  - id: ops
    title: Operations
${personaExtra}projects:
  - id: alpha
    name: Alpha
    persona: ops
    repositories: [https://github.com/example/alpha]
readme:
${readme}`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "readme-keys-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

let serial = 0;
async function load(text: string) {
  const file = join(dir, `c${serial++}.yaml`);
  await writeFile(file, text);
  const r = await loadCatalog(file);
  return { ...r, lines: r.issues.map(formatIssue) };
}

describe("unknown keys in readme", () => {
  it("reports a misspelt column at its key, with the column it was meant to be", async () => {
    const r = await load(catalogWith("  columns:\n    goal: Aim\n    chanels: Talk\n"));
    assert.equal(r.catalog, undefined);
    assert.equal(r.issues.length, 1, r.lines.join("\n"));
    const [i] = r.issues;
    assert.equal(i!.code, "E_CATALOG_UNKNOWN_KEY");
    assert.match(r.lines[0]!, /c\d+\.yaml:15:5: error: unknown key 'chanels' \(at readme\.columns\.chanels\)/);
    assert.equal(i!.hint, "did you mean 'channels'?");
  });

  it("rejects readme.columns.usedin, which no renderer reads, and names where that header lives", async () => {
    const r = await load(catalogWith("  columns:\n    usedin: Used on\n"));
    assert.equal(r.issues.length, 1, r.lines.join("\n"));
    assert.equal(r.issues[0]!.code, "E_CATALOG_UNKNOWN_KEY");
    assert.match(r.lines[0]!, /unknown key 'usedin' \(at readme\.columns\.usedin\)/);
    // 'usedIn' is not a key of readme.columns (its header is program.usedInTitle), so no guess points there
    assert.doesNotMatch(r.issues[0]!.hint ?? "", /usedIn/);
    assert.match(r.issues[0]!.hint ?? "", /allowed keys here: area, project, goal/);
  });

  it("accepts a persona's own usedIn header, which its table renders, and rejects a typo there", async () => {
    const ok = await load(catalogWith("  layout: persona-tables\n", "    columns: { usedIn: Where }\n"));
    assert.deepEqual(ok.lines, []);
    const bad = await load(catalogWith("  layout: persona-tables\n", "    columns: { usedin: Where }\n"));
    assert.equal(bad.issues.length, 1, bad.lines.join("\n"));
    assert.match(bad.lines[0]!, /:7:16: error: unknown key 'usedin' \(at personas\[0\]\.columns\.usedin\)/);
    assert.equal(bad.issues[0]!.hint, "did you mean 'usedIn'?");
  });

  it("rejects unknown keys in readme sections, blank lines and badges", async () => {
    const r = await load(
      catalogWith(
        "  sections:\n    - heading: Intro\n      bdy: hi\n      blankLines: { befor: 1 }\n" +
          "  badges: { image: 'b/{id}.svg', lnk: x }\n",
      ),
    );
    const found = r.issues.map((i) => [i.code, i.hint]);
    assert.deepEqual(found, [
      ["E_CATALOG_UNKNOWN_KEY", "did you mean 'body'?"],
      ["E_CATALOG_UNKNOWN_KEY", "did you mean 'before'?"],
      ["E_CATALOG_UNKNOWN_KEY", "did you mean 'link'?"],
    ]);
  });

  it("rejects a persona-keyed readme record naming no persona, with the persona meant", async () => {
    const r = await load(
      catalogWith(
        "  personaTrailers: { opz: \"\\n\" }\n  delimiters: { ops: '|:--|' }\n" +
          "  emptyRows: { storage-and-backup: [{ at: 0, row: '| |' }] }\n",
      ),
    );
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.hint]),
      [
        ["E_CATALOG_UNKNOWN_KEY", "did you mean 'ops'?"],
        ["E_CATALOG_UNKNOWN_KEY", "use a persona id (ops), or remove it"],
      ],
    );
    assert.match(r.lines[0]!, /:13:22: error: unknown key 'opz': readme\.personaTrailers is keyed by persona id/);
  });
});

/**
 * The reference's commented-out examples (`# key: value` lines), one at a time, uncommented; an
 * example of a key the reference already sets (another form of it) replaces that key.
 */
function uncommentedVariants(text: string): Array<{ line: number; text: string }> {
  const lines = text.split("\n");
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const live = (l: string) => l.trim() !== "" && !l.trimStart().startsWith("#");
  const variants: Array<{ line: number; text: string }> = [];
  lines.forEach((line, i) => {
    const m = /^( *)# ([a-z][A-Za-z]*): (.+)$/.exec(line);
    if (!m) return;
    const [, indent, key, value] = m as unknown as [string, string, string, string];
    const out = [...lines];
    out[i] = `${indent}${key}: ${value}`;
    // The block the example sits in: up to the nearest live lines less indented.
    let start = i;
    while (start > 0 && !(live(lines[start - 1]!) && indentOf(lines[start - 1]!) < indent.length)) start--;
    let end = i;
    while (end < lines.length - 1 && !(live(lines[end + 1]!) && indentOf(lines[end + 1]!) < indent.length)) end++;
    for (let j = start; j <= end; j++) {
      if (j === i || !live(lines[j]!) || indentOf(lines[j]!) !== indent.length) continue;
      if (!lines[j]!.trimStart().startsWith(`${key}:`)) continue;
      let k = j + 1;
      while (k <= end && (!live(lines[k]!) || indentOf(lines[k]!) > indent.length)) k++;
      for (let x = j; x < k; x++) if (x !== i) out[x] = "";
    }
    variants.push({ line: i + 1, text: out.join("\n") });
  });
  return variants;
}

describe("docs/catalog.reference.yaml names only keys that work", () => {
  it("is valid with each commented-out example uncommented, one at a time", async () => {
    const text = await readFile(REFERENCE, "utf8");
    const variants = uncommentedVariants(text);
    // The examples exist: the check is not vacuous (readme's import-only keys, persona intro/heading/columns, …).
    assert.ok(variants.length >= 12, `found only ${variants.length} commented examples`);
    for (const v of variants) {
      const file = join(dir, `reference-${v.line}.yaml`);
      await writeFile(file, v.text);
      const r = await loadCatalog(file);
      assert.deepEqual(r.issues.map(formatIssue), [], `the example at catalog.reference.yaml:${v.line} does not work`);
    }
  });

  it("shows every key of readme, live or as a commented example", async () => {
    const text = await readFile(REFERENCE, "utf8");
    const r = await loadCatalog(REFERENCE);
    const live = new Set(Object.keys(r.catalog?.readme ?? {}));
    for (const key of Object.keys(Readme.shape))
      assert.ok(live.has(key) || new RegExp(`^ {2}# ${key}: `, "m").test(text), `reference lacks readme.${key}`);
  });
});
