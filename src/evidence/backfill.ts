/**
 * Past evidence from one pass over history: a backfill asks for the evidence of a repository as of
 * many dates, and a plain collect per date would run `git log` once per date (each from HEAD back
 * to the date, then over the whole history before it). Here each repository's history is read once,
 * without mailmap, into compact records; each date then takes the commits reachable from its commit
 * (found among the records as `git log -1 --before` would find it), maps authors through the
 * `.mailmap` of that commit as git would, and feeds them, in git's order, to the same parser a collect
 * uses. The files and maintainers are still read per date, at that date's commit, from tree objects read once;
 * with the dates given, their trees are read while git writes the history (each date's commit is known once the log
 * has passed it), where node would otherwise wait.
 */
import type { AffiliationRules } from "./affiliations.js";
import type { PastHistory } from "./collect-evidence.js";
import {
  GitLogParser,
  namesAndEmails,
  personFacts,
  readHead,
  truncatedLog,
  type PersonFacts,
  type RecordHead,
} from "./git-log-reader.js";
import { counterKey, keyMonth, keyOrg, mergeHistoryStates, orgSlot, type HistoryState } from "./history-state.js";
import { mapIdentity, type Mailmap, type MailmapEntry } from "./mailmap.js";
import {
  listingOf,
  openBlobReader,
  readTree,
  type BatchBlobReader,
  type BlobReader,
  type TreeListing,
} from "./git-tree.js";
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
  /** Index of each commit's record (-1 for a commit outside a folder's log). */
  readonly recordOf: Int32Array;
  /** The last date's walk, to walk on from. */
  last?: { node: number; seen: Uint8Array };
  /** The last date's aggregates, with what they were read under, to continue from (see `historyAt`). */
  lastState?: LastState;
  /** The records each (lower-case) email is the author's or a co-author's in (see `recordsByEmail`). */
  byEmail?: ReadonlyMap<string, readonly number[]>;
  /** Each author's records (see `recordsOfAuthor`). */
  byAuthor?: readonly (readonly number[])[];
  /** The records with co-authors (see `recordsWithCoAuthors`). */
  withCoAuthors?: readonly number[];
  /** The authors of each email (see `authorsByEmail`). */
  authorsByEmail?: ReadonlyMap<string, readonly number[]>;
}

interface LastState {
  readonly node: number;
  readonly seen: Uint8Array;
  readonly state: HistoryState;
  readonly mailmap: Mailmap | undefined;
  readonly rules: AffiliationRules;
  /** Per identity key, the reasons it gave each organization: `state.orgVia` is their union. */
  readonly vias: Vias;
  /** Each author's identity key under `keysUnder` (worked out when a `.mailmap` first maps someone otherwise). */
  readonly keys?: readonly string[];
  readonly keysUnder?: Mailmap | undefined;
}

interface CommitGraph {
  readonly index: ReadonlyMap<string, number>;
  readonly parents: readonly (readonly number[])[];
}

/**
 * Lines of NUL-separated fields, split without decoding anything but what is asked for; where the incomplete record
 * at the end (if any) starts.
 */
function fields(buf: Buffer, count: number, each: (at: (i: number) => [number, number]) => void): number {
  const ends = new Array<number>(count);
  let pos = 0;
  for (;;) {
    const start0 = pos;
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
    if (!complete) return start0;
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

const NO_PARENTS: readonly number[] = Object.freeze([]);

/** The graph of `hashes`, whose parents `parentLists` (space-separated hashes) names; `index`: given when known. */
function graphOf(hashes: readonly string[], parentLists: readonly string[], index?: Map<string, number>): CommitGraph {
  if (!index) {
    index = new Map<string, number>();
    for (let i = 0; i < hashes.length; i++) index.set(hashes[i]!, i);
  }
  const parents = new Array<readonly number[]>(parentLists.length);
  for (let i = 0; i < parentLists.length; i++) {
    const list = parentLists[i]!;
    if (list === "") {
      parents[i] = NO_PARENTS;
      continue;
    }
    const found: number[] = [];
    for (let start = 0; start < list.length; ) {
      let end = list.indexOf(" ", start);
      if (end < 0) end = list.length;
      const p = index.get(list.slice(start, end));
      if (p !== undefined) found.push(p);
      start = end + 1;
    }
    parents[i] = found;
  }
  return { index, parents };
}

/**
 * The commit of each date as `git log -1 --before` finds it (the first record committed by then), answered while the
 * log is still being read: the log runs from HEAD back, so a date is known once the log has passed it, and the trees
 * of a date can be read while git writes the rest of the history.
 */
export class CommitFinder {
  readonly hashes: string[] = [];
  readonly committed: number[] = [];
  private waiting: { end: number; from: number; resolve: (found: FoundCommit | undefined) => void }[] = [];
  private ended = false;

  /** The commit of `asOf`; undefined when the log holds none (or could not be read: git is asked again then). */
  find(asOf: string): Promise<FoundCommit | undefined> {
    const end = Date.parse(`${asOf}T23:59:59Z`) / 1000;
    return new Promise((resolve) => {
      this.waiting.push({ end, from: 0, resolve });
      this.advance();
    });
  }

  /** The records read so far have grown. */
  advance(): void {
    if (!this.waiting.length) return;
    this.waiting = this.waiting.filter((w) => {
      for (; w.from < this.committed.length; w.from++)
        if (this.committed[w.from]! <= w.end) {
          w.resolve({ commit: this.hashes[w.from]!, seconds: this.committed[w.from]! });
          return false;
        }
      if (this.ended) w.resolve(undefined);
      return !this.ended;
    });
  }

  /** The log has ended (or failed): a date it did not reach has no commit. */
  end(): void {
    this.ended = true;
    this.advance();
  }
}

type FoundCommit = { commit: string; seconds: number };

/** Read the history once. A folder's is limited to it, as a collect limits it; its ancestry comes from the whole. */
async function readRawHistory(
  gitDir: string,
  folder: string | undefined,
  finder = new CommitFinder(),
): Promise<RawHistory> {
  const pathspec = folder ? ["--", `:(literal)${folder}`] : [];
  const hashes = finder.hashes;
  // A whole repository's log is its graph: each hash is indexed as it is read, while git writes on.
  const index = folder ? undefined : new Map<string, number>();
  const parentLists: string[] = [];
  const committed = finder.committed;
  const heads: RecordHead[] = [];
  const authorOf: number[] = [];
  const authors: RawHistory["authors"][number][] = [];
  const authorIndex = new Map<string, number>();
  const tails: Buffer[] = [];
  const record = (out: Buffer, at: (i: number) => [number, number]): void => {
    const [h0, h1] = at(0);
    const [c0, c1] = at(1);
    const [p0, p1] = at(2);
    const [, a1] = at(3);
    const [n0, n1] = at(4);
    const [e0, e1] = at(5);
    const [t0, t1] = at(6);
    const hash = out.toString("latin1", h0, h1);
    index?.set(hash, hashes.length);
    hashes.push(hash);
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
  };
  // Parsed as git writes it, while git reads on: the records keep pieces of each chunk, so none is reused.
  let pending: Buffer | undefined;
  await streamGit(
    [
      "-c",
      "mailmap.blob=",
      "log",
      "--no-use-mailmap",
      "--no-color",
      RAW_FORMAT,
      "--end-of-options",
      "HEAD",
      ...pathspec,
    ],
    (chunk) => {
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      const rest = fields(buf, 7, (at) => record(buf, at));
      pending = rest < buf.length ? buf.subarray(rest) : undefined;
      finder.advance();
    },
    { gitDir },
  ).finally(() => finder.end());
  if (pending && pending.toString("latin1").trim() !== "") throw truncatedLog(`git log of ${gitDir}`);
  let graph: CommitGraph;
  if (!folder) graph = graphOf(hashes, parentLists, index);
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
  // A whole repository's records are its graph's nodes, in the same order.
  const nodeOf = folder
    ? Int32Array.from(hashes, (h) => graph.index.get(h) ?? -1)
    : Int32Array.from(hashes, (_, i) => i);
  const recordOf = new Int32Array(graph.parents.length).fill(-1);
  nodeOf.forEach((node, record) => {
    if (node >= 0) recordOf[node] = record;
  });
  return {
    hashes,
    committed: Float64Array.from(committed),
    heads,
    authorOf: Int32Array.from(authorOf),
    authors,
    tails,
    graph,
    nodeOf,
    recordOf,
  };
}

/**
 * Marks of the commits `start` reaches (itself included), walking no further than `stop` marks (when given), and the
 * commits marked, in the order reached.
 */
function walk(
  graph: CommitGraph,
  start: number,
  stop?: Uint8Array,
): { seen: Uint8Array; reached: number[]; stopped: Set<number> } {
  const seen = new Uint8Array(graph.parents.length);
  const stopped = new Set<number>();
  const reached = [start];
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
      reached.push(p);
      stack.push(p);
    }
  }
  return { seen, reached, stopped };
}

/**
 * Marks of the commits `commit` reaches. When it reaches the previous date's commit (dates come in order, and
 * a mainline commit descends from the one before), only the commits since are walked: what that one reached is
 * reached too, and every path into it goes through that commit or what it reached. `since` is then the commits
 * reached that the previous date's did not reach (none for the same commit).
 */
function reachable(
  graph: CommitGraph,
  commit: string,
  previous?: { node: number; seen: Uint8Array },
): { seen: Uint8Array; since?: readonly number[] } {
  const start = graph.index.get(commit);
  if (start === undefined) return { seen: new Uint8Array(graph.parents.length) };
  if (previous?.node === start) return { seen: previous.seen, since: [] };
  if (previous && !previous.seen[start]) {
    const walked = walk(graph, start, previous.seen);
    if (walked.stopped.has(previous.node)) {
      const { seen } = walked;
      for (let i = 0; i < seen.length; i++) if (previous.seen[i]) seen[i] = 1;
      return { seen, since: walked.reached };
    }
  }
  return { seen: walk(graph, start).seen };
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

const sameEntry = (a: MailmapEntry | undefined, b: MailmapEntry | undefined): boolean =>
  a === b || (a?.name === b?.name && a?.email === b?.email);

/** The commit emails (lower case) whose mapping differs between two `.mailmap`s. */
function remappedEmails(a: Mailmap | undefined, b: Mailmap | undefined): Set<string> {
  const changed = new Set<string>();
  if (a === b) return changed;
  const sameSlot = (key: string): boolean => {
    const x = a?.byEmail.get(key);
    const y = b?.byEmail.get(key);
    if (!x || !y) return false;
    if (!sameEntry(x.any, y.any) || x.byName.size !== y.byName.size) return false;
    for (const [name, entry] of x.byName) if (!sameEntry(entry, y.byName.get(name))) return false;
    return true;
  };
  for (const m of [a, b]) for (const key of m?.byEmail.keys() ?? []) if (!sameSlot(key)) changed.add(key);
  return changed;
}

/** The records whose author or a co-author has each (lower-case) email, read once per history. */
function recordsByEmail(raw: RawHistory): ReadonlyMap<string, readonly number[]> {
  if (raw.byEmail) return raw.byEmail;
  const byEmail = new Map<string, number[]>();
  for (let i = 0; i < raw.hashes.length; i++) {
    appendTo(byEmail, raw.authors[raw.authorOf[i]!]!.email.toLowerCase(), i);
    for (const { email } of coAuthorsOf(raw, i)) appendTo(byEmail, email.toLowerCase(), i);
  }
  raw.byEmail = byEmail;
  return byEmail;
}

/** Add `value` to the list `map` keeps under `key`. */
function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Whether the last date's aggregates can be carried on to `seen` read under `mailmap` and `rules`: the same rules, and
 * every commit the last date reached reached again. Then the identities whose aggregates the new `.mailmap` changes
 * (the keys, before and after, of each author and co-author of those commits it maps otherwise; none when it maps
 * everyone alike), or undefined when they cannot be carried on.
 */
function affectedBy(
  raw: RawHistory,
  last: LastState,
  seen: Uint8Array,
  mailmap: Mailmap | undefined,
  rules: AffiliationRules,
  facts: Map<string, PersonFacts>,
): Set<string> | undefined {
  if (last.rules !== rules) return undefined;
  if (seen !== last.seen && !seen[last.node]) return undefined;
  const affected = new Set<string>();
  const changed = remappedEmails(last.mailmap, mailmap);
  if (changed.size === 0) return affected;
  const byEmail = recordsByEmail(raw);
  const checked = new Set<number>();
  // A person mapped otherwise: their identity before and after are both read again.
  const compare = (name: string, email: string, author: boolean): void => {
    const before = mapIdentity(last.mailmap, name, email);
    const now = mapIdentity(mailmap, name, email);
    if (before.name === now.name && before.email === now.email) return;
    for (const m of [before, now])
      if (author || m.email !== "") affected.add(personFacts(rules, m.email, m.name, facts).person.key);
  };
  for (const email of changed)
    for (const i of byEmail.get(email) ?? []) {
      const node = raw.nodeOf[i]!;
      if (node < 0 || !last.seen[node]) continue;
      const a = raw.authorOf[i]!;
      const author = raw.authors[a]!;
      if (!checked.has(a) && author.email.toLowerCase() === email) {
        checked.add(a);
        compare(author.name, author.email, true);
      }
      for (const person of coAuthorsOf(raw, i))
        if (person.email.toLowerCase() === email) compare(person.name, person.email, false);
    }
  return affected;
}

/** The co-authors a record's trailers name, as the parser reads them. */
function coAuthorsOf(raw: RawHistory, record: number): { name: string; email: string }[] {
  const tail = raw.tails[record]!;
  if (tail.length <= 1) return [];
  return tail
    .toString("utf8", 0, tail.length - 1)
    .split("\x1f")
    .flatMap((value) => namesAndEmails(value));
}

/**
 * Read again, under the new `.mailmap`, the identities of `affected` in the last date's aggregates (in place): every
 * commit the last date reached that an author or co-author of theirs made, through a parser that credits only them,
 * in `git log` order. The others' aggregates stay, for nothing of theirs changed; the organizations' reasons are
 * put together again from every identity's.
 */
function remapLast(
  raw: RawHistory,
  last: LastState,
  affected: ReadonlySet<string>,
  mailmap: Mailmap | undefined,
  mapped: (author: number) => Buffer,
  facts: Map<string, PersonFacts>,
): readonly string[] {
  const { state, vias } = last;
  const keyOf = (a: number): string => {
    const author = mapped(a);
    const e = author.indexOf(0);
    const email = author.toString("utf8", e + 1, author.length - 1);
    return personFacts(last.rules, email, author.toString("utf8", 0, e), facts).person.key;
  };
  // The authors' keys under this `.mailmap`: those the keys were worked out under, again only where it maps otherwise.
  let keys = last.keys;
  if (!keys) keys = raw.authors.map((_, a) => keyOf(a));
  else if (last.keysUnder !== mailmap) {
    const again = [...keys];
    const byEmail = authorsByEmail(raw);
    for (const email of remappedEmails(last.keysUnder, mailmap))
      for (const a of byEmail.get(email) ?? []) again[a] = keyOf(a);
    keys = again;
  }
  const records: number[] = [];
  keys.forEach((key, a) => {
    if (affected.has(key)) for (const i of recordsOfAuthor(raw, a)) records.push(i);
  });
  for (const i of recordsWithCoAuthors(raw)) records.push(i);
  const read = Int32Array.from(new Set(records))
    .filter((i) => {
      const node = raw.nodeOf[i]!;
      return node >= 0 && last.seen[node] === 1;
    })
    .sort();
  for (const key of affected) {
    state.identities.delete(key);
    vias.delete(key);
  }
  const parser = new GitLogParser(last.rules, undefined, mailmap, facts, {
    only: affected,
    onVia: logVia(vias),
  });
  for (const i of read) parser.pushRecord(raw.heads[i]!, raw.authorOf[i]!, mapped(raw.authorOf[i]!), raw.tails[i]!);
  parser.end();
  const again = parser.state;
  const slot = again.orgs.map((o) => orgSlot(state, o, undefined));
  const into = (from: Map<number, number>): Map<number, number> => {
    const to = new Map<number, number>();
    from.forEach((n, k) => to.set(counterKey(keyMonth(k), slot[keyOrg(k)]!), n));
    return to;
  };
  for (const id of again.identities.values())
    state.identities.set(id.key, { ...id, counts: into(id.counts), co: into(id.co) });
  // New sets: the last date's aggregates, which its caller may still read, share the old ones (see `fork`).
  state.orgVia.forEach((_, i) => {
    state.orgVia[i] = new Set();
  });
  for (const given of vias.values())
    given.forEach((reasons, org) => reasons.forEach((via) => orgSlot(state, org, via)));
  return keys;
}

/** The authors of each (lower-case) email, worked out once per history. */
function authorsByEmail(raw: RawHistory): ReadonlyMap<string, readonly number[]> {
  if (!raw.authorsByEmail) {
    const byEmail = new Map<string, number[]>();
    raw.authors.forEach((author, a) => appendTo(byEmail, author.email.toLowerCase(), a));
    raw.authorsByEmail = byEmail;
  }
  return raw.authorsByEmail;
}

/**
 * A new state over the parts of `s`: its maps and lists are copies, the identities and the organizations' reason sets
 * are `s`'s own until `unshare` copies the ones a merge changes. So a date's aggregates are carried on to the next
 * without copying every identity, and the ones handed out before never change.
 */
function fork(s: HistoryState): HistoryState {
  return {
    ...s,
    days: new Map(s.days),
    identities: new Map(s.identities),
    orgs: [...s.orgs],
    orgIndex: new Map(s.orgIndex),
    orgVia: [...s.orgVia],
  };
}

/** `forked` with copies of the identities and reason sets that merging `newer` into it changes. */
function unshare(forked: HistoryState, newer: HistoryState): HistoryState {
  for (const key of newer.identities.keys()) {
    const id = forked.identities.get(key);
    if (id)
      forked.identities.set(key, {
        ...id,
        counts: new Map(id.counts),
        co: new Map(id.co),
        ...(id.merged ? { merged: new Map(id.merged) } : {}),
      });
  }
  for (const org of newer.orgs) {
    const i = forked.orgIndex.get(org);
    if (i !== undefined) forked.orgVia[i] = new Set(forked.orgVia[i]);
  }
  return forked;
}

/** Per identity key, per organization, the reasons (`via`) the identity gave it. */
type Vias = Map<string, Map<string, Set<string>>>;

/** Each identity's reasons, as a parser gives them (`ParserOptions.onVia`). */
function logVia(vias: Vias): (identity: string, organization: string, via: string) => void {
  return (identity, organization, via) => {
    let given = vias.get(identity);
    if (!given) vias.set(identity, (given = new Map()));
    let reasons = given.get(organization);
    if (!reasons) given.set(organization, (reasons = new Set()));
    reasons.add(via);
  };
}

/** The records of each author, worked out once per history. */
function recordsOfAuthor(raw: RawHistory, author: number): readonly number[] {
  if (!raw.byAuthor) {
    const byAuthor: number[][] = raw.authors.map(() => []);
    raw.authorOf.forEach((a, i) => byAuthor[a]!.push(i));
    raw.byAuthor = byAuthor;
  }
  return raw.byAuthor[author]!;
}

/** The records whose trailers name co-authors, worked out once per history. */
function recordsWithCoAuthors(raw: RawHistory): readonly number[] {
  if (!raw.withCoAuthors) {
    const out: number[] = [];
    raw.tails.forEach((tail, i) => {
      if (tail.length > 1) out.push(i);
    });
    raw.withCoAuthors = out;
  }
  return raw.withCoAuthors;
}

/**
 * The aggregates `git log <commit>` gives, from the records. Dates come in order, and most dates' commits reach the
 * last date's: then only the commits since are read, and merged into a copy of the last date's aggregates.
 */
function historyAt(
  raw: RawHistory,
  commit: string,
  mailmap: Mailmap | undefined,
  rules: AffiliationRules,
): HistoryState {
  const { seen, since } = reachable(raw.graph, commit, raw.last);
  const node = raw.graph.index.get(commit);
  if (node !== undefined) raw.last = { node, seen };
  let facts = factsByRules.get(rules);
  if (!facts) factsByRules.set(rules, (facts = new Map()));
  const authors = new Array<Buffer | undefined>(raw.authors.length);
  const mapped = (a: number): Buffer => (authors[a] ??= mappedAuthor(mailmap, raw.authors[a]!));
  const last = raw.lastState;
  const affected = last && since ? affectedBy(raw, last, seen, mailmap, rules, facts) : undefined;
  // The last date's aggregates stay as its caller got them: this date's are a fork of them.
  const carried = last && affected ? { ...last, state: fork(last.state) } : undefined;
  const remapped = carried && affected?.size ? remapLast(raw, carried, affected, mailmap, mapped, facts) : undefined;
  const keys = remapped ? { keys: remapped, keysUnder: mailmap } : { keys: last?.keys, keysUnder: last?.keysUnder };
  const vias: Vias = affected ? last!.vias : new Map();
  const parser = new GitLogParser(rules, undefined, mailmap, facts, { onVia: logVia(vias) });
  const push = (i: number): void => {
    const a = raw.authorOf[i]!;
    // In parts, with the author by number: no record glued together, no author looked up by its bytes, per date.
    parser.pushRecord(raw.heads[i]!, a, mapped(a), raw.tails[i]!);
  };
  if (affected) {
    // The commits since the last date, in `git log` order (the records' order).
    const records = Int32Array.from(since!, (n) => raw.recordOf[n]!)
      .filter((r) => r >= 0)
      .sort();
    for (const i of records) push(i);
  } else
    for (let i = 0; i < raw.hashes.length; i++) {
      const node = raw.nodeOf[i]!;
      if (node >= 0 && seen[node]) push(i);
    }
  parser.end();
  const state = carried ? mergeHistoryStates(unshare(carried.state, parser.state), parser.state) : parser.state;
  if (node !== undefined) raw.lastState = { node, seen, state, mailmap, rules, vias, ...(carried ? keys : {}) };
  return state;
}

/** A repository's (or one folder's) history, by its git directory and folder. */
const historyKey = (gitDir: string, folder: string | undefined): string => `${gitDir}\0${folder ?? ""}`;

/**
 * A `PastHistory` for `collectProjectsEvidence`: pass the same one for every date of a backfill (with
 * `useCache: false`), and each repository's history and tags are read once for all of them.
 * @example
 * const pastHistory = openPastHistory({ dates }); // the dates, so each next one's trees are read ahead
 * for (const asOf of dates) await collectProjectsEvidence(projects, { baseDir, asOf, useCache: false, pastHistory });
 */
export function openPastHistory(options: { dates?: readonly string[] } = {}): PastHistory & { close(): void } {
  const histories = new Map<string, Promise<RawHistory>>();
  const tags = new Map<string, Promise<TagInfo[]>>();
  // One `cat-file --batch` per repository for every date, and a blob (the same bytes whatever the date) read once.
  const readers = new Map<string, { reader: BatchBlobReader; shared: BatchBlobReader }>();
  // And the trees through one more: a folder no date changed is read once.
  const trees = new Map<string, BatchTreeReader>();
  const finders = new Map<string, CommitFinder>();
  const treeReaderOf = (gitDir: string): BatchTreeReader => {
    let reader = trees.get(gitDir);
    if (!reader) trees.set(gitDir, (reader = openTreeReader(gitDir)));
    return reader;
  };
  // Trees of the dates to come, read while git writes the history (node waits on it otherwise), taken by `tree`.
  const readAhead = new Map<string, Promise<TreeListing>>();
  const treeKey = (gitDir: string, commit: string, folder: string | undefined) =>
    `${gitDir}\0${commit}\0${folder ?? ""}`;
  const historyOf = (gitDir: string, folder: string | undefined): Promise<RawHistory> => {
    const key = historyKey(gitDir, folder);
    let pending = histories.get(key);
    if (!pending) {
      const finder = new CommitFinder();
      finders.set(key, finder);
      pending = readRawHistory(gitDir, folder, finder);
      histories.set(key, pending);
      for (const asOf of dates)
        void finder.find(asOf).then((found) => {
          const at = found && treeKey(gitDir, found.commit, folder);
          if (!at || readAhead.has(at) || closed) return;
          const reading = treeReaderOf(gitDir).read(found.commit, folder);
          reading.catch(() => undefined); // `tree` reads again and says what is wrong
          readAhead.set(at, reading);
        });
    }
    return pending;
  };
  let closed = false;
  const dates = [...(options.dates ?? [])].sort();
  return {
    opened: new Map<string, Promise<OpenedRepository>>(),
    pathFacts: new Map(),
    async commitAsOf(gitDir, folder, asOf) {
      historyOf(gitDir, folder).catch(() => undefined); // a failed log: no commit found, git is asked again
      // Known as soon as the log has passed the date (git is asked again when there is none: no commits, a damaged
      // clone).
      return finders.get(historyKey(gitDir, folder))!.find(asOf);
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
      const reader = treeReaderOf(gitDir);
      const key = treeKey(gitDir, commit, folder);
      const ahead = readAhead.get(key);
      readAhead.delete(key);
      try {
        return await (ahead ?? reader.read(commit, folder));
      } catch {
        return listingOf(await readTree(gitDir, commit, folder)); // git is asked again, and says what is wrong
      }
    },
    close() {
      closed = true;
      readAhead.clear();
      for (const { reader } of readers.values()) reader.close();
      readers.clear();
      for (const reader of trees.values()) reader.close();
      trees.clear();
    },
  };
}
