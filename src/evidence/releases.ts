import semver from "semver";
import type { ReleasesEvidence, Source } from "./model.js";
import { runGit } from "./run-git.js";
import { escapeTerminalText } from "../core/terminal-text.js";

/** A tag with its date (tagger date for annotated tags, committer date for lightweight ones). */
export interface TagInfo {
  readonly name: string;
  /** Unix seconds. */
  readonly date: number;
}

/** Read every tag with its date, in one `git for-each-ref`. */
export async function readTags(gitDir: string): Promise<TagInfo[]> {
  const { stdout } = await runGit(["for-each-ref", "--format=%(refname:strip=2)%00%(creatordate:unix)", "refs/tags"], { gitDir });
  const tags: TagInfo[] = [];
  for (const line of stdout.toString("utf8").split("\n")) {
    const nul = line.indexOf("\0");
    if (nul < 0) continue;
    // Tag names come from the repository: control characters are escaped (`\u001b`).
    tags.push({ name: escapeTerminalText(line.slice(0, nul)), date: Number(line.slice(nul + 1)) || 0 });
  }
  return tags;
}

/** The semver a tag names, accepting `v1.2.3` and a path prefix such as `api/v1.2.3`. */
export function tagSemver(tag: string): string | null {
  return semver.valid(tag.slice(tag.lastIndexOf("/") + 1));
}

const DAY = 86400;

/**
 * Release figures as of the end of `asOf`: only tags dated on or before it count.
 * Pure, so tests can feed it tags directly.
 */
export function computeReleases(tags: readonly TagInfo[], asOf: string, source: Source): ReleasesEvidence & { items: string[] } {
  const end = Date.parse(asOf + "T00:00:00Z") / 1000 + DAY;
  const visible = tags.filter((t) => t.date < end).sort((a, b) => b.date - a.date || b.name.localeCompare(a.name));
  const semverTags = visible.filter((t) => tagSemver(t.name) !== null);
  const latest = visible[0];
  const latestSemver = [...semverTags].sort((a, b) => semver.rcompare(tagSemver(a.name)!, tagSemver(b.name)!) || b.date - a.date)[0];
  const stable = semverTags.some((t) => {
    const v = semver.parse(tagSemver(t.name))!;
    return v.major >= 1 && v.prerelease.length === 0;
  });
  const iso = (ts: number): string => new Date(ts * 1000).toISOString();
  return {
    tags: visible.length,
    semverTags: semverTags.length,
    ...(latest ? { latest: { tag: latest.name, date: iso(latest.date), semver: tagSemver(latest.name) !== null } } : {}),
    ...(latestSemver ? { latestSemver: { tag: latestSemver.name, date: iso(latestSemver.date) } } : {}),
    releasesLast12Months: visible.filter((t) => t.date >= end - 365 * DAY).length,
    stable,
    source,
    items: visible.slice(0, 50).map((t) => t.name),
  };
}
