import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runUpstream } from "../testing.js";

// GIVEN a catalog whose outputs could carry script (a badge link, a badge template, a
// <script> in the support text) WHEN badge, render and validate run THEN no javascript:,
// data: or vbscript: link is written, validate says where each problem is, and a bad
// command-line link is a usage error.

const dir = mkdtempSync(join(tmpdir(), "injection-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function catalog(name: string, extra: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  const file = join(folder, "upstream.yaml");
  writeFileSync(
    file,
    [
      "apiVersion: upstream/v1",
      "program:",
      "  name: P",
      "  support: |",
      "    Ask us.",
      "",
      "    <script>alert(1)</script>",
      "personas:",
      "  - id: ops",
      "    title: Ops",
      "projects:",
      "  - id: alpha",
      "    name: Alpha",
      "    persona: ops",
      "    goal: 'See [x](jav&#x61;script:alert(1))'",
      "    state: { framework: CNCF, level: sandbox }",
      "    repositories: [https://github.com/o/alpha]",
      extra,
    ].join("\n"),
  );
  return file;
}

describe("injection through the CLI", () => {
  it("badge --link javascript:… is a usage error and writes nothing", () => {
    const file = catalog("link", "");
    const out = join(dir, "link", "alpha.svg");
    for (const link of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"]) {
      const r = runUpstream(["badge", "alpha", "--catalog", file, "--link", link, "--out", out]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--link .* is not written into a badge/);
      assert.equal(existsSync(out), false);
    }
    const ok = runUpstream(["badge", "alpha", "--catalog", file, "--link", "https://x.example/levels"]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /xlink:href="https:\/\/x\.example\/levels"/);
  });

  it("render readme --badges javascript:… is a usage error", () => {
    const file = catalog("render-badges", "");
    const r = runUpstream(["render", "readme", "--catalog", file, "--badges", "javascript:alert(1)//"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /a javascript: URL is not written into the README/);
  });

  it(
    "validate: a javascript: or data: badge template is an " +
      "error at its line; scripted markdown a warning at its field",
    () => {
      const file = catalog(
        "validate",
        ["readme:", "  badges:", "    image: 'data:image/svg+xml,{id}'", "    link: 'javascript:alert({id})'"].join(
          "\n",
        ),
      );
      const r = runUpstream(["validate", "--catalog", file]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /upstream\.yaml:20:\d+: error: a badge template must be .*not a data: URL.*\[E_CATALOG_UNSAFE_URL\]/,
      );
      assert.match(r.stderr, /upstream\.yaml:21:\d+: error: .*not a javascript: URL.*\[E_CATALOG_UNSAFE_URL\]/);
      assert.match(
        r.stderr,
        new RegExp(
          String.raw`upstream\.yaml:4:\d+: warning: this markdown holds a <script> element \(line 3 of the text\)` +
            String.raw`.*\[E_CATALOG_UNSAFE_MARKDOWN\]`,
        ),
      );
      assert.match(
        r.stderr,
        new RegExp(
          String.raw`upstream\.yaml:15:\d+: warning: this markdown holds a javascript: URL in a link` +
            String.raw`.*\[E_CATALOG_UNSAFE_MARKDOWN\]`,
        ),
      );
    },
  );

  it("render readme writes the scripted support text and goal as text", () => {
    const file = catalog("render", "");
    const before = readFileSync(file, "utf8");
    const r = runUpstream(["render", "readme", "--catalog", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /&lt;script>alert\(1\)&lt;\/script>/);
    assert.match(r.stdout, /See \[x\]\\\(jav&#x61;script:alert\(1\)\)/);
    assert.equal(readFileSync(file, "utf8"), before, "render does not rewrite its input");
  });
});
