import assert from "node:assert/strict";
import { it } from "node:test";
import { plainText } from "./plain-text.js";

it("gives the text a reader sees: markup removed, entities decoded, HTML dropped, block syntax ignored", () => {
  assert.equal(plainText("**Networking** &amp; [Mesh](https://example.com)"), "Networking & Mesh");
  assert.equal(plainText("`code` <b>bold</b> \\*stars\\*"), "code bold *stars*");
  assert.equal(plainText("# not a heading"), "# not a heading");
  assert.equal(plainText("1. not a list"), "1. not a list");
});
