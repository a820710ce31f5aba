import assert from "node:assert/strict";
import { runUpstream } from "../testing.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

// GIVEN the bundled example catalog WHEN `upstream render readme --badges PREFIX` runs THEN
// each structured state shows PREFIX/<id>.svg, and the catalog is left as it was.

const dir = mkdtempSync(join(tmpdir(), "render-badges-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function upstream(args: readonly string[]) {
  return runUpstream(args, { cwd: dir });
}

describe("upstream render readme --badges", () => {
  it("shows <prefix>/<id>.svg in the state cells", () => {
    const r = upstream(["render", "readme", "--badges", "https://example.github.io/up/badges/"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        String.raw` \| Azure: incubating <br> API: N\/A <br> ` +
          String.raw`!\[Azure: incubating\]\(https:\/\/example\.github\.io\/up\/badges\/aks-engine\.svg\) \| `,
      ),
    );
    assert.equal(upstream(["render", "readme"]).stdout.includes("!["), false);
  });

  it("rejects a prefix with white space as a usage error", () => {
    const r = upstream(["render", "readme", "--badges", "my badges"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--badges "my badges"/);
  });

  it("explains in --help how `badge --out-dir` and `render readme --badges` go together", () => {
    assert.match(
      upstream(["render", "readme", "--help"]).stdout,
      /upstream badge --out-dir badges && upstream render readme --badges badges/,
    );
    assert.match(upstream(["badge", "--help"]).stdout, /upstream render readme --badges <dir>/);
  });
});

describe("upstream render readme --check", () => {
  it(
    "exits 0 when the file is what the catalog renders, 1 " +
      "with the first differing line otherwise, writing nothing",
    async () => {
      const { readFileSync, writeFileSync } = await import("node:fs");
      const file = join(dir, "README.md");
      assert.equal(upstream(["render", "readme", "--out", file]).code, 0);
      const ok = upstream(["render", "readme", "--check", file]);
      assert.equal(ok.code, 0, ok.stderr);
      const lines = readFileSync(file, "utf8").split("\n");
      lines[2] = "edited by hand";
      writeFileSync(file, lines.join("\n"));
      const stale = upstream(["render", "readme", "--check", file]);
      assert.equal(stale.code, 1);
      assert.match(
        stale.stderr,
        new RegExp(
          String.raw`README\.md:3: error: differs from what the catalog renders: ` +
            String.raw`expected "## Welcome", found "edited by hand" \[E_README_STALE\]`,
        ),
      );
      assert.equal(readFileSync(file, "utf8").split("\n")[2], "edited by hand");
    },
  );

  it(
    "passes on the hand-kept README it was imported from " + "(white space aside), and shows where a long line differs",
    async () => {
      const { readFileSync, writeFileSync } = await import("node:fs");
      const original = resolve(import.meta.dirname, "../../../examples/azure-container-compute/README.md");
      const ok = upstream(["render", "readme", "--check", original]);
      assert.equal(ok.code, 0, ok.stderr);
      const file = join(dir, "long.md");
      writeFileSync(
        file,
        readFileSync(original, "utf8").replace(
          "Self-managed clusters on Azure |",
          "Self-managed clusters on Azure, edited |",
        ),
      );
      const stale = upstream(["render", "readme", "--check", file]);
      assert.equal(stale.code, 1);
      assert.match(
        stale.stderr,
        /expected "…[^"]*clusters on Azure \|[^"]*", found "…[^"]*clusters on Azure, edited \|/,
      );
    },
  );
});
