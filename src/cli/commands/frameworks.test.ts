import assert from "node:assert/strict";
import { runUpstream } from "../testing.js";
import { BAD_FRAMEWORK as BAD } from "../../maturity/testing.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { tempDir } from "../../evidence/testing.js";

// GIVEN framework files with typos, a valid one and a missing one WHEN `upstream frameworks validate`
// runs THEN every problem is located with a fix, each failing file gets a summary line, and stdout
// holds only the success line.

const root = tempDir("upstream-frameworks-cli-");
after(() => root.cleanup());

const VALID = `id: mine
version: "1"
title: Mine
name: My framework
stages:
  - id: alpha
    title: Alpha
    criteria:
      - { id: alpha.sponsor, text: A sponsor, decided: attestation }
`;
const valid = join(root.dir, "valid.yaml");
writeFileSync(valid, VALID);
const typos = join(root.dir, "mine.yaml");
writeFileSync(
  typos,
  VALID.replace("stages:", "stagse: []\nstages:").replace("    criteria:", "    critera: []\n    criteria:"),
);
const missing = join(root.dir, "nope.yaml");

function upstream(...args: string[]) {
  return runUpstream(args, { cwd: root.dir });
}

describe("upstream frameworks validate", () => {
  it("suggests the key meant for a misspelt one and ends with a summary line per failing file", () => {
    const r = upstream("frameworks", "validate", typos);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`mine\.yaml:5:1: error: unknown key 'stagse' \(at stagse\) \[E_FRAMEWORK_INVALID\]\n` +
          String.raw` {4}fix: did you mean 'stages'\?\n`,
      ),
    );
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`mine\.yaml:9:5: error: unknown key 'critera' \(at stages\[0\]\.critera\) \[E_FRAMEWORK_INVALID\]\n` +
          String.raw` {4}fix: did you mean 'criteria'\?\n`,
      ),
    );
    assert.ok(r.stderr.endsWith(`${typos}: 2 errors\n`), r.stderr);
  });

  it("reports a missing file in the file: error: … [CODE] + fix: form, and still checks the other files", () => {
    const r = upstream("frameworks", "validate", missing, typos, valid);
    assert.equal(r.code, 1);
    assert.ok(!r.stderr.includes("ENOENT"), r.stderr);
    assert.ok(!r.stderr.includes("upstream:"), r.stderr);
    assert.ok(
      r.stderr.startsWith(`${missing}: error: no such file [E_FILE_NOT_FOUND]\n    fix: check the path`),
      r.stderr,
    );
    assert.match(r.stderr, /unknown key 'stagse'/);
    assert.ok(r.stderr.endsWith(`${missing}: 1 error\n${typos}: 2 errors\n2 of 3 framework files invalid\n`), r.stderr);
  });

  it(
    "reports every problem of a file in one run, each with " + "a fix: a bad enum value hides none of the cross-checks",
    () => {
      const bad = join(root.dir, "bad.yaml");
      writeFileSync(bad, BAD);
      const r = upstream("frameworks", "validate", bad);
      assert.equal(r.code, 1);
      const errors = r.stderr.split("\n").filter((l) => l.includes(": error: "));
      assert.equal(errors.length, 9, r.stderr);
      // every error line is followed by its fix
      const lines = r.stderr.split("\n");
      for (const e of errors) assert.match(lines[lines.indexOf(e) + 1]!, /^ {4}fix: /, e);
      for (const m of [
        "duplicate criterion id 'sandbox.sponsor'",
        "unknown rule 'maintaners'",
        "the first stage has no previous stage",
        "rule 'files' takes no threshold",
        "decided by attestation, so its rule would never run",
        "duplicate stage id 'sandbox'",
      ])
        assert.ok(r.stderr.includes(m), m);
      assert.match(
        r.stderr,
        /bad\.yaml:11:\d+: error: "must-have" is not a valid value for requirement .*\n {4}fix: did you mean 'must'\?/,
      );
      assert.match(
        r.stderr,
        /bad\.yaml:27:\d+: error: "governence" is not a valid value for files .*\n {4}fix: did you mean 'governance'\?/,
      );
      assert.ok(r.stderr.endsWith(`${bad}: 9 errors\n`), r.stderr);
    },
  );

  it("prints one success line on stdout when every file is valid", () => {
    const r = upstream("frameworks", "validate", valid);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "✓ 1 framework file valid\n");
    assert.equal(r.stderr, "");
  });
});
