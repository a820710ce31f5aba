import { gitText } from "./run-git.js";

/**
 * The commit a folder's work tree is at when `paths` (files inside it) are unchanged there; undefined when the folder
 * is not in git, has no commit, or one of the files is modified or untracked. What a store records as the revision of
 * the catalog a run read.
 * @example await cleanWorktreeCommit("/srv/program", ["/srv/program/upstream.yaml"]) // "9fceb02…" or undefined
 */
export async function cleanWorktreeCommit(dir: string, paths: readonly string[]): Promise<string | undefined> {
  try {
    const commit = await gitText(["rev-parse", "--verify", "--quiet", "HEAD"], { cwd: dir });
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
    const changed = await gitText(["status", "--porcelain", "--", ...paths], { cwd: dir });
    return changed === "" ? commit : undefined;
  } catch {
    return undefined;
  }
}
