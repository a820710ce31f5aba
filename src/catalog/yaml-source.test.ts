import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import jsYaml from "js-yaml";
import { stringify } from "yaml";
import { PLAIN_WEB_URL } from "./schema.js";
import { expandsBeyond, mayNestTooDeep, parseYamlSource, tooDeep } from "./yaml-source.js";

// The loader skips a check when the text proves it would find nothing. GIVEN random texts and values WHEN the quick
// test says "nothing to find" THEN the full check agrees; and a file that does hold what a check looks for still gets
// the check and its located error.

/** Text of YAML's structural characters, so nesting, lists, quotes and comments come up often. */
const yamlish = fc.string({
  unit: fc.constantFrom("a", " ", "  ", "\n", "- ", "-", "[", "]", "{", "}", ",", ":", "'", '"', "#", "\\", "*", "&"),
  maxLength: 400,
});

describe("parseYamlSource's quick tests", () => {
  it("a text mayNestTooDeep rules out is never too deep", () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        if (!mayNestTooDeep(text)) assert.equal(tooDeep(text), undefined);
      }),
      { numRuns: 3000 },
    );
    // near the limit on one line: 65 brackets are counted, 60 are not too deep
    assert.equal(mayNestTooDeep(`x: ${"[".repeat(65)}${"]".repeat(65)}`), true);
    assert.ok(tooDeep(`x: ${"[".repeat(65)}${"]".repeat(65)}`));
    assert.equal(mayNestTooDeep(`x: ${"[".repeat(60)}${"]".repeat(60)}`), false);
  });

  it("an alias-free value has no more values than its YAML text has characters (the skipped check's bound)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = stringify(value);
        if (text.includes("*")) return; // a string holding '*': the check runs
        const loaded = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
        assert.equal(expandsBeyond(loaded, text.length), false);
      }),
      { numRuns: 1000 },
    );
    // flow style, the densest: every item one character and a comma
    const dense = `[${Array(5000).fill("[]").join(",")}]`;
    assert.equal(expandsBeyond(jsYaml.load(dense), dense.length), false);
  });

  it("a file with anchors and aliases still gets the expansion and cycle checks, located", () => {
    const cycle = parseYamlSource("c.yaml", "name: x\nlist: &a [1, *a]\n");
    assert.deepEqual(
      cycle.issues.map((i) => [i.code, i.file, i.line, i.col]),
      [["E_YAML_ALIAS_CYCLE", "c.yaml", 2, 14]],
    );
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 7; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const bomb = parseYamlSource("b.yaml", `${levels.join("\n")}\n`);
    assert.deepEqual(
      bomb.issues.map((i) => [i.code, i.line, i.col]),
      [["E_YAML_SYNTAX", 1, 1]],
    );
    assert.match(bomb.issues[0]!.message, /aliases/);
    // a harmless alias passes, and its value is shared as written
    const fine = parseYamlSource("f.yaml", "a: &x [1, 2]\nb: *x\n");
    assert.deepEqual(fine.issues, []);
    assert.deepEqual(fine.source!.value, { a: [1, 2], b: [1, 2] });
  });

  it("finds a merge key written plainly or with an escape, located at the key", () => {
    for (const [text, line, col] of [
      ["base: &b {x: 1}\nm:\n  <<: *b\n", 3, 3],
      ['m:\n  "\\x3c<": 1\n', 2, 3],
      ['m:\n  "\\u003c\\u003c": 1\n', 2, 3],
    ] as const) {
      const r = parseYamlSource("m.yaml", text);
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.line, i.col]),
        [["E_YAML_MERGE_KEY", line, col]],
        text,
      );
    }
    assert.deepEqual(parseYamlSource("m.yaml", 'm:\n  "<": 1\n  "\\x3c-": 2\n').issues, []);
  });
});

describe("PLAIN_WEB_URL", () => {
  const url = fc
    .tuple(
      fc.constantFrom("http://", "https://", "HTTPS://"),
      fc.string({
        unit: fc.constantFrom("a", "Z", "0", "9", "-", ".", "x", "n", "-", ":", "@", "_", "é"),
        maxLength: 14,
      }),
      fc.string({ unit: fc.constantFrom("/", "?", "#", "a", "%", "\\", "@", ":", " ", "é", "[", "~"), maxLength: 8 }),
    )
    .map(([scheme, host, rest]) => scheme + host + rest);

  it("accepts only URLs that new URL reads as http(s) with a host", () => {
    fc.assert(
      fc.property(url, (s) => {
        if (!PLAIN_WEB_URL.test(s)) return;
        const u = new URL(s);
        assert.ok(u.protocol === "http:" || u.protocol === "https:", s);
        assert.ok(u.hostname.length > 0, s);
      }),
      { numRuns: 20000 },
    );
  });

  it("covers a catalog's usual URLs, and leaves IPv4-like, IDNA, port and user forms to new URL", () => {
    for (const s of ["https://github.com/org/x", "https://groups.google.com/forum/#!forum/x", "http://a-b.io/?q=1"])
      assert.ok(PLAIN_WEB_URL.test(s), s);
    for (const s of ["https://1.2.3.4.5", "https://xn--a.com", "https://a.com:99999", "https://u@a.com", "https://a b"])
      assert.ok(!PLAIN_WEB_URL.test(s), s);
  });
});
