/**
 * The aggregates kept while reading `git log`: counters per identity, per organization and
 * per day, never the commits themselves. Windows (last 12 months, elephant factor) are
 * computed from these later, so a cached state serves any as-of date at the same commit,
 * and a state read for `A` merges with one read for `A..B`.
 */

/**
 * Counter keys pack a month and an organization: `(months since 1970-01) * ORG_SLOTS + org`,
 * small enough to stay V8 small integers, which keeps the Maps fast.
 */
const ORG_SLOTS = 65536;
const EPOCH_MONTH = 1970 * 12;
const OTHER_ORGANIZATIONS = "(other organizations)";

/** Key of a counter, from `monthOfDay`'s month and an organization index. */
export function counterKey(month: number, org: number): number {
  return (month - EPOCH_MONTH) * ORG_SLOTS + org;
}

/** Month (as `monthOfDay` numbers it) of a counter key. */
export function keyMonth(key: number): number {
  return Math.floor(key / ORG_SLOTS) + EPOCH_MONTH;
}

/** Organization index of a counter key. */
export function keyOrg(key: number): number {
  return key - Math.floor(key / ORG_SLOTS) * ORG_SLOTS;
}

export interface IdentityState {
  /**
   * Lower-case email after mailmap, or the one address the affiliation files know the person by (see `personKey`), or
   * `name:<name>` when there is none.
   */
  readonly key: string;
  /** The name it is shown by: of the names its commits are written with, the most used (see `creditName`). */
  name: string;
  email: string;
  /** Unix seconds of the first and last commit credited (authored or co-authored). */
  first: number;
  last: number;
  /** Authored non-merge commits by month and organization. */
  readonly counts: Map<number, number>;
  /** Co-authored commits (Co-authored-by trailers) by month and organization. */
  readonly co: Map<number, number>;
  /** A bot (see bots.ts): counted apart, never as a person. */
  bot?: boolean;
  /** Other spellings of the email merged into this identity, with why (up to 20). */
  merged?: Map<string, string>;
  /** Why `email` belongs to `key` when it is not the key itself (`personKey`), for merging states. */
  why?: string;
  /** Authored commits under each of its names, once it has more than one (until then all are under `name`). */
  names?: Map<string, number>;
}

/** An identity's authored (not co-authored) commits, all months and organizations. */
export function authoredCommits(identity: IdentityState): number {
  let n = 0;
  for (const v of identity.counts.values()) n += v;
  return n;
}

/**
 * Whether `name` with `commits` is shown before the name shown now, with `shown`: more commits, then the fuller name
 * ("Ann Smith" before "Ann"), then code order. Among names of no authored commit (a co-author's), the one shown stays.
 */
function outranks(name: string, commits: number, current: string, shown: number): boolean {
  if (commits !== shown) return commits > shown;
  return commits > 0 && (name.length !== current.length ? name.length > current.length : name < current);
}

/**
 * Counts an authored commit written under `name` (before it is added to the counts), and shows the identity by its
 * most used name: a person's own address written a few times under a bot's name (jaeger: "yurishkuro's AI bot", 2
 * commits against 161 as "Yuri Shkuro") or a machine's default name does not rename them, whichever is newest. A name
 * changed for good is put right by `.mailmap`, as git intends. An identity with one name keeps no tally.
 */
export function creditName(identity: IdentityState, name: string): void {
  let names = identity.names;
  if (names === undefined) {
    if (name === identity.name) return;
    names = identity.names = new Map([[identity.name, authoredCommits(identity)]]);
  }
  const commits = (names.get(name) ?? 0) + 1;
  names.set(name, commits);
  if (outranks(name, commits, identity.name, names.get(identity.name) ?? 0)) identity.name = name;
}

/** An identity's authored commits by name. */
function nameTally(identity: IdentityState): Map<string, number> {
  return new Map(identity.names ?? [[identity.name, authoredCommits(identity)]]);
}

/** Spellings kept per identity: enough to show why, bounded for the cache. */
export const MAX_MERGED_SPELLINGS = 20;

export interface HistoryState {
  commits: number;
  merges: number;
  /** Unix seconds of the oldest and newest commit (merges included); 0 when none. */
  first: number;
  last: number;
  /** Non-merge commits per day (days since 1970-01-01), for exact 12-month counts. */
  readonly days: Map<number, number>;
  readonly identities: Map<string, IdentityState>;
  readonly orgs: string[];
  readonly orgIndex: Map<string, number>;
  /** Per organization: how contributors were mapped to it ("email-map:3", "domain x.com"). */
  readonly orgVia: Set<string>[];
}

export function emptyHistoryState(): HistoryState {
  return {
    commits: 0,
    merges: 0,
    first: 0,
    last: 0,
    days: new Map(),
    identities: new Map(),
    orgs: [],
    orgIndex: new Map(),
    orgVia: [],
  };
}

/** Reasons kept per organization: enough to show how people were mapped, bounded for a repository of thousands. */
export const MAX_VIA = 50;

/**
 * Keep `via` among the MAX_VIA smallest reasons: which ones are kept then does not depend on the order commits are
 * read in, so a read of `old..new` merged into the state up to `old` keeps what a full read keeps.
 */
function addVia(vias: Set<string>, via: string): void {
  if (vias.has(via)) return;
  if (vias.size < MAX_VIA) {
    vias.add(via);
    return;
  }
  let largest = via;
  for (const v of vias) if (v > largest) largest = v;
  if (largest === via) return;
  vias.delete(largest);
  vias.add(via);
}

/** Index of an organization, added on first sight; `via` (why someone counts for it) is kept when given. */
export function orgSlot(state: HistoryState, organization: string, via: string | undefined): number {
  // Counter keys hold ORG_SLOTS organizations; beyond that (never seen in practice) they share one.
  if (state.orgs.length >= ORG_SLOTS - 1 && !state.orgIndex.has(organization)) organization = OTHER_ORGANIZATIONS;
  let i = state.orgIndex.get(organization);
  if (i === undefined) {
    i = state.orgs.length;
    state.orgs.push(organization);
    state.orgIndex.set(organization, i);
    state.orgVia.push(new Set());
  }
  if (via !== undefined) addVia(state.orgVia[i]!, via);
  return i;
}

/** JSON form of a state (Maps flattened to arrays). */
export interface SerializedHistoryState {
  readonly commits: number;
  readonly merges: number;
  readonly first: number;
  readonly last: number;
  readonly days: readonly number[];
  /**
   * key, name, email, first, last, counts, co, then (added) bot 0/1, merged spellings flattened [spelling, why, …],
   * why ("" for none) and the names' authored commits flattened [name, commits, …] (empty for one name).
   */
  readonly identities: readonly [
    string,
    string,
    string,
    number,
    number,
    readonly number[],
    readonly number[],
    number?,
    (readonly string[])?,
    string?,
    (readonly (string | number)[])?,
  ][];
  readonly orgs: readonly string[];
  readonly orgVia: readonly (readonly string[])[];
}

function flatten(map: Map<number, number>): number[] {
  const out: number[] = [];
  map.forEach((v, k) => out.push(k, v));
  return out;
}

function unflatten(list: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < list.length; i += 2) map.set(list[i]!, list[i + 1]!);
  return map;
}

export function serializeHistoryState(s: HistoryState): SerializedHistoryState {
  return {
    commits: s.commits,
    merges: s.merges,
    first: s.first,
    last: s.last,
    days: flatten(s.days),
    identities: [...s.identities.values()].map((i) => [
      i.key,
      i.name,
      i.email,
      i.first,
      i.last,
      flatten(i.counts),
      flatten(i.co),
      i.bot ? 1 : 0,
      [...(i.merged ?? [])].flat(),
      i.why ?? "",
      [...(i.names ?? [])].flat(),
    ]),
    orgs: s.orgs,
    orgVia: s.orgVia.map((v) => [...v]),
  };
}

export function deserializeHistoryState(j: SerializedHistoryState): HistoryState {
  const s = emptyHistoryState();
  s.commits = j.commits;
  s.merges = j.merges;
  s.first = j.first;
  s.last = j.last;
  for (const [k, v] of unflatten(j.days)) s.days.set(k, v);
  j.orgs.forEach((o, i) => {
    s.orgs.push(o);
    s.orgIndex.set(o, i);
    s.orgVia.push(new Set(j.orgVia[i] ?? []));
  });
  for (const [key, name, email, first, last, counts, co, bot, merged, why, names] of j.identities) {
    const spellings = new Map<string, string>();
    for (let i = 0; merged && i + 1 < merged.length; i += 2) spellings.set(merged[i]!, merged[i + 1]!);
    const tally = new Map<string, number>();
    for (let i = 0; names && i + 1 < names.length; i += 2) tally.set(String(names[i]), Number(names[i + 1]));
    s.identities.set(key, {
      key,
      name,
      email,
      first,
      last,
      counts: unflatten(counts),
      co: unflatten(co),
      ...(bot ? { bot: true } : {}),
      ...(spellings.size ? { merged: spellings } : {}),
      ...(why ? { why } : {}),
      ...(tally.size > 1 ? { names: tally } : {}),
    });
  }
  return s;
}

function addCounts(into: Map<number, number>, from: Map<number, number>, remap: (k: number) => number): void {
  for (const [k, v] of from) {
    const key = remap(k);
    into.set(key, (into.get(key) ?? 0) + v);
  }
}

/**
 * `older` shown by the most used of both states' names (as a read of both at once shows it), before `newer`'s counts
 * are added to it; by the newer name when neither authored a commit (a co-author's first name seen, as in one read).
 */
function nameMerge(older: IdentityState, newer: IdentityState): void {
  const tally = nameTally(older);
  for (const [name, commits] of nameTally(newer)) tally.set(name, (tally.get(name) ?? 0) + commits);
  let shown = newer.name;
  let most = tally.get(shown) ?? 0;
  for (const [name, commits] of tally)
    if (outranks(name, commits, shown, most)) {
      shown = name;
      most = commits;
    }
  older.name = shown;
  if (tally.size > 1) older.names = tally;
  else delete older.names;
}

/** Merge `newer` (read from `OLD..NEW`) into `older` (read up to `OLD`), in place. */
export function mergeHistoryStates(older: HistoryState, newer: HistoryState): HistoryState {
  if (newer.commits + newer.merges === 0) return older;
  const remapOrg = newer.orgs.map((o, i) => {
    const slot = orgSlot(older, o, undefined);
    for (const v of newer.orgVia[i]!) addVia(older.orgVia[slot]!, v);
    return slot;
  });
  const remap = (k: number): number => counterKey(keyMonth(k), remapOrg[keyOrg(k)]!);
  older.commits += newer.commits;
  older.merges += newer.merges;
  older.first = older.first === 0 ? newer.first : newer.first === 0 ? older.first : Math.min(older.first, newer.first);
  older.last = Math.max(older.last, newer.last);
  addCounts(older.days, newer.days, (k) => k);
  for (const n of newer.identities.values()) {
    const o = older.identities.get(n.key);
    if (!o) {
      const fresh: IdentityState = {
        ...n,
        counts: new Map(),
        co: new Map(),
        ...(n.merged ? { merged: new Map(n.merged) } : {}),
        ...(n.names ? { names: new Map(n.names) } : {}),
      };
      addCounts(fresh.counts, n.counts, remap);
      addCounts(fresh.co, n.co, remap);
      older.identities.set(n.key, fresh);
      continue;
    }
    nameMerge(o, n);
    if (n.bot) o.bot = true;
    // The older spelling stays known as merged when the newer one takes its place.
    const spellings = new Map([...(o.merged ?? []), ...(n.merged ?? [])]);
    // The reason is the one a single read would give (git-log-reader.ts `identity`).
    if (o.email !== n.email && !spellings.has(o.email))
      spellings.set(
        o.email,
        o.email.toLowerCase() === n.email.toLowerCase()
          ? "same address in other case"
          : (o.why ?? n.why ?? "same person"),
      );
    spellings.delete(n.email);
    if (n.why) o.why = n.why;
    else delete o.why;
    if (spellings.size) o.merged = new Map([...spellings].slice(0, MAX_MERGED_SPELLINGS));
    o.email = n.email;
    o.first = Math.min(o.first, n.first);
    o.last = Math.max(o.last, n.last);
    addCounts(o.counts, n.counts, remap);
    addCounts(o.co, n.co, remap);
  }
  return older;
}
