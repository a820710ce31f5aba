import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import jsYaml from "js-yaml";
import { stringify } from "yaml";
import { toYaml } from "./write-catalog.js";
import { readWrittenYaml } from "./yaml-fast.js";

// GIVEN any text WHEN the direct reader takes it THEN js-yaml (core schema) reads it too, to the same value, keys in
// the same order; and the writer's own output is taken.

function jsYamlValue(text: string): { value: unknown } | "error" {
  try {
    return { value: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return "error";
  }
}

function agrees(text: string): boolean {
  const fast = readWrittenYaml(text);
  if (!fast) return false;
  const slow = jsYamlValue(text);
  if (slow === "error") assert.fail(`js-yaml refuses what the direct reader took:\n${text}`);
  assert.deepStrictEqual(fast.value, slow.value, text);
  assert.equal(JSON.stringify(fast.value), JSON.stringify(slow.value), `key order:\n${text}`);
  return true;
}

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/);
/** Strings a catalog holds, and the ones that trip YAML: indicators, numbers, null and booleans, quotes, escapes. */
const tricky = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "??",
    "N/A",
    "null",
    "Null",
    "~",
    "true",
    "FALSE",
    "010",
    "0",
    "12",
    "1.5",
    "-1",
    ".inf",
    "0x1f",
    "a: b",
    "a:b",
    "#x",
    "x #y",
    "x#y",
    "it's",
    'say "hi"',
    "back\\slash",
    "é ü",
    "- a",
    "? a",
    "[a]",
    "{}",
    "*a",
    "&a",
    "!t",
    "|",
    "@x",
    "%x",
    "`x`",
    "   ",
    "a  ",
    "\u0085",
    "\t",
    "line\nbreak",
    "https://github.com/org/x/#!forum",
  ),
);
const plain = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ./#-]{0,10}$/);
const leaf = fc.oneof(
  { weight: 6, arbitrary: plain },
  { weight: 2, arbitrary: fc.nat(100_000) },
  { weight: 3, arbitrary: tricky },
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.oneof({ weight: 4, arbitrary: word }, tricky), tie("node"), { maxKeys: 4 }),
  ),
})).node;

describe("readWrittenYaml", () => {
  it("reads what the catalog writer and the yaml library print as js-yaml does", () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof({ weight: 4, arbitrary: word }, tricky), value, { minKeys: 1, maxKeys: 6 }),
        (doc) => {
          for (const text of [toYaml(doc), stringify(doc), stringify(doc, { indentSeq: false })])
            if (agrees(text)) taken++;
        },
      ),
      { numRuns: 2000 },
    );
    assert.ok(taken > 400, `the direct reader took only ${taken} texts`);
  });

  it("reads hand-shaped texts as js-yaml does, or leaves them to it", () => {
    const token = fc.constantFrom(
      "a",
      "b",
      "key",
      "??",
      "null",
      "Null",
      "1",
      "010",
      "-1",
      "x y",
      "a:b",
      "a: b",
      "x #c",
      "#c",
      "'q''t'",
      "'q'",
      '"d\\"q"',
      '"\\u00e9\\n"',
      '"\\x41"',
      '"open',
      "[]",
      "{}",
      "[a]",
      "~",
      "&a x",
      "*a",
      "|",
      ">-",
      "? x",
      "?",
      "-",
      "",
    );
    const line = fc
      .tuple(
        fc.constantFrom("", "  ", "    ", "      ", " ", "   "),
        fc.constantFrom("", "- ", "- - "),
        fc.oneof(fc.constant(undefined), fc.constantFrom("a", "b", "key", "id", "__proto__", "Null", "1", "a b")),
        fc.constantFrom(":", ": ", ":  ", ":x "),
        token,
        fc.constantFrom("", " ", " # c"),
      )
      .map(
        ([indent, dash, key, colon, v, tail]) =>
          `${indent}${dash}${key === undefined ? v : `${key}${colon}${v}`}${tail}`,
      );
    const text = fc
      .array(fc.oneof({ weight: 8, arbitrary: line }, fc.constantFrom("", "# note", "---", "  # c")), {
        minLength: 1,
        maxLength: 8,
      })
      .map((lines) => `${lines.join("\n")}\n`);
    let taken = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (agrees(t)) taken++;
      }),
      { numRuns: 20000 },
    );
    assert.ok(taken > 30, `the direct reader took only ${taken} texts`);
  });

  it("takes the writer's project files and leaves what it does not know to js-yaml", () => {
    const project =
      "# yaml-language-server: $schema=../project.schema.json\nid: p\nname: P\nstate:\n  framework: Moby\n" +
      '  level: ??\nchannels:\n  - kind: slack\n    label: "#p"\n    url: https://x.slack.com/archives/C1\n' +
      "repositories:\n  - https://github.com/o/p\nusedIn: []\n";
    assert.deepEqual(readWrittenYaml(project)?.value, jsYaml.load(project, { schema: jsYaml.CORE_SCHEMA }));
    for (const other of [
      "a: &x 1\nb: *x\n",
      "a: |\n  text\n",
      "a: [1, 2]\n",
      "a: 1\na: 2\n",
      "a:\n\tb: 1\n",
      "a: 1\r\n",
      "a: x\n  continued\n",
      "a: 1.0\n",
      "__proto__: 1\n",
      "",
      "--- \na: 1\n",
    ])
      assert.equal(readWrittenYaml(other), undefined, other);
  });
});
