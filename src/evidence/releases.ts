import semver from "semver";
import type { ReleaseComponent, ReleasesEvidence, Source } from "./model.js";
import { runGit } from "./run-git.js";
import { escapeTerminalText } from "../core/index.js";

/** A tag with its date (tagger date for annotated tags, committer date for lightweight ones). */
export interface TagInfo {
  readonly name: string;
  /** Unix seconds. */
  readonly date: number;
  /** The commit the tag points at (peeled through annotated tags), when known. */
  readonly commit?: string;
}

/** Read every tag with its date and commit, in one `git for-each-ref`. */
export async function readTags(gitDir: string): Promise<TagInfo[]> {
  const { stdout } = await runGit(
    ["for-each-ref", "--format=%(refname:strip=2)%00%(creatordate:unix)%00%(objectname)%00%(*objectname)", "refs/tags"],
    { gitDir },
  );
  const tags: TagInfo[] = [];
  for (const line of stdout.toString("utf8").split("\n")) {
    const [name, date, object, peeled] = line.split("\0");
    if (name === undefined || date === undefined) continue;
    // Tag names come from the repository: control characters are escaped (`\u001b`).
    const commit = peeled || object;
    tags.push({ name: escapeTerminalText(name), date: Number(date) || 0, ...(commit ? { commit } : {}) });
  }
  return tags;
}

/** What a release tag names: the component it releases ("" for the project itself) and the version. */
export interface ReleaseTag {
  /** `docker` of `docker-v29.7.2`, `pkg/azclient` of `pkg/azclient/v0.2.0`, "" of `v1.2.3`. */
  readonly component: string;
  /**
   * The component is a folder of the repository (`pkg/azclient/v0.2.0`: Go tags a module in a folder so), a library
   * released beside the project rather than the project's own release line.
   */
  readonly inFolder: boolean;
  /** The version as semver normalises it: `29.7.2`, `0.13.0-rc2`. */
  readonly version: string;
  readonly prerelease: boolean;
}

const MAX_TAG_LENGTH = 256;

/**
 * Read a tag as a release: an optional component prefix (`name-`, `name_` or `path/`), an
 * optional `v`, then a semantic version (pre-release suffixes such as `rc2` accepted without
 * a hyphen, as older projects wrote them). Two-part versions (`release-1.2`) and names with
 * no version (`nightly`, `builder/1`) are not releases.
 */
export function parseReleaseTag(tag: string): ReleaseTag | null {
  if (tag.length > MAX_TAG_LENGTH) return null;
  const slash = tag.lastIndexOf("/");
  const head = slash < 0 ? "" : tag.slice(0, slash);
  const tail = slash < 0 ? tag : tag.slice(slash + 1);
  // The version starts at the first digit run that begins the tail or follows '-', '_' or 'v'.
  for (let i = 0; i < tail.length; i++) {
    const c = tail.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    const before = i === 0 ? "" : tail[i - 1]!;
    const vAt = before === "v" || before === "V" ? i - 1 : i;
    const sep = vAt === 0 ? "" : tail[vAt - 1]!;
    if (vAt !== 0 && sep !== "-" && sep !== "_") continue;
    const parsed = semver.parse(tail.slice(i), { loose: true });
    if (!parsed) return null; // the first version-looking run decides; `1.2-foo` is no release
    const prefix = vAt === 0 ? "" : tail.slice(0, vAt - 1);
    const component = [head, prefix].filter(Boolean).join("/");
    return { component, inFolder: head !== "", version: parsed.version, prerelease: parsed.prerelease.length > 0 };
  }
  return null;
}

/**
 * The semver a tag names, accepting `v1.2.3`, a path prefix (`api/v1.2.3`) and a component prefix (`docker-v29.7.2`).
 */
export function tagSemver(tag: string): string | null {
  return parseReleaseTag(tag)?.version ?? null;
}

const DAY = 86400;

interface Release {
  readonly tag: string;
  readonly date: number;
  readonly commit: string;
  readonly release: ReleaseTag;
}

/**
 * The project's releases first: a tag in a folder is a library's (cloud-provider-azure tags
 * pkg/azclient/trace/v0.23.0 four days after v1.33.17), after every other. Then newest day first; on one day the
 * project's own tags before its components' (kyverno tags v1.19.0 and kyverno-chart-3.9.0 together: the chart's
 * version says nothing of the project's), then the higher version first (containerd tags several release lines
 * within minutes). So the first release is the project's latest, a folder's only when folders' tags are all there is.
 */
function newestFirst(a: Release, b: Release): number {
  return (
    Number(a.release.inFolder) - Number(b.release.inFolder) ||
    Math.floor(b.date / DAY) - Math.floor(a.date / DAY) ||
    Number(a.release.component !== "") - Number(b.release.component !== "") ||
    semver.compare(b.release.version, a.release.version) ||
    b.date - a.date ||
    a.tag.localeCompare(b.tag)
  );
}

/**
 * Distinct commits among `releases`: tags on one commit are one release (etcd tags each Go module, prometheus v3.x and
 * v0.3xx).
 */
function distinctCommits(releases: readonly Release[]): number {
  return new Set(releases.map((r) => r.commit)).size;
}

/** A set of tags sorted newest first, its releases in that order, and its releases by `newestFirst`. */
interface SortedTags {
  readonly visible: readonly TagInfo[];
  readonly releases: readonly Release[];
  readonly newest: readonly Release[];
}

const sortedSets = new WeakMap<readonly TagInfo[], SortedTags>();

function sortedTags(tags: readonly TagInfo[]): SortedTags {
  let sorted = sortedSets.get(tags);
  if (!sorted) {
    const visible = [...tags].sort((a, b) => b.date - a.date || b.name.localeCompare(a.name));
    const releases: Release[] = [];
    for (const t of visible) {
      const release = parseReleaseTag(t.name);
      if (release) releases.push({ tag: t.name, date: t.date, commit: t.commit ?? `tag:${t.name}`, release });
    }
    sorted = { visible, releases, newest: [...releases].sort(newestFirst) };
    sortedSets.set(tags, sorted);
  }
  return sorted;
}

/**
 * Release figures as of the end of `asOf`: only tags dated on or before it count. A release
 * is a version tag (of the project or of a component); tags on one commit are one release;
 * "releases in the last 12 months" counts final releases, pre-releases apart, of the project's own line (not its
 * folders' modules, while it has a line of its own). Pure, so tests can feed it tags directly.
 */
export function computeReleases(
  tags: readonly TagInfo[],
  asOf: string,
  source: Source,
  folder?: string,
): ReleasesEvidence & { items: string[] } {
  const end = Date.parse(asOf + "T00:00:00Z") / 1000 + DAY;
  const yearStart = end - 365 * DAY;
  // Sorting a list then keeping those before a date gives what keeping them then sorting gives: the lists are
  // sorted once per set of tags (a backfill's dates share one).
  const sorted = sortedTags(tags);
  let visible = sorted.visible.filter((t) => t.date < end);
  // A folder of a monorepo is released as the component its path starts with
  // (cluster-autoscaler/cloudprovider/azure ships in cluster-autoscaler-1.30.0), when there is one.
  const own = folder
    ? componentOfFolder(
        folder,
        sorted.releases.filter((r) => r.date < end),
      )
    : undefined;
  const releases = sorted.newest.filter((r) => r.date < end && (own === undefined || r.release.component === own));
  if (own !== undefined) {
    const kept = new Set(releases.map((r) => r.tag));
    visible = visible.filter((t) => kept.has(t.name));
  }
  // The project's own line: its tags in folders are libraries released beside it (cloud-provider-azure: 50 releases of
  // its own in a year, 103 of its pkg/azclient modules), counted under `components`; a repository of modules alone
  // is released as its modules. `newestFirst` puts the own line first.
  const ownLine = releases[0]?.release.inFolder === false ? releases.filter((r) => !r.release.inFolder) : releases;
  const finals = ownLine.filter((r) => !r.release.prerelease);
  const recent = ownLine.filter((r) => r.date >= yearStart);
  const recentFinals = recent.filter((r) => !r.release.prerelease);
  const latest = visible[0];
  const latestRelease = ownLine[0];
  const latestStable = finals[0];
  const stable = finals.some((r) => semver.major(r.release.version) >= 1);
  const iso = (ts: number): string => new Date(ts * 1000).toISOString();
  const release = (r: Release) => ({
    tag: r.tag,
    date: iso(r.date),
    ...(r.release.component ? { component: r.release.component } : {}),
  });

  const byComponent = new Map<string, Release[]>();
  for (const r of releases) {
    const list = byComponent.get(r.release.component);
    if (list) list.push(r);
    else byComponent.set(r.release.component, [r]);
  }
  const components: ReleaseComponent[] = [...byComponent].map(([component, list]) => {
    const newestFinal = list.find((r) => !r.release.prerelease);
    return {
      component,
      tags: list.length,
      releasesLast12Months: distinctCommits(list.filter((r) => r.date >= yearStart && !r.release.prerelease)),
      ...(newestFinal ? { latestStable: release(newestFinal) } : {}),
    };
  });
  components.sort(
    (a, b) =>
      b.releasesLast12Months - a.releasesLast12Months || b.tags - a.tags || a.component.localeCompare(b.component),
  );

  return {
    tags: visible.length,
    semverTags: releases.length,
    ...(latest
      ? { latest: { tag: latest.name, date: iso(latest.date), semver: parseReleaseTag(latest.name) !== null } }
      : {}),
    ...(latestRelease ? { latestSemver: { tag: latestRelease.tag, date: iso(latestRelease.date) } } : {}),
    ...(latestStable ? { latestStable: release(latestStable) } : {}),
    releasesLast12Months: distinctCommits(recentFinals),
    preReleasesLast12Months: distinctCommits(recent.filter((r) => r.release.prerelease)),
    nonReleaseTags: visible.length - releases.length,
    components: components.slice(0, 20),
    stable,
    source,
    items: visible.slice(0, 50).map((t) => t.name),
  };
}

/** The component whose name is the folder's leading path (the longest such), if any tag releases it. */
function componentOfFolder(folder: string, releases: readonly Release[]): string | undefined {
  const components = new Set(releases.map((r) => r.release.component).filter((c) => c !== ""));
  const segments = folder.split("/").filter(Boolean);
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join("/");
    if (components.has(prefix)) return prefix;
  }
  return undefined;
}
