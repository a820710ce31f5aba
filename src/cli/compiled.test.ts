import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { PACKAGE_ROOT } from "./shared.js";
import { testCacheHomeDir, UPSTREAM_BIN } from "./testing.js";
import { buildRepo, tempDir } from "../evidence/testing.js";

// GIVEN the build `npm ci` makes (dist/) WHEN the CLI runs as users run it THEN it gives what
// the sources give, with no TypeScript compiled at run time.
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: testCacheHomeDir(), ...env },
  });

it("the compiled CLI in dist/ gives the sources' output and exit codes", () => {
  assert.ok(
    existsSync(join(PACKAGE_ROOT, "dist", "cli", "main.js")),
    "dist/ is built (npm ci runs `prepare`; npm test builds it too; else `npm run build`)",
  );
  for (const args of [
    ["validate"],
    ["validate", "--catalog", "examples/broken-catalog.yaml"],
    ["list", "--json"],
    ["frameworks", "list"],
    ["render", "readme"],
    ["nope"],
  ]) {
    const sources = run(args, { UPSTREAM_FROM_SOURCES: "1" });
    // twice, in a cache folder of its own: the first run writes V8's code cache (see bin/upstream.js), the second
    // compiles from it
    const cacheHome = mkdtempSync(join(tmpdir(), "upstream-compiled-cache-"));
    const cached = () => readdirSync(join(cacheHome, "upstream-portfolio", "v8"), { recursive: true }).length;
    for (const pass of ["without a code cache", "with the code cache"]) {
      if (pass === "with the code cache") assert.ok(cached() > 0, `${args.join(" ")}: the first run wrote a cache`);
      const built = run(args, { UPSTREAM_FROM_SOURCES: "", XDG_CACHE_HOME: cacheHome });
      const what = `${args.join(" ")}, ${pass}`;
      assert.equal(built.status, sources.status, what);
      // The one difference allowed: where the built-in frameworks lie (and tables widen by it).
      const same = (s: string) =>
        s.replaceAll("/dist/cli/frameworks/", "/src/maturity/frameworks/").replace(/-{3,}/g, "---").replace(/ +/g, " ");
      assert.equal(same(built.stdout), same(sources.stdout), what);
      assert.equal(built.stderr, sources.stderr, what);
    }
    rmSync(cacheHome, { recursive: true, force: true });
  }
});

it("the compiled CLI collects into a SQLite store (the native addon stays external) and reuses it", () => {
  const root = tempDir();
  try {
    writeFileSync(
      join(root.dir, "upstream.yaml"),
      "apiVersion: upstream/v1\nprogram: { name: Test }\npersonas:\n  - { id: ops, title: Ops }\n" +
        "projects:\n  - { id: one, name: One, persona: ops, repositories: [repos/one] }\n",
    );
    buildRepo(join(root.dir, "repos", "one"), [{ date: "2020-07-10", author: "Bob <bob@globex.com>" }]);
    const collect = () =>
      spawnSync(process.execPath, [UPSTREAM_BIN, "collect", "--as-of", "2021-01-01"], {
        cwd: root.dir,
        encoding: "utf8",
        env: {
          ...process.env,
          NO_COLOR: "1",
          UPSTREAM_FROM_SOURCES: "",
          UPSTREAM_DATABASE_URL: "",
          XDG_CACHE_HOME: testCacheHomeDir(),
        },
      });
    const first = collect();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /portfolio\.db: 1 snapshot read from git and stored, 0 repositories reused/);
    assert.ok(existsSync(join(root.dir, ".upstream", "portfolio.db")));
    const second = collect();
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /0 snapshots read from git and stored, 1 repository reused from the store/);
  } finally {
    root.cleanup();
  }
});
