import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeTerminalDeep, escapeTerminalText, hasTerminalControl } from "./terminal-text.js";

test("escapeTerminalText writes C0, DEL, C1 and bidi overrides as \\uXXXX and keeps the rest", () => {
  assert.equal(escapeTerminalText("Mal\x1b[31mory"), "Mal\\u001b[31mory");
  assert.equal(escapeTerminalText("\x1b]0;pwned\x07"), "\\u001b]0;pwned\\u0007");
  assert.equal(escapeTerminalText("a\nb\tc\0d\x7fe\x9bf"), "a\\u000ab\\u0009c\\u0000d\\u007fe\\u009bf");
  assert.equal(escapeTerminalText("evil\u202Egnp.exe \u2066x\u2069"), "evil\\u202egnp.exe \\u2066x\\u2069");
  assert.equal(escapeTerminalText("Zoë Ñoño 李 \u200d 👩‍💻"), "Zoë Ñoño 李 \u200d 👩‍💻");
  const once = escapeTerminalText("\x1b\u202e");
  assert.equal(escapeTerminalText(once), once);
  assert.equal(hasTerminalControl(once), false);
  assert.equal(hasTerminalControl("a\x9db"), true);
});

test("escapeTerminalDeep escapes every string of a value, keys included, and keeps other values", () => {
  const value = { name: "a\x1b", list: ["b\x07", 3, null, true], nested: { "k\x1b": undefined, n: 1.5 } };
  assert.deepEqual(escapeTerminalDeep(value), {
    name: "a\\u001b",
    list: ["b\\u0007", 3, null, true],
    nested: { "k\\u001b": undefined, n: 1.5 },
  });
  assert.equal(value.name, "a\x1b", "the input is not changed");
});
