/**
 * Past evidence from one pass over history: a backfill asks for the evidence of a repository as of
 * many dates, and a plain collect per date would run `git log` once per date (each from HEAD back
 * to the date, then over the whole history before it). Here each repository's history is read once,
 * without mailmap, into compact records; each date then takes the commits reachable from its commit
 * (found among the records as `git log -1 --before` would find it), maps authors through the
 * `.mailmap` of that commit as git would, and feeds them, in git's order, to the same parser a collect
 * uses. The files and maintainers are still read per date, at that date's commit, from tree objects read once.
 */
import type { AffiliationRules } from "./affiliations.js";
import type { PastHistory } from "./collect-evidence.js";
import { GitLogParser, readHead, type PersonFacts, type RecordHead } from "./git-log-reader.js";
import type { HistoryState } from "./history-state.js";
import { mapIdentity, type Mailmap } from "./mailmap.js";
import { openBlobReader, readTree, type BatchBlobReader, type BlobReader } from "./git-tree.js";
import { readTags, type TagInfo } from "./releases.js";
import type { OpenedRepository } from "./repository-source.js";
import { streamGit } from "./run-git.js";
import { openTreeReader, type BatchTreeReader } from "./tree-reader.js";

/** Hash, committer time, parents, author time, author name, author email, co-author trailers: 7 NUL-ended fields. */
const RAW_FORMAT =
  "--format=%H%x00%ct%x00%P%x00%at%x00%an%x00%ae%x00%(trailers:key=Co-authored-by,valueonly,separator=%x1f)%x00";

/** The history of one repository (or folder) from HEAD, in `git log` order, as compact records. */
interface RawHistory {
  readonly hashes: readonly string[];
  /** Committer time (unix seconds): what `--before` compares. */
  readonly committed: Float64Array;
  /** The parser's first two fields, `%P\0%at\0`, as it reads them: read once for every date. */
  readonly heads: readonly RecordHead[];
  /** Each record's author, an index into `authors`. */
  readonly authorOf: Int32Array;
  /** The distinct authors: `name\0email\0` as git printed them, and the two decoded for the mailmap. */
  readonly authors: readonly { readonly raw: Buffer; readonly name: string; readonly email: string }[];
  /** The parser's last field, `trailers\0`. */
  readonly tails: readonly Buffer[];
  /** Parents of each commit as indices into `graph` (the whole repository's commits). */
  readonly graph: CommitGraph;
  /** Index of each record's commit in `graph`. */
  readonly nodeOf: Int32Array;
  /** The last date's walk, to walk on from. */
  last?: { node: number; seen: Uint8Array };
}

interface CommitGraph {
  readonly index: ReadonlyMap<string, number>;
  readonly parents: readonly (readonly number[])[];
}

/** Lines of NUL-separated fields, split without decoding anything but what is asked for. */
function fields(buf: Buffer, count: number, each: (at: (i: number) => [number, number]) => void): void {
  const ends = new Array<number>(count);
  let pos = 0;
  for (;;) {
    if (buf[pos] === 0x0a) pos++;
    let end = pos - 1;
    let complete = true;
    for (let i = 0; i < count; i++) {
      end = buf.indexOf(0, end + 1);
      if (end < 0) {
        complete = false;
        break;
      }
      ends[i] = end;
    }
    if (!complete) return;
    const start = pos;
    each((i) => [i === 0 ? start : ends[i - 1]! + 1, ends[i]!]);
    pos = end + 1;
  }
}

async function gitOutput(gitDir: string, args: readonly string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamGit(args, (chunk) => chunks.push(chunk), { gitDir });
  return Buffer.concat(chunks);
}

function graphOf(hashes: readonly string[], parentLists: readonly string[]): CommitGraph {
  const index = new Map<string, number>();
  hashes.forEach((h, i) => index.set(h, i));
  const parents = parentLists.map((list) =>
    list === "" ? [] : list.split(" ").flatMap((p) => (index.has(p) ? [index.get(p)!] : [])),
  );
  return { index, parents };
}

/** Read the history once. A folder's is limited to it, as a collect limits it; its ancestry comes from the whole. */
async function readRawHistory(gitDir: string, folder: string | undefined): Promise<RawHistory> {
  const pathspec = folder ? ["--", `:(literal)${folder}`] : [];
  const out = await gitOutput(gitDir, [
    "-c",
    "mailmap.blob=",
    "log",
    "--no-use-mailmap",
    "--no-color",
    RAW_FORMAT,
    "--end-of-options",
    "HEAD",
    ...pathspec,
  ]);
  const hashes: string[] = [];
  const parentLists: string[] = [];
  const committed: number[] = [];
  const heads: RecordHead[] = [];
  const authorOf: number[] = [];
  const authors: RawHistory["authors"][number][] = [];
  const authorIndex = new Map<string, number>();
  const tails: Buffer[] = [];
  fields(out, 7, (at) => {
    const [h0, h1] = at(0);
    const [c0, c1] = at(1);
    const [p0, p1] = at(2);
    const [, a1] = at(3);
    const [n0, n1] = at(4);
    const [e0, e1] = at(5);
    const [t0, t1] = at(6);
    hashes.push(out.toString("latin1", h0, h1));
    parentLists.push(out.toString("latin1", p0, p1));
    committed.push(Number(out.toString("latin1", c0, c1)));
    heads.push(readHead(out.subarray(p0, a1 + 1)));
    const key = out.toString("latin1", n0, e1);
    let author = authorIndex.get(key);
    if (author === undefined) {
      author = authors.length;
      authorIndex.set(key, author);
      authors.push({
        raw: out.subarray(n0, e1 + 1),
        name: out.toString("utf8", n0, n1),
        email: out.toString("utf8", e0, e1),
      });
    }
    authorOf.push(author);
    tails.push(out.subarray(t0, t1 + 1));
  });
  let graph: CommitGraph;
  if (!folder) graph = graphOf(hashes, parentLists);
  else {
    // A folder's log shows only the commits that touched it; what each date's commit reaches is
    // found in the whole graph.
    const all = await gitOutput(gitDir, ["rev-list", "--parents", "--end-of-options", "HEAD"]);
    const lines = all.toString("latin1").split("\n").filter(Boolean);
    graph = graphOf(
      lines.map((l) => l.slice(0, l.indexOf(" ") < 0 ? l.length : l.indexOf(" "))),
      lines.map((l) => (l.indexOf(" ") < 0 ? "" : l.slice(l.indexOf(" ") + 1))),
    );
  }
  const nodeOf = Int32Array.from(hashes, (h) => graph.index.get(h) ?? -1);
  return {
    hashes,
    committed: Float64Array.from(committed),
    heads,
    authorOf: Int32Array.from(authorOf),
    authors,
    tails,
    graph,
    nodeOf,
  };
}

/** Marks of the commits `start` reaches (itself included), walking no further than `stop` marks (when given). */
function walk(graph: CommitGraph, start: number, stop?: Uint8Array): { seen: Uint8Array; stopped: Set<number> } {
  const seen = new Uint8Array(graph.parents.length);
  const stopped = new Set<number>();
  const stack = [start];
  seen[start] = 1;
  while (stack.length) {
    for (const p of graph.parents[stack.pop()!]!) {
      if (seen[p]) continue;
      if (stop?.[p]) {
        stopped.add(p);
        continue;
      }
      seen[p] = 1;
      stack.push(p);
    }
  }
  return { seen, stopped };
}

/**
 * Marks of the commits `commit` reaches. When it reaches the previous date's commit (dates come in order, and
 * a mainline commit descends from the one before), only the commits since are walked: what that one reached is
 * reached too, and every path into it goes through that commit or what it reached.
 */
function reachable(graph: CommitGraph, commit: string, previous?: { node: number; seen: Uint8Array }): Uint8Array {
  const start = graph.index.get(commit);
  if (start === undefined) return new Uint8Array(graph.parents.length);
  if (previous?.node === start) return previous.seen;
  if (previous && !previous.seen[start]) {
    const since = walk(graph, start, previous.seen);
    if (since.stopped.has(previous.node)) {
      for (let i = 0; i < since.seen.length; i++) if (previous.seen[i]) since.seen[i] = 1;
      return since.seen;
    }
  }
  return walk(graph, start).seen;
}

/** `name\0email\0` as `git log --use-mailmap` prints it for an author, through `mailmap`. */
function mappedAuthor(mailmap: Mailmap | undefined, author: RawHistory["authors"][number]): Buffer {
  if (!mailmap) return author.raw;
  const mapped = mapIdentity(mailmap, author.name, author.email);
  if (mapped.name === author.name && mapped.email === author.email) return author.raw;
  return Buffer.from(`${mapped.name}\0${mapped.email}\0`, "utf8");
}

/** What the parser works out of each spelling, per set of rules: the same for every date. */
const factsByRules = new WeakMap<AffiliationRules, Map<string, PersonFacts>>();

/** The aggregates `git log <commit>` gives, from the records. */
function historyAt(
  raw: RawHistory,
  commit: string,
  mailmap: Mailmap | undefined,
  rules: AffiliationRules,
): HistoryState {
  const seen = reachable(raw.graph, commit, raw.last);
  const node = raw.graph.index.get(commit);
  if (node !== undefined) raw.last = { node, seen };
  const authors = new Array<Buffer | undefined>(raw.authors.length);
  let facts = factsByRules.get(rules);
  if (!facts) factsByRules.set(rules, (facts = new Map()));
  const parser = new GitLogParser(rules, undefined, mailmap, facts);
  for (let i = 0; i < raw.hashes.length; i++) {
    const node = raw.nodeOf[i]!;
    if (node < 0 || !seen[node]) continue;
    const a = raw.authorOf[i]!;
    const author = (authors[a] ??= mappedAuthor(mailmap, raw.authors[a]!));
    // In parts, with the author by number: no record glued together, no author looked up by its bytes, per date.
    parser.pushRecord(raw.heads[i]!, a, author, raw.tails[i]!);
  }
  parser.end();
  return parser.state;
}

/**
 * A `PastHistory` for `collectProjectsEvidence`: pass the same one for every date of a backfill (with
 * `useCache: false`), and each repository's history and tags are read once for all of them.
 * @example
 * const pastHistory = openPastHistory();
 * for (const asOf of dates) await collectProjectsEvidence(projects, { baseDir, asOf, useCache: false, pastHistory });
 */
export function openPastHistory(): PastHistory & { close(): void } {
  const histories = new Map<string, Promise<RawHistory>>();
  const tags = new Map<string, Promise<TagInfo[]>>();
  // One `cat-file --batch` per repository for every date, and a blob (the same bytes whatever the date) read once.
  const readers = new Map<string, { reader: BatchBlobReader; shared: BatchBlobReader }>();
  // And the trees through one more: a folder no date changed is read once.
  const trees = new Map<string, BatchTreeReader>();
  const historyOf = (gitDir: string, folder: string | undefined): Promise<RawHistory> => {
    const key = `${gitDir}\0${folder ?? ""}`;
    let pending = histories.get(key);
    if (!pending) {
      pending = readRawHistory(gitDir, folder);
      histories.set(key, pending);
    }
    return pending;
  };
  return {
    opened: new Map<string, Promise<OpenedRepository>>(),
    pathFacts: new Map(),
    async commitAsOf(gitDir, folder, asOf) {
      let raw: RawHistory;
      try {
        raw = await historyOf(gitDir, folder);
      } catch {
        return undefined; // git is asked again, and says what is wrong (no commits, a damaged clone)
      }
      const end = Date.parse(`${asOf}T23:59:59Z`) / 1000;
      for (let i = 0; i < raw.hashes.length; i++)
        if (raw.committed[i]! <= end) return { commit: raw.hashes[i]!, seconds: raw.committed[i]! };
      return undefined;
    },
    async historyAt({ gitDir, folder, commit, mailmap, useMailmap, rules }) {
      const raw = await historyOf(gitDir, folder);
      return historyAt(raw, commit, useMailmap ? mailmap : undefined, rules);
    },
    tags(gitDir) {
      let pending = tags.get(gitDir);
      if (!pending) {
        pending = readTags(gitDir);
        tags.set(gitDir, pending);
      }
      return pending;
    },
    blobs(gitDir) {
      let open = readers.get(gitDir);
      if (!open) {
        const reader = openBlobReader(gitDir);
        const read = new Map<string, ReturnType<BlobReader>>();
        const shared: BatchBlobReader = {
          read(oid) {
            let pending = read.get(oid);
            if (!pending) {
              pending = reader.read(oid);
              read.set(oid, pending);
              pending.catch(() => read.delete(oid)); // a failed read is tried again
            }
            return pending;
          },
          close() {}, // open for the next date; `close` of the past history ends it
        };
        open = { reader, shared };
        readers.set(gitDir, open);
      }
      return open.shared;
    },
    async tree(gitDir, commit, folder) {
      let reader = trees.get(gitDir);
      if (!reader) trees.set(gitDir, (reader = openTreeReader(gitDir)));
      try {
        return await reader.read(commit, folder);
      } catch {
        return readTree(gitDir, commit, folder); // git is asked again, and says what is wrong
      }
    },
    close() {
      for (const { reader } of readers.values()) reader.close();
      readers.clear();
      for (const reader of trees.values()) reader.close();
      trees.clear();
    },
  };
}
