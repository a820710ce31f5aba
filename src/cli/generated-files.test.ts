import { it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { generatedFiles } from "./generated-files.js";

it("keeps the JSON Schemas, docs/errors.md and the README tour in step with the code (run `npm run docs`)", () => {
  for (const [path, expected] of generatedFiles()) {
    let actual = "";
    try {
      actual = readFileSync(path, "utf8");
    } catch {
      assert.fail(`${path} is missing: run npm run docs`);
    }
    assert.equal(actual, expected, `${path} is out of date: run npm run docs`);
  }
});
