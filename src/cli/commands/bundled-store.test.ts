import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildRepo, tempDir } from "../../evidence/testing.js";
import { PACKAGE_ROOT } from "../shared.js";
import { runUpstream } from "../testing.js";

// GIVEN no catalog here (so the bundled example, inside the tool) and XDG_CACHE_HOME naming a temp folder WHEN a
// command writes the store and another reads it THEN the store is one file in the user's cache, the same for both,
// said on stderr once per command, and nothing is written inside the tool's folder.

const EXAMPLE = join(PACKAGE_ROOT, "examples", "azure-container-compute");

describe("the bundled example's store is kept in the user's cache, not inside the tool", () => {
  let root: ReturnType<typeof tempDir>;
  let cacheHome: string;
  let cwd: string;
  before(() => {
    root = tempDir("upstream-bundled-store-");
    cacheHome = join(root.dir, "xdg-cache");
    cwd = join(root.dir, "empty");
    mkdirSync(cwd);
  });
  after(() => root.cleanup());

  it("store import writes it there, history reads it from there, the example's folder stays as it was", () => {
    const listing = readdirSync(EXAMPLE).sort();
    const env = { XDG_CACHE_HOME: cacheHome };
    const imported = runUpstream(["store", "import", join(EXAMPLE, "evidence.jsonl")], { cwd, env });
    assert.equal(imported.code, 0, imported.stderr);
    const stores = readdirSync(join(cacheHome, "upstream-portfolio"));
    assert.equal(stores.length, 1, "one folder for this install's example");
    assert.match(stores[0]!, /^[0-9a-f]{16}$/);
    const file = join(cacheHome, "upstream-portfolio", stores[0]!, "portfolio.db");
    assert.ok(existsSync(file), file);
    const notice = `upstream: the bundled example is read-only: its store is kept in your cache, ${file}`;
    assert.equal(imported.stderr.split("\n").filter((l) => l === notice).length, 1, imported.stderr);

    // the figures imported are read back from the same file
    const history = runUpstream(["history", "aks-engine", "--metric", "commits", "--json"], { cwd, env });
    assert.equal(history.code, 0, history.stderr);
    assert.ok(history.stderr.includes(notice), history.stderr);
    const points = (JSON.parse(history.stdout) as { points: { asOf: string; value: number | null }[] }).points;
    assert.deepEqual(
      points.map((p) => p.asOf),
      ["2026-11-01"],
    );
    assert.equal(typeof points[0]!.value, "number");
    assert.deepEqual(readdirSync(EXAMPLE).sort(), listing);
    assert.ok(!existsSync(join(EXAMPLE, ".upstream")), "no store inside the tool");
  });

  it("collect --no-store keeps the evidence cache in the user's cache too, not beside the example", () => {
    const listing = readdirSync(EXAMPLE).sort();
    const mirror = join(root.dir, "mirror");
    buildRepo(join(mirror, "virtual-kubelet"), [
      { date: "2026-01-10", author: "Ann <ann@acme.io>", files: { LICENSE: "MIT License\n", "README.md": "# VK\n" } },
    ]);
    const r = runUpstream(
      ["collect", "virtual-kubelet", "--no-store", "--mirror", `https://github.com/virtual-kubelet/=${mirror}/`],
      { cwd, env: { XDG_CACHE_HOME: cacheHome } },
    );
    assert.equal(r.code, 0, r.stderr);
    const [folder] = readdirSync(join(cacheHome, "upstream-portfolio"));
    const evidence = join(cacheHome, "upstream-portfolio", folder!, "cache", "evidence");
    assert.ok(existsSync(evidence) && readdirSync(evidence).length > 0, `the evidence cache is in ${evidence}`);
    assert.deepEqual(readdirSync(EXAMPLE).sort(), listing);
    assert.ok(!existsSync(join(EXAMPLE, ".upstream-cache")), "no cache inside the tool");
  });

  it("a catalog of the user's own keeps its store beside it and says nothing of the cache", () => {
    const own = join(root.dir, "own");
    mkdirSync(own);
    const init = runUpstream(["init", own], { cwd: root.dir, env: { XDG_CACHE_HOME: cacheHome } });
    assert.equal(init.code, 0, init.stderr);
    const r = runUpstream(["store", "export", join(root.dir, "out.jsonl"), "--catalog", own], {
      cwd: root.dir,
      env: { XDG_CACHE_HOME: cacheHome },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /your cache/);
    assert.ok(existsSync(join(own, ".upstream", "portfolio.db")));
  });
});
