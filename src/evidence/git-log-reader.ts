import { dependsOnDate, personKey, resolveAffiliation, type AffiliationRules } from "./affiliations.js";
import { isBot } from "./bots.js";
import {
  counterKey,
  creditName,
  emptyHistoryState,
  MAX_MERGED_SPELLINGS,
  orgSlot,
  type HistoryState,
  type IdentityState,
} from "./history-state.js";
import { mapIdentity, type Mailmap } from "./mailmap.js";
import { streamGit } from "./run-git.js";
import { escapeTerminalLine, escapeTerminalText } from "../core/index.js";

/**
 * Reads `git log` as a stream and keeps only aggregates. Each commit is five NUL-terminated
 * fields — parents, author time, author name, author email (both after mailmap),
 * Co-authored-by values joined by 0x1f — so the parser only looks for NUL bytes and decodes
 * a name once per identity. NUL cannot occur inside a git field, so names with newlines or
 * invalid UTF-8 cannot break the framing.
 */
const LOG_FORMAT = "--format=%P%x00%at%x00%aN%x00%aE%x00%(trailers:key=Co-authored-by,valueonly,separator=%x1f)%x00";

/**
 * The exact `git log` arguments the collector runs (after `--git-dir`), so the benchmark can
 * time the same command bare.
 *
 * @param revisions e.g. `["abc123"]`, or `["new", "^old"]` for an incremental read.
 * @param paths folders to limit history to (a monorepo's component), taken literally.
 */
export function gitLogArgs(
  commit: string,
  revisions: readonly string[],
  paths: readonly string[] = [],
  options: { useMailmap?: boolean } = {},
): string[] {
  // The mailmap is read from the commit itself, so an as-of read uses the mailmap of then.
  // `:(literal)` keeps a folder named like pathspec magic (`*`, `:(glob)`) a plain folder.
  const pathspec = paths.length ? ["--", ...paths.map((p) => `:(literal)${p}`)] : [];
  // Without it (a .mailmap a partial clone lacks), git must not try to read it either.
  const mailmap =
    options.useMailmap === false
      ? ["-c", "mailmap.blob=", "log", "--no-use-mailmap"]
      : ["-c", `mailmap.blob=${commit}:.mailmap`, "log", "--use-mailmap"];
  return [...mailmap, "--no-color", LOG_FORMAT, "--end-of-options", ...revisions, ...pathspec];
}

const SECONDS_PER_DAY = 86400;

/** Months since year 0 (`year * 12 + month - 1`) of a day number, without Date objects. */
export function monthOfDay(days: number): number {
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/** Author time (unix seconds) of `buf[e0+1, e1)`, as git printed `%at`. */
function authorTime(buf: Buffer, e0: number, e1: number): number {
  let ts = 0;
  let neg = false;
  for (let i = e0 + 1; i < e1; i++) {
    const c = buf[i]!;
    if (c === 0x2d) neg = true;
    else ts = ts * 10 + (c - 48);
  }
  return neg ? -ts : ts;
}

/** A record's `%P\0%at\0` as the parser reads it: its author time and whether it is a merge. */
export interface RecordHead {
  readonly ts: number;
  readonly merge: boolean;
}

/** The `RecordHead` of `head` (`%P\0%at\0`, after tformat's newline if any), for `pushRecord`. */
export function readHead(head: Buffer): RecordHead {
  const start = head[0] === 0x0a ? 1 : 0;
  const e0 = head.indexOf(0, start);
  const e1 = head.indexOf(0, e0 + 1);
  return { ts: authorTime(head, e0, e1), merge: e0 - start > 64 };
}

/** What the parser works out of one spelling (email and name as git printed them) under one set of rules. */
export interface PersonFacts {
  readonly cleanName: string;
  readonly safeEmail: string;
  readonly lower: string;
  readonly person: { readonly key: string; readonly why?: string };
  readonly bot: boolean;
  /** Its organization when that does not depend on the date. */
  readonly fixed: { readonly organization: string; readonly via: string } | undefined;
}

interface IdentityEntry {
  readonly identity: IdentityState;
  /** The name of this spelling (after the mailmap): the identity's shown name is its most used (`creditName`). */
  readonly name: string;
  /** This spelling of the email, lower-cased: its organization is looked up by it. */
  readonly email: string;
  /** Organization index when it does not depend on the date, else -1. */
  readonly fixedOrg: number;
}

/**
 * What the parser works out of a spelling (`email` and `name` after the mailmap) under `rules` alone: the same whatever
 * the history. `facts` keeps what was worked out, for parsers of the same rules.
 */
export function personFacts(
  rules: AffiliationRules,
  email: string,
  name: string,
  facts?: Map<string, PersonFacts>,
): PersonFacts {
  const id = facts ? `${email}\0${name}` : "";
  const known = facts?.get(id);
  if (known) return known;
  // Names and emails come from the repository: line breaks become spaces, and any other
  // control or bidi override character a visible `\uXXXX`, so none reaches a terminal.
  const cleanName = escapeTerminalLine(name);
  const safeEmail = escapeTerminalText(email.trim());
  const lower = safeEmail.toLowerCase();
  const worked: PersonFacts = {
    cleanName,
    safeEmail,
    lower,
    person: lower !== "" ? personKey(rules, lower) : { key: `name:${cleanName}` },
    bot: isBot(cleanName, lower, rules.bots),
    fixed: dependsOnDate(rules, lower) ? undefined : resolveAffiliation(rules, lower, 0),
  };
  facts?.set(id, worked);
  return worked;
}

/**
 * An identity's entry, or null for a spelling of someone a parser restricted to some identities does not credit (see
 * `ParserOptions.only`).
 */
type Credited = IdentityEntry | null;

/** Options of a `GitLogParser` beyond its rules. */
export interface ParserOptions {
  /**
   * Credit only the identities of these keys: the others' commits are counted (commits, days) but nobody is credited
   * for them. A backfill reads again only the people a changed `.mailmap` maps otherwise.
   */
  readonly only?: ReadonlySet<string>;
  /** Told every reason (`via`) an identity gives an organization, as the state's `orgVia` is given it. */
  readonly onVia?: (identity: string, organization: string, via: string) => void;
}

/** Incremental parser: feed it stdout chunks, read `state` at the end. */
export class GitLogParser {
  readonly state: HistoryState;
  private readonly rules: AffiliationRules;
  private pending: Buffer | undefined;
  private readonly byRawEmail = new Map<string, Credited>();
  /** Authors' emails by their bytes as git printed them (see `emailEntry`). */
  private readonly byEmailBytes = new Map<string, Credited>();
  /** Authors' `name\0email` by their bytes: an email's entry under each name it is written with. */
  private readonly bySpelling = new Map<string, Credited>();
  /** Authors by the number `pushRecord` gives them. */
  private readonly byAuthorId: (Credited | undefined)[] = [];
  private lastDay = NaN;
  private lastMonth = 0;
  private readonly mailmap: Mailmap | undefined;

  private readonly facts: Map<string, PersonFacts> | undefined;
  private readonly only: ReadonlySet<string> | undefined;
  private readonly onVia: ParserOptions["onVia"];

  /**
   * `mailmap`: the `.mailmap` git used, applied to co-authors (git maps only authors). `facts`: what is known of
   * each spelling under these `rules`, shared by parsers of the same rules (a backfill's dates) so each is worked
   * out once.
   */
  constructor(
    rules: AffiliationRules,
    state: HistoryState = emptyHistoryState(),
    mailmap?: Mailmap,
    facts?: Map<string, PersonFacts>,
    options: ParserOptions = {},
  ) {
    this.rules = rules;
    this.state = state;
    this.mailmap = mailmap;
    this.facts = facts;
    this.only = options.only;
    this.onVia = options.onVia;
  }

  /** What `identity` works out from a spelling and the rules alone: the same whatever the history. */
  private factsOf(email: string, name: string): PersonFacts {
    return personFacts(this.rules, email, name, this.facts);
  }

  /** Parse every complete commit in `chunk`; keep the incomplete tail for the next one. */
  push(chunk: Buffer): void {
    let pos = 0;
    if (this.pending) {
      // Complete the record cut at the last chunk's end from the head of this one, copying
      // only that record rather than gluing whole chunks together.
      let nuls = 0;
      for (let i = this.pending.indexOf(0); i >= 0; i = this.pending.indexOf(0, i + 1)) nuls++;
      let end = -1;
      for (let i = 0; i < 5 - nuls; i++) {
        end = chunk.indexOf(0, end + 1);
        if (end < 0) {
          this.pending = Buffer.concat([this.pending, chunk]);
          return;
        }
      }
      const record = Buffer.concat([this.pending, chunk.subarray(0, end + 1)]);
      this.pending = undefined;
      this.records(record, 0);
      pos = end + 1;
    }
    pos = this.records(chunk, pos);
    this.pending = pos < chunk.length ? Buffer.from(chunk.subarray(pos)) : undefined;
  }

  /** Parse the complete records of `buf` from `pos`; return where the incomplete tail starts. */
  private records(buf: Buffer, pos: number): number {
    for (;;) {
      const e0 = buf.indexOf(0, pos);
      if (e0 < 0) break;
      const e1 = buf.indexOf(0, e0 + 1);
      if (e1 < 0) break;
      const e2 = buf.indexOf(0, e1 + 1);
      if (e2 < 0) break;
      const e3 = buf.indexOf(0, e2 + 1);
      if (e3 < 0) break;
      const e4 = buf.indexOf(0, e3 + 1);
      if (e4 < 0) break;
      this.commit(buf, pos, e0, e1, e2, e3, e4);
      pos = e4 + 1;
    }
    return pos;
  }

  /** Call at end of stream: anything left is a truncated record (of the log `where` names). */
  end(where = "git log"): void {
    if (this.pending && this.pending.toString("latin1").trim() !== "") throw truncatedLog(where);
    this.pending = undefined;
  }

  /**
   * One record given in parts, as backfill.ts keeps them: `head` is `%P\0%at\0` as `readHead` read it (once for every
   * date), `author` is `name\0email\0` (after the mailmap) and `tail` is `trailers\0`, the bytes `push` would read
   * glued together. `authorId` numbers the author's bytes (the same bytes, the same number) so each is looked up once,
   * not once per commit.
   */
  pushRecord(head: RecordHead, authorId: number, author: Buffer, tail: Buffer): void {
    const ts = this.tally(head.ts, head.merge);
    if (ts === undefined) return;
    let entry = this.byAuthorId[authorId];
    if (entry === undefined) {
      const e2 = author.indexOf(0);
      entry = this.emailEntry(author, -1, e2, author.indexOf(0, e2 + 1));
      this.byAuthorId[authorId] = entry;
    }
    this.credit(entry, ts, tail, -1, tail.length - 1);
  }

  private commit(buf: Buffer, start: number, e0: number, e1: number, e2: number, e3: number, e4: number): void {
    if (buf[start] === 0x0a) start++; // tformat's newline between records
    const ts = this.header(buf, start, e0, e1);
    if (ts === undefined) return;
    this.credit(this.emailEntry(buf, e1, e2, e3), ts, buf, e3, e4);
  }

  /** Counts a commit by its parents and time (`buf[start, e0)`, `buf[e0+1, e1)`); its time, or undefined if a merge. */
  private header(buf: Buffer, start: number, e0: number, e1: number): number | undefined {
    // Two or more parents (40 or 64 hex digits each) make a merge.
    return this.tally(authorTime(buf, e0, e1), e0 - start > 64);
  }

  /** Counts a commit of author time `ts`; its time, or undefined if a merge. */
  private tally(ts: number, merge: boolean): number | undefined {
    const s = this.state;
    if (s.first === 0 || ts < s.first) s.first = ts;
    if (ts > s.last) s.last = ts;
    if (merge) {
      s.merges++;
      return undefined;
    }
    s.commits++;
    const day = Math.floor(ts / SECONDS_PER_DAY);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastMonth = monthOfDay(day);
    }
    s.days.set(day, (s.days.get(day) ?? 0) + 1);
    return ts;
  }

  /** Credits a non-merge commit of time `ts` to its author and to its co-authors, `buf[e3+1, e4)`. */
  private credit(entry: Credited, ts: number, buf: Buffer, e3: number, e4: number): void {
    if (entry !== null) {
      const { identity } = entry;
      if (entry.name !== identity.name || identity.names !== undefined) creditName(identity, entry.name);
      const org = entry.fixedOrg >= 0 ? entry.fixedOrg : this.orgAt(entry, ts);
      const key = counterKey(this.lastMonth, org);
      identity.counts.set(key, (identity.counts.get(key) ?? 0) + 1);
      if (ts < identity.first) identity.first = ts;
      if (ts > identity.last) identity.last = ts;
    }
    if (e4 > e3 + 1) this.coAuthors(buf.toString("utf8", e3 + 1, e4), entry?.identity, ts);
  }

  /**
   * The identity of the email in `buf[e2+1, e3)` under the name in `buf[e1+1, e2)`, by their bytes: a latin1 string
   * holds one character per byte, so it is an exact key that costs no UTF-8 decoding. An email is worked out (its
   * person, bot or not, organization) once, under the first name it comes with; another name only adds a spelling.
   */
  private emailEntry(buf: Buffer, e1: number, e2: number, e3: number): Credited {
    const spelling = buf.toString("latin1", e1 + 1, e3);
    const known = this.bySpelling.get(spelling);
    if (known !== undefined) return known;
    const bytes = buf.toString("latin1", e2 + 1, e3);
    let entry = this.byEmailBytes.get(bytes);
    if (entry === undefined) {
      entry = this.identity(buf.toString("utf8", e2 + 1, e3), buf.toString("utf8", e1 + 1, e2));
      this.byEmailBytes.set(bytes, entry);
    } else if (entry !== null) {
      const name = escapeTerminalLine(buf.toString("utf8", e1 + 1, e2));
      if (name !== entry.name) entry = { ...entry, name };
    }
    this.bySpelling.set(spelling, entry);
    return entry;
  }

  private orgAt(entry: IdentityEntry, ts: number): number {
    const a = resolveAffiliation(this.rules, entry.email, ts);
    this.onVia?.(entry.identity.key, a.organization, a.via);
    return orgSlot(this.state, a.organization, a.via);
  }

  private identity(email: string, name: string, raw?: string): Credited {
    const { cleanName, safeEmail, lower, person, bot, fixed } = this.factsOf(email, name);
    const key = person.key;
    if (this.only && !this.only.has(key)) {
      if (raw !== undefined) this.byRawEmail.set(raw, null);
      return null;
    }
    let identity = this.state.identities.get(key);
    if (!identity) {
      identity = {
        key,
        name: cleanName,
        email: safeEmail,
        first: Infinity,
        last: -Infinity,
        counts: new Map(),
        co: new Map(),
        ...(person.why ? { why: person.why } : {}),
      };
      this.state.identities.set(key, identity);
    } else if (safeEmail !== identity.email) {
      // Another spelling of a known person: the same address in other case, or one the
      // affiliation files or a GitHub login prove to be theirs.
      const merged = (identity.merged ??= new Map());
      if (!merged.has(safeEmail) && merged.size < MAX_MERGED_SPELLINGS)
        merged.set(
          safeEmail,
          lower === identity.email.toLowerCase()
            ? "same address in other case"
            : (person.why ?? identity.why ?? "same person"),
        );
    }
    if (!identity.bot && bot) identity.bot = true;
    if (fixed) this.onVia?.(key, fixed.organization, fixed.via);
    const fixedOrg = fixed ? orgSlot(this.state, fixed.organization, fixed.via) : -1;
    const entry: IdentityEntry = { identity, name: cleanName, fixedOrg, email: lower };
    if (raw !== undefined) this.byRawEmail.set(raw, entry);
    return entry;
  }

  private coAuthors(trailers: string, author: IdentityState | undefined, ts: number): void {
    const credited = new Set<IdentityState>(author ? [author] : []);
    // One trailer per line (git gives each its own value), or several people on one line:
    // `Co-authored-by: A <a@x>, B <b@y>` — each `Name <email>` is one person.
    for (const value of trailers.split("\x1f")) {
      for (const person of namesAndEmails(value)) {
        const mapped = mapIdentity(this.mailmap, person.name, person.email);
        const email = mapped.email;
        if (email === "") continue;
        const known = this.byRawEmail.get(email);
        const entry = known !== undefined ? known : this.identity(email, mapped.name, email);
        if (entry === null) continue;
        const { identity, fixedOrg } = entry;
        // The author, or a person already credited on this commit, is not credited again.
        if (credited.has(identity)) continue;
        credited.add(identity);
        const org = fixedOrg >= 0 ? fixedOrg : this.orgAt(entry, ts);
        const key = counterKey(this.lastMonth, org);
        identity.co.set(key, (identity.co.get(key) ?? 0) + 1);
        if (ts < identity.first) identity.first = ts;
        if (ts > identity.last) identity.last = ts;
      }
    }
  }
}

/**
 * Every `Name <email>` in a trailer value, in order; text between them (`,`, `;`, `and`,
 * line breaks of a folded trailer) only separates. Linear: one scan for `<` and `>`.
 */
export function namesAndEmails(value: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = [];
  let pos = 0;
  for (;;) {
    const lt = value.indexOf("<", pos);
    if (lt < 0) break;
    const gt = value.indexOf(">", lt + 1);
    if (gt < 0) break;
    const name = value
      .slice(pos, lt)
      .replace(/^[\s,;]+/, "")
      .replace(/^and\s+/i, "")
      .trim();
    out.push({ name, email: value.slice(lt + 1, gt).trim() });
    pos = gt + 1;
  }
  return out;
}

/** A `git log` under way whose output waits for the mailmap to parse it with (see `startHistoryRead`). */
export interface PendingHistoryRead {
  /** Parse with `mailmap` (the `.mailmap` git uses, applied to co-authors) and return the aggregates. */
  finish(mailmap: Mailmap | undefined): Promise<HistoryState>;
  /** Stop git: the read is not wanted (its .mailmap turned out unreadable, or the collection failed). */
  cancel(): void;
}

/**
 * Start `git log` now and parse it once the mailmap is known: the long read then overlaps
 * the tree and `.mailmap` reads instead of waiting for them. Output that arrives before
 * `finish` is kept as it came (a fraction of a second of git's output).
 */
export function startHistoryRead(
  gitDir: string,
  commit: string,
  revisions: readonly string[],
  rules: AffiliationRules,
  paths: readonly string[] = [],
  options: { useMailmap?: boolean } = {},
): PendingHistoryRead {
  const abort = new AbortController();
  let parser: GitLogParser | undefined;
  const early: Buffer[] = [];
  const done = streamGit(
    gitLogArgs(commit, revisions, paths, options),
    (chunk) => (parser ? parser.push(chunk) : early.push(chunk)),
    { gitDir, signal: abort.signal },
  );
  done.catch(() => undefined); // seen by finish; after cancel, not wanted
  return {
    async finish(mailmap) {
      const p = new GitLogParser(rules, undefined, mailmap);
      try {
        for (const chunk of early.splice(0)) p.push(chunk);
      } catch (error) {
        abort.abort();
        throw error;
      }
      parser = p;
      await done;
      p.end(`git log of ${gitDir} at ${commit}`);
      return p.state;
    },
    cancel: () => abort.abort(),
  };
}

/** A log that ended in the middle of a commit; `where` names it (`git log of <clone> at <commit>`). */
export function truncatedLog(where: string): Error {
  return new Error(`${where} ended in the middle of a commit (a damaged clone? \`git fsck\` there says what is wrong)`);
}

/**
 * Stream `git log` for `revisions` and return the aggregates.
 *
 * @example
 * const state = await readHistory("/repo/.git", head, [head], rules);
 */
export async function readHistory(
  gitDir: string,
  commit: string,
  revisions: readonly string[],
  rules: AffiliationRules,
  mailmap?: Mailmap,
  paths: readonly string[] = [],
  options: { useMailmap?: boolean } = {},
): Promise<HistoryState> {
  return startHistoryRead(gitDir, commit, revisions, rules, paths, options).finish(mailmap);
}
