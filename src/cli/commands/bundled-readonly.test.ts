import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../shared.js";
import { runUpstream } from "../testing.js";

const EXAMPLE = join(PACKAGE_ROOT, "examples", "azure-container-compute");

it("commands that write governance records refuse the bundled example and leave its folder as it was", () => {
  const before = readdirSync(EXAMPLE).sort();
  const cwd = mkdtempSync(join(tmpdir(), "bundled-readonly-"));
  writeFileSync(
    join(cwd, "landscape.yml"),
    "landscape:\n  - category:\n    name: R\n    subcategories:\n      - subcategory:\n        name: S\n" +
      "        items:\n          - item:\n            name: Virtual Kubelet\n            project: sandbox\n" +
      "            repo_url: https://github.com/virtual-kubelet/virtual-kubelet\n" +
      "            extra:\n              accepted: '2018-12-04'\n",
  );
  try {
    for (const args of [
      ["review", "open", "2026-Q4", "--no-assess"],
      // with the assessment: refused before the store beside the catalog is made
      ["review", "open", "2026-Q4", "--no-fetch"],
      ["decisions", "import", "landscape.yml", "--write"],
      ["toc", "add", "ann", "--name", "Ann Lee", "--from", "2026-01-01"],
    ]) {
      const r = runUpstream(args, { cwd });
      assert.notEqual(r.code, 0, `${args.join(" ")} succeeded on the bundled example`);
      assert.match(r.stderr, /bundled example is read-only; pass --catalog PATH/, args.join(" "));
    }
    assert.deepEqual(readdirSync(EXAMPLE).sort(), before);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
