import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildRepo, tempDir } from "../evidence/testing.js";
import { openStore } from "../store/index.js";
import { sqliteEngine } from "../store/testing.js";
import { collectEvidence, exportStore, importStore, openCatalog, PACKAGE_ROOT } from "./index.js";

const CATALOG = `apiVersion: upstream/v1
program: { name: Test }
personas:
  - { id: ops, title: Ops }
projects:
  - { id: one, name: One, persona: ops, repositories: [repos/one] }
`;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

describe("store export and import", () => {
  let root: ReturnType<typeof tempDir>;
  before(() => {
    root = tempDir();
    writeFileSync(join(root.dir, "upstream.yaml"), CATALOG);
    buildRepo(join(root.dir, "repos", "one"), [
      {
        date: "2019-01-10",
        author: "Ann <ann@acme.io>",
        files: { MAINTAINERS: "Ann Example <ann@acme.io> (@ann)\nBob <bob.b@globex.com>\n" },
        tag: "v0.1.0",
      },
      { date: "2020-07-10", author: "Bob <bob.b@globex.com>", tag: "v1.0.0" },
      { date: "2020-08-10", author: "ann <ANN@acme.io>" },
    ]);
  });
  after(() => root.cleanup());

  it("exports figures and handles of a real collected repo, no e-mail address, and imports them back", async () => {
    const a = await sqliteEngine.fresh();
    const b = await sqliteEngine.fresh();
    const source = await openStore(a.target);
    const target = await openStore(b.target);
    try {
      const opened = await openCatalog({ cwd: root.dir });
      const collected = await collectEvidence(opened, {
        cwd: root.dir,
        asOf: "2021-01-01",
        store: { store: source, toolVersion: "1.2.3" },
      });
      const read = collected.evidence[0]!.repositories[0]!;
      // the evidence read does hold e-mail addresses (so the export has something to strip)
      assert.match(JSON.stringify(read), EMAIL);
      const exported = await exportStore(source, { toolVersion: "1.2.3" });
      assert.doesNotMatch(exported.text, EMAIL);
      const lines = exported.text.trimEnd().split("\n");
      assert.deepEqual(JSON.parse(lines[0]!), {
        format: "upstream-store-export",
        version: 1,
        asOf: "2021-01-01",
        toolVersion: "1.2.3",
      });
      assert.equal(lines.length, 2);
      const imported = await importStore(target, exported.text, "x.jsonl");
      assert.equal(imported.snapshots, 1);
      const back = (await target.latestSnapshot("repos/one"))!.evidence;
      assert.equal(back.history.commits, read.history.commits);
      assert.equal(back.history.contributors, read.history.contributors);
      assert.deepEqual(back.history.organizations, read.history.organizations);
      assert.deepEqual(
        back.maintainers.maintainers.map((m) => m.handle),
        read.maintainers.maintainers.map((m) => m.handle.replace(EMAIL, "(e-mail withheld)")),
      );
      // sorted and stable: exporting the imported store gives the same records
      const again = await exportStore(target, { toolVersion: "1.2.3" });
      assert.equal(again.text, exported.text);
    } finally {
      await source.close();
      await target.close();
      await a.cleanup();
      await b.cleanup();
    }
  });

  it("import checks every line first: a bad one is named file:line and nothing is written", async () => {
    const fresh = await sqliteEngine.fresh();
    const store = await openStore(fresh.target);
    try {
      const good = readFileSync(join(PACKAGE_ROOT, "examples", "azure-container-compute", "evidence.jsonl"), "utf8");
      const lines = good.trimEnd().split("\n");
      const broken = [
        ...lines.slice(0, 3),
        "{not json",
        lines[3]!.replace('"commit":"', '"commit":"zz'),
        ...lines.slice(4),
      ];
      await assert.rejects(
        importStore(store, broken.join("\n"), "bad.jsonl"),
        (error: Error & { issues: { file?: string; line?: number; code: string }[] }) => {
          assert.deepEqual(
            error.issues.map((i) => `${i.file}:${i.line}: ${i.code}`),
            ["bad.jsonl:4: E_STORE_EXPORT_SYNTAX", "bad.jsonl:5: E_STORE_EXPORT_SYNTAX"],
          );
          return true;
        },
      );
      assert.deepEqual(await store.repositories(), []);
      assert.deepEqual(await store.listRuns(), []);
    } finally {
      await store.close();
      await fresh.cleanup();
    }
  });
});

describe("the quick start (npm start), offline", () => {
  it("assesses the 19 bundled projects from the bundled evidence, with real figures, and renders the README", () => {
    const home = mkdtempSync(join(tmpdir(), "upstream-offline-"));
    try {
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: home,
        XDG_CACHE_HOME: join(home, "cache"),
        TMPDIR: home,
        NO_COLOR: "1",
        // no network: any fetch would fail through this proxy
        HTTPS_PROXY: "http://127.0.0.1:9",
        GIT_CONFIG_GLOBAL: join(home, "none"),
      };
      const start = spawnSync(process.execPath, [join(PACKAGE_ROOT, "scripts", "quick-start.mjs")], {
        cwd: home,
        encoding: "utf8",
        env,
      });
      assert.equal(start.status, 0, start.stderr);
      assert.match(start.stderr, /evidence from .*evidence\.jsonl, as of 2026-11-01/);
      assert.match(start.stdout, /19 projects as of 2026-11-01/);
      assert.match(start.stdout, /3 not measured/);
      assert.match(start.stderr + start.stdout, /kubernetes\/kubernetes is too large to fetch/);
      const readme = /README with badges: (\S+)/.exec(start.stdout)![1]!;
      assert.match(readFileSync(readme, "utf8"), /badges\/containerd\.svg/);
      // a real figure from the bundled evidence shows in the detail of one project
      const record = readFileSync(join(PACKAGE_ROOT, "examples", "azure-container-compute", "evidence.jsonl"), "utf8")
        .split("\n")
        .find((l) => l.includes('"repository":"https://github.com/containerd/containerd"'))!;
      const active = (JSON.parse(record) as { evidence: { history: { activeContributorsLast12Months: number } } })
        .evidence.history.activeContributorsLast12Months;
      assert.ok(active > 10);
      const detail = spawnSync(
        process.execPath,
        [
          join(PACKAGE_ROOT, "bin", "upstream.js"),
          "assess",
          "containerd",
          "--catalog",
          join(PACKAGE_ROOT, "examples", "azure-container-compute"),
          "--evidence",
          join(PACKAGE_ROOT, "examples", "azure-container-compute", "evidence.jsonl"),
          "--as-of",
          "2026-11-01",
        ],
        { cwd: home, encoding: "utf8", env },
      );
      assert.equal(detail.status, 0, detail.stderr);
      assert.match(detail.stdout, new RegExp(`\\b${active} active contributors in the 12 months to 2026-11-01`));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
