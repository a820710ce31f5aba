import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "./load-catalog.js";

// GIVEN a typo inside a value that has several forms, an undefined alias or a merge key WHEN
// the catalog is loaded THEN the issue names the key, where it is written, and the fix.

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "catalog-messages-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(content: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, content);
  return (await loadCatalog(file)).issues.filter((i) => i.severity === "error");
}

const HEAD =
  "apiVersion: upstream/v1\nprogram: {name: P}\npersonas: [{id: ops, title: " +
  "Ops}]\nprojects:\n  - id: a\n    name: A\n    persona: ops\n    repositories: [./a]\n";

describe("a typo inside a field of several forms is named at its key, with the key meant", () => {
  for (const [field, yaml, path, line, col, hint] of [
    [
      "state",
      "    state: {framwork: CNCF, level: sandbox}\n",
      "projects[0].state.framwork",
      9,
      13,
      /did you mean 'framework'\?/,
    ],
    [
      "state (block)",
      "    state:\n      framework: CNCF\n      levle: sandbox\n",
      "projects[0].state.levle",
      11,
      7,
      /did you mean 'level'\?/,
    ],
    [
      "versions",
      "    versions: {label: API, itmes: [{version: v1}]}\n",
      "projects[0].versions.itmes",
      9,
      28,
      /did you mean 'items'\?/,
    ],
    [
      "versions item",
      "    versions: {label: API, items: [{verison: v1}]}\n",
      "projects[0].versions.items[0].verison",
      9,
      37,
      /did you mean 'version'\?/,
    ],
    [
      "channels",
      "    channels: [{kind: slack, lable: s, url: 'https://x.io'}]\n",
      "projects[0].channels[0].lable",
      9,
      30,
      /did you mean 'label'\?/,
    ],
    [
      "channel kind",
      "    channels: [{kind: slak, label: s, url: 'https://x.io'}]\n",
      "projects[0].channels[0].kind",
      9,
      23,
      /did you mean "slack"\?/,
    ],
    [
      "channel text",
      "    channels: [{txt: same as above}]\n",
      "projects[0].channels[0].txt",
      9,
      17,
      /did you mean 'text'\?/,
    ],
    [
      "usedIn",
      "    usedIn: [{titel: AKS, url: 'https://x.io'}]\n",
      "projects[0].usedIn[0].titel",
      9,
      15,
      /did you mean 'title'\?/,
    ],
    ["raw", "    usedIn: {rwa: '[AKS](https://x.io)'}\n", "projects[0].usedIn.rwa", 9, 14, /did you mean 'raw'\?/],
  ] as const) {
    it(field, async () => {
      const issues = await load(HEAD + yaml);
      assert.equal(issues.length, 1, JSON.stringify(issues));
      const i = issues[0]!;
      assert.equal(i.path, path);
      assert.deepEqual([i.line, i.col], [line, col]);
      assert.match(i.hint ?? "", hint);
    });
  }

  it("a value of none of the forms still lists the forms", async () => {
    const [i, ...rest] = await load(HEAD + "    state: incubating\n");
    assert.equal(rest.length, 0);
    assert.match(i!.message, /expected \{framework, level\[, note\]\}/);
  });
});

describe("YAML the catalog does not take is located, with its own fix", () => {
  it("an undefined alias is located at the alias", async () => {
    const issues = await load(HEAD.replace("persona: ops", "persona: *nope"));
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0]!.line, issues[0]!.col], [7, 14]);
    assert.match(issues[0]!.message, /the alias \*nope names no anchor/);
    assert.match(issues[0]!.hint!, /&nope earlier in the file/);
    assert.doesNotMatch(issues[0]!.hint!, /nesting aliases/);
  });

  it("an alias used before its anchor says the anchor must come first", async () => {
    const issues = await load(HEAD.replace("persona: ops", "persona: *later") + "extra: &later ops\n");
    assert.match(issues[0]!.message, /no &later is set before it/);
  });

  it("a merge key says merge keys are not supported, not 'did you mean id'", async () => {
    const issues = await load(HEAD + "  - <<: {persona: ops}\n    id: b\n    name: B\n");
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, "E_YAML_MERGE_KEY");
    assert.deepEqual([issues[0]!.line, issues[0]!.col], [9, 5]);
    assert.match(issues[0]!.message, /merge keys .* are not supported/);
    assert.doesNotMatch(issues[0]!.hint!, /did you mean/);
  });
});
