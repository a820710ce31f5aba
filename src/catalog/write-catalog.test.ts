import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Document, parse as parseYaml } from "yaml";
import fc from "fast-check";
import { isJsonAsIs, MAY_READ_AS_OTHER_TAG, readsAsOtherTag, toYaml } from "./write-catalog.js";

/** What the yaml library prints for a value with the catalog writer's options: the text toYaml must equal. */
const library = (value: unknown): string =>
  new Document(value, { keepUndefined: false }).toString({
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: "literal",
    indentSeq: true,
  });

/** Strings that sit at the edges of the plain-scalar rules: quotes, indicators, numbers, booleans, markers. */
const ATOMS: unknown[] = [
  "plain",
  "Goal of project 1: run [workloads](https://example.com/1) on Kubernetes",
  "https://github.com/org/project",
  "#project-1",
  "a #b",
  "a# b",
  "- item",
  "-",
  "?",
  "? x",
  "?x",
  ":x",
  "x:",
  "x: y",
  "true",
  "False",
  "null",
  "~",
  "",
  " lead",
  "trail ",
  "tab\there",
  "123",
  "-12",
  "0x1F",
  "0o17",
  "1e3",
  "1.5",
  ".5",
  ".inf",
  "-.Inf",
  ".nan",
  "v1alpha3",
  "N/A",
  "??",
  "it's",
  'say "hi"',
  `both ' and "`,
  "bell\u0007",
  "nbsp\u00a0here",
  "emoji 🚀",
  "lone \ud800",
  "---",
  "--- x",
  "...",
  "line one\nline two",
  "trailing newline\n",
  "cr\r\nlf",
  "%TAG",
  "@handle",
  "`tick`",
  "{brace}",
  "[bracket]",
  "a, b",
  "*alias",
  "&anchor",
  "!tag",
  "|pipe",
  ">fold",
  "'single",
  '"double',
  "x".repeat(1200),
  0,
  7,
  -3,
  1.25,
  -0,
  2 ** 60,
  true,
  false,
  null,
];

/** A deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.5) return ATOMS[Math.floor(next() * ATOMS.length)];
  const n = Math.floor(next() * 4);
  if (r < 0.75) return Array.from({ length: n }, () => value(next, depth + 1));
  const map: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const key = next() < 0.8 ? `key${Math.floor(next() * 6)}` : String(ATOMS[Math.floor(next() * ATOMS.length)]);
    map[key] = value(next, depth + 1);
  }
  return map;
}

describe("toYaml", () => {
  it("prints what the yaml library prints, for every kind of scalar as a key, a value and a list item", () => {
    for (const atom of ATOMS) {
      for (const v of [{ key: atom }, { outer: { inner: atom } }, { list: [atom, { k: atom, j: [atom] }] }]) {
        assert.equal(toYaml(v), library(v), JSON.stringify(v));
      }
      if (typeof atom === "string") {
        const keyed = { [atom]: "v", nested: { [atom]: ["x"] } };
        assert.equal(toYaml(keyed), library(keyed), JSON.stringify(keyed));
      }
    }
  });

  it("prints what the yaml library prints for random nested maps and lists (2,000 seeds)", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const v = next() < 0.9 ? { id: "x", ...(value(next, 0) as object) } : value(next, 0);
      assert.equal(toYaml(v), library(v), `seed ${seed}: ${JSON.stringify(v)}`);
    }
  });

  it("prints what the yaml library prints for the bundled example's catalog", () => {
    const path = join(import.meta.dirname, "..", "..", "examples", "azure-container-compute", "upstream.yaml");
    const parsed = JSON.parse(JSON.stringify(parseYaml(readFileSync(path, "utf8"))));
    assert.equal(toYaml(parsed), library(parsed));
    for (const project of (parsed as { projects: unknown[] }).projects) assert.equal(toYaml(project), library(project));
  });
});

describe("isJsonAsIs", () => {
  // GIVEN any value WHEN isJsonAsIs says a JSON round trip keeps it THEN the round trip gives it back, keys in order.
  it("is true only where JSON.parse(JSON.stringify(v)) equals v", () => {
    let asIs = 0;
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: true }), (v) => {
        if (!isJsonAsIs(v)) return;
        asIs++;
        const copy = JSON.parse(JSON.stringify(v));
        assert.deepStrictEqual(copy, v);
        assert.equal(JSON.stringify(copy), JSON.stringify(v));
      }),
      { numRuns: 3000 },
    );
    assert.ok(asIs > 300, `only ${asIs}`);
    for (const v of [{ a: undefined }, [1, undefined], -0, Number.NaN, { toJSON: () => 1 }, new Date(0), new Array(2)])
      assert.equal(isJsonAsIs(v), false, String(v));
  });
});

describe("MAY_READ_AS_OTHER_TAG", () => {
  it("holds every string the core schema reads as null, a boolean or a number", () => {
    const near = fc.string({ unit: fc.constantFrom("0", "1", "x", "e", "E", ".", "-", "+", "a", "n", "u", "l", "~") });
    fc.assert(
      fc.property(fc.oneof(fc.string(), near, fc.double().map(String), fc.integer().map(String)), (s) => {
        if (readsAsOtherTag(s)) assert.ok(MAY_READ_AS_OTHER_TAG.test(s), s);
      }),
      { numRuns: 5000 },
    );
    // The words the core schema reads otherwise, which the random strings may not hit.
    for (const word of ["null", "Null", "NULL", "true", "True", "FALSE", ".inf", "-.Inf", ".NaN", "0o7", "0x1f", ""])
      assert.ok(readsAsOtherTag(word) && MAY_READ_AS_OTHER_TAG.test(word), word);
  });
});
