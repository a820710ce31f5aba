import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseYamlSource } from "../catalog/index.js";
import { landscapeFromValue, readPublicRecord, type PublicRecord } from "./public-record.js";
import { scanLandscape } from "./scan-landscape.js";
import { matchPublicRecord, repositoryKey } from "./match-public.js";
import type { ProgramProject } from "./model.js";

// The shapes of cncf/landscape's landscape.yml and CLOMonitor's data/cncf.yaml, rebuilt small.
const LANDSCAPE = `# yaml-language-server: $schema=https://example.invalid/schema.json

landscape:
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Runtime
        items:
          - item:
            name: containerd
            homepage_url: https://containerd.io/
            project: graduated
            repo_url: https://github.com/containerd/containerd
            description: >-
              An open and reliable container runtime: with a colon
            extra:
              accepted: '2017-03-29'
              incubating: '2017-03-29'
              graduated: '2019-02-28'
              clomonitor_name: containerd
              summary_use_case: >-
                project: not a key of the item
          - item:
            name: containerd (Wasm)
            repo_url: https://github.com/containerd/containerd
            allow_duplicate_repo: true
          - item:
            name: "Virtual Kubelet"
            project: sandbox
            repo_url: https://github.com/virtual-kubelet/virtual-kubelet # the main one
            additional_repos:
              - repo_url: https://github.com/virtual-kubelet/azure-aci
            extra:
              accepted: 2018-12-04
      - subcategory:
        name: Service Mesh
        items:
          - item:
            name: Service Mesh Interface (SMI)
            project: archived
            repo_url: https://github.com/servicemeshinterface/smi-spec
            extra:
              accepted: '2020-04-21'
              archived: '2023-10-03'
          - item:
            name: Broken
            project: sandbox
            repo_url: https://github.com/example/broken
            extra:
              accepted: '2021-02-30'
`;

const CLOMONITOR = `- name: containerd
  display_name: containerd
  accepted_at: "2017-03-29"
  maturity: graduated
  repositories:
    - name: containerd
      url: https://github.com/containerd/containerd
- name: tag-security
  display_name: TAG Security
  repositories:
    - url: https://github.com/cncf/tag-security
- name: virtual-kubelet
  accepted_at: "2018-12-04"
  maturity: sandbox
  repositories:
    - url: https://github.com/virtual-kubelet/virtual-kubelet
`;

const project = (id: string, repositories: ProgramProject["repositories"], extra: Partial<ProgramProject> = {}) => ({
  id,
  name: id,
  repositories,
  ...extra,
});

const CATALOG: ProgramProject[] = [
  project("containerd", [{ url: "https://github.com/containerd/containerd.git" }], {
    frameworkId: "cncf",
    level: "graduated",
  }),
  project("vk", [{ url: "https://github.com/Virtual-Kubelet/azure-aci/" }], { name: "VK ACI" }),
  project("smi", [{ url: "https://github.com/deislabs/smi-spec" }], { name: "Service Mesh Interface (SMI)" }),
  project("in-tree", [{ url: "https://github.com/kubernetes/kubernetes", folder: "staging/azure" }]),
  project("windows", [{ url: "https://github.com/containerd/containerd" }]),
  project("aks-engine", [{ url: "https://github.com/Azure/aks-engine" }]),
];

function record(text: string, file = "landscape.yml"): PublicRecord {
  const r = readPublicRecord(file, text);
  assert.ok("projects" in r, JSON.stringify(r));
  return r;
}

describe("landscape.yml", () => {
  it("reads each foundation project (those with project:), its repositories and dated levels", () => {
    const r = record(LANDSCAPE);
    assert.equal(r.kind, "landscape");
    assert.deepEqual(
      r.projects.map((p) => [p.name, p.level, p.accepted ?? null, p.line]),
      [
        ["containerd", "graduated", "2017-03-29", 10],
        ["Virtual Kubelet", "sandbox", "2018-12-04", 28],
        ["Service Mesh Interface (SMI)", "archived", "2020-04-21", 39],
        ["Broken", "sandbox", null, 46],
      ],
    );
    assert.deepEqual(r.projects[1]!.repositories, [
      "https://github.com/virtual-kubelet/virtual-kubelet",
      "https://github.com/virtual-kubelet/azure-aci",
    ]);
    assert.equal(r.issues.length, 1);
    assert.match(r.issues[0]!.message, /'Broken': accepted is "2021-02-30", not a date/);
    assert.equal(r.issues[0]!.line, 46);
  });

  it("the line scanner gives what the YAML parser gives", () => {
    const source = parseYamlSource("landscape.yml", LANDSCAPE).source!;
    const parsed = landscapeFromValue("landscape.yml", source.value as Record<string, unknown>, source);
    const scanned = scanLandscape("landscape.yml", LANDSCAPE);
    assert.deepEqual(scanned, parsed);
  });

  it("a wanted key the scanner cannot read for sure goes to the YAML parser", () => {
    const odd = LANDSCAPE.replace("project: graduated", "project: &lvl graduated");
    const r = record(odd);
    assert.equal(r.projects[0]!.level, "graduated");
    const folded = LANDSCAPE.replace(
      "            name: containerd\n",
      "            name: >-\n              containerd\n",
    );
    assert.equal(record(folded).projects[0]!.name, "containerd");
  });
});

describe("CLOMonitor data files", () => {
  it("read the level now and the day accepted; entries without a maturity are no project", () => {
    const r = record(CLOMONITOR, "data/cncf.yaml");
    assert.equal(r.kind, "clomonitor");
    assert.deepEqual(
      r.projects.map((p) => [p.name, p.level, p.accepted, p.line]),
      [
        ["containerd", "graduated", "2017-03-29", 1],
        ["virtual-kubelet", "sandbox", "2018-12-04", 12],
      ],
    );
  });
  it("another file is refused with what to give instead", () => {
    const r = readPublicRecord("x.yaml", "a: 1\n");
    assert.ok("issues" in r && !("projects" in r));
    assert.equal(r.issues[0]!.code, "E_DECISIONS_IMPORT_FORMAT");
    assert.match(r.issues[0]!.hint!, /landscape\.yml .* CLOMonitor/);
  });
});

describe("matching to catalog projects", () => {
  it("by whole repository, else by name; folders and shared repositories are parts, not the project", () => {
    const report = matchPublicRecord(record(LANDSCAPE), CATALOG, "cncf");
    const summary = Object.fromEntries(
      report.matches.map((m) => [m.project, m.matched ? `${m.by} ${m.entry.name}` : m.why]),
    );
    assert.equal(summary.vk, "repository Virtual Kubelet");
    assert.equal(summary.smi, "name Service Mesh Interface (SMI)");
    assert.match(summary["in-tree"]!, /no entry has its repository/);
    // its repository is shared (windows lists it too), so only its name can match it
    assert.equal(summary.containerd, "name containerd");
    assert.match(
      summary.windows!,
      /github.com\/containerd\/containerd \(also listed by containerd\) belongs to containerd/,
    );
    assert.match(summary["aks-engine"]!, /no entry has its repository \(https:\/\/github.com\/Azure\/aks-engine\)/);
  });

  it("dates the decisions: admitted at the level reached the day accepted, then each promotion, then archiving", () => {
    const only = CATALOG.filter((p) => p.id !== "windows");
    const report = matchPublicRecord(record(LANDSCAPE), only, "cncf");
    const decisions = (id: string) => {
      const m = report.matches.find((x) => x.project === id)!;
      assert.ok(m.matched);
      return m.decisions.map((d) => `${d.date} ${d.kind} ${d.level ?? ""}`.trim());
    };
    assert.deepEqual(decisions("containerd"), ["2017-03-29 admit incubating", "2019-02-28 promote graduated"]);
    assert.deepEqual(decisions("smi"), ["2020-04-21 admit sandbox", "2023-10-03 archive"]);
    const vk = report.matches.find((x) => x.project === "vk")!;
    assert.ok(vk.matched && vk.notes.some((n) => /other repositories, not its main one/.test(n)));
  });

  it("CLOMonitor dates only a sandbox admission, and says what it lacks", () => {
    const report = matchPublicRecord(record(CLOMONITOR, "data/cncf.yaml"), CATALOG.slice(0, 1), "cncf");
    const m = report.matches[0]!;
    assert.ok(m.matched);
    assert.deepEqual(m.decisions, []);
    assert.match(m.notes[0]!, /not the level it was accepted at nor when it moved/);
  });

  it("compares repositories whatever their spelling", () => {
    assert.equal(repositoryKey("https://github.com/Owner/Repo.git/"), "github.com/owner/repo");
    assert.equal(repositoryKey("git@github.com:owner/repo.git"), "github.com/owner/repo");
    assert.equal(repositoryKey("./local"), undefined);
  });
});
