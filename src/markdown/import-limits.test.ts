import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importReadme } from "./import-readme.js";

// GIVEN a README built to exhaust the parser (lists nested thousands deep, tens of MB)
// WHEN it is imported THEN it is refused at once, before remark sees it, with the line that
// goes too deep; a README nested as deep as real ones are still imports.

const HEAD =
  "# P\n\n## Projects\n\n### Ops\n\n| Project | Goal | State | Communication | Use on Azure " +
  "|\n|---|---|---|---|---|\n| [A](https://a.example) | g | CNCF: sandbox | | |\n\n## Notes\n\n";
const nestedList = (depth: number) =>
  Array.from({ length: depth }, (_, k) => `${"  ".repeat(k)}- item ${k}`).join("\n") + "\n";

describe("README import limits", () => {
  // Before the limit this did not end in 600 s: the timeout catches a return of that.
  it("refuses a list nested past 100 levels, naming the first line too deep", { timeout: 30_000 }, () => {
    const { catalog, issues } = importReadme(HEAD + nestedList(3000), { file: "deep.md" });
    assert.equal(catalog, undefined);
    assert.deepEqual(
      issues.map((i) => [i.code, i.file, i.line, i.severity]),
      [["E_IMPORT_TOO_LARGE", "deep.md", 13 + 100, "error"]],
    );
    assert.match(issues[0]!.message, /more than the 100/);
  });

  it("refuses block quotes nested past 100 levels", () => {
    const { issues } = importReadme(HEAD + ">".repeat(150) + " deep\n", { file: "q.md" });
    assert.deepEqual(
      issues.map((i) => [i.code, i.line]),
      [["E_IMPORT_TOO_LARGE", 13]],
    );
  });

  it("refuses more than 20 MB of text at line 1", () => {
    const { catalog, issues } = importReadme(HEAD + "word ".repeat(4_300_000), { file: "big.md" });
    assert.equal(catalog, undefined);
    assert.deepEqual(
      issues.map((i) => [i.code, i.line]),
      [["E_IMPORT_TOO_LARGE", 1]],
    );
    assert.match(issues[0]!.message, /more than the 20 MB/);
  });

  it("imports nesting as deep as the limit, and deep indentation inside a fenced code block", () => {
    const fenced = "```yaml\n" + nestedList(300) + "```\n";
    const { catalog, issues } = importReadme(HEAD + nestedList(99) + "\n" + fenced, { file: "ok.md" });
    assert.ok(catalog, JSON.stringify(issues));
    assert.equal(issues.filter((i) => i.severity === "error").length, 0);
  });
});
