import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyMirrors, repositoryRef, resolveTreeRef } from "./repository-ref.js";
import { validateCatalogDocument } from "./validate-catalog.js";

const catalog = (repositories: unknown[]) => ({
  apiVersion: "upstream/v1",
  program: { name: "P", mirrors: { "https://github.com/": "/srv/mirrors/github/" } },
  personas: [{ id: "ops", title: "Ops" }],
  projects: [{ id: "a", name: "A", persona: "ops", repositories }],
});

describe("repositoryRef: one form for every way a catalog names a repository", () => {
  it("a plain location is the whole repository, role code, labelled as written", () => {
    assert.deepEqual(repositoryRef("https://github.com/containerd/containerd"), {
      url: "https://github.com/containerd/containerd",
      role: "code",
      label: "https://github.com/containerd/containerd",
    });
    assert.deepEqual(repositoryRef("../kured"), { url: "../kured", role: "code", label: "../kured" });
  });

  it("{url, path, role} keeps the folder (normalized) and the role; the label names both", () => {
    assert.deepEqual(
      repositoryRef({
        url: "https://github.com/kubernetes/autoscaler",
        path: "./cluster-autoscaler/cloudprovider/azure/",
      }),
      {
        url: "https://github.com/kubernetes/autoscaler",
        path: "cluster-autoscaler/cloudprovider/azure",
        role: "code",
        label: "https://github.com/kubernetes/autoscaler//cluster-autoscaler/cloudprovider/azure",
      },
    );
    assert.deepEqual(repositoryRef({ url: "https://github.com/containerd/project", role: "governance" }), {
      url: "https://github.com/containerd/project",
      role: "governance",
      label: "https://github.com/containerd/project",
    });
  });

  it(
    "a GitHub or GitLab /tree/<branch>/<folder> URL is the folder; " +
      "the branch is the first segment until the refs say otherwise",
    () => {
      const gh = repositoryRef(
        "https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler/cloudprovider/azure",
      );
      assert.equal(gh.url, "https://github.com/kubernetes/autoscaler");
      assert.equal(gh.path, "cluster-autoscaler/cloudprovider/azure");
      assert.equal(
        gh.label,
        "https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler/cloudprovider/azure",
      );
      const gl = repositoryRef("https://gitlab.com/group/sub/proj/-/tree/main/charts/app?ref_type=heads");
      assert.equal(gl.url, "https://gitlab.com/group/sub/proj");
      assert.equal(gl.path, "charts/app");
      const slashed = repositoryRef("https://github.com/acme/mono/tree/release/1.2/pkg/a");
      assert.equal(slashed.path, "1.2/pkg/a", "a guess until the refs are known");
      const settled = resolveTreeRef(slashed, (name) => name === "release" || name === "release/1.2");
      assert.equal(settled.branch, "release/1.2", "the longest ref wins");
      assert.equal(settled.ref.path, "pkg/a");
      assert.equal(
        repositoryRef("https://github.com/acme/mono/tree/main").path,
        undefined,
        "the top of a branch is the whole repository",
      );
      assert.equal(repositoryRef("https://github.com/acme/mono").path, undefined);
    },
  );

  it("mirrors rewrite by the longest prefix, as git's insteadOf", () => {
    const mirrors = {
      "https://github.com/": "/srv/github/",
      "https://github.com/kubernetes/": "https://mirror.example/k8s/",
    };
    assert.deepEqual(applyMirrors("https://github.com/kubernetes/autoscaler", mirrors), {
      location: "https://mirror.example/k8s/autoscaler",
      mirror: "https://github.com/kubernetes/",
    });
    assert.deepEqual(applyMirrors("https://github.com/containerd/containerd", mirrors), {
      location: "/srv/github/containerd/containerd",
      mirror: "https://github.com/",
    });
    assert.deepEqual(applyMirrors("https://gitlab.com/x/y", mirrors), { location: "https://gitlab.com/x/y" });
  });
});

describe("the catalog's repository entries", () => {
  it("accepts the string and the object form, and program.mirrors", () => {
    const r = validateCatalogDocument(
      catalog([
        "https://github.com/containerd/containerd",
        { url: "https://github.com/kubernetes/autoscaler", path: "cluster-autoscaler" },
        { url: "https://github.com/containerd/project", role: "governance" },
      ]),
    );
    assert.deepEqual(r.issues, []);
  });

  it("reports a typo in the object form as an unknown key, a bad role and a folder leaving the repository", () => {
    const codes = (repositories: unknown[]) =>
      validateCatalogDocument(catalog(repositories)).issues.map((i) => `${i.code} ${i.message}`);
    assert.match(
      codes([{ url: "https://github.com/a/b", paht: "x" }]).join("\n"),
      /E_CATALOG_UNKNOWN_KEY unknown key 'paht'/,
    );
    assert.match(codes([{ url: "https://github.com/a/b", role: "docs" }]).join("\n"), /E_CATALOG_INVALID_VALUE/);
    assert.match(codes([{ url: "https://github.com/a/b", path: "../etc" }]).join("\n"), /without '\.\.'/);
    // The object form meant, with the key it lacks named.
    assert.match(codes([{ path: "x" }]).join("\n"), /E_CATALOG_MISSING_FIELD missing required field 'url'/);
    assert.match(
      codes([42]).join("\n"),
      /E_CATALOG_INVALID_VALUE expected a URL or local path, or \{url, path\?, role\?\}/,
    );
  });
});
