import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { collectProjectsEvidence, collectRepositoryEvidence, renderRepositoryEvidence } from "./index.js";
import { buildRepo, tempDir, type FixtureCommit } from "./testing.js";

// Repository shapes from real programs: a monorepo's component folder (kubernetes/autoscaler's
// cluster-autoscaler/cloudprovider/<cloud>), an org-level governance repository
// (containerd/project), a README that says the project is archived or deprecated, mirrors.

const MONOREPO: FixtureCommit[] = [
  {
    date: "2024-01-05",
    author: "Root <root@core.io>",
    files: { "README.md": "# Mono\n", LICENSE: "MIT License\n", OWNERS: "approvers:\n  - rooty\n" },
    tag: "v1.0.0",
  },
  {
    date: "2024-02-05",
    author: "Ann <ann@acme.io>",
    files: {
      "providers/alpha/OWNERS": "approvers:\n  - ann\n  - al\nreviewers:\n  - rev\n",
      "providers/alpha/alpha.go": "package alpha\n",
      "providers/alpha/alpha_test.go": "package alpha\n",
      "providers/alpha/README.md": "# Alpha provider\n",
    },
  },
  { date: "2024-03-05", author: "Al <al@acme.io>", files: { "providers/alpha/alpha.go": "package alpha // v2\n" } },
  {
    date: "2024-04-05",
    author: "Bea <bea@beta.org>",
    files: { "providers/beta/OWNERS": "approvers:\n  - bea\n", "providers/beta/beta.go": "package beta\n" },
  },
  { date: "2024-05-05", author: "Root <root@core.io>", files: { "core/main.go": "package main\n" }, tag: "v1.1.0" },
];

test("a monorepo folder: history, people, OWNERS and files are the folder's; tags are the repository's", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "mono"), MONOREPO);
    const cacheDir = join(dir, "cache");
    const alpha = await collectRepositoryEvidence(
      { url: "mono", path: "providers/alpha" },
      { baseDir: dir, cacheDir, asOf: "2024-06-01" },
    );
    assert.equal(alpha.repository, "mono//providers/alpha");
    assert.equal(alpha.path, "providers/alpha");
    assert.equal(alpha.history.commits, 2, "only the commits touching providers/alpha");
    assert.equal(alpha.history.contributors, 2);
    assert.deepEqual(
      alpha.history.organizations.map((o) => o.organization),
      ["acme.io"],
    );
    assert.equal(alpha.history.lastCommitDate.slice(0, 10), "2024-03-05");
    assert.equal(alpha.maintainers.file.path, "OWNERS", "the folder's OWNERS, path relative to the folder");
    assert.deepEqual(
      alpha.maintainers.maintainers.map((m) => m.handle),
      ["ann", "al"],
    );
    assert.equal(alpha.files.readme.path, "README.md");
    assert.equal(alpha.files.license.how, "none", "the folder holds no LICENSE");
    assert.equal(alpha.files.unitTests.count, 1);
    assert.equal(alpha.releases.tags, 2, "tags are the repository's");
    // the same clone, another folder, the same cache: its own figures, not alpha's
    const beta = await collectRepositoryEvidence(
      { url: "mono", path: "providers/beta/" },
      { baseDir: dir, cacheDir, asOf: "2024-06-01" },
    );
    assert.equal(beta.history.commits, 1);
    assert.deepEqual(
      beta.maintainers.maintainers.map((m) => m.handle),
      ["bea"],
    );
    const whole = await collectRepositoryEvidence("mono", { baseDir: dir, cacheDir, asOf: "2024-06-01" });
    assert.equal(whole.history.commits, 5);
    assert.deepEqual(
      whole.maintainers.maintainers.map((m) => m.handle),
      ["rooty"],
    );
    // a second run of the folder is served from the cache with the same figures
    const again = await collectRepositoryEvidence(
      { url: "mono", path: "providers/alpha" },
      { baseDir: dir, cacheDir, asOf: "2024-06-01" },
    );
    assert.equal(again.cache, "hit");
    assert.equal(again.history.commits, 2);
    assert.match(renderRepositoryEvidence(alpha), /mono\/\/providers\/alpha @ [0-9a-f]{12} \(2024-03-05\)/);
    const failsWith = (message: RegExp) => (e: unknown) =>
      (e as { code?: string }).code === "E_REPO_PATH_NOT_FOUND" && message.test((e as Error).message);
    await assert.rejects(
      collectRepositoryEvidence({ url: "mono", path: "providers/gamma" }, { baseDir: dir, cacheDir }),
      failsWith(/no folder providers\/gamma in the repository/),
    );
    await assert.rejects(
      collectRepositoryEvidence(
        { url: "mono", path: "providers/beta" },
        { baseDir: dir, cacheDir, asOf: "2024-03-01" },
      ),
      failsWith(/did not exist yet on 2024-03-01/),
    );
    await assert.rejects(
      collectRepositoryEvidence({ url: "mono", path: "LICENSE" }, { baseDir: dir, cacheDir }),
      failsWith(/no folder LICENSE/),
      "a file is not a folder",
    );
  } finally {
    cleanup();
  }
});

test(
  "a GitHub /tree/<branch>/<folder> URL means that folder; " + "a branch with a slash is resolved against the refs",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "mirrors", "acme", "mono"), [
        ...MONOREPO,
        { date: "2024-05-06", branch: "release/1.2", from: 4, files: { "x.txt": "x\n" } },
      ]);
      const mirrors = { "https://github.com/acme/": join(dir, "mirrors", "acme") + "/" };
      const options = { baseDir: dir, cacheDir: join(dir, "cache"), asOf: "2024-06-01", mirrors };
      const plain = await collectRepositoryEvidence("https://github.com/acme/mono/tree/main/providers/alpha", options);
      assert.equal(plain.repository, "https://github.com/acme/mono/tree/main/providers/alpha");
      assert.equal(plain.path, "providers/alpha");
      assert.equal(plain.history.commits, 2);
      const slashed = await collectRepositoryEvidence(
        "https://github.com/acme/mono/tree/release/1.2/providers/beta",
        options,
      );
      assert.equal(slashed.path, "providers/beta", "release/1.2 is a branch, so the folder is providers/beta");
      assert.equal(slashed.history.commits, 1);
      assert.ok(
        slashed.warnings?.some((w) => /release\/1\.2/.test(w.message) && /HEAD/.test(w.message)),
        "says the named branch is not the one read",
      );
    } finally {
      cleanup();
    }
  },
);

test("a governance repository: its files count with provenance, its history is marked files-only", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "engine"), [
      { date: "2024-01-05", files: { "README.md": "# Engine\n", "main.go": "package main\n" }, tag: "v1.0.0" },
    ]);
    buildRepo(join(dir, "project"), [
      {
        date: "2024-02-05",
        author: "Gov <gov@acme.io>",
        files: {
          "GOVERNANCE.md": "# Governance\nDecisions are made by the maintainers.\n",
          MAINTAINERS: "# name, email, github\nAnn Acme,ann@acme.io,ann\nBo Beta,bo@beta.org,bo\n",
          "SECURITY.md": "# Security\nReport vulnerabilities privately.\n",
        },
        tag: "v9.9.9",
      },
    ]);
    const [ev] = await collectProjectsEvidence(
      [{ id: "engine", repositories: ["engine", { url: "project", role: "governance" }] }],
      { baseDir: dir, cacheDir: join(dir, "cache"), asOf: "2026-06-01" },
    );
    assert.equal(ev!.failures.length, 0);
    const [code, gov] = ev!.repositories;
    assert.equal(code!.role ?? "code", "code");
    assert.equal(gov!.role, "governance");
    assert.equal(gov!.repository, "project");
    assert.equal(gov!.files.governance.path, "GOVERNANCE.md");
    assert.equal(gov!.files.security.path, "SECURITY.md");
    assert.equal(gov!.files.governance.source?.repository, "project");
    assert.ok(gov!.maintainers.maintainers.length >= 2);
    assert.equal(gov!.lifecycle?.state, "active", "a governance repository that changes rarely is not inactive");
    assert.equal(code!.lifecycle?.state, "inactive");
    const text = renderRepositoryEvidence(gov!);
    assert.match(text, /governance repository: files only/);
    assert.doesNotMatch(text, /history:/);
  } finally {
    cleanup();
  }
});

test(
  "lifecycle: a README that says archived or deprecated, " + "or no commit in 12 months, is reported with its source",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const repo = (name: string, readme: string, date = "2024-05-01") =>
        buildRepo(join(dir, name), [{ date, files: { "README.md": readme } }]);
      repo(
        "banner",
        "> # ⚠️ [Widget Identity has been archived and is no longer " +
          "maintained.](#note)\n\n## Note\n\nUse the new thing.\n",
      );
      repo("heading", "# Widget FlexVolume [DEPRECATED]\n\n**WARNING**: this solution has been deprecated.\n");
      repo(
        "status",
        "<!-- lint -->\n![logo](logo.png)\n\n# Widget Engine\n\n## Project status\n\nThis " +
          "project is deprecated for public cloud users. There are no further releases planned.\n",
      );
      repo("unmaintained", "# Gizmo\n\nThis repository is no longer maintained; see gizmo2.\n");
      // a deprecation of something else, far from the top, is not the project's lifecycle
      repo(
        "active",
        "# Widget\n\nWidget does things. The v1 flag `--old` is deprecated; " +
          "use `--new`.\n\n## Archive\n\nOld archived docs live elsewhere.\n",
      );
      repo("quiet", "# Quiet\n\nDoes one thing.\n", "2022-01-01");
      const options = { baseDir: dir, cacheDir: join(dir, "cache"), asOf: "2024-06-01" };
      const lifecycle = async (name: string) => (await collectRepositoryEvidence(name, options)).lifecycle;
      const banner = await lifecycle("banner");
      assert.equal(banner?.state, "archived");
      assert.equal(banner?.source?.path, "README.md");
      assert.equal(banner?.source?.line, 1);
      assert.match(banner!.reason, /archived/);
      assert.equal((await lifecycle("heading"))?.state, "deprecated");
      const status = await lifecycle("status");
      assert.equal(status?.state, "deprecated");
      assert.equal(status?.source?.line, 8);
      assert.equal((await lifecycle("unmaintained"))?.state, "deprecated");
      assert.equal((await lifecycle("active"))?.state, "active");
      const quiet = await lifecycle("quiet");
      assert.equal(quiet?.state, "inactive");
      assert.match(quiet!.reason, /no commit .* since 2022-01-01/);
      assert.match(
        renderRepositoryEvidence(await collectRepositoryEvidence("banner", options)),
        /lifecycle: +archived/,
      );
    } finally {
      cleanup();
    }
  },
);

test(
  "mirrors: a file:// URL in the catalog is read from the " + "local folder a mirror maps it to, longest prefix first",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "local", "engine"), [
        { date: "2024-01-05", author: "Ann <ann@acme.io>", files: { "README.md": "# E\n" } },
      ]);
      const url = "file:///nowhere/upstream/engine";
      const options = { baseDir: dir, cacheDir: join(dir, "cache"), asOf: "2024-06-01" };
      await assert.rejects(collectRepositoryEvidence(url, options), /does not exist/);
      const ev = await collectRepositoryEvidence(url, {
        ...options,
        mirrors: { "file:///nowhere/": "/also/nowhere/", "file:///nowhere/upstream/": "local/" },
      });
      assert.equal(ev.repository, url, "reports keep the catalog's name");
      assert.equal(ev.mirror, join(dir, "local", "engine"));
      assert.equal(ev.history.commits, 1);
    } finally {
      cleanup();
    }
  },
);

test("the same URL listed by several projects is cloned once, even when they are read at the same time", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "shared"), [{ date: "2024-01-05", files: { "README.md": "# S\n" } }]);
    const url = pathToFileURL(join(dir, "shared")).href;
    const projects = Array.from({ length: 4 }, (_, i) => ({ id: `p${i}`, repositories: [url] }));
    const evidence = await collectProjectsEvidence(projects, {
      baseDir: dir,
      cacheDir: join(dir, "cache"),
      concurrency: 4,
      asOf: "2024-06-01",
    });
    assert.deepEqual(
      evidence.map((e) => e.failures.map((f) => f.message)),
      [[], [], [], []],
    );
    assert.deepEqual(
      evidence.map((e) => e.repositories[0]?.history.commits),
      [1, 1, 1, 1],
    );
    assert.deepEqual(
      readdirSync(join(dir, "cache", "repos")).filter((n) => n.endsWith(".git")).length,
      1,
      "one clone, no leftovers",
    );
  } finally {
    cleanup();
  }
});

test(
  "a network failure is E_REPO_UNREACHABLE with a fix " + "naming --no-fetch and mirrors, not E_REPO_NOT_FOUND",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const [ev] = await collectProjectsEvidence([{ id: "p", repositories: ["http://127.0.0.1:1/acme/engine.git"] }], {
        baseDir: dir,
        cacheDir: join(dir, "cache"),
      });
      const failure = ev!.failures[0]!;
      assert.equal(failure.code, "E_REPO_UNREACHABLE");
      assert.match(failure.hint ?? "", /--no-fetch/);
      assert.match(failure.hint ?? "", /mirror/);
    } finally {
      cleanup();
    }
  },
);

test("lifecycle: a README's note that something else was deprecated is not the project's lifecycle", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // the shape of an out-of-tree cloud provider's README: the in-tree one is deprecated, this one is not
    buildRepo(join(dir, "provider"), [
      {
        date: "2024-05-01",
        files: {
          "README.md":
            "# Cloud provider for Acme\n\n[![ci](ci.svg)](ci)\n\nThis repository is the Acme implementation of " +
            "the provider interface.\n\nThis is the out-of-tree provider. " +
            "The in-tree cloud provider has been deprecated since v1.20.\n",
        },
      },
    ]);
    const ev = await collectRepositoryEvidence("provider", {
      baseDir: dir,
      cacheDir: join(dir, "cache"),
      asOf: "2024-06-01",
    });
    assert.equal(ev.lifecycle?.state, "active", ev.lifecycle?.reason);
  } finally {
    cleanup();
  }
});

test(
  "a maintainers file that points into a repository " + "the project lists is followed there, with provenance",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      // flux2's shape: the code repository's MAINTAINERS only links to the org's community repository.
      buildRepo(join(dir, "mirrors", "acme", "engine"), [
        {
          date: "2024-01-02",
          author: "Ann <ann@acme.io>",
          files: {
            MAINTAINERS:
              "The maintainers of this project are listed " +
              "in\nhttps://github.com/acme/community/blob/main/CORE-MAINTAINERS\n",
            "README.md": "# Engine\n",
          },
        },
      ]);
      buildRepo(join(dir, "mirrors", "acme", "community"), [
        {
          date: "2024-01-03",
          files: {
            "CORE-MAINTAINERS":
              "| Name | GitHub | Company |\n| --- | --- | --- |\n| Ann Lee | @annlee | " +
              "Acme |\n| Bo Chen | @bochen | Globex |\n| Cy Diaz | @cydiaz | Initech |\n",
          },
        },
      ]);
      const mirrors = { "https://github.com/acme/": join(dir, "mirrors", "acme") + "/" };
      const options = { baseDir: dir, cacheDir: join(dir, "cache"), asOf: "2024-06-01", mirrors };
      const [followed] = await collectProjectsEvidence(
        [
          {
            id: "engine",
            repositories: [
              "https://github.com/acme/engine",
              { url: "https://github.com/acme/community", role: "governance" },
            ],
          },
        ],
        options,
      );
      const m = followed!.repositories[0]!.maintainers;
      assert.deepEqual(
        m.maintainers.map((x) => x.handle),
        ["annlee", "bochen", "cydiaz"],
      );
      assert.equal(m.file.source?.repository, "https://github.com/acme/community");
      assert.equal(m.file.path, "CORE-MAINTAINERS");
      assert.match(m.file.note ?? "", /followed from MAINTAINERS:2 into https:\/\/github\.com\/acme\/community/);
      assert.equal(m.unknown, undefined);
      assert.deepEqual(m.organizations, ["Acme", "Globex", "Initech"]);
      const [alone] = await collectProjectsEvidence(
        [{ id: "engine", repositories: ["https://github.com/acme/engine"] }],
        options,
      );
      const u = alone!.repositories[0]!.maintainers.unknown;
      assert.match(
        u?.reason ?? "",
        /list https:\/\/github\.com\/acme\/community in the project's repositories \(role: governance\) to read them/,
      );
      assert.equal(u?.pointer?.path, "CORE-MAINTAINERS");
    } finally {
      cleanup();
    }
  },
);
