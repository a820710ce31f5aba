import { posix } from "node:path";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { GitError, gitArgs, gitCause, gitEnv, isMissingObject, runGit } from "./run-git.js";
import { escapeTerminalLine, escapeTerminalText } from "../core/index.js";

/** One file of a commit's tree, as `git ls-tree -r` lists it. */
export interface TreeEntry {
  readonly mode: string; // "100644", "100755", "120000" (symlink), "160000" (submodule)
  readonly oid: string;
  readonly path: string;
}

/** The entry of a tree's file by its path (as `TreeEntry.path` writes it), as a Map of the entries finds it. */
export interface TreeLookup {
  get(path: string): TreeEntry | undefined;
}

/** A tree's files, and how to find one by its path (a batch reader walks its folders; see `listingOf`). */
export interface TreeListing {
  readonly files: readonly TreeEntry[];
  readonly lookup: TreeLookup;
}

/** A listing of `files` whose lookup is a Map of them, made on the first lookup (most trees need none). */
export function listingOf(files: readonly TreeEntry[]): TreeListing {
  let byPath: Map<string, TreeEntry> | undefined;
  return { files, lookup: { get: (path) => (byPath ??= new Map(files.map((e) => [e.path, e]))).get(path) } };
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
  return parseTree(stdout);
}

/**
 * Entries of `ls-tree -z` output, `<mode> SP <type> SP <oid> TAB <path> NUL` each. The output
 * is decoded once and cut with string searches: a tree of tens of thousands of files costs a
 * few milliseconds, where a decode and a search through Buffer's bindings per field cost ten
 * times that. (NUL, TAB and SP are never part of a UTF-8 sequence, so the cuts fall where a
 * decode per field would put them.)
 */
export function parseTree(stdout: Buffer): TreeEntry[] {
  const text = stdout.toString("utf8");
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf("\0", pos);
    const stop = end < 0 ? text.length : end;
    const tab = text.indexOf("\t", pos);
    if (tab > pos && tab < stop) {
      const modeEnd = text.indexOf(" ", pos);
      const typeEnd = text.lastIndexOf(" ", tab);
      if (modeEnd > pos && typeEnd > modeEnd) {
        // Paths come from the repository: control characters are escaped (`\u001b`), and
        // symlink targets the same way, so links still resolve.
        entries.push({
          mode: text.slice(pos, modeEnd),
          oid: text.slice(typeEnd + 1, tab),
          path: escapeTerminalText(text.slice(tab + 1, stop)),
        });
      }
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

/** A reader of many blobs through one git process; `close` ends it. */
export interface BatchBlobReader {
  readonly read: BlobReader;
  close(): void;
}

/** A full object id (SHA-1 or SHA-256): what the batch process is asked for; other names go to `cat-file blob`. */
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

interface BlobRequest {
  readonly oid: string;
  readonly resolve: (blob: BlobText) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Blobs of `gitDir` read through one `git cat-file --batch`, each capped at `maxBytes`. A
 * repository's community files are a dozen small reads: a process for each cost more than
 * the reading (and each spawn stalls node's event loop while it forks). Requests are
 * answered in order; a missing or non-blob object fails as `git cat-file blob` would, with
 * the same words. Between reads the process does not keep node alive.
 */
export function openBlobReader(gitDir: string, maxBytes = MAX_FILE_BYTES): BatchBlobReader {
  const single = blobReader(gitDir, maxBytes);
  const args = gitArgs(["cat-file", "--batch"], gitDir);
  let child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  let broken = false;
  let closed = false;
  const waiting: BlobRequest[] = [];
  let stderr = "";
  // The answer being read: header `<oid> <type> <size>\n`, then size bytes and a newline.
  let pending: Buffer | undefined;
  let body: Buffer[] = [];
  let kept = 0;
  let remaining = -1;
  let size = 0;
  let isBlob = false;

  const hold = (on: boolean): void => {
    // the pipes are sockets, which can be unreferenced like the process
    const handles = [child, child?.stdin, child?.stdout, child?.stderr] as (
      | { ref?(): void; unref?(): void }
      | undefined
    )[];
    for (const handle of handles) {
      if (on) handle?.ref?.();
      else handle?.unref?.();
    }
  };
  const fail = (error: unknown): void => {
    broken = true;
    for (const r of waiting.splice(0)) r.reject(error);
  };
  const answer = (): void => {
    const request = waiting.shift();
    if (waiting.length === 0) hold(false);
    if (!request) return;
    if (isBlob) {
      request.resolve({ text: Buffer.concat(body).toString("utf8"), truncated: size > maxBytes });
    } else {
      // `git cat-file blob` words for an object that is not (here) a blob.
      request.reject(new GitError(args, 128, `${stderr}fatal: git cat-file ${request.oid}: bad file\n`));
    }
    body = [];
    kept = 0;
  };
  const onData = (chunk: Buffer): void => {
    let pos = 0;
    while (pos < chunk.length) {
      if (remaining >= 0) {
        const take = Math.min(remaining, chunk.length - pos);
        // the last byte of an answer is the newline after the content, not part of it
        const keep = Math.min(take, remaining - 1, maxBytes - kept);
        if (keep > 0) {
          body.push(chunk.subarray(pos, pos + keep));
          kept += keep;
        }
        remaining -= take;
        pos += take;
        if (remaining === 0) {
          remaining = -1;
          answer();
        }
        continue;
      }
      const newline = chunk.indexOf(0x0a, pos);
      if (newline < 0) {
        pending = pending ? Buffer.concat([pending, chunk.subarray(pos)]) : Buffer.from(chunk.subarray(pos));
        return;
      }
      const piece = chunk.subarray(pos, newline);
      const header = (pending ? Buffer.concat([pending, piece]) : piece).toString("latin1");
      pending = undefined;
      pos = newline + 1;
      const [, type, length] = header.split(" ");
      if (length === undefined) {
        // `<oid> missing` (or ambiguous): nothing follows
        isBlob = false;
        answer();
      } else {
        isBlob = type === "blob";
        size = Number(length);
        remaining = size + 1; // the content and the newline after it
      }
    }
  };
  const start = (): ChildProcessByStdio<Writable, Readable, Readable> => {
    const started = spawn("git", args, { cwd: gitDir, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    started.stdout.on("data", onData);
    started.stderr.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString("utf8")).slice(-4000);
    });
    started.stdin.on("error", () => undefined); // a dead process is reported by "close"
    started.on("error", fail);
    started.on("close", (code) => {
      if (waiting.length) fail(new GitError(args, code, stderr));
      broken = true;
    });
    return started;
  };
  const read: BlobReader = (oid) => {
    if (broken || closed || !OBJECT_ID.test(oid)) return single(oid);
    child ??= start();
    return new Promise<BlobText>((resolve, reject) => {
      if (waiting.length === 0) hold(true);
      waiting.push({ oid, resolve, reject });
      child!.stdin.write(`${oid}\n`);
    });
  };
  return {
    read,
    close: () => {
      closed = true;
      child?.stdin.end();
      hold(false);
    },
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
  tree: TreeLookup,
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
