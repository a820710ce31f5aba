import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadCatalog } from "../catalog/index.js";
import { formatIssue } from "../core/errors.js";
import { loadFrameworks, maturityCatalogRules } from "./index.js";

const frameworks = await loadFrameworks();

const CATALOG = `apiVersion: upstream/v1
program:
  name: Demo program
  frameworks: { Azure: azcnu-v0.1, CNCF: cncf, Ops: opsfw }
  thresholds:
    azcnu-v0.1/incubating.maintainers: 3
    azcnu-v0.1/incubating.maintainer: 3
    azcnu-v0.1/incubating.adopters: -1
    azcnu-v0.1/graduated.adopters: 2.5
personas:
  - { id: ops, title: Operators }
projects:
  - id: alpha
    name: Alpha
    persona: ops
    state: { framework: Azure, level: incubating }
    attestations:
      sandbox.msft-sponsor: { status: met, by: jane, date: 2020-01-01 }
      sandbox.msft-sponser: { status: met, by: jane, date: 2020-01-01 }
      incubating.maintainers: { status: met, by: jane, date: 2020-01-01 }
  - id: beta
    name: Beta
    persona: ops
    state: { framework: Kubernetes, level: stable }
    attestations:
      incubating.vendor-neutral: { status: met, by: joe, date: 2020-01-01 }
      no.such.thing: { status: met, by: joe, date: 2020-01-01 }
`;

describe("maturity catalog rules", () => {
  it("locate unknown criteria, unknown frameworks and bad threshold keys at file:line:col", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cat-"));
    const file = join(dir, "upstream.yaml");
    await writeFile(file, CATALOG);
    const loaded = await loadCatalog(file, maturityCatalogRules(frameworks));
    const lines = loaded.issues.map((i) => formatIssue(i).replace(file, "upstream.yaml"));
    assert.equal(loaded.catalog, undefined);
    assert.ok(
      lines.includes(
        "upstream.yaml:4:53: error: alias 'Ops' maps to framework " +
          "'opsfw', which is not known (at program.frameworks.Ops) " +
          "[E_CATALOG_UNKNOWN_FRAMEWORK]\n    fix: use one of: azcnu-v0.1, " +
          "cncf, or add frameworks/opsfw.yaml next to the catalog",
      ),
      lines.join("\n"),
    );
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith("upstream.yaml:7:5: error: threshold 'azcnu-v0.1/incubating.maintainer'") &&
          l.includes("did you mean 'azcnu-v0.1/incubating.maintainers'?"),
      ),
      lines.join("\n"),
    );
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith(
            "upstream.yaml:19:7: error: attestation 'sandbox.msft-sponser' " +
              "of project 'alpha' names no criterion of framework azcnu-v0.1",
          ) && l.includes("did you mean 'sandbox.msft-sponsor'?"),
      ),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          "upstream.yaml:20:7: warning: attestation 'incubating.maintainers' of project 'alpha' will be ignored",
        ),
      ),
      lines.join("\n"),
    );
    // beta's framework is not mapped: its attestations are checked against every known framework
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          "upstream.yaml:27:7: error: attestation 'no.such.thing' of " +
            "project 'beta' names no criterion of any known framework",
        ),
      ),
      lines.join("\n"),
    );
    assert.ok(!lines.some((l) => l.includes("incubating.vendor-neutral")));
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          "upstream.yaml:8:37: error: threshold 'azcnu-v0.1/incubating.adopters' " +
            "must be a whole number of 0 or more, got -1",
        ),
      ),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          "upstream.yaml:9:36: error: threshold 'azcnu-v0.1/graduated.adopters' " +
            "must be a whole number of 0 or more, got 2.5",
        ),
      ),
      lines.join("\n"),
    );
    assert.equal(loaded.issues.filter((i) => i.severity === "error").length, 6);
  });
});

describe("stateTypoRule", () => {
  it(
    "warns about a state that is almost an alias or almost " + "a stage, and not about states written on purpose",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "state-typo-"));
      const file = join(dir, "upstream.yaml");
      await writeFile(
        file,
        `apiVersion: upstream/v1
program: { name: P }
personas: [{ id: ops, title: Ops }]
projects:
  - { id: a, name: A, persona: ops, state: { framework: Azrue, level: incubating } }
  - { id: b, name: B, persona: ops, state: { framework: CNCF, level: incubatng } }
  - { id: c, name: C, persona: ops, state: { framework: Kubernetes, level: stable } }
  - { id: d, name: D, persona: ops, state: { framework: Moby, level: "??" } }
  - { id: e, name: E, persona: ops, state: { framework: CNCF, level: N/A } }
  - { id: f, name: F, persona: ops, state: { framework: Azure, level: incubation } }
`,
      );
      const r = await loadCatalog(file, maturityCatalogRules(frameworks));
      assert.ok(r.catalog, "warnings do not make the catalog invalid");
      const lines = r.issues.map((i) => [i.severity, i.line, i.path, i.hint]);
      assert.deepEqual(lines, [
        ["warning", 5, "projects[0].state.framework", "did you mean 'Azure'?"],
        ["warning", 6, "projects[1].state.level", "did you mean 'incubating'?"],
      ]);
    },
  );
});
