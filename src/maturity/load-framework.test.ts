import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatIssue } from "../core/errors.js";
import { BAD_FRAMEWORK as BAD } from "./testing.js";
import {
  allCriteria,
  loadFrameworks,
  normalizeLevel,
  parseFramework,
  readFrameworkText,
  resolveFrameworkOption,
} from "./index.js";

const MINIMAL = `id: mine
version: "1"
title: Mine
name: My framework
stages:
  - id: alpha
    title: Alpha
    criteria:
      - id: alpha.maintainers
        text: Two maintainers
        decided: automatic
        rule: { id: maintainers, threshold: 2 }
`;

describe("shipped frameworks", async () => {
  const frameworks = await loadFrameworks();

  it("load without issues, with a version", () => {
    for (const id of ["azcnu-v0.1", "cncf"]) {
      const fw = frameworks.get(id);
      assert.ok(fw, id);
      assert.ok(fw.version);
      assert.deepEqual(
        fw.stages.map((s) => s.id),
        ["sandbox", "incubating", "graduated"],
      );
    }
  });

  it("normalizes level words to stages, and reports the rest as not a stage", () => {
    const fw = frameworks.get("azcnu-v0.1")!;
    assert.deepEqual(normalizeLevel(fw, "Incubation"), { kind: "stage", stage: "incubating", written: "Incubation" });
    assert.equal(normalizeLevel(fw, "graduation").kind, "stage");
    for (const w of ["N/A", "??", "stable", ""]) assert.equal(normalizeLevel(fw, w).kind, "not-a-stage", w);
  });

  // GIVEN the guidelines document WHEN every entry guideline bullet is read THEN a criterion carries its words
  const guidelines = fileURLToPath(new URL("../../reference/graduation_guidelines.md", import.meta.url));
  it("encodes every entry guideline of graduation_guidelines.md, should-have items included", {
    skip: !existsSync(guidelines),
  }, () => {
    const texts = allCriteria(frameworks.get("azcnu-v0.1")!).map((c) => squash(c.text));
    const sections = readFileSync(guidelines, "utf8")
      .split(/^### /m)
      .filter((s) => s.startsWith("Entry Guidelines"));
    assert.equal(sections.length, 3);
    const bullets = sections.flatMap((s) => [...s.matchAll(/^\s*- (.+)$/gm)].map((m) => m[1]!));
    const skipped = /^(Should have|An example is|A great example is|TODO|If not possible)/;
    const missing = bullets
      .filter((b) => !skipped.test(b))
      .map((b) => b.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1"))
      .filter((b) => !texts.some((t) => t.includes(squash(b).slice(0, 40))));
    assert.deepEqual(missing, []);
    // in the guideline's own words: each bullet's first line appears verbatim (only link markup removed)
    const verbatim = allCriteria(frameworks.get("azcnu-v0.1")!).map((c) => c.text);
    const reworded = bullets
      .filter((b) => !skipped.test(b))
      .map((b) => b.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").trim())
      .filter((b) => !verbatim.some((t) => t.includes(b)));
    assert.deepEqual(reworded, []);
  });

  for (const [file, stage] of [
    ["incubation-criteria.md", "incubating"],
    ["graduation-criteria.md", "graduated"],
  ] as const) {
    const path = fileURLToPath(new URL(`../../reference/cncf/${file}`, import.meta.url));
    it(`encodes every required and suggested item of ${file}`, { skip: !existsSync(path) }, () => {
      const fw = frameworks.get("cncf")!;
      const texts = fw.stages.find((s) => s.id === stage)!.criteria.map((c) => squash(c.text));
      const items = [...readFileSync(path, "utf8").matchAll(/^- \[ \]\s+\*\*(.+?)\*\*/gm)].map((m) =>
        m[1]!.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1"),
      );
      assert.ok(items.length > 30);
      const missing = items.filter((b) => !texts.some((t) => t.includes(squash(b).slice(0, 40))));
      assert.deepEqual(missing, []);
      // a Suggested item is a should, a Required one (or one in a section without the split) a must
      let heading = "";
      const wrongLevel: string[] = [];
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (/^##+ /.test(line)) heading = line.replace(/^#+ /, "").trim();
        const item = /^- \[ \]\s+\*\*(.+?)\*\*/.exec(line)?.[1]?.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
        if (!item) continue;
        const want = heading === "Suggested" ? "should" : "must";
        const matches = fw.stages
          .find((s) => s.id === stage)!
          .criteria.filter((c) => squash(c.text).includes(squash(item).slice(0, 40)));
        if (!matches.some((c) => c.requirement === want)) wrongLevel.push(`${item} (want ${want})`);
      }
      assert.deepEqual(wrongLevel, []);
    });
  }
});

function squash(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

describe("parseFramework", () => {
  it("accepts a minimal framework and defaults requirement to must", () => {
    const { framework, issues } = parseFramework(MINIMAL, "mine.yaml");
    assert.deepEqual(issues, []);
    assert.equal(framework!.stages[0]!.criteria[0]!.requirement, "must");
    assert.equal(framework!.stages[0]!.criteria[0]!.rule!.threshold, 2);
  });

  it("locates an unknown rule at file:line:col with a did-you-mean", () => {
    const { framework, issues } = parseFramework(MINIMAL.replace("id: maintainers,", "id: maintaners,"), "mine.yaml");
    assert.equal(framework, undefined);
    assert.equal(issues.length, 1);
    assert.match(
      formatIssue(issues[0]!),
      /^mine\.yaml:12:\d+: error: unknown rule 'maintaners' .*\[E_FRAMEWORK_INVALID\]\n {4}fix: did you mean 'maintainers'\?/,
    );
  });

  it("locates an unknown key, a missing field and a bad parameter, all at once", () => {
    const text = MINIMAL.replace("        text: Two maintainers\n", "        txt: Two maintainers\n");
    const { issues } = parseFramework(text, "mine.yaml");
    const messages = issues.map((i) => `${i.line}: ${i.message}`);
    assert.ok(messages.includes("10: unknown key 'txt'"), messages.join("\n"));
    assert.ok(
      messages.some((m) => /missing required field 'text'/.test(m)),
      messages.join("\n"),
    );

    const bad = parseFramework(
      MINIMAL.replace("{ id: maintainers, threshold: 2 }", "{ id: files, files: [governence] }"),
      "mine.yaml",
    ).issues;
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.line, 12);
    assert.match(bad[0]!.path!, /stages\[0\]\.criteria\[0\]\.rule\.files\[0\]/);
    for (const t of ["-1", "2.5"]) {
      const negative = parseFramework(MINIMAL.replace("threshold: 2 }", `threshold: ${t} }`), "mine.yaml").issues;
      assert.equal(negative.length, 1, t);
      assert.match(`${negative[0]!.line}: ${negative[0]!.message}`, new RegExp(`^12: .*got ${t.replace(".", "\\.")}$`));
    }
  });

  it(
    "rejects duplicate criterion ids, a missing rule, a threshold " +
      "on a rule without one, and previous-stage on the first stage",
    () => {
      const text = `${MINIMAL}      - id: alpha.maintainers
        text: again
        decided: both
      - id: alpha.files
        text: files
        decided: automatic
        rule: { id: files, files: [readme], threshold: 3 }
      - id: alpha.prev
        text: prev
        decided: automatic
        rule: { id: previous-stage }
      - id: alpha.partial
        text: partial
        decided: automatic
        rule: { id: semver-releases }
        evidenceSuffices: false
`;
      const messages = parseFramework(text, "mine.yaml").issues.map((i) => `${i.line}: ${i.message}`);
      assert.deepEqual(messages, [
        "13: duplicate criterion id 'alpha.maintainers'",
        "15: criterion 'alpha.maintainers' is decided 'both' but names no rule",
        "19: rule 'files' takes no threshold",
        "23: the first stage has no previous stage",
        "28: criterion 'alpha.partial' is decided 'automatic', so evidenceSuffices has no effect",
      ]);
    },
  );

  it(
    "reports every problem in one run: a bad enum value hides no " +
      "cross-check, each has a fix, enums and file kinds get did-you-mean",
    () => {
      const issues = parseFramework(BAD, "bad.yaml").issues;
      assert.deepEqual(
        issues.map((i) => `${i.line}: ${i.message} → ${i.hint}`),
        [
          `11: "must-have" is not a valid value for requirement → did you mean 'must'? (one of: must, should)`,
          "13: duplicate criterion id 'sandbox.sponsor' → criterion ids are unique " +
            "across all stages (prefix them with the stage: incubating.maintainers)",
          `15: "sometimes" is not a valid value for decided → use one of: automatic, attestation, both`,
          "19: the first stage has no previous stage → remove this " +
            "criterion from the first stage, or move it to a later stage",
          "23: unknown rule 'maintaners' → did you mean 'maintainers'?",
          `27: "governence" is not a valid value for files → did you mean 'governance'? (one of: license, readme, ` +
            `contributing, codeOfConduct, security, governance, adopters, roadmap, changelog, ` +
            `issueTemplates, pullRequestTemplate, dcoOrCla, bestPracticesBadge, dependencyBot, maintainers)`,
          "27: rule 'files' takes no threshold → remove threshold: ('files' is decided by presence, not a count)",
          "31: criterion 'sandbox.review' is decided by attestation, so " +
            "its rule would never run → remove rule:, or use decided: both",
          "32: duplicate stage id 'sandbox' → stage ids are unique: " +
            "rename this stage, or merge its criteria into the earlier one",
        ],
      );
      // a missing field, a bad type and an empty list get a fix too
      const more = parseFramework(
        MINIMAL.replace("        text: Two maintainers\n", "").replace('version: "1"', "version: [1]"),
        "mine.yaml",
      ).issues;
      assert.ok(more.length >= 2 && more.every((i) => i.hint), more.map((i) => `${i.message} → ${i.hint}`).join("\n"));
    },
  );

  it("suggests the key meant for a misspelt one, at any depth, else lists the keys allowed there", () => {
    const typos = MINIMAL.replace("stages:", "stagse: []\nstages:").replace(
      "    title: Alpha\n",
      "    title: Alpha\n    synonym: [a]\n",
    );
    const hints = parseFramework(
      typos.replace("        decided: automatic\n", "        decidd: automatic\n        decided: automatic\n"),
      "mine.yaml",
    ).issues.map((i) => `${i.message} → ${i.hint}`);
    assert.deepEqual(hints.sort(), [
      "unknown key 'decidd' → did you mean 'decided'?",
      "unknown key 'stagse' → did you mean 'stages'?",
      "unknown key 'synonym' → did you mean 'synonyms'?",
    ]);
    // a rule's own keys: id, threshold and its parameters
    const rule = parseFramework(
      MINIMAL.replace("{ id: maintainers, threshold: 2 }", "{ id: maintainers, treshold: 2 }"),
      "mine.yaml",
    ).issues;
    assert.deepEqual(
      rule.map((i) => `${i.line}: ${i.message} → ${i.hint}`),
      ["12: unknown key 'treshold' → did you mean 'threshold'?"],
    );
    const files = parseFramework(
      MINIMAL.replace("{ id: maintainers, threshold: 2 }", "{ id: files, files: [readme], zzzzzz: 1 }"),
      "mine.yaml",
    ).issues;
    assert.deepEqual(
      files.map((i) => i.hint),
      ["remove it; allowed keys here: id, files (see docs/frameworks.md)"],
    );
    const far = parseFramework(MINIMAL.replace("title: Mine", "title: Mine\nqqqqqqqq: 1"), "mine.yaml").issues;
    assert.match(far[0]!.hint!, /^remove it; allowed keys here: \$schema, id, version, title, name, source, stages/);
  });

  it("locates an alias that refers to itself and nesting too deep, instead of overflowing the stack", () => {
    const cycle = parseFramework(MINIMAL + "extra: &a [*a]\n", "cycle.yaml").issues;
    assert.deepEqual(
      cycle.map((i) => i.code),
      ["E_YAML_ALIAS_CYCLE"],
    );
    assert.equal(cycle[0]!.line, MINIMAL.split("\n").length);
    const deep = parseFramework(MINIMAL + "extra: " + "[".repeat(5000) + "]".repeat(5000) + "\n", "deep.yaml").issues;
    assert.deepEqual(
      deep.map((i) => i.code),
      ["E_YAML_TOO_DEEP"],
    );
  });

  it("reports YAML syntax errors with their position", () => {
    const { issues } = parseFramework("id: [unclosed\n", "bad.yaml");
    assert.equal(issues[0]!.code, "E_YAML_SYNTAX");
    assert.equal(issues[0]!.file, "bad.yaml");
  });
});

describe("team frameworks", () => {
  it("loads frameworks/*.yaml next to the catalog, and --framework accepts an id or a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fw-"));
    await mkdir(join(dir, "frameworks"));
    await writeFile(join(dir, "frameworks", "mine.yaml"), MINIMAL);
    const frameworks = await loadFrameworks({ baseDir: dir });
    assert.ok(frameworks.has("mine") && frameworks.has("cncf"));
    assert.equal((await resolveFrameworkOption("mine", frameworks)).id, "mine");
    assert.equal((await resolveFrameworkOption(join(dir, "frameworks", "mine.yaml"), frameworks)).id, "mine");
    await assert.rejects(resolveFrameworkOption("cnfc", frameworks), /did you mean 'cncf'/);
  });

  it("reports a missing framework file as a located E_FILE_NOT_FOUND issue with a fix, not a raw ENOENT", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fw-"));
    const missing = join(dir, "nope.yaml");
    const read = await readFrameworkText(missing);
    assert.equal(read.text, undefined);
    assert.match(
      formatIssue(read.issue!),
      new RegExp(
        `^${missing.replace(/[.\\/]/g, "\\$&")}: error: no such file \\[E_FILE_NOT_FOUND\\]\n    fix: check the path`,
      ),
    );
    assert.equal((await readFrameworkText(dir)).issue!.message, "this is a folder, not a framework .yaml file");
    await assert.rejects(
      resolveFrameworkOption(missing, new Map()),
      (e: Error & { code: string; issues: { file?: string }[] }) =>
        e.code === "E_FILE_NOT_FOUND" && e.issues[0]!.file === missing && !e.message.includes("ENOENT"),
    );
  });

  it("refuses a bad team framework with every located issue", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fw-"));
    await mkdir(join(dir, "frameworks"));
    await writeFile(join(dir, "frameworks", "bad.yaml"), MINIMAL.replace("decided: automatic", "decided: sometimes"));
    await assert.rejects(
      loadFrameworks({ baseDir: dir }),
      (e: Error & { issues: { line: number }[] }) => e.issues.length === 1 && e.issues[0]!.line === 11,
    );
  });
});

it("explains a framework file that is empty, a list or a scalar instead of a mapping", () => {
  for (const [text, holds] of [
    ["# nothing\n", /is empty/],
    ["- a\n- b\n", /holds a list/],
    ["42\n", /holds a single value \(42\)/],
  ] as const) {
    const r = parseFramework(text, "mine.yaml");
    assert.equal(r.framework, undefined);
    assert.equal(r.issues[0]?.code, "E_FRAMEWORK_INVALID");
    assert.match(r.issues[0]!.message, holds);
    assert.match(r.issues[0]!.hint!, /docs\/frameworks\.md/);
  }
});
