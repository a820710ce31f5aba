/**
 * Trees of many commits of one repository through one `git cat-file --batch`, for a backfill: `git ls-tree -r` per
 * date costs a process (whose spawn stalls node while it forks) and lists tens of thousands of files, most of them in
 * folders no quarter changed. Here each tree object is read and parsed once, whatever the number of dates it is in,
 * and a date's listing is put together from them in the order `ls-tree -r` gives.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { gitArgs, gitEnv } from "./run-git.js";
import type { TreeEntry, TreeListing, TreeLookup } from "./git-tree.js";
import { escapeTerminalText } from "../core/index.js";

/** One entry of a tree object: a subtree to walk into, or a file as `ls-tree` prints it. */
interface RawEntry {
  readonly name: string;
  readonly oid: string;
  /** `ls-tree`'s mode; undefined for a subtree. */
  readonly mode: string | undefined;
}

/** What `git cat-file --batch` answers for a name: its type and content, or undefined when missing. */
type ObjectAnswer = { readonly type: string; readonly content: Buffer } | undefined;

/** A reader of trees (see the file's comment); `close` ends its process. */
export interface BatchTreeReader {
  /**
   * The files of `commit`'s tree (or its `folder`'s) as `readTree` gives them, with a lookup that walks the folders;
   * rejects if there is no such tree.
   */
  read(commit: string, folder?: string): Promise<TreeListing>;
  close(): void;
}

/** `ls-tree`'s mode of a tree entry's, as git canonicalizes it (`canon_mode`), or undefined for a subtree. */
function canonicalMode(octal: string): string | undefined {
  const mode = Number.parseInt(octal, 8);
  switch (mode & 0o170000) {
    case 0o040000:
      return undefined;
    case 0o120000:
      return "120000";
    case 0o160000:
      return "160000";
    default:
      return mode & 0o111 ? "100755" : "100644";
  }
}

/** Entries of a tree object: `<mode> SP <name> NUL <binary id>` each. */
function parseTreeObject(content: Buffer, idBytes: number): RawEntry[] {
  const entries: RawEntry[] = [];
  let pos = 0;
  while (pos < content.length) {
    const space = content.indexOf(0x20, pos);
    const nul = content.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > content.length) throw new Error("malformed tree object");
    entries.push({
      mode: canonicalMode(content.toString("latin1", pos, space)),
      name: content.toString("utf8", space + 1, nul),
      oid: content.toString("hex", nul + 1, nul + 1 + idBytes),
    });
    pos = nul + 1 + idBytes;
  }
  return entries;
}

/** One `git cat-file --batch` of `gitDir`, answering in order. */
function openObjectReader(gitDir: string): { read(name: string): Promise<ObjectAnswer>; close(): void } {
  let child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  let failure: Error | undefined;
  const waiting: { resolve(answer: ObjectAnswer): void; reject(error: unknown): void }[] = [];
  let header: Buffer | undefined;
  let body: Buffer[] = [];
  let type = "";
  let remaining = -1;
  const asked: string[] = [];
  // Between reads the process does not keep node alive (as `openBlobReader`'s).
  const hold = (on: boolean): void => {
    for (const handle of [child, child?.stdin, child?.stdout, child?.stderr] as (
      | { ref?(): void; unref?(): void }
      | undefined
    )[])
      if (on) handle?.ref?.();
      else handle?.unref?.();
  };
  const answered = (answer: ObjectAnswer): void => {
    waiting.shift()?.resolve(answer);
    if (waiting.length === 0) hold(false);
  };
  const fail = (error: Error): void => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  const onData = (chunk: Buffer): void => {
    let pos = 0;
    while (pos < chunk.length) {
      if (remaining >= 0) {
        const take = Math.min(remaining, chunk.length - pos);
        body.push(chunk.subarray(pos, pos + take));
        remaining -= take;
        pos += take;
        if (remaining === 0) {
          remaining = -1;
          const content = Buffer.concat(body);
          body = [];
          // the newline after the content is not part of it
          answered({ type, content: content.subarray(0, content.length - 1) });
        }
        continue;
      }
      const newline = chunk.indexOf(0x0a, pos);
      if (newline < 0) {
        header = header ? Buffer.concat([header, chunk.subarray(pos)]) : Buffer.from(chunk.subarray(pos));
        return;
      }
      const piece = chunk.subarray(pos, newline);
      const line = (header ? Buffer.concat([header, piece]) : piece).toString("latin1");
      header = undefined;
      pos = newline + 1;
      const [, kind, length] = line.split(" ");
      if (length === undefined)
        answered(undefined); // `<name> missing` (or ambiguous)
      else {
        type = kind!;
        remaining = Number(length) + 1;
      }
    }
  };
  const start = (): ChildProcessByStdio<Writable, Readable, Readable> => {
    const args = gitArgs(["cat-file", "--batch"], gitDir);
    const started = spawn("git", args, { cwd: gitDir, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    started.stdout.on("data", onData);
    started.stderr.resume();
    started.stdin.on("error", () => undefined); // a dead process is reported by "close"
    started.on("error", fail);
    started.on("close", (code) => fail(new Error(`git cat-file --batch ended (${code})`)));
    return started;
  };
  return {
    read(name) {
      if (failure) return Promise.reject(failure);
      child ??= start();
      return new Promise<ObjectAnswer>((resolve, reject) => {
        if (waiting.length === 0) hold(true);
        waiting.push({ resolve, reject });
        // The names asked for in one turn (a level of trees) go to git in one write, not a write each.
        if (asked.push(name) === 1)
          process.nextTick(() => {
            child?.stdin.write(`${asked.join("\n")}\n`);
            asked.length = 0;
          });
      });
    },
    close() {
      child?.stdin.end();
      hold(false);
    },
  };
}

/**
 * A tree reader for `gitDir` (see the file's comment). Names holding a line break cannot be asked through the batch:
 * `read` rejects them, as it rejects what is missing or not a tree, for the caller to ask `ls-tree`.
 * @example
 * const trees = openTreeReader(gitDir);
 * const { files } = await trees.read(commit); // files as readTree(gitDir, commit)
 * trees.close();
 */
export function openTreeReader(gitDir: string): BatchTreeReader {
  const objects = openObjectReader(gitDir);
  const loaded = new Map<string, RawEntry[]>();
  // The files under a folder's tree at a path: the same objects for every date it is unchanged in.
  // A subtree asked for and not answered yet: reads at once ask git for it once.
  const pending = new Map<string, Promise<void>>();
  // Tree objects loaded with every subtree under them (an object's content never changes).
  const whole = new Set<string>();
  const load = (oid: string, idBytes: number): Promise<void> => {
    const loading = objects.read(oid).then(
      (answer) => {
        pending.delete(oid);
        if (answer?.type !== "tree") throw new Error(`${oid} is not a tree`);
        loaded.set(oid, parseTreeObject(answer.content, idBytes));
      },
      (error: unknown) => {
        pending.delete(oid);
        throw error;
      },
    );
    pending.set(oid, loading);
    return loading;
  };
  // Each tree object's own files as entries, per path it is at: made once, whatever the number of dates it is in.
  // (Not the files under it: a folder that changes each date would keep a copy of everything below it each time.)
  const entriesAt = new WeakMap<readonly RawEntry[], Map<string, (TreeEntry | undefined)[]>>();
  const listing = (entries: readonly RawEntry[], prefix: string, into: TreeEntry[]): void => {
    let byPrefix = entriesAt.get(entries);
    if (!byPrefix) entriesAt.set(entries, (byPrefix = new Map()));
    let own = byPrefix.get(prefix);
    if (!own) {
      // Paths come from the repository: escaped as `parseTree` escapes them.
      own = entries.map((e) =>
        e.mode === undefined ? undefined : { mode: e.mode, oid: e.oid, path: escapeTerminalText(prefix + e.name) },
      );
      byPrefix.set(prefix, own);
    }
    for (let i = 0; i < entries.length; i++) {
      const file = own[i];
      if (file) into.push(file);
      else listing(loaded.get(entries[i]!.oid)!, `${prefix}${entries[i]!.name}/`, into);
    }
  };
  /** The root of `commit`'s tree (or its folder's), parsed, with every subtree under it loaded. */
  const loadAll = async (commit: string, folder: string | undefined): Promise<RawEntry[]> => {
    const name = folder ? `${commit}:${folder}` : `${commit}^{tree}`;
    if (name.includes("\n")) throw new Error("a name the batch cannot be asked");
    const root = await objects.read(name);
    if (root?.type !== "tree") throw new Error(`${name} is not a tree`);
    // The object ids' length (SHA-1 or SHA-256), as the commit's own.
    const idBytes = commit.length === 64 ? 32 : 20;
    const top = parseTreeObject(root.content, idBytes);
    // The subtrees not read yet, asked for at once, level by level, so the batch's answers stream. A subtree an
    // earlier date loaded whole is not walked again: most of a date's tree is the last date's.
    const walked: string[] = [];
    let level = top;
    while (level.length) {
      const missing = new Set<string>();
      const next: RawEntry[] = [];
      for (const e of level) {
        if (e.mode !== undefined || whole.has(e.oid)) continue;
        walked.push(e.oid);
        const entries = loaded.get(e.oid);
        if (entries) next.push(...entries);
        else missing.add(e.oid);
      }
      await Promise.all([...missing].map((oid) => pending.get(oid) ?? load(oid, idBytes)));
      for (const oid of missing) next.push(...loaded.get(oid)!);
      level = next;
    }
    for (const oid of walked) whole.add(oid);
    return top;
  };
  // Each tree object's entries by their names as paths write them (escaped), made when a lookup first walks it.
  const byName = new WeakMap<readonly RawEntry[], Map<string, RawEntry>>();
  const named = (entries: readonly RawEntry[]): Map<string, RawEntry> => {
    let index = byName.get(entries);
    if (!index) {
      index = new Map(entries.map((e) => [escapeTerminalText(e.name), e]));
      byName.set(entries, index);
    }
    return index;
  };
  // A path is found by walking its folders' tree objects (escaping is per character, and never writes a `/`).
  const lookup = (top: readonly RawEntry[]): TreeLookup => ({
    get(path) {
      const parts = path.split("/");
      let level = top;
      for (let i = 0; i < parts.length; i++) {
        const e = named(level).get(parts[i]!);
        if (!e) return undefined;
        if (i === parts.length - 1) return e.mode === undefined ? undefined : { mode: e.mode, oid: e.oid, path };
        if (e.mode !== undefined) return undefined;
        level = loaded.get(e.oid)!;
      }
      return undefined;
    },
  });
  return {
    async read(commit, folder) {
      const files: TreeEntry[] = [];
      const top = await loadAll(commit, folder);
      listing(top, "", files);
      return { files, lookup: lookup(top) };
    },
    close: () => objects.close(),
  };
}
