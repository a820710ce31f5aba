import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

// GIVEN the bundled example catalog WHEN `upstream render readme --badges PREFIX` runs THEN
// each structured state shows PREFIX/<id>.svg, and the catalog is left as it was.

const BIN = resolve(import.meta.dirname, "../../../bin/upstream.js");
const dir = mkdtempSync(join(tmpdir(), "render-badges-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function upstream(args: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: dir, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("upstream render readme --badges", () => {
  it("shows <prefix>/<id>.svg in the state cells", () => {
    const r = upstream(["render", "readme", "--badges", "https://example.github.io/up/badges/"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, / \| Azure: incubating <br> API: N\/A <br> !\[Azure: incubating\]\(https:\/\/example\.github\.io\/up\/badges\/aks-engine\.svg\) \| /);
    assert.equal(upstream(["render", "readme"]).stdout.includes("!["), false);
  });

  it("rejects a prefix with white space as a usage error", () => {
    const r = upstream(["render", "readme", "--badges", "my badges"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--badges "my badges"/);
  });

  it("explains in --help how `badge --out-dir` and `render readme --badges` go together", () => {
    assert.match(upstream(["render", "readme", "--help"]).stdout, /upstream badge --out-dir badges && upstream render readme --badges badges/);
    assert.match(upstream(["badge", "--help"]).stdout, /upstream render readme --badges <dir>/);
  });
});
