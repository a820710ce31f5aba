import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./shared.js";

/**
 * The user's cache folder the commands see in tests ($XDG_CACHE_HOME: where the bundled example's store goes): one
 * temp folder per test process, removed at its exit, so no test writes in the real one.
 */
let testCacheHome: string | undefined;
export function testCacheHomeDir(): string {
  if (!testCacheHome) {
    const made = mkdtempSync(join(tmpdir(), "upstream-test-cache-home-"));
    testCacheHome = made;
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
  }
  return testCacheHome;
}

/** The `upstream` command as users run it. */
export const UPSTREAM_BIN = join(PACKAGE_ROOT, "bin", "upstream.js");

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run the real CLI in a child process, as a user does, for tests: no colours, a time limit so
 * a hang fails the test instead of the run.
 * @example assert.equal(runUpstream(["validate"], { cwd: dir }).code, 0)
 */
export function runUpstream(
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string>> } = {},
): CliResult {
  const r = spawnSync(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      NO_COLOR: "1",
      UPSTREAM_FROM_SOURCES: "1",
      XDG_CACHE_HOME: testCacheHomeDir(),
      ...options.env,
    },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
