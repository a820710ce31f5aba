import { INDEPENDENT, UNAFFILIATED, UNKNOWN } from "./affiliations.js";
import { monthOfDay } from "./git-log-reader.js";
import { authoredCommits, keyMonth, keyOrg, MAX_VIA, type HistoryState, type IdentityState } from "./history-state.js";
import type { HistoryEvidence, OrganizationShare, Source } from "./model.js";

/** Window and threshold for the elephant and contributor absence factors. */
export interface FactorOptions {
  /** Share of the window's commits the fewest organizations (or people) must exceed. @default 0.5 */
  readonly threshold?: number;
  /** Window in calendar months, ending with the as-of month. @default 12 */
  readonly windowMonths?: number;
}

export const FACTOR_DEFAULTS = { threshold: 0.5, windowMonths: 12 } as const;

const DAY = 86400;

/** Days since 1970 of a YYYY-MM-DD date. */
function dayOf(date: string): number {
  return Math.floor(Date.parse(date + "T00:00:00Z") / 1000 / DAY);
}

function iso(ts: number): string {
  return new Date(ts * 1000).toISOString();
}

/** The quarter of a time, `2024-Q3`, from its month as `monthOfDay` numbers them (`year * 12 + month - 1`). */
function quarterOf(ts: number): string {
  const month = monthOfDay(Math.floor(ts / DAY));
  return `${Math.floor(month / 12)}-Q${Math.floor((month % 12) / 3) + 1}`;
}

/** CHAOSS factor: the fewest entries, largest first, whose sum exceeds `threshold` of the total. */
export function factor(entries: ReadonlyMap<string, number>, threshold: number): { value: number; names: string[] } {
  const sorted = [...entries].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = sorted.reduce((t, [, n]) => t + n, 0);
  const names: string[] = [];
  let sum = 0;
  for (const [name, n] of sorted) {
    if (total === 0 || sum > threshold * total) break;
    sum += n;
    names.push(name);
  }
  return { value: names.length, names };
}

/** Per-organization tallies in typed arrays indexed like `state.orgs`: no allocation per counter. */
class OrgTallies {
  readonly commits: Float64Array;
  readonly people: Float64Array;
  private readonly lastPerson: Int32Array;
  constructor(size: number) {
    this.commits = new Float64Array(size);
    this.people = new Float64Array(size);
    this.lastPerson = new Int32Array(size).fill(-1);
  }
  add(org: number, person: number, commits: number): void {
    this.commits[org]! += commits;
    if (this.lastPerson[org] !== person) {
      this.lastPerson[org] = person;
      this.people[org]! += 1;
    }
  }
}

/** Organizations as reported: the state's, with each domain of one person folded into "(unaffiliated domain)". */
interface ReportedOrganizations {
  readonly names: string[];
  readonly vias: string[][];
  /** State organization index → index in `names`. */
  readonly of: Int32Array;
}

/** True when the organization is an email domain and nothing but that domain named it. */
function isBareDomain(organization: string, vias: ReadonlySet<string>): boolean {
  const own = `domain ${organization}`;
  let seen = false;
  for (const v of vias) {
    if (v === own) seen = true;
    else if (v !== "") return false;
  }
  return seen;
}

/** How an identity is named: its name, or its email when it has none. Identities of one name are one person. */
const nameOf = (id: IdentityState): string => id.name || id.email;

/**
 * A domain seen for one person only, and named by no affiliation source, is that person's
 * own (`hidde.co`), not an organization: it is reported as "(unaffiliated domain)" and, like
 * an independent, counts as an organization of one for the elephant factor. Bots do not count.
 * Identities of one name are one person here, as in the factors (crossplane's Nic Cope writes
 * from nicc@ and negz@rk0n.org).
 */
function reportedOrganizations(state: HistoryState, people: readonly IdentityState[]): ReportedOrganizations {
  const count = state.orgs.length;
  const peopleOf = new Int32Array(count);
  const last = new Int32Array(count).fill(-1);
  const numberOf = new Map<string, number>();
  const numbered = people.map((id) => {
    const person = nameOf(id);
    let p = numberOf.get(person);
    if (p === undefined) numberOf.set(person, (p = numberOf.size));
    return { p, id };
  });
  // One person's identities one after another, so each organization counts them once.
  numbered.sort((a, b) => a.p - b.p);
  for (const { p, id } of numbered) {
    const see = (_n: number, key: number): void => {
      const o = keyOrg(key);
      if (last[o] !== p) {
        last[o] = p;
        peopleOf[o]! += 1;
      }
    };
    id.counts.forEach(see);
    id.co.forEach(see);
  }
  const names = [...state.orgs];
  // Sorted, so the lists read the same whichever order organizations and reasons were first seen in.
  const vias = state.orgVia.map((v) => [...v].filter((x) => x !== "").sort());
  const of = new Int32Array(count);
  let unaffiliated = -1;
  for (let i = 0; i < count; i++) {
    of[i] = i;
    if (peopleOf[i] !== 1 || !isBareDomain(state.orgs[i]!, state.orgVia[i]!)) continue;
    if (unaffiliated < 0) {
      unaffiliated = names.length;
      names.push(UNAFFILIATED);
      vias.push([]);
    }
    vias[unaffiliated]!.push(`domain ${state.orgs[i]} (one person)`);
    of[i] = unaffiliated;
  }
  if (unaffiliated >= 0) vias[unaffiliated] = vias[unaffiliated]!.sort().slice(0, MAX_VIA);
  return { names, vias, of };
}

function shares(
  orgs: ReportedOrganizations,
  t: OrgTallies,
  totalCommits: number,
  totalPeople: number,
): OrganizationShare[] {
  const out: OrganizationShare[] = [];
  orgs.names.forEach((organization, i) => {
    const people = t.people[i]!;
    if (people === 0) return;
    const commits = t.commits[i]!;
    out.push({
      organization,
      commits,
      commitShare: totalCommits ? commits / totalCommits : 0,
      contributors: people,
      contributorShare: totalPeople ? people / totalPeople : 0,
      via: orgs.vias[i]!.slice(0, MAX_VIA),
    });
  });
  return out.sort(
    (a, b) => b.commits - a.commits || b.contributors - a.contributors || a.organization.localeCompare(b.organization),
  );
}

/**
 * Turn aggregates into the history figures as of a date. Pure: the same state serves any
 * as-of date at or after its commit. "Last 12 months" counts commits and people whose last
 * commit fell in the 365 days ending on the as-of date; the factors use whole calendar
 * months (the as-of month and the `windowMonths - 1` before it).
 */
export function computeHistoryEvidence(
  state: HistoryState,
  options: FactorOptions & { asOf: string; shallow: boolean; source: Source; commitDate?: string },
): HistoryEvidence {
  const threshold = options.threshold ?? FACTOR_DEFAULTS.threshold;
  const windowMonths = options.windowMonths ?? FACTOR_DEFAULTS.windowMonths;
  const asOfDay = dayOf(options.asOf);
  const yearStartDay = asOfDay - 365;
  const lastMonth = monthOfDay(asOfDay);
  const firstWindowMonth = lastMonth - windowMonths + 1;

  let commitsLast12Months = 0;
  let datedAfterAsOf = 0;
  for (const [day, n] of state.days) {
    if (day > yearStartDay && day <= asOfDay) commitsLast12Months += n;
    else if (day > asOfDay) datedAfterAsOf += n;
  }
  // A commit whose clock ran ahead (dated after the as-of day, yet in its history) is not "the
  // last commit": the commit read, which git chose as the last on or before the day, is.
  const asOfEnd = (asOfDay + 1) * DAY - 1;
  const last = state.last > asOfEnd && options.commitDate ? Date.parse(options.commitDate) / 1000 : state.last;

  // Bots apart: they are counted, and shown, but are nobody's contributor or organization.
  const people: IdentityState[] = [];
  const bots: IdentityState[] = [];
  for (const id of state.identities.values()) (id.bot ? bots : people).push(id);
  const orgs = reportedOrganizations(state, people);
  const orgCount = orgs.names.length;
  const all = new OrgTallies(orgCount);
  const recent = new OrgTallies(orgCount);
  const windowByOrg = new Float64Array(orgCount);
  const personal = orgs.names.map((o) => o === INDEPENDENT || o === UNKNOWN || o === UNAFFILIATED);
  const orgWindow = new Map<string, number>();
  const peopleWindow = new Map<string, number>();
  const newPerQuarter: Record<string, number> = {};
  let active = 0;
  let recentCommits = 0;
  let recentPeople = 0;
  let person = 0;
  let peopleCommits = 0;
  for (const id of people) {
    person++;
    const q = quarterOf(id.first);
    newPerQuarter[q] = (newPerQuarter[q] ?? 0) + 1;
    if (Math.floor(id.last / DAY) > yearStartDay) active++;
    let inWindow = 0;
    let personalInWindow = 0;
    let personalLabel = INDEPENDENT;
    let personalMonth = -1;
    let seenRecent = false;
    const visit =
      (authored: boolean) =>
      (n: number, key: number): void => {
        const org = orgs.of[keyOrg(key)]!;
        const month = keyMonth(key);
        const commits = authored ? n : 0;
        peopleCommits += commits;
        all.add(org, person, commits);
        if (month > lastMonth - 12 && month <= lastMonth) {
          recent.add(org, person, commits);
          recentCommits += commits;
          seenRecent = true;
        }
        if (authored && month >= firstWindowMonth && month <= lastMonth) {
          inWindow += n;
          // An independent person is an organization of one, not one giant "independent" firm.
          if (personal[org]) {
            personalInWindow += n;
            // The label of the latest month (the smaller label within a month): the same whatever order the
            // counters were added in.
            const label = orgs.names[org]!;
            if (month > personalMonth || (month === personalMonth && label < personalLabel)) {
              personalMonth = month;
              personalLabel = label;
            }
          } else windowByOrg[org]! += n;
        }
      };
    id.counts.forEach(visit(true));
    id.co.forEach(visit(false));
    if (seenRecent) recentPeople++;
    // Two identities of one name (one person's two addresses) add up rather than the later replacing the earlier.
    if (personalInWindow > 0) addTo(orgWindow, `${personalLabel} ${nameOf(id)}`, personalInWindow);
    if (inWindow > 0) addTo(peopleWindow, id.name ? `${id.name} <${id.email}>` : id.email, inWindow);
  }
  windowByOrg.forEach((n, org) => {
    if (n > 0) orgWindow.set(orgs.names[org]!, n);
  });
  const elephant = factor(orgWindow, threshold);
  const absence = factor(peopleWindow, threshold);
  return {
    firstCommitDate: iso(state.first),
    lastCommitDate: iso(last),
    ...(datedAfterAsOf > 0 ? { commitsDatedAfterAsOf: datedAfterAsOf } : {}),
    commits: state.commits,
    merges: state.merges,
    commitsLast12Months,
    contributors: people.length,
    activeContributorsLast12Months: active,
    newContributorsPerQuarter: Object.fromEntries(Object.entries(newPerQuarter).sort(([a], [b]) => a.localeCompare(b))),
    organizations: shares(orgs, all, peopleCommits, people.length),
    organizationsLast12Months: shares(orgs, recent, recentCommits, recentPeople),
    elephantFactor: { value: elephant.value, threshold, windowMonths, organizations: elephant.names },
    contributorAbsenceFactor: { value: absence.value, threshold, windowMonths, people: absence.names },
    bots: botSummary(bots),
    mergedIdentities: mergedSummary(people, bots),
    shallow: options.shallow,
    source: options.source,
  };
}

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The bots' commits and names, the busiest first. */
function botSummary(bots: readonly IdentityState[]): NonNullable<HistoryEvidence["bots"]> {
  const tallied = bots
    .map((b) => ({ name: nameOf(b), commits: authoredCommits(b) }))
    .sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
  // One bot writes under several names (`Kubernetes Prow Robot`, `k8s-ci-robot`): names once.
  const names = [...new Set(tallied.map((b) => b.name))].slice(0, 50);
  return { commits: tallied.reduce((t, b) => t + b.commits, 0), identities: bots.length, names };
}

/** How many email spellings were merged into another identity, and why. */
function mergedSummary(
  people: readonly IdentityState[],
  bots: readonly IdentityState[],
): NonNullable<HistoryEvidence["mergedIdentities"]> {
  // People's first, then bots', each sorted: the same lists whichever order the identities were first seen in.
  const listed = (ids: readonly IdentityState[]): string[] =>
    ids.flatMap((id) => [...(id.merged ?? [])].map(([spelling, why]) => `${spelling} → ${id.email} (${why})`)).sort();
  const items = [...listed(people), ...listed(bots)];
  return { count: items.length, items: items.slice(0, 50) };
}
