import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./shared.js";

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
export function runUpstream(args: readonly string[], options: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_FROM_SOURCES: "1" },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
