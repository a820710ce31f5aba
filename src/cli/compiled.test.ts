import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { PACKAGE_ROOT } from "./shared.js";
import { UPSTREAM_BIN } from "./testing.js";

// GIVEN the build `npm ci` makes (dist/) WHEN the CLI runs as users run it THEN it gives what
// the sources give, with no TypeScript compiled at run time.
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
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
    const built = run(args, { UPSTREAM_FROM_SOURCES: "" });
    const sources = run(args, { UPSTREAM_FROM_SOURCES: "1" });
    assert.equal(built.status, sources.status, args.join(" "));
    // The one difference allowed: where the built-in frameworks lie (and tables widen by it).
    const same = (s: string) =>
      s.replaceAll("/dist/cli/frameworks/", "/src/maturity/frameworks/").replace(/-{3,}/g, "---").replace(/ +/g, " ");
    assert.equal(same(built.stdout), same(sources.stdout), args.join(" "));
    assert.equal(built.stderr, sources.stderr, args.join(" "));
  }
});
