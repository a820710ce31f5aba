import { posix } from "node:path";
import {
  ADOPTER_DATA_FILES,
  CHANNEL_KINDS,
  CHANNEL_TEXTS,
  CI_SYSTEMS,
  CLA_FILES,
  COMMUNITY_DIRS,
  DCO_FILES,
  DEPENDENCY_BOTS,
  FILE_PATTERNS,
  LINT_FILES,
  PROJECT_DIRS,
  README_REFERENCES,
  RELEASE_NOTES_DIRS,
  SECURITY_HEADING,
  TEST_FILES,
  VERSIONED_NAME,
  BEST_PRACTICES_BADGE,
  detectSpdx,
} from "./file-patterns.js";
import { readmeLifecycle, type ReadmeLifecycle } from "./lifecycle.js";
import {
  followSymlinks,
  unreadableBlobWords,
  type BlobReader,
  type TreeEntry,
  type TreeListing,
  type TreeLookup,
} from "./git-tree.js";
import type { Counted, FileFinding, FilesEvidence, MaintainersUnknown, Source } from "./model.js";
import {
  chooseMaintainers,
  readMaintainersFile,
  repositoryOfUrl,
  type MaintainerName,
  type MaintainersReading,
} from "./maintainers.js";
import { countAdopterData, countListed, type AdoptersListed } from "./adopters.js";
import {
  atxHeading,
  bareUrls,
  hasContent,
  markdownLinks,
  proseLines,
  sections,
  setextLevel,
  withoutLinks,
} from "./markdown-text.js";
import { escapeTerminalText } from "../core/index.js";

export { countListed, splitTableRow } from "./adopters.js";

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
  /** What the README says of the project's lifecycle (archived, deprecated), read with the rest of its text. */
  readonly readmeLifecycle?: ReadmeLifecycle;
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

/** How deep the searched folders go: `.github/` is 1 (`PROJECT_DIRS` holds `COMMUNITY_DIRS`). */
const SEARCHED_DEPTH = Math.max(...PROJECT_DIRS.map((d) => d.split("/").length - 1));

/** Whether `path` has at most `depth` slashes. */
function depthAtMost(path: string, depth: number): boolean {
  let slash = -1;
  for (let i = 0; i <= depth; i++) {
    slash = path.indexOf("/", slash + 1);
    if (slash < 0) return true;
  }
  return false;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The entries directly in `folders` (submodules left out), by the folders' order, then shortest path. */
function filesInFolders(entries: readonly TreeEntry[], folders: readonly string[]): TreeEntry[] {
  const rank = (e: TreeEntry) => folders.indexOf(dirOf(e.path).toLowerCase());
  return entries
    .filter((e) => e.mode !== "160000" && rank(e) >= 0)
    .sort((a, b) => rank(a) - rank(b) || a.path.length - b.path.length || a.path.localeCompare(b.path));
}

/**
 * What the presence checks find in paths, kept by path: a backfill passes one for every date, so a path in many
 * dates' trees is matched once. Each value is bits (see `factsOfPath`).
 */
export type PathFacts = Map<string, number>;

const LINT_BIT = 1;
const TEST_BIT = 2;
const ISSUE_TEMPLATE_BIT = 4;
const PR_TEMPLATE_BIT = 8;
const DCO_BIT = 16;
const CLA_BIT = 32;
const RELEASE_NOTES_BIT = 64;
/** Then one bit per CI system, then one per dependency bot. */
const CI_BIT = 128;
const BOT_BIT = CI_BIT << CI_SYSTEMS.length;
if (CI_SYSTEMS.length + DEPENDENCY_BOTS.length > 23) throw new Error("too many CI systems and bots for PathFacts bits");

const NAMED_PATTERNS = [
  ...CI_SYSTEMS.map(([, re]) => re),
  ...DEPENDENCY_BOTS.map(([, re]) => re),
  DCO_FILES,
  CLA_FILES,
];
/** Any of the CI, bot, DCO and CLA file patterns, when they can be joined (the same flags, no back-references). */
const NAMED_FILES = NAMED_PATTERNS.every((re) => re.flags === "i" && !/\\\d/.test(re.source))
  ? new RegExp(NAMED_PATTERNS.map((re) => `(?:${re.source})`).join("|"), "i")
  : undefined;

/** The presence checks `detectRepositoryFiles` makes of one path, as bits. */
function factsOfPath(p: string): number {
  const community = COMMUNITY_DIRS.includes(dirOf(p).toLowerCase() as never);
  const outside = !p.includes("node_modules/") && !p.includes("vendor/");
  let bits = 0;
  if (LINT_FILES.test(p) && outside) bits |= LINT_BIT;
  if (TEST_FILES.test(p) && outside) bits |= TEST_BIT;
  if (/^\.github\/issue_template\//i.test(p) || (community && FILE_PATTERNS.issueTemplate.test(baseOf(p))))
    bits |= ISSUE_TEMPLATE_BIT;
  if (/^\.github\/pull_request_template\//i.test(p) || (community && FILE_PATTERNS.pullRequestTemplate.test(baseOf(p))))
    bits |= PR_TEMPLATE_BIT;
  if (RELEASE_NOTES_DIRS.test(dirOf(p)) && VERSIONED_NAME.test(baseOf(p))) bits |= RELEASE_NOTES_BIT;
  // Most paths are none of the named files: one test of them all first.
  if (NAMED_FILES && !NAMED_FILES.test(p)) return bits;
  if (DCO_FILES.test(p)) bits |= DCO_BIT;
  if (CLA_FILES.test(p)) bits |= CLA_BIT;
  CI_SYSTEMS.forEach(([, re], i) => {
    if (re.test(p)) bits |= CI_BIT << i;
  });
  DEPENDENCY_BOTS.forEach(([, re], i) => {
    if (re.test(p)) bits |= BOT_BIT << i;
  });
  return bits;
}

/**
 * Read the community files of a tree: which exist, how each was found, and the few figures
 * taken from their text (SPDX id, adopters, badge). Symlinks are followed inside the tree
 * only; files are read up to the reader's cap.
 */
export async function detectRepositoryFiles(
  listing: TreeListing,
  read: BlobReader,
  at: { repository: string; commit: string },
  pathFacts?: PathFacts,
): Promise<FilesResult> {
  const warnings: FilesWarning[] = [];
  const { files: entries, lookup: tree } = listing;
  const src = (path: string): Source => ({ repository: at.repository, commit: at.commit, path });
  // A tree's files deeper than the folders searched (most of them) are left out before the comparisons below.
  const shallow = entries.filter((e) => depthAtMost(e.path, SEARCHED_DEPTH));
  // Files in the community folders, by folder preference, then shortest name.
  const community = filesInFolders(shallow, COMMUNITY_DIRS);

  // The same, with project/ too, for the files a project may keep beside its governance.
  const projectFiles = filesInFolders(shallow, PROJECT_DIRS);

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
    return {
      entry: followed.entry,
      finding: { how: "file", path: entry.path, note: followed.via, source: src(entry.path) },
    };
  };
  const text = async (located: Located | undefined, what: string): Promise<string | undefined> => {
    if (located?.finding.how !== "file") return undefined;
    let blob: Awaited<ReturnType<BlobReader>>;
    try {
      blob = await read(located.entry.oid);
    } catch (error) {
      // a partial clone may lack the blob: the file is there, its text is not
      warnings.push({
        code: "E_REPO_FILE_UNREADABLE",
        message: `${what} ${located.finding.path} could not be read: ${unreadableBlobWords(error)}`,
        path: located.finding.path!,
      });
      return undefined;
    }
    if (blob.truncated)
      warnings.push({
        code: "E_REPO_FILE_TRUNCATED",
        message: `${what} ${located.finding.path} is larger than the read limit; only its beginning was read`,
        path: located.finding.path!,
      });
    return blob.text;
  };

  // read: the files whose text matters
  const readme = await locate(FILE_PATTERNS.readme);
  const readmeText = (await text(readme, "README")) ?? "";
  const readmePath = readme?.finding.path;
  const readmeSource = (): Source => src(readmePath!);

  // Files the README, CONTRIBUTING or GOVERNANCE link to in this repository, in link order.
  const slug = repositorySlug(at.repository);
  const linked: { path: string; from: string }[] = [];
  const linkedPaths = new Set<string>();
  const addLinks = (fromPath: string | undefined, body: string) => {
    if (!fromPath || !body) return;
    for (const { line } of proseLines(body))
      for (const l of markdownLinks(line)) {
        const path = treePathOfLink(l.url, fromPath, slug);
        const entry = path !== undefined ? tree.get(path) : undefined;
        if (entry && entry.mode !== "160000" && !linkedPaths.has(path!)) {
          linkedPaths.add(path!);
          linked.push({ path: path!, from: fromPath });
        }
      }
  };
  addLinks(readmePath, readmeText);
  /** A file of `kind`: in the project folders, else one the README (or CONTRIBUTING, GOVERNANCE) links to. */
  const locateKind = async (kind: keyof typeof README_REFERENCES): Promise<Located | undefined> => {
    const pattern = FILE_PATTERNS[kind];
    const inDirs = projectFiles.find((e) => pattern.test(baseOf(e.path)));
    const link = inDirs ? undefined : linked.find((l) => pattern.test(baseOf(l.path)));
    const entry = inDirs ?? (link ? tree.get(link.path) : undefined);
    if (!entry) return undefined;
    const located = await locateEntry(entry);
    return link && located.finding.how === "file"
      ? {
          ...located,
          finding: {
            ...located.finding,
            note: [`linked from ${link.from}`, located.finding.note].filter(Boolean).join("; "),
          },
        }
      : located;
  };
  const referenced = (kind: keyof typeof README_REFERENCES): FileFinding => {
    const ref = readmeText ? findReadmeReference(readmeText, README_REFERENCES[kind], FILE_PATTERNS[kind]) : undefined;
    if (!ref || !readme) return { how: "none" };
    return {
      how: "readme-reference",
      path: readmePath,
      reference: ref.text,
      ...(ref.url ? { url: ref.url } : {}),
      source: readmeSource(),
    };
  };
  const fromSection = (ref: { text: string; url?: string; line?: number } | undefined): FileFinding =>
    ref && readme
      ? {
          how: "readme-reference",
          path: readmePath,
          reference: ref.text,
          ...(ref.url ? { url: ref.url } : {}),
          source: { ...readmeSource(), ...(ref.line ? { line: ref.line } : {}) },
        }
      : { how: "none" };

  const licenseAt = await locate(FILE_PATTERNS.license);
  const licenseText = await text(licenseAt, "LICENSE");
  const spdx = licenseText !== undefined ? detectSpdx(licenseText) : undefined;

  const contributingAt = (await locate(FILE_PATTERNS.contributing)) ?? (await locateKind("contributing"));
  const contributingText = (await text(contributingAt, "CONTRIBUTING")) ?? "";
  addLinks(contributingAt?.finding.path, contributingText);
  const governanceAt = await locateKind("governance");
  addLinks(governanceAt?.finding.path, (await text(governanceAt, "GOVERNANCE")) ?? "");

  const adopters = await detectAdopters(await locateKind("adopters"), entries, locateEntry, text, warnings, () =>
    referenced("adopters"),
  );

  const maintainers = await findMaintainers(community, shallow, tree, locateEntry, text, src, at.repository, (p) =>
    warnings.some((w) => w.path === p && w.code === "E_REPO_FILE_TRUNCATED"),
  );

  // match: presence by path
  // One pass over the paths: the first with each bit, and every one with the bits listed whole.
  const firstWith = new Map<number, string>();
  const listed = new Map<number, string[]>(
    [LINT_BIT, TEST_BIT, ISSUE_TEMPLATE_BIT, RELEASE_NOTES_BIT].map((bit) => [bit, []]),
  );
  for (const { path } of entries) {
    let bits = pathFacts?.get(path);
    if (bits === undefined) {
      bits = factsOfPath(path);
      pathFacts?.set(path, bits);
    }
    for (let rest = bits; rest !== 0; rest &= rest - 1) {
      const bit = rest & -rest;
      if (!firstWith.has(bit)) firstWith.set(bit, path);
      listed.get(bit)?.push(path);
    }
  }
  const first = (bit: number): string | undefined => firstWith.get(bit);
  const every = (bit: number): string[] => listed.get(bit)!;
  const badge = BEST_PRACTICES_BADGE.exec(readmeText);
  const ci = CI_SYSTEMS.map(([name], i) => [name, first(CI_BIT << i)] as const).filter(([, p]) => p !== undefined);
  const lint = every(LINT_BIT);
  const tests = every(TEST_BIT);
  const issueTemplates = every(ISSUE_TEMPLATE_BIT);
  const prTemplate = first(PR_TEMPLATE_BIT);
  const dcoFile = first(DCO_BIT);
  const claFile = first(CLA_BIT);
  const bot = DEPENDENCY_BOTS.map(([kind], i) => [kind, first(BOT_BIT << i)] as const).find(([, p]) => p !== undefined);

  const counted = (items: readonly string[], path?: string): Counted => ({
    count: items.length,
    items: items.slice(0, 50),
    ...(path ? { source: src(path) } : {}),
  });
  const found = (path: string | undefined): FileFinding =>
    path ? { how: "file", path, source: src(path) } : { how: "none" };

  const files: FilesEvidence = {
    license: { ...(licenseAt?.finding ?? { how: "none" }), ...(spdx ? { spdx } : {}) },
    readme: readme?.finding ?? { how: "none" },
    contributing: contributingAt?.finding ?? referenced("contributing"),
    codeOfConduct: (await locateKind("codeOfConduct"))?.finding ?? referenced("codeOfConduct"),
    security:
      (await locateKind("security"))?.finding ?? fromSection(readmeText ? securityReference(readmeText) : undefined),
    governance: governanceAt?.finding ?? fromSection(readmeText ? governanceReference(readmeText) : undefined),
    adopters,
    roadmap: (await locateKind("roadmap"))?.finding ?? referenced("roadmap"),
    changelog:
      (await locateKind("changelog"))?.finding ??
      releaseNotesFolder(every(RELEASE_NOTES_BIT), src) ??
      referenced("changelog"),
    issueTemplates: issueTemplates.length
      ? { how: "file", path: issueTemplates[0], source: src(issueTemplates[0]!) }
      : { how: "none" },
    pullRequestTemplate: found(prTemplate),
    ci: counted(
      ci.map(([name]) => name),
      ci[0]?.[1],
    ),
    lint: counted(lint, lint[0]),
    unitTests: counted(tests),
    dcoOrCla: dcoOrCla(dcoFile, claFile, contributingAt?.finding.path, contributingText, src),
    bestPracticesBadge:
      badge && readme
        ? {
            how: "readme-reference",
            path: readme.finding.path,
            reference: badge[0],
            projectId: badge[1],
            source: src(readme.finding.path!),
          }
        : { how: "none" },
    dependencyBot: bot ? { ...found(bot[1]), kind: bot[0] } : { how: "none" },
    ...(readme?.finding.how === "file" ? { channels: readmeChannels(readmeText, readmeSource()) } : {}),
  };
  const stated = readmePath && readme?.finding.how === "file" ? readmeLifecycle(readmeText) : undefined;
  return {
    files,
    maintainersFile: maintainers.file,
    maintainers: maintainers.found,
    ...(stated ? { readmeLifecycle: { ...stated, path: readmePath! } } : {}),
    warnings,
  };
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
  /** The tree's files at most as deep as the folders searched: the root's among them. */
  shallow: readonly TreeEntry[],
  tree: TreeLookup,
  locateEntry: (e: TreeEntry) => Promise<Located>,
  text: (l: Located | undefined, what: string) => Promise<string | undefined>,
  src: (path: string) => Source,
  repository: string,
  truncated: (path: string) => boolean,
): Promise<{ file: FileFinding; found: MaintainersFound }> {
  const files = community.filter((e) => FILE_PATTERNS.maintainers.test(baseOf(e.path))).slice(0, MAX_MAINTAINERS_FILES);
  if (files.length === 0) return { file: { how: "none" }, found: { people: [] } };
  // Kubernetes OWNERS name approvers through aliases kept in the root OWNERS_ALIASES.
  const aliasesEntry = files.some((e) => /^owners(\.ya?ml)?$/i.test(baseOf(e.path)))
    ? shallow.find((e) => /^owners_aliases(\.ya?ml)?$/i.test(e.path) && e.mode !== "120000" && e.mode !== "160000")
    : undefined;
  const ownersAliases = aliasesEntry
    ? await text({ entry: aliasesEntry, finding: { how: "file", path: aliasesEntry.path } }, "OWNERS_ALIASES")
    : undefined;
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
    const inRepo =
      pointer?.path && (pointer.repository === undefined || pointer.repository.toLowerCase() === self)
        ? tree.get(pointer.path)
        : undefined;
    if (pointer && inRepo && inRepo.path !== entry.path && inRepo.mode !== "160000") {
      const target = await read(await locateEntry(inRepo));
      if (target.reading && target.finding.how === "file") {
        c = {
          ...target,
          finding: {
            ...target.finding,
            note: [target.finding.note, `pointed to by ${entry.path}:${pointer.line}`].filter(Boolean).join("; "),
          },
        };
      }
    }
    candidates.push(c);
  }
  const readable = candidates.flatMap((c) =>
    c.reading ? [{ path: c.finding.path!, reading: c.reading, finding: c.finding }] : [],
  );
  if (readable.length === 0) return { file: candidates[0]!.finding, found: { people: [] } };
  const { index, why } = chooseMaintainers(readable);
  const { path, reading, finding } = readable[index]!;
  return {
    file: finding,
    found: {
      people: reading.people,
      counted: reading.counted,
      ...(readable.length > 1 ? { chosen: why } : {}),
      ...unknownOf(path, reading, src, finding.truncated === true),
    },
  };
}

/** Why the people of `reading` are not (all) known, if they are not. */
function unknownOf(
  path: string,
  reading: MaintainersReading,
  src: (path: string) => Source,
  truncated: boolean,
): { unknown?: MaintainersUnknown } {
  const { people, unresolved, pointer } = reading;
  if (people.length === 0 && pointer) {
    const target = pointer.repository ? ` (${pointer.repository}${pointer.path ? `: ${pointer.path}` : ""})` : "";
    return {
      unknown: {
        reason: `${path} lists no one: it points to ${pointer.url}${target}`,
        lowerBound: false,
        pointer: { ...pointer, source: { ...src(path), line: pointer.line } },
      },
    };
  }
  if (unresolved.length) {
    const teams = unresolved.every((u) => u.startsWith("@"));
    const what = teams ? "teams" : "aliases not defined in OWNERS_ALIASES";
    return people.length === 0
      ? {
          unknown: {
            reason: `${path} names ${what} only: ${unresolved.join(", ")}; their members are not in the repository`,
            lowerBound: false,
            names: unresolved,
          },
        }
      : {
          unknown: {
            reason:
              `${path} also names ${what} (${unresolved.join(", ")}) whose ` +
              `members are not listed: ${people.length} is a lower bound`,
            lowerBound: true,
            names: unresolved,
          },
        };
  }
  if (people.length === 0)
    return {
      unknown: {
        reason: `no person could be read from ${path}${truncated ? " (read in part)" : ""}`,
        lowerBound: false,
      },
    };
  if (truncated)
    return {
      unknown: {
        reason: `${path} is larger than the read limit and was read in part: ${people.length} is a lower bound`,
        lowerBound: true,
      },
    };
  return {};
}

function dcoOrCla(
  dcoFile: string | undefined,
  claFile: string | undefined,
  contributingPath: string | undefined,
  contributing: string,
  src: (p: string) => Source,
): FilesEvidence["dcoOrCla"] {
  if (dcoFile) return { how: "file", path: dcoFile, kind: "dco", source: src(dcoFile) };
  if (claFile) return { how: "file", path: claFile, kind: "cla", source: src(claFile) };
  if (contributingPath) {
    const dco = /signed-off-by|developer certificate of origin|\bDCO\b/i.exec(contributing);
    if (dco)
      return {
        how: "readme-reference",
        path: contributingPath,
        reference: dco[0],
        kind: "dco",
        source: src(contributingPath),
      };
    const cla = /contributor license agreement|\bCLA\b/i.exec(contributing);
    if (cla)
      return {
        how: "readme-reference",
        path: contributingPath,
        reference: cla[0],
        kind: "cla",
        source: src(contributingPath),
      };
  }
  return { how: "none" };
}

/**
 * `owner/name` of a GitHub repository URL (`https://github.com/o/r.git`, `git@github.com:o/r`), lower-cased; undefined
 * for a local path.
 */
function repositorySlug(repository: string): string | undefined {
  const at = repository.toLowerCase().indexOf("github.com");
  if (at < 0) return undefined;
  const [owner, name] = repository.slice(at + "github.com".length + 1).split(/[/?#]/);
  if (!owner || !name) return undefined;
  return `${owner}/${name.replace(/\.git$/i, "")}`.toLowerCase();
}

/**
 * The tree path a link in `fromPath` points to, when it points into this repository: a relative
 * link (`docs/x.md`, `./x.md`, `/x.md`, `../x.md`) or `https://github.com/<this repo>/blob/<ref>/<path>`.
 * A ref with a slash (`release/1.0`) is read as its first segment, as GitHub's short refs are.
 */
export function treePathOfLink(url: string, fromPath: string, slug: string | undefined): string | undefined {
  let target = url.split("#")[0]!.split("?")[0]!;
  if (target === "") return undefined;
  const gh = /^https?:\/\/(?:www\.)?github\.com\//i.exec(target);
  if (gh) {
    const [owner, name, kind, , ...rest] = target.slice(gh[0].length).split("/");
    if (
      !slug ||
      `${owner}/${name}`.toLowerCase() !== slug ||
      (kind !== "blob" && kind !== "tree" && kind !== "raw") ||
      rest.length === 0
    )
      return undefined;
    target = "/" + rest.join("/");
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return undefined; // another site, mailto:
  try {
    target = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const joined = target.startsWith("/")
    ? posix.normalize(target.slice(1))
    : posix.join(posix.dirname(fromPath), target);
  const path = joined.replace(/\/+$/, "");
  return path === "" || path === "." || path.startsWith("../") || path === ".." ? undefined : path;
}

/**
 * A heading or link in a README whose text matches `pattern` (CLOMonitor style), or a link to a
 * file whose name matches `filePattern` (default `pattern`). Scanned in linear time.
 */
export function findReadmeReference(
  readme: string,
  pattern: RegExp,
  filePattern: RegExp = pattern,
): { text: string; url?: string } | undefined {
  const lines = proseLines(readme);
  for (const [i, { line, n }] of lines.entries()) {
    const heading = atxHeading(line);
    // The text and link come from the repository: control characters are escaped (`\u001b`).
    if (heading && pattern.test(heading.text)) return { text: escapeTerminalText(heading.text) };
    // A setext heading: a line underlined with === or --- (CLOMonitor accepts these too).
    const text = line.trim();
    const next = lines[i + 1];
    if (
      !heading &&
      text !== "" &&
      !/^([-*+>|]|\d+[.)])/.test(text) &&
      next?.n === n + 1 &&
      setextLevel(next.line) &&
      pattern.test(text)
    )
      return { text: escapeTerminalText(text) };
    for (const link of markdownLinks(line)) {
      // A link counts by its text or the file it points at, not its host: a Scorecard badge
      // from securityscorecards.dev is no security policy.
      if (pattern.test(link.text) || filePattern.test(fileOfUrl(link.url)))
        return { text: escapeTerminalText(link.text), url: escapeTerminalText(link.url) };
    }
  }
  return undefined;
}

/** A README section with content, whose heading `accepts`; with the first link in it. */
function sectionReference(
  readme: string,
  accepts: (heading: string) => boolean,
): { text: string; url?: string; line: number } | undefined {
  const s = sections(readme).find((x) => accepts(x.heading) && hasContent(x));
  if (!s) return undefined;
  const link = s.body.flatMap((l) => markdownLinks(l))[0];
  return { text: escapeTerminalText(s.heading), ...(link ? { url: escapeTerminalText(link.url) } : {}), line: s.line };
}

/** The first README link that `accepts` (by its text and the file it points at). */
function linkReference(
  readme: string,
  accepts: (text: string, file: string, fragment: boolean) => boolean,
): { text: string; url: string; line: number } | undefined {
  for (const { line, n } of proseLines(readme))
    for (const l of markdownLinks(line))
      if (!l.image && accepts(l.text, fileOfUrl(l.url), l.url.includes("#")))
        return { text: escapeTerminalText(l.text), url: escapeTerminalText(l.url), line: n };
  return undefined;
}

/**
 * Where a README shows its security policy: a section on reporting vulnerabilities ("Reporting
 * security issues", or "Security" with something under it), or a link to a SECURITY file or
 * whose text names the policy. A link that merely says "security" ("security advisors",
 * a Scorecard or SLSA badge) is none.
 */
export function securityReference(readme: string): { text: string; url?: string; line: number } | undefined {
  return (
    sectionReference(readme, (h) => README_REFERENCES.security.test(h) || SECURITY_HEADING.test(h.trim())) ??
    linkReference(readme, (text, file) => FILE_PATTERNS.security.test(file) || README_REFERENCES.security.test(text))
  );
}

/**
 * Where a README shows its governance: a "Governance" section with content, or a link whose
 * text names governance, or to a GOVERNANCE file as a whole (not `GOVERNANCE.md#security-advisors`
 * behind other words).
 */
export function governanceReference(readme: string): { text: string; url?: string; line: number } | undefined {
  return (
    sectionReference(readme, (h) => README_REFERENCES.governance.test(h)) ??
    linkReference(
      readme,
      (text, file, fragment) =>
        README_REFERENCES.governance.test(text) || (FILE_PATTERNS.governance.test(file) && !fragment),
    )
  );
}

/**
 * A folder of release notes (`CHANGELOG/CHANGELOG-1.30.md`, `releases/v2.0.0.toml`): a changelog, with how many it
 * holds.
 */
function releaseNotesFolder(paths: readonly string[], src: (p: string) => Source): FileFinding | undefined {
  const byDir = new Map<string, string[]>();
  for (const p of paths) {
    const dir = dirOf(p);
    if (!RELEASE_NOTES_DIRS.test(dir) || !VERSIONED_NAME.test(baseOf(p))) continue;
    const list = byDir.get(dir);
    if (list) list.push(p);
    else byDir.set(dir, [p]);
  }
  const [dir, notes] = [...byDir.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!dir || !notes) return undefined;
  const sorted = notes.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return {
    how: "file",
    path: dir,
    note: `${notes.length} release notes files, e.g. ${sorted.at(-1)}`,
    source: src(dir),
  };
}

type LocateEntry = (entry: TreeEntry) => Promise<Located>;
type ReadText = (located: Located | undefined, what: string) => Promise<string | undefined>;

/**
 * The adopters: an ADOPTERS / USERS file (counted), else a website data file
 * (`website/data/adopters.yaml`), else a README reference. A file that lists no one but a data
 * file exists gives way to the data file; one that only points elsewhere says where.
 */
async function detectAdopters(
  file: Located | undefined,
  entries: readonly TreeEntry[],
  locateEntry: LocateEntry,
  text: ReadText,
  warnings: readonly FilesWarning[],
  referenced: () => FileFinding,
): Promise<FilesEvidence["adopters"]> {
  const truncated = (path: string | undefined) =>
    warnings.some((w) => w.path === path && w.code === "E_REPO_FILE_TRUNCATED");
  const withCount = (
    located: Located,
    listed: AdoptersListed | undefined,
    content: string | undefined,
  ): FilesEvidence["adopters"] => {
    const notes = [located.finding.note];
    if (content !== undefined && listed?.count === undefined)
      notes.push(
        `no list of adopters in the file${listed?.links?.length ? `; it links to ${listed.links.join(", ")}` : ""}`,
      );
    const cut = content !== undefined && truncated(located.finding.path);
    if (cut) notes.push("file larger than the read limit: count is a lower bound");
    const note = notes.filter(Boolean).join("; ");
    return {
      ...located.finding,
      ...(listed?.count !== undefined ? { count: listed.count, items: listed.items } : {}),
      ...(cut ? { truncated: true } : {}),
      ...(note ? { note } : {}),
    };
  };
  let fromFile: FilesEvidence["adopters"] | undefined;
  if (file) {
    const content = await text(file, "ADOPTERS");
    fromFile = withCount(file, content !== undefined ? countListed(content) : undefined, content);
    if (fromFile.count !== undefined || fromFile.how !== "file") return fromFile;
  }
  const data = entries
    .filter(
      (e) =>
        ADOPTER_DATA_FILES.test(e.path) &&
        e.mode !== "160000" &&
        !/(^|\/)(vendor|node_modules|testdata|third_party)\//.test(e.path),
    )
    .sort((a, b) => a.path.split("/").length - b.path.split("/").length || a.path.localeCompare(b.path))[0];
  if (data) {
    const located = await locateEntry(data);
    const content = await text(located, "adopters data file");
    const listed = content !== undefined ? countAdopterData(content, located.entry.path) : undefined;
    if (listed || !fromFile) return withCount(located, listed ?? { items: [] }, content);
  }
  return fromFile ?? referenced();
}

/** The chat, mailing-list and discussion channels a README links to: "slack https://slack.cncf.io/". */
function readmeChannels(readme: string, source: Source): Counted {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const { line } of proseLines(readme)) {
    // link targets, then bare URLs outside links (an image's source is no channel)
    const urls = [
      ...markdownLinks(line).map((l) => [l.url, l.text] as const),
      ...bareUrls(withoutLinks(line)).map((u) => [u, ""] as const),
    ];
    for (const [url, label] of urls) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        continue;
      }
      // an image (a badge in a reference definition, `[slack-badge]: https://…/badge.svg`) is no channel
      if ((u.protocol !== "https:" && u.protocol !== "http:") || /\.(svg|png|jpe?g|gif|webp)$/i.test(u.pathname))
        continue;
      // by host, else by the link's text when the URL is a short link (`[Discord](https://aka.ms/x-discord)`)
      const kind =
        CHANNEL_KINDS.find(([, test]) => test(u.hostname.toLowerCase(), u.pathname))?.[0] ??
        CHANNEL_TEXTS.find(([, re]) => re.test(label))?.[0];
      if (kind && !seen.has(url)) {
        seen.add(url);
        found.push(`${kind} ${escapeTerminalText(url)}`);
      }
    }
  }
  return { count: found.length, items: found.slice(0, 50), source };
}

/** The last path segment of a link: `GOVERNANCE.md` of `https://github.com/o/r/blob/main/GOVERNANCE.md?x`. */
function fileOfUrl(url: string): string {
  const parts = url.split(/[?#]/)[0]!.split("/");
  while (parts.length > 1 && parts.at(-1) === "") parts.pop();
  return parts.at(-1) ?? "";
}
