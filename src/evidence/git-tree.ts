import { posix } from "node:path";
import { GitError, gitCause, isMissingObject, runGit } from "./run-git.js";
import { escapeTerminalLine, escapeTerminalText } from "../core/index.js";

/** One file of a commit's tree, as `git ls-tree -r` lists it. */
export interface TreeEntry {
  readonly mode: string; // "100644", "100755", "120000" (symlink), "160000" (submodule)
  readonly oid: string;
  readonly path: string;
}

/**
 * Every file of the tree at `commit`, read without a checkout. With `folder`, the files under
 * it, their paths relative to it (so a monorepo component's OWNERS is `OWNERS`).
 */
export async function readTree(gitDir: string, commit: string, folder?: string): Promise<TreeEntry[]> {
  const { stdout } = await runGit(
    ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", folder ? `${commit}:${folder}` : commit],
    { gitDir },
  );
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < stdout.length) {
    const end = stdout.indexOf(0, pos);
    const stop = end < 0 ? stdout.length : end;
    const tab = stdout.indexOf(0x09, pos);
    if (tab > pos && tab < stop) {
      const [mode, , oid] = stdout.toString("latin1", pos, tab).split(" ");
      // Paths come from the repository: control characters are escaped (`\u001b`), and
      // symlink targets the same way, so links still resolve.
      entries.push({ mode: mode!, oid: oid!, path: escapeTerminalText(stdout.toString("utf8", tab + 1, stop)) });
    }
    pos = stop + 1;
  }
  return entries;
}

/** A blob's text, cut at `maxBytes` (so a 50 MB file costs no more than the cap). */
export interface BlobText {
  readonly text: string;
  readonly truncated: boolean;
}

export type BlobReader = (oid: string) => Promise<BlobText>;

/** Default cap on how much of one file is read. */
const MAX_FILE_BYTES = 1024 * 1024;

/** A reader for blobs of `gitDir`, each capped at `maxBytes`. */
export function blobReader(gitDir: string, maxBytes = MAX_FILE_BYTES): BlobReader {
  return async (oid) => {
    const { stdout, truncated } = await runGit(["cat-file", "blob", oid], { gitDir, maxBytes });
    return { text: stdout.toString("utf8"), truncated };
  };
}

/**
 * Why a blob could not be read, in words, escaped: a partial clone's missing object (snapshots
 * and `--filter` clones lack big blobs) is named as such, else git's last words.
 */
export function unreadableBlobWords(cause: unknown): string {
  const stderr = cause instanceof GitError ? cause.stderr : String(cause);
  if (isMissingObject(stderr))
    return (
      "its content is not in this clone (a partial clone, or a " +
      "copy made without big files), and git could not fetch it"
    );
  return cause instanceof GitError
    ? gitCause(cause.stderr)
    : escapeTerminalLine(cause instanceof Error ? cause.message : String(cause));
}

/** Where a symlink in the tree leads: the entry it names, or why it cannot be followed. */
export async function followSymlinks(
  tree: ReadonlyMap<string, TreeEntry>,
  entry: TreeEntry,
  read: BlobReader,
): Promise<{ entry: TreeEntry; via?: string } | { error: string }> {
  let current = entry;
  const chain: string[] = [];
  for (let hops = 0; current.mode === "120000"; hops++) {
    if (hops >= 8) return { error: `symlink ${entry.path} loops or is nested too deep` };
    const target = escapeTerminalText((await read(current.oid)).text);
    const resolved = posix.normalize(posix.join(posix.dirname(current.path), target));
    if (target.startsWith("/") || resolved.startsWith("../") || resolved === "..") {
      return { error: `symlink ${current.path} points outside the repository (${target}); not followed` };
    }
    const next = tree.get(resolved);
    if (!next) return { error: `symlink ${current.path} points to ${target}, which is not a file in the repository` };
    chain.push(resolved);
    current = next;
  }
  return chain.length ? { entry: current, via: `symlink to ${chain.at(-1)}` } : { entry: current };
}

/** The kind of object at `folder` in `commit` ("tree" for a folder), or undefined when nothing is there. */
export async function objectKind(gitDir: string, commit: string, folder: string): Promise<string | undefined> {
  try {
    return (await runGit(["cat-file", "-t", `${commit}:${folder}`], { gitDir })).stdout.toString("utf8").trim();
  } catch {
    return undefined;
  }
}

/** The blob id of a file at the top of `commit`'s tree (".mailmap"), or "" when there is none. */
export async function topLevelBlob(gitDir: string, commit: string, name: string): Promise<string> {
  const { stdout } = await runGit(["ls-tree", "-z", "--full-tree", "--end-of-options", commit], { gitDir });
  for (const record of stdout.toString("utf8").split("\0")) {
    const tab = record.indexOf("\t");
    if (tab > 0 && record.slice(tab + 1) === name) return record.slice(0, tab).split(" ")[2] ?? "";
  }
  return "";
}
