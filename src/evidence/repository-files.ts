import { CI_SYSTEMS, CLA_FILES, COMMUNITY_DIRS, DCO_FILES, DEPENDENCY_BOTS, FILE_PATTERNS, LINT_FILES, README_REFERENCES, TEST_FILES, BEST_PRACTICES_BADGE, detectSpdx } from "./file-patterns.js";
import { followSymlinks, type BlobReader, type TreeEntry } from "./git-tree.js";
import type { Counted, FileFinding, FilesEvidence, MaintainersUnknown, Source } from "./model.js";
import { chooseMaintainers, readMaintainersFile, repositoryOfUrl, type MaintainerName, type MaintainersReading } from "./maintainers.js";
import { escapeTerminalText } from "../core/terminal-text.js";

/** A note about something odd in the tree (a symlink not followed, a file cut short). */
export interface FilesWarning {
  readonly code: "E_REPO_FILE_UNREADABLE" | "E_REPO_FILE_TRUNCATED";
  readonly message: string;
  readonly path: string;
}

export interface FilesResult {
  readonly files: FilesEvidence;
  /** The maintainers file used (see `maintainers.chosen` for why) and the people it lists. */
  readonly maintainersFile: FileFinding;
  readonly maintainers: MaintainersFound;
  readonly warnings: readonly FilesWarning[];
}

/** The people of the maintainers file chosen among those of the tree, with what was counted and what is unknown. */
export interface MaintainersFound {
  readonly people: readonly MaintainerName[];
  readonly counted?: string;
  readonly chosen?: string;
  readonly unknown?: MaintainersUnknown;
}

interface Located {
  readonly entry: TreeEntry;
  readonly finding: FileFinding;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * Read the community files of a tree: which exist, how each was found, and the few figures
 * taken from their text (SPDX id, adopters, badge). Symlinks are followed inside the tree
 * only; files are read up to the reader's cap.
 */
export async function detectRepositoryFiles(entries: readonly TreeEntry[], read: BlobReader, at: { repository: string; commit: string }): Promise<FilesResult> {
  const warnings: FilesWarning[] = [];
  const tree = new Map(entries.map((e) => [e.path, e]));
  const src = (path: string): Source => ({ repository: at.repository, commit: at.commit, path });
  // Files in the community folders, by folder preference, then shortest name.
  const community = entries
    .filter((e) => e.mode !== "160000" && COMMUNITY_DIRS.includes(dirOf(e.path).toLowerCase() as (typeof COMMUNITY_DIRS)[number]))
    .sort((a, b) => COMMUNITY_DIRS.indexOf(dirOf(a.path).toLowerCase() as never) - COMMUNITY_DIRS.indexOf(dirOf(b.path).toLowerCase() as never) || a.path.length - b.path.length || a.path.localeCompare(b.path));

  const locate = async (pattern: RegExp): Promise<Located | undefined> => {
    const entry = community.find((e) => pattern.test(baseOf(e.path)));
    return entry ? locateEntry(entry) : undefined;
  };
  const locateEntry = async (entry: TreeEntry): Promise<Located> => {
    if (entry.mode !== "120000") return { entry, finding: { how: "file", path: entry.path, source: src(entry.path) } };
    const followed = await followSymlinks(tree, entry, read);
    if ("error" in followed) {
      warnings.push({ code: "E_REPO_FILE_UNREADABLE", message: followed.error, path: entry.path });
      return { entry, finding: { how: "unreadable", path: entry.path, note: followed.error, source: src(entry.path) } };
    }
    return { entry: followed.entry, finding: { how: "file", path: entry.path, note: followed.via, source: src(entry.path) } };
  };
  const text = async (located: Located | undefined, what: string): Promise<string | undefined> => {
    if (!located || located.finding.how !== "file") return undefined;
    const blob = await read(located.entry.oid);
    if (blob.truncated) warnings.push({ code: "E_REPO_FILE_TRUNCATED", message: `${what} ${located.finding.path} is larger than the read limit; only its beginning was read`, path: located.finding.path! });
    return blob.text;
  };

  // read: the files whose text matters
  const readme = await locate(FILE_PATTERNS.readme);
  const readmeText = (await text(readme, "README")) ?? "";
  const referenced = (kind: keyof typeof README_REFERENCES): FileFinding => {
    const ref = readmeText ? findReadmeReference(readmeText, README_REFERENCES[kind]) : undefined;
    if (!ref || !readme) return { how: "none" };
    return { how: "readme-reference", path: readme.finding.path, reference: ref.text, ...(ref.url ? { url: ref.url } : {}), source: src(readme.finding.path!) };
  };
  const fileOrReference = async (kind: keyof typeof README_REFERENCES): Promise<FileFinding> => (await locate(FILE_PATTERNS[kind]))?.finding ?? referenced(kind);

  const licenseAt = await locate(FILE_PATTERNS.license);
  const licenseText = await text(licenseAt, "LICENSE");
  const spdx = licenseText !== undefined ? detectSpdx(licenseText) : undefined;

  const adoptersAt = await locate(FILE_PATTERNS.adopters);
  const adoptersText = await text(adoptersAt, "ADOPTERS");
  const adopters = adoptersText !== undefined ? countListed(adoptersText) : undefined;

  const contributingAt = await locate(FILE_PATTERNS.contributing);
  const contributingText = (await text(contributingAt, "CONTRIBUTING")) ?? "";

  const maintainers = await findMaintainers(community, tree, locateEntry, text, src, at.repository, (p) => warnings.some((w) => w.path === p && w.code === "E_REPO_FILE_TRUNCATED"));

  // match: presence by path
  const paths = entries.map((e) => e.path);
  const badge = BEST_PRACTICES_BADGE.exec(readmeText);
  const ci = CI_SYSTEMS.map(([name, re]) => [name, paths.find((p) => re.test(p))] as const).filter(([, p]) => p !== undefined);
  const lint = paths.filter((p) => LINT_FILES.test(p) && !p.includes("node_modules/") && !p.includes("vendor/"));
  const tests = paths.filter((p) => TEST_FILES.test(p) && !p.includes("node_modules/") && !p.includes("vendor/"));
  const issueTemplates = paths.filter((p) => /^\.github\/issue_template\//i.test(p) || (COMMUNITY_DIRS.includes(dirOf(p).toLowerCase() as never) && FILE_PATTERNS.issueTemplate.test(baseOf(p))));
  const prTemplate = paths.find((p) => /^\.github\/pull_request_template\//i.test(p) || (COMMUNITY_DIRS.includes(dirOf(p).toLowerCase() as never) && FILE_PATTERNS.pullRequestTemplate.test(baseOf(p))));
  const dcoFile = paths.find((p) => DCO_FILES.test(p));
  const claFile = paths.find((p) => CLA_FILES.test(p));
  const bot = DEPENDENCY_BOTS.map(([kind, re]) => [kind, paths.find((p) => re.test(p))] as const).find(([, p]) => p !== undefined);

  const counted = (items: readonly string[], path?: string): Counted => ({ count: items.length, items: items.slice(0, 50), ...(path ? { source: src(path) } : {}) });
  const found = (path: string | undefined): FileFinding => (path ? { how: "file", path, source: src(path) } : { how: "none" });

  const files: FilesEvidence = {
    license: { ...(licenseAt?.finding ?? { how: "none" }), ...(spdx ? { spdx } : {}) },
    readme: readme?.finding ?? { how: "none" },
    contributing: contributingAt?.finding ?? referenced("contributing"),
    codeOfConduct: await fileOrReference("codeOfConduct"),
    security: await fileOrReference("security"),
    governance: await fileOrReference("governance"),
    adopters: adoptersAt
      ? { ...adoptersAt.finding, ...(adopters ? { count: adopters.count, items: adopters.items } : {}), ...(adoptersText !== undefined && warnings.some((w) => w.path === adoptersAt.finding.path && w.code === "E_REPO_FILE_TRUNCATED") ? { truncated: true, note: "file larger than the read limit: count is a lower bound" } : {}) }
      : referenced("adopters"),
    roadmap: await fileOrReference("roadmap"),
    changelog: await fileOrReference("changelog"),
    issueTemplates: issueTemplates.length ? { how: "file", path: issueTemplates[0], source: src(issueTemplates[0]!) } : { how: "none" },
    pullRequestTemplate: found(prTemplate),
    ci: counted(ci.map(([name]) => name), ci[0]?.[1]),
    lint: counted(lint, lint[0]),
    unitTests: counted(tests),
    dcoOrCla: dcoOrCla(dcoFile, claFile, contributingAt?.finding.path, contributingText, src),
    bestPracticesBadge: badge && readme ? { how: "readme-reference", path: readme.finding.path, reference: badge[0], projectId: badge[1], source: src(readme.finding.path!) } : { how: "none" },
    dependencyBot: bot ? { ...found(bot[1]), kind: bot[0] } : { how: "none" },
  };
  return { files, maintainersFile: maintainers.file, maintainers: maintainers.found, warnings };
}

/** At most this many maintainers files are read in one tree (root, docs/, .github/). */
const MAX_MAINTAINERS_FILES = 10;

/**
 * Read every OWNERS / MAINTAINERS / CODEOWNERS file of the community folders, follow a file
 * that only points to another file of this repository (one step), and keep the one that
 * lists people (see `chooseMaintainers`). A pointer into another repository or a website,
 * teams only, or aliases not defined make the count unknown, with the link or names kept.
 */
async function findMaintainers(
  community: readonly TreeEntry[],
  tree: ReadonlyMap<string, TreeEntry>,
  locateEntry: (e: TreeEntry) => Promise<Located>,
  text: (l: Located | undefined, what: string) => Promise<string | undefined>,
  src: (path: string) => Source,
  repository: string,
  truncated: (path: string) => boolean,
): Promise<{ file: FileFinding; found: MaintainersFound }> {
  const files = community.filter((e) => FILE_PATTERNS.maintainers.test(baseOf(e.path))).slice(0, MAX_MAINTAINERS_FILES);
  if (files.length === 0) return { file: { how: "none" }, found: { people: [] } };
  // Kubernetes OWNERS name approvers through aliases kept in the root OWNERS_ALIASES.
  const aliasesEntry = files.some((e) => /^owners(\.ya?ml)?$/i.test(baseOf(e.path))) ? [...tree.values()].find((e) => /^owners_aliases(\.ya?ml)?$/i.test(e.path) && e.mode !== "120000" && e.mode !== "160000") : undefined;
  const ownersAliases = aliasesEntry ? await text({ entry: aliasesEntry, finding: { how: "file", path: aliasesEntry.path } }, "OWNERS_ALIASES") : undefined;
  const self = repositoryOfUrl(repository)?.repository.toLowerCase();
  const read = async (located: Located): Promise<{ finding: FileFinding; reading?: MaintainersReading }> => {
    const body = await text(located, "maintainers file");
    if (body === undefined) return { finding: located.finding };
    const path = located.finding.path!;
    const finding = truncated(path) ? { ...located.finding, truncated: true } : located.finding;
    return { finding, reading: readMaintainersFile(path, body, ownersAliases !== undefined ? { ownersAliases } : {}) };
  };
  const candidates: { finding: FileFinding; reading?: MaintainersReading }[] = [];
  for (const entry of files) {
    const located = await locateEntry(entry);
    let c = await read(located);
    const pointer = c.reading?.pointer;
    const inRepo = pointer?.path && (pointer.repository === undefined || pointer.repository.toLowerCase() === self) ? tree.get(pointer.path) : undefined;
    if (pointer && inRepo && inRepo.path !== entry.path && inRepo.mode !== "160000") {
      const target = await read(await locateEntry(inRepo));
      if (target.reading && target.finding.how === "file") {
        c = { ...target, finding: { ...target.finding, note: [target.finding.note, `pointed to by ${entry.path}:${pointer.line}`].filter(Boolean).join("; ") } };
      }
    }
    candidates.push(c);
  }
  const readable = candidates.flatMap((c) => (c.reading ? [{ path: c.finding.path!, reading: c.reading, finding: c.finding }] : []));
  if (readable.length === 0) return { file: candidates[0]!.finding, found: { people: [] } };
  const { index, why } = chooseMaintainers(readable);
  const { path, reading, finding } = readable[index]!;
  return {
    file: finding,
    found: { people: reading.people, counted: reading.counted, ...(readable.length > 1 ? { chosen: why } : {}), ...unknownOf(path, reading, src, finding.truncated === true) },
  };
}

/** Why the people of `reading` are not (all) known, if they are not. */
function unknownOf(path: string, reading: MaintainersReading, src: (path: string) => Source, truncated: boolean): { unknown?: MaintainersUnknown } {
  const { people, unresolved, pointer } = reading;
  if (people.length === 0 && pointer) {
    const target = pointer.repository ? ` (${pointer.repository}${pointer.path ? `: ${pointer.path}` : ""})` : "";
    return { unknown: { reason: `${path} lists no one: it points to ${pointer.url}${target}`, lowerBound: false, pointer: { ...pointer, source: { ...src(path), line: pointer.line } } } };
  }
  if (unresolved.length) {
    const teams = unresolved.every((u) => u.startsWith("@"));
    const what = teams ? "teams" : "aliases not defined in OWNERS_ALIASES";
    return people.length === 0
      ? { unknown: { reason: `${path} names ${what} only: ${unresolved.join(", ")}; their members are not in the repository`, lowerBound: false, names: unresolved } }
      : { unknown: { reason: `${path} also names ${what} (${unresolved.join(", ")}) whose members are not listed: ${people.length} is a lower bound`, lowerBound: true, names: unresolved } };
  }
  if (people.length === 0) return { unknown: { reason: `no person could be read from ${path}${truncated ? " (read in part)" : ""}`, lowerBound: false } };
  if (truncated) return { unknown: { reason: `${path} is larger than the read limit and was read in part: ${people.length} is a lower bound`, lowerBound: true } };
  return {};
}

function dcoOrCla(dcoFile: string | undefined, claFile: string | undefined, contributingPath: string | undefined, contributing: string, src: (p: string) => Source): FilesEvidence["dcoOrCla"] {
  if (dcoFile) return { how: "file", path: dcoFile, kind: "dco", source: src(dcoFile) };
  if (claFile) return { how: "file", path: claFile, kind: "cla", source: src(claFile) };
  if (contributingPath) {
    const dco = /signed-off-by|developer certificate of origin|\bDCO\b/i.exec(contributing);
    if (dco) return { how: "readme-reference", path: contributingPath, reference: dco[0], kind: "dco", source: src(contributingPath) };
    const cla = /contributor license agreement|\bCLA\b/i.exec(contributing);
    if (cla) return { how: "readme-reference", path: contributingPath, reference: cla[0], kind: "cla", source: src(contributingPath) };
  }
  return { how: "none" };
}

/** A heading or link in a README whose text matches `pattern` (CLOMonitor style). */
export function findReadmeReference(readme: string, pattern: RegExp): { text: string; url?: string } | undefined {
  const lines = readme.split("\n");
  for (const [i, line] of lines.entries()) {
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    // The text and link come from the repository: control characters are escaped (`\u001b`).
    if (heading && pattern.test(heading[1]!)) return { text: escapeTerminalText(heading[1]!) };
    // A setext heading: a line underlined with === or --- (CLOMonitor accepts these too).
    const text = line.trim();
    if (text !== "" && !/^([-*+>|]|\d+[.)])/.test(text) && /^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? "") && pattern.test(text)) return { text: escapeTerminalText(text) };
    for (const link of line.matchAll(/\[([^\]]{1,200})\]\(\s*([^)\s]+)[^)]*\)/g)) {
      // A link counts by its text or the file it points at, not its host: a Scorecard badge
      // from securityscorecards.dev is no security policy.
      if (pattern.test(link[1]!) || pattern.test(fileOfUrl(link[2]!))) return { text: escapeTerminalText(link[1]!), url: escapeTerminalText(link[2]!) };
    }
  }
  return undefined;
}

/** The last path segment of a link: `GOVERNANCE.md` of `https://github.com/o/r/blob/main/GOVERNANCE.md?x`. */
function fileOfUrl(url: string): string {
  return url.split(/[?#]/)[0]!.replace(/\/+$/, "").split("/").pop() ?? "";
}

/**
 * Count the entries of an ADOPTERS-like file: list items and table rows (header and
 * separator rows excluded); for a plain list of lines, the non-empty lines.
 */
export function countListed(text: string): { count: number; items: string[] } {
  const items: string[] = [];
  let inTable = false;
  const plain: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const list = /^([-*+]|\d+[.)])\s+(.+)$/.exec(line);
    if (list) {
      items.push(clean(list[2]!));
      inTable = false;
      continue;
    }
    if (line.startsWith("|")) {
      if (/^\|?[\s:|-]+\|?$/.test(line) && line.includes("-")) continue; // separator
      if (!inTable) {
        inTable = true; // header row
        continue;
      }
      const first = splitTableRow(line).find((c) => c !== "");
      if (first) items.push(clean(first));
      continue;
    }
    inTable = false;
    if (line !== "" && !line.startsWith("#") && !line.startsWith("<!--") && !line.startsWith("<")) plain.push(clean(line));
  }
  if (items.length === 0 && plain.length > 0) return { count: plain.length, items: plain.slice(0, 50) };
  return { count: items.length, items: items.slice(0, 50) };
}

/**
 * The trimmed cells of a markdown table row, split as GitHub does: a `|` after a backslash
 * is part of the cell (and unescaped), so `| Hooli \| Inc | prod |` is `["Hooli | Inc", "prod"]`.
 * The outer pipes are optional.
 */
export function splitTableRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\" && line[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (c === "|") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  const trimmed = cells.map((x) => x.trim());
  if (trimmed.length > 1 && trimmed[0] === "" && /^\s*\|/.test(line)) trimmed.shift();
  if (trimmed.length > 1 && trimmed.at(-1) === "" && /(^|[^\\])\|\s*$/.test(line)) trimmed.pop();
  return trimmed;
}

/** An entry's text, one line, without markdown links and emphasis; control characters escaped (`\u001b`). */
function clean(s: string): string {
  return escapeTerminalText(s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "").trim()).slice(0, 200);
}
