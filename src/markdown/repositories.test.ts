import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { importReadme } from "./index.js";
import { gitRepository, repositoriesFromLinks, withRepositoriesFromLinks } from "./repositories.js";

const EXAMPLE = resolve(import.meta.dirname, "../../examples/azure-container-compute");

describe("repositories from a project's README links", () => {
  it("reads owner/repo of GitHub and GitLab links, and keeps a folder link whole", () => {
    const cases: Array<[string, ReturnType<typeof gitRepository>]> = [
      ["https://github.com/contoso/kite/releases", { repo: "https://github.com/contoso/kite" }],
      ["http://github.com/Contoso/Kite.git", { repo: "https://github.com/Contoso/Kite" }],
      ["https://github.com/contoso/kite/", { repo: "https://github.com/contoso/kite" }],
      [
        "https://github.com/contoso/mono/tree/main/tools/kite",
        { repo: "https://github.com/contoso/mono", folder: "https://github.com/contoso/mono/tree/main/tools/kite" },
      ],
      [
        "https://github.com/contoso/mono/blob/main/tools/kite/README.md#releases",
        { repo: "https://github.com/contoso/mono" },
      ],
      ["https://gitlab.com/contoso/team/guard/-/releases", { repo: "https://gitlab.com/contoso/team/guard" }],
      ["https://gitlab.com/contoso/guard/issues", { repo: "https://gitlab.com/contoso/guard" }],
      [
        "https://gitlab.com/contoso/mono/-/tree/main/agent",
        { repo: "https://gitlab.com/contoso/mono", folder: "https://gitlab.com/contoso/mono/-/tree/main/agent" },
      ],
      ["https://github.com/orgs/contoso/projects/1", undefined],
      ["https://github.com/contoso", undefined],
      ["https://sigs.k8s.io/kite", undefined],
      ["https://testgrid.k8s.io/contoso-kite", undefined],
      ["mailto:dev@contoso.example", undefined],
    ];
    for (const [url, expected] of cases) assert.deepEqual(gitRepository(url), expected, url);
  });

  it(
    "lists each repository once, a folder instead of its " + "whole repository, and falls back to the issue tracker",
    () => {
      const scaler = {
        home: "https://github.com/contoso/mono/tree/main/scaler/contoso",
        artifacts: [
          { label: "releases", url: "https://github.com/contoso/mono/blob/main/scaler/README.md#releases" },
          { label: "Tests", url: "https://testgrid.k8s.io/x" },
        ],
      };
      assert.deepEqual(repositoriesFromLinks(scaler), ["https://github.com/contoso/mono/tree/main/scaler/contoso"]);
      const csi = {
        home: "https://sigs.k8s.io/lantern",
        artifacts: [
          { label: "releases", url: "https://github.com/kubernetes-sigs/lantern/releases" },
          { label: "src", url: "https://github.com/Kubernetes-SIGs/Lantern" },
        ],
      };
      assert.deepEqual(repositoriesFromLinks(csi), ["https://github.com/kubernetes-sigs/lantern"]);
      const spec = {
        home: "https://spec.example/",
        channels: [
          { kind: "slack" as const, label: "#spec", url: "https://x.slack.com/archives/C1" },
          { kind: "issues" as const, label: "GitHub issues", url: "https://github.com/contoso/spec/issues" },
        ],
      };
      assert.deepEqual(repositoriesFromLinks(spec), ["https://github.com/contoso/spec"]);
      // The issue tracker is only a fallback: it may be another repository's.
      assert.deepEqual(repositoriesFromLinks({ ...csi, channels: spec.channels }), [
        "https://github.com/kubernetes-sigs/lantern",
      ]);
      assert.deepEqual(repositoriesFromLinks({ home: "https://runner.example/" }), []);
    },
  );

  it(
    "fills the bundled example's projects as the hand-filled " + "catalog has them, folders of monorepos as folders",
    () => {
      const { catalog } = importReadme(readFileSync(resolve(EXAMPLE, "README.md"), "utf8"));
      const filled = withRepositoriesFromLinks(catalog!);
      // The catalog lists governance repositories too (containerd/project), which no README link names.
      const code = (repositories: unknown[]) => repositories.filter((r) => typeof r === "string");
      const byHand = new Map(
        (
          parse(readFileSync(resolve(EXAMPLE, "upstream.yaml"), "utf8")) as {
            projects: Array<{ id: string; repositories: unknown[] }>;
          }
        ).projects.map((p) => [p.id, code(p.repositories)]),
      );
      const differing = filled.projects
        .filter((p) => JSON.stringify(p.repositories) !== JSON.stringify(byHand.get(p.id)))
        .map((p) => [p.id, p.repositories]);
      assert.equal(filled.projects.filter((p) => p.repositories?.length).length, 19);
      // Folders of monorepos as folders, as the hand-filled catalog has them (in-tree-legacy,
      // cluster-autoscaler-azure-provider).
      assert.deepEqual(differing, []);
      assert.deepEqual(filled.projects.find((p) => p.id === "cluster-autoscaler-azure-provider")!.repositories, [
        "https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler/cloudprovider/azure",
      ]);
      assert.deepEqual(Object.keys(filled.projects.find((p) => p.id === "moby")!).slice(-1), ["repositories"]);
    },
  );

  it("puts repositories before a project's raw cells", () => {
    const { catalog } = importReadme(
      "# P\n\n## Projects\n\n### One\n\n| Project | Goal | State | Communication | Use " +
        "|\n|---|---|---|---|---|\n| [A](https://github.com/a/a) <br> not a link | g | | | |\n",
    );
    const project = withRepositoriesFromLinks(catalog!).projects[0]!;
    assert.deepEqual(Object.keys(project).slice(-2), ["repositories", "raw"]);
  });

  it("leaves repositories a project already lists", () => {
    const { catalog } = importReadme(
      "# P\n\n## Projects\n\n### One\n\n| Project | Goal | State | Communication " +
        "| Use |\n|---|---|---|---|---|\n| [A](https://github.com/a/a) | g | | | |\n",
    );
    const given = { ...catalog!, projects: [{ ...catalog!.projects[0]!, repositories: ["./local"] }] };
    assert.deepEqual(withRepositoriesFromLinks(given).projects[0]!.repositories, ["./local"]);
  });
});
