import { UNAFFILIATED } from "./affiliations.js";
import { escapeTerminalDeep } from "../core/index.js";
import type {
  Counted,
  FileFinding,
  FilesEvidence,
  HistoryEvidence,
  MaintainersEvidence,
  OrganizationShare,
  ProjectEvidence,
  ReleasesEvidence,
  RepositoryEvidence,
  RepositoryFailure,
} from "./model.js";

/**
 * Evidence for a terminal: a pure function from `ProjectEvidence` to text, one block per
 * repository. Every figure names what it counted (DESIGN.md): the dates a window covers,
 * the file a finding came from, the affiliation rule an organization came from.
 *
 * Safe by construction: the entry points escape every string of the evidence they are given
 * (`escapeTerminalDeep`: control and bidi override characters become `\uXXXX`) before any
 * line is built, so no field — today's or a future one — can put a terminal escape on the
 * screen; the only escape sequences in the output are the renderer's own colours.
 */

export interface RenderEvidenceOptions {
  /** ANSI colours (the command passes: stdout is a TTY and NO_COLOR is unset). @default false */
  readonly color?: boolean;
  /** Organizations listed by commit share before "… N more". @default 5 */
  readonly topOrganizations?: number;
}

type Paint = (text: string) => string;
interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly green: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
}
const sgr =
  (open: number, close: number): Paint =>
  (t) =>
    `\x1b[${open}m${t}\x1b[${close}m`;
const plain: Paint = (t) => t;
const PLAIN: Style = { bold: plain, dim: plain, green: plain, red: plain, yellow: plain };
const ANSI: Style = { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39) };

const INDEPENDENT = "(independent)";
const LABEL = 15; // width of "organizations: "
const FILE_LABEL = 22; // width of the longest file kind, "best-practices badge"

/** "1 contributor", "2 contributors", "? commits" for a figure that could not be read. */
export function plural(n: number | null | undefined, one: string, many = `${one}s`): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return `? ${many}`;
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function num(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "?" : n.toLocaleString("en-US");
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : "?");
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const list = (items: readonly string[], max: number): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} … +${items.length - max} more`;

/** Whole calendar months from `from` to `to` (dates), as "2 years 3 months". */
export function age(from: string, to: string): string {
  const [fy, fm, fd] = from.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.slice(0, 10).split("-").map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  if (!Number.isFinite(months) || months < 0) return "?";
  if (months === 0) return "less than a month";
  const years = Math.floor(months / 12);
  const parts = [...(years ? [plural(years, "year")] : []), ...(months % 12 ? [plural(months % 12, "month")] : [])];
  return parts.join(" ");
}

/** "2025-12" for the first month of a window of `months` calendar months ending with the month of `asOf`. */
function windowStart(asOf: string, months: number): string {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - (months - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The quarters "2026-Q1" … ending with the quarter of `asOf`, oldest first. */
function lastQuarters(asOf: string, n: number): string[] {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const index = y * 4 + Math.floor((m - 1) / 3);
  return Array.from({ length: n }, (_, i) => index - (n - 1) + i).map((q) => `${Math.floor(q / 4)}-Q${(q % 4) + 1}`);
}

function section(label: string, lines: readonly string[]): string[] {
  const pad = " ".repeat(4 + LABEL);
  return lines.map((l, i) => (i === 0 ? `    ${`${label}:`.padEnd(LABEL)}${l}` : `${pad}${l}`));
}

function historyLines(h: HistoryEvidence, asOf: string): string[] {
  const quarters = lastQuarters(asOf, 4);
  const perQuarter = quarters.map((q) => h.newContributorsPerQuarter?.[q] ?? 0);
  const newcomers = perQuarter.reduce((a, b) => a + b, 0);
  return section("history", [
    `first commit ${day(h.firstCommitDate)}, last ${day(h.lastCommitDate)} ` +
      `(age ${h.firstCommitDate ? age(h.firstCommitDate, asOf) : "?"})`,
    `${plural(h.commits, "commit")} (+${plural(h.merges, "merge")}), ${num(h.commitsLast12Months)} ` +
      `in the last 12 months (${day(isoDaysBefore(asOf, 364))} … ${asOf})`,
    `${plural(h.contributors, "contributor")}, ${num(h.activeContributorsLast12Months)} active in the last 12 ` +
      `months; ${num(newcomers)} new in the last 4 quarters ` +
      `(${quarters.map((q, i) => `${q} ${perQuarter[i]}`).join(", ")})`,
    ...(h.bots && h.bots.identities > 0
      ? [
          `${plural(h.bots.commits, "commit")} by ` +
            `${plural(h.bots.identities, "bot")}, not counted: ${list(h.bots.names, 5)}`,
        ]
      : []),
    ...(h.mergedIdentities && h.mergedIdentities.count > 0
      ? [
          `${plural(h.mergedIdentities.count, "email")} merged into people ` +
            `already known (beyond .mailmap): ${list(h.mergedIdentities.items, 3)}`,
        ]
      : []),
    ...(h.commitsDatedAfterAsOf
      ? [
          `${plural(h.commitsDatedAfterAsOf, "commit")} dated after ${asOf} (a clock ` +
            `ahead) in this history: not taken as the last commit, not in the 12 months`,
        ]
      : []),
  ]);
}

function isoDaysBefore(asOf: string, days: number): string {
  const t = Date.parse(`${asOf}T00:00:00Z`);
  return Number.isNaN(t) ? "?" : new Date(t - days * 86_400_000).toISOString().slice(0, 10);
}

function organizationLines(h: HistoryEvidence, asOf: string, top: number, s: Style): string[] {
  const orgs = h.organizations ?? [];
  const named = orgs.filter((o) => !o.organization.startsWith("(")).length;
  const independents = orgs.find((o) => o.organization === INDEPENDENT);
  const unaffiliated = orgs.find((o) => o.organization === UNAFFILIATED);
  // Shares are of the people's commits: bots' are not counted.
  const peopleCommits = h.bots ? h.commits - h.bots.commits : h.commits;
  const extra = [
    ...(independents ? [plural(independents.contributors, "independent contributor")] : []),
    ...(unaffiliated ? [`${plural(unaffiliated.contributors, "person", "people")} on domains of their own`] : []),
  ];
  const head =
    `${plural(named, "organization")}${extra.map((e) => ` + ${e}`).join("")}; ` +
    `${orgs.length > top ? `top ${top} ` : ""}by ` +
    `share of ${plural(peopleCommits, "commit")}${h.bots?.identities ? " by people" : ""} (all time):`;
  const shown = orgs.slice(0, top);
  const cells = shown.map((o) => [
    percent(o.commitShare).padStart(6),
    o.organization,
    plural(o.commits, "commit"),
    plural(o.contributors, "contributor"),
    `via ${list(o.via, 3)}`,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((c) => [...c[i]!].length)));
  const rows = cells.map((c) => "  " + c.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : s.dim(cell))).join("  "));
  if (orgs.length > top)
    rows.push(
      s.dim(
        `  … ${orgs.length - top} more: ${list(
          orgs.slice(top).map((o) => `${o.organization} ${percent(o.commitShare)}`),
          5,
        )}`,
      ),
    );
  if (orgs.length === 0) rows.push("  (no commits credited)");
  const window = (months: number) => `${windowStart(asOf, months)} … ${asOf.slice(0, 7)}`;
  const ef = h.elephantFactor;
  const recent = new Map(
    (h.organizationsLast12Months ?? []).map((o: OrganizationShare) => [o.organization, o.commitShare]),
  );
  const efNames = (ef?.organizations ?? []).map((o) => (recent.has(o) ? `${o} ${percent(recent.get(o)!)}` : o));
  const caf = h.contributorAbsenceFactor;
  return section("organizations", [
    head,
    ...rows,
    ef
      ? `elephant factor ${num(ef.value)}: fewest organizations with > ${percent(ef.threshold).replace(".0%", "%")} ` +
        `of the commits in ${ef.windowMonths} months ` +
        `(${window(ef.windowMonths)})${efNames.length ? `: ${list(efNames, 5)}` : ""}`
      : "elephant factor ?",
    caf
      ? `contributor absence factor ${num(caf.value)}: fewest people ` +
        `with > ${percent(caf.threshold).replace(".0%", "%")} ` +
        `of the commits in ${caf.windowMonths} months ` +
        `(${window(caf.windowMonths)})${caf.people.length ? `: ${list(caf.people, 5)}` : ""}`
      : "contributor absence factor ?",
  ]);
}

function maintainerLines(m: MaintainersEvidence): string[] {
  if (m.file.how === "none") return section("maintainers", ["none found (no OWNERS, MAINTAINERS or CODEOWNERS file)"]);
  if (m.file.how === "unreadable") return section("maintainers", [`? ${how(m.file)}`]);
  const unknown = m.maintainers.filter((p) => !p.organization).length;
  const orgs = m.organizations.length ? `: ${list(m.organizations, 8)}` : "";
  const unknownNote = unknown ? ` (${num(unknown)} with no known organization)` : "";
  // Which file among several, and why the count is unknown or a lower bound.
  const extra = [...(m.unknown ? [`? ${m.unknown.reason}`] : []), ...(m.chosen ? [`chosen: ${m.chosen}`] : [])];
  if (m.unknown && !m.unknown.lowerBound && m.maintainers.length === 0)
    return section("maintainers", [`? unknown (${how(m.file)})`, ...extra]);
  return section("maintainers", [
    `${m.unknown?.lowerBound ? "at least " : ""}${plural(m.maintainers.length, "maintainer")} in ${how(m.file)}, ` +
      `from ${plural(m.organizations.length, "organization")}${orgs}${unknownNote}`,
    ...extra,
  ]);
}

function releaseLines(r: ReleasesEvidence, asOf: string): string[] {
  const stable = r.latestStable ? `, latest release ${r.latestStable.tag} (${day(r.latestStable.date)})` : "";
  const pre =
    r.latestSemver && r.latestSemver.tag !== r.latestStable?.tag
      ? `; latest pre-release ${r.latestSemver.tag} (${day(r.latestSemver.date)})`
      : "";
  const newestOther = r.latest && !r.latest.semver ? `, newest ${r.latest.tag} (${day(r.latest.date)})` : "";
  const other = r.nonReleaseTags ? `; ${plural(r.nonReleaseTags, "other tag")} (no version${newestOther})` : "";
  const preCount = r.preReleasesLast12Months ? ` (+${plural(r.preReleasesLast12Months, "pre-release")})` : "";
  const lines = [
    `${plural(r.semverTags, "release tag")}${stable}${pre}${other}`,
    `${plural(r.releasesLast12Months, "release")}${preCount} in the last 12 months (${isoDaysBefore(asOf, 364)} ` +
      `… ${asOf}); ${r.stable ? "stable: a release ≥ 1.0.0" : "no stable release (no final release ≥ 1.0.0)"}`,
  ];
  const named = (r.components ?? []).filter((c) => c.component !== "");
  if (named.length > 0) {
    const shown = (r.components ?? [])
      .slice(0, 5)
      .map(
        (c) =>
          `${c.component || "(project)"} ` +
          `${num(c.releasesLast12Months)}${c.latestStable ? ` (${c.latestStable.tag})` : ""}`,
      );
    const more = (r.components ?? []).length > 5 ? ` … +${num((r.components ?? []).length - 5)} more` : "";
    lines.push(`by component, releases in 12 months: ${shown.join(", ")}${more}`);
  }
  return section("releases", lines);
}

/**
 * How a file finding was found: "LICENSE", "README.md link 'Adopters' → https://…", "README.md mentions 'Governance'",
 * "none".
 */
export function how(finding: FileFinding): string {
  const f = escapeTerminalDeep(finding); // exported: safe on its own too
  const extra = [f.note, f.truncated ? "read in part" : undefined].filter(Boolean);
  const suffix = extra.length ? ` (${extra.join("; ")})` : "";
  switch (f.how) {
    case "file":
      return `${f.path ?? "?"}${suffix}`;
    case "readme-reference":
      return (
        `${f.path ?? "README"} ${f.url ? "link" : "mentions"} ` +
        `'${f.reference ?? "?"}'${f.url ? ` → ${f.url}` : ""}${suffix}`
      );
    case "none":
      return "none";
    case "unreadable":
      return `unreadable${f.path ? ` ${f.path}` : ""}${suffix}`;
  }
}

type Mark = "yes" | "no" | "unknown";
const findingMark = (f: FileFinding): Mark => (f.how === "none" ? "no" : f.how === "unreadable" ? "unknown" : "yes");
const countedMark = (c: Counted): Mark =>
  c.count === null || c.count === undefined ? "unknown" : c.count > 0 ? "yes" : "no";

function found(f: FileFinding, detail?: string): [Mark, string] {
  const mark = findingMark(f);
  return [mark, mark === "yes" && detail ? `${detail} — ${how(f)}` : how(f)];
}

function counted(c: Counted, one: string, many: string, showItems: number): [Mark, string] {
  const mark = countedMark(c);
  if (mark !== "yes") return [mark, mark === "no" ? "none" : "unreadable"];
  const where = c.source?.path && !c.items.slice(0, showItems).includes(c.source.path) ? ` — ${c.source.path}` : "";
  const items = c.items.length ? `: ${c.items.slice(0, showItems).join(", ")}${c.count > showItems ? " …" : ""}` : "";
  return [mark, `${plural(c.count, one, many)}${items}${where}`];
}

function fileRows(f: FilesEvidence): [string, Mark, string][] {
  const row = (label: string, [mark, text]: [Mark, string]): [string, Mark, string] => [label, mark, text];
  return [
    row("license", found(f.license, f.license.spdx ?? "license not recognised")),
    row("readme", found(f.readme)),
    row("contributing", found(f.contributing)),
    row("code of conduct", found(f.codeOfConduct)),
    row("security policy", found(f.security)),
    row("governance", found(f.governance)),
    row(
      "adopters",
      found(f.adopters, f.adopters.count === undefined ? undefined : plural(f.adopters.count, "adopter")),
    ),
    row("roadmap", found(f.roadmap)),
    row("changelog", found(f.changelog)),
    row("issue templates", found(f.issueTemplates)),
    row("PR template", found(f.pullRequestTemplate)),
    row("CI", counted(f.ci, "system", "systems", 10)),
    row("lint config", counted(f.lint, "file", "files", 3)),
    row("unit tests", counted(f.unitTests, "test file", "test files", 2)),
    row("DCO/CLA", found(f.dcoOrCla, f.dcoOrCla.kind?.toUpperCase())),
    row(
      "best-practices badge",
      found(
        f.bestPracticesBadge,
        f.bestPracticesBadge.projectId ? `project ${f.bestPracticesBadge.projectId}` : undefined,
      ),
    ),
    row("dependency bot", found(f.dependencyBot, f.dependencyBot.kind)),
    // evidence read before channels were recorded has none: no row rather than a wrong "none"
    ...(f.channels ? [row("README channels", counted(f.channels, "channel", "channels", 3))] : []),
  ];
}

function filesLines(f: FilesEvidence, s: Style): string[] {
  const paint: Record<Mark, string> = { yes: s.green("✔"), no: s.red("✘"), unknown: s.yellow("?") };
  const rows = fileRows(f);
  const present = rows.filter((r) => r[1] === "yes").length;
  return [
    `    files:         ${present} of ${rows.length} found`,
    ...rows.map(
      ([label, mark, text]) => `      ${paint[mark]} ${label.padEnd(FILE_LABEL)}${mark === "yes" ? text : s.dim(text)}`,
    ),
  ];
}

function footer(r: RepositoryEvidence, s: Style): string[] {
  const warnings = [...(r.warnings ?? [])];
  const lines = warnings.map((w) =>
    s.dim(`    ⚠ ${w.message}${w.path && !w.message.includes(w.path) ? ` (${w.path})` : ""} [${w.code}]`),
  );
  if (r.history.shallow && !warnings.some((w) => w.code === "E_REPO_SHALLOW"))
    lines.push(s.dim("    ⚠ shallow clone: history incomplete, its figures are lower bounds [E_REPO_SHALLOW]"));
  const cache = r.cache
    ? {
        hit: "hit (nothing read again)",
        incremental: "incremental (new commits only)",
        full: "full read",
        store: "store (the snapshot kept for this commit and date; git not read again)",
      }[r.cache]
    : undefined;
  const read = `    read at ${r.commit} (${r.commitDate})${cache ? `; cache: ${cache}` : ""}`;
  return [...lines, s.dim(read)];
}

/** After the header: the folder read, the role, the mirror it was read from. */
function headerNote(r: RepositoryEvidence): string {
  const notes = [
    ...(r.path && !r.repository.includes(r.path) ? [`folder ${r.path}`] : []),
    ...(r.role === "governance" ? ["governance repository: files only"] : []),
    ...(r.mirror ? [`read from mirror ${r.mirror}`] : []),
  ];
  return notes.length ? ` — ${notes.join("; ")}` : "";
}

function lifecycleLines(r: RepositoryEvidence): string[] {
  const l = r.lifecycle;
  if (!l || l.state === "active") return [];
  return section("lifecycle", [`${l.state}: ${l.reason}`]);
}

/** One repository's evidence, indented under its project. */
export function renderRepositoryEvidence(evidence: RepositoryEvidence, options: RenderEvidenceOptions = {}): string {
  const r = escapeTerminalDeep(evidence);
  const s = options.color ? ANSI : PLAIN;
  const governance = r.role === "governance";
  const lines = [
    s.bold(`  ${r.repository} @ ${r.commit.slice(0, 12)} (${day(r.commitDate)})`) + headerNote(r),
    ...lifecycleLines(r),
    // an org-level repository's history is not the project's: only its files are shown
    ...(governance ? [] : historyLines(r.history, r.asOf)),
    ...(governance ? [] : organizationLines(r.history, r.asOf, options.topOrganizations ?? 5, s)),
    ...maintainerLines(r.maintainers),
    ...(governance ? [] : releaseLines(r.releases, r.asOf)),
    ...filesLines(r.files, s),
    ...footer(r, s),
  ];
  return lines.join("\n") + "\n";
}

function failureLines(f: RepositoryFailure, s: Style): string {
  return `  ${s.red("✘")} ${f.repository}: ${f.message} [${f.code}]\n${f.hint ? `      fix: ${f.hint}\n` : ""}`;
}

/** A project's evidence for a terminal: a header, each repository read, each one that failed. */
export function renderProjectEvidence(evidence: ProjectEvidence, options: RenderEvidenceOptions = {}): string {
  const e = escapeTerminalDeep(evidence);
  const s = options.color ? ANSI : PLAIN;
  const none = e.repositories.length === 0 && e.failures.length === 0 ? "  (no repositories in the catalog)\n" : "";
  const body = e.repositories.map((r) => renderRepositoryEvidence(r, options)).join("\n");
  const failed = e.failures.map((f) => failureLines(f, s)).join("");
  return `${s.bold(`${e.project} (as of ${e.asOf})`)}\n${body}${body && failed ? "\n" : ""}${failed}${none}`;
}
