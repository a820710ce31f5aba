import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { describeFsError } from "../core/fs-errors.js";
import { makeDirectory } from "../core/make-directory.js";
import { basename, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isCalendarDate, isIsoDateForm, today } from "../core/dates.js";
import { formatIssue, hasErrors, issue, UserError, type Issue } from "../core/errors.js";
import { plural } from "../core/words.js";
import { CATALOG_FILE, DEFAULT_RULES, loadCatalog, type Catalog } from "../catalog/index.js";
import type { AffiliationOptions } from "../evidence/index.js";
import type { Framework } from "../maturity/index.js";
import type { ProjectEvidence } from "../evidence/index.js";
import { extraCatalogRules } from "./catalog-rules.js";

/** The folder this package is installed in (holds examples/ and schema/). */
export {
  AFFILIATIONS_OPTION_HELP,
  CACHE_DIR_OPTION_HELP,
  CATALOG_OPTION_HELP,
  collectRepeated,
  MIRROR_OPTION_HELP,
} from "./options.js";

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BUNDLED_EXAMPLE = join(PACKAGE_ROOT, "examples", "azure-container-compute", CATALOG_FILE);

export interface CatalogOptions {
  /** A catalog file or folder. */
  readonly catalog?: string;
}

/** --catalog, else ./upstream.yaml, else the bundled example. */
export function resolveCatalogPath(options: CatalogOptions, cwd = process.cwd()): string {
  if (options.catalog) {
    refuseInterruptedWrite(options.catalog);
    return options.catalog;
  }
  const local = join(cwd, CATALOG_FILE);
  return existsSync(local) ? local : BUNDLED_EXAMPLE;
}

export interface OpenedCatalog {
  readonly catalog: Catalog;
  readonly path: string;
  readonly baseDir: string;
  readonly issues: readonly Issue[];
  /** The shipped frameworks and the team's frameworks/*.yaml, as loaded to check the catalog. */
  readonly frameworks: ReadonlyMap<string, Framework>;
}

/**
 * Load and validate (with every rule `validate` applies); warnings go to stderr, errors become a UserError listing
 * every issue.
 */
export async function openCatalog(options: CatalogOptions): Promise<OpenedCatalog> {
  const path = resolveCatalogPath(options);
  const extra = await extraCatalogRules(path);
  const loaded = await loadCatalog(path, [...DEFAULT_RULES, ...extra.rules]);
  const issues = [...extra.issues, ...loaded.issues];
  if (!loaded.catalog || hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === "error").length;
    throw new UserError(
      issues[0]?.code ?? "E_CATALOG_INVALID_VALUE",
      `${path}: ${plural(errors, "error")}; nothing was done`,
      { issues },
    );
  }
  for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
  for (const file of loaded.files) markInput(file, "the catalog this command reads");
  for (const framework of extra.frameworks.values())
    if (framework.file) markInput(framework.file, "a framework this command reads");
  return { catalog: loaded.catalog, path: loaded.path, baseDir: loaded.baseDir, issues, frameworks: extra.frameworks };
}

/**
 * A catalog folder that is gone because a write into it was killed between its two renames
 * is whole beside it: say where, and how to put it back, rather than "no such file".
 */
function refuseInterruptedWrite(catalog: string): void {
  if (existsSync(catalog)) return;
  const dir = /\.ya?ml$/i.test(catalog) ? dirname(resolve(catalog)) : resolve(catalog);
  const { aside } = folderSides(dir);
  if (existsSync(dir) || !existsSync(aside)) return;
  throw new UserError(
    "E_FILE_NOT_FOUND",
    `${dir} does not exist: a write into it was interrupted, and the catalog as it was before is whole at ` +
      `${aside}. Put it back with \`mv ${aside} ${dir}\` (the next import or write into ${dir} does it too)`,
  );
}

/** Files this run reads, by real path, with what they are: no output may be written over one. */
const inputs = new Map<string, string>();

function realPathOf(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    // Not there (yet): its folder's real path, so `dir/../x` and a symlinked folder compare equal.
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

/** Record that this run reads `path` (the catalog and its project files, a README to import). */
export function markInput(path: string, what: string): void {
  inputs.set(realPathOf(path), what);
}

/** Options of the writers: whether an existing file may be replaced (the command's --force). */
export interface WriteOptions {
  /** Replace a file already there; without it such a file is an error. @default true */
  readonly overwrite?: boolean;
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Refuse, before anything is written, a target that is an input of this run, or an existing file without --force. */
function checkTargets(targets: Iterable<string>, options: WriteOptions): void {
  for (const target of targets) {
    const input = inputs.get(realPathOf(target));
    if (input !== undefined)
      throw new UserError(
        "E_OUTPUT_IS_INPUT",
        `cannot write ${target}: it is ${input}, which would be ` +
          `lost; nothing was written. Write the output to another file`,
      );
    if (isFolder(target))
      throw new UserError("E_OUTPUT_WRITE", `cannot write ${target}: it is a folder; give a file name`);
    if (options.overwrite === false && existsSync(target))
      throw new UserError(
        "E_OUTPUT_EXISTS",
        `${target} already exists; nothing was written. Pass --force to replace it, or write to another file`,
      );
  }
}

/** Write a file whole or not at all: temp file, then rename. Never over an input of the run. */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  await writeFilesAtomic(new Map([[path, content]]), options);
}

/** What a write error means, in words; a folder where a file goes is named as such. */
function writeErrorWhy(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "it is a folder; give a file name";
  if (code === "ENOENT") return "a folder on the way cannot be created there";
  return describeFsError(error);
}

/**
 * Write several files all or none: every temp file first, then the renames. A failure while
 * writing removes the temp files and leaves the old files as they were. Nothing is written
 * when a target is an input of this run (see `markInput`).
 */
export async function writeFilesAtomic(
  files: ReadonlyMap<string, string | Uint8Array>,
  options: WriteOptions = {},
): Promise<void> {
  checkTargets(files.keys(), options);
  const temps: Array<[temp: string, path: string]> = [];
  let path = "";
  try {
    for (const [target, content] of files) {
      path = target;
      makeDirectory(dirname(resolve(target)));
      const temp = `${target}.${process.pid}.tmp`;
      temps.push([temp, target]);
      await writeFile(temp, content);
    }
    for (const [temp, target] of temps) {
      path = target;
      await rename(temp, target);
    }
  } catch (error) {
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })));
    throw new UserError("E_OUTPUT_WRITE", `cannot write ${path}: ${writeErrorWhy(error)}`, { cause: error });
  }
}

/**
 * Test hook: `UPSTREAM_TEST_PAUSE_WRITE=<stage>` makes a folder write stop at that stage (for a test to kill it there).
 */
async function pauseForTest(stage: string): Promise<void> {
  if (process.env.UPSTREAM_TEST_PAUSE_WRITE !== stage) return;
  process.stderr.write(`paused at ${stage}\n`);
  await new Promise((r) => setTimeout(r, 60_000));
}

/**
 * Where a folder write builds the new folder, and where it puts the old one aside: siblings, so renames stay on one
 * file system.
 */
function folderSides(dir: string): { fresh: string; aside: string } {
  const parent = dirname(dir);
  const name = basename(dir);
  return { fresh: join(parent, `.${name}.upstream-new`), aside: join(parent, `.${name}.upstream-old`) };
}

/**
 * Finish what a run that died while writing `dir` left: the old folder put aside and the new
 * one not yet in place is moved back (nothing is lost); an old folder left after the swap,
 * and a half-built new one, are removed. Says on stderr what it did.
 */
export async function recoverFolderWrite(dir: string): Promise<void> {
  const { fresh, aside } = folderSides(resolve(dir));
  try {
    if (existsSync(aside)) {
      if (!existsSync(dir)) {
        await rename(aside, dir);
        process.stderr.write(`upstream: ${dir} was put back as it was before an interrupted write\n`);
      } else await rm(aside, { recursive: true, force: true });
    }
    await rm(fresh, { recursive: true, force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "ENOENT") return; // no folder there to have left anything in; the write says why
    throw new UserError("E_OUTPUT_WRITE", `cannot write ${dir}: ${writeErrorWhy(error)}; nothing was written`, {
      cause: error,
    });
  }
}

/**
 * Whether `dir` holds only what a folder write of `files` replaces (the same names, and
 * `keep(name)` files it would drop, such as stale project files already refused), so it can
 * be swapped whole. Anything else (a README, .git, badges) must stay where it is.
 */
function onlyWritten(dir: string, files: ReadonlyMap<string, unknown>): boolean {
  const folders = new Set(
    [...files.keys()].flatMap((name) =>
      name
        .split("/")
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
    ),
  );
  const walk = (rel: string): boolean =>
    readdirSync(join(dir, rel)).every((entry) => {
      const name = rel ? `${rel}/${entry}` : entry;
      const info = lstatSync(join(dir, name));
      if (info.isDirectory()) return folders.has(name) && walk(name);
      return files.has(name) || /\.tmp$/.test(entry); // a writer's temp file left by a dead run
    });
  return walk("");
}

/**
 * Write a folder of files (names relative to `dir`, with `/`) all or nothing: the new folder
 * is built beside it, then swapped in with two renames (old aside, new in) and the old one
 * removed. A run killed at any point leaves either the old or the new folder whole, and the
 * next write (or `recoverFolderWrite`) puts an old folder left aside back. A folder that
 * holds other things too (the catalog beside a README or in a repository) cannot be swapped:
 * its files are then written with `writeFilesAtomic`.
 */
export async function writeFolderAtomic(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  options: WriteOptions = {},
): Promise<void> {
  const target = resolve(dir);
  const placed = new Map([...files].map(([name, content]) => [join(target, name), content] as const));
  checkTargets(placed.keys(), options);
  let exists: boolean;
  let swappable: boolean;
  try {
    await recoverFolderWrite(target);
    exists = existsSync(target);
    swappable = !exists || (lstatSync(target).isDirectory() && onlyWritten(target, files));
  } catch (error) {
    throw new UserError("E_OUTPUT_WRITE", `cannot write ${target}: ${writeErrorWhy(error)}; nothing was written`, {
      cause: error,
    });
  }
  if (!swappable) return writeFilesAtomic(placed, options);
  const { fresh, aside } = folderSides(target);
  // Named in an error before any file is: the first file, as a per-file write would name it.
  let path = join(target, files.keys().next().value ?? "");
  try {
    makeDirectory(dirname(target));
    makeDirectory(fresh);
    for (const [name, content] of files) {
      path = join(target, name);
      makeDirectory(dirname(join(fresh, name)));
      await writeFile(join(fresh, name), content);
    }
    await pauseForTest("folder-built");
    path = target;
    if (exists) {
      await rename(target, aside);
      await pauseForTest("old-aside");
    }
    await rename(fresh, target);
  } catch (error) {
    // Undo what was done; a cleanup that fails too (no folder there at all) must not hide why.
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    if (existsSync(aside) && !existsSync(target)) await rename(aside, target).catch(() => undefined);
    throw new UserError(
      "E_OUTPUT_WRITE",
      `cannot write ${path}: ${writeErrorWhy(error)}; ${exists ? `${target} is as it was` : "nothing was written"}`,
      { cause: error },
    );
  }
  await rm(aside, { recursive: true, force: true });
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

/** Parse a --as-of style date or fail as a usage error. */
export function parseDateOption(value: string, flag: string): string {
  if (!isIsoDateForm(value))
    throw new UserError("E_USAGE", `${flag} expects a date written YYYY-MM-DD (e.g. 2020-06-01), got '${value}'`);
  if (!isCalendarDate(value))
    throw new UserError("E_USAGE", `${flag} ${value} is not a calendar date (a month 01–12 and a day that month has)`);
  // git keeps commit times as seconds since 1970 and cannot filter history before it.
  if (value < "1970-01-02")
    throw new UserError("E_USAGE", `${flag} ${value} is before 1970-01-02, the first day git can read history as of`);
  if (value > today())
    process.stderr.write(
      `upstream: warning: ${flag} ${value} is in the future; history ends today, and 12-month windows reach past it\n`,
    );
  return value;
}

/** What the program adds to the affiliation files: its organizations with their domains, and its bots. */
export function affiliationOptions(catalog: Catalog): AffiliationOptions {
  return { organizations: catalog.program.organizations ?? [], bots: catalog.program.bots ?? [] };
}

/** The catalog's affiliation files (relative to it), then those given with --affiliations. */
export function affiliationFiles(catalog: Catalog, baseDir: string, fromFlags: readonly string[] = []): string[] {
  return [...(catalog.program.affiliations ?? []).map((f) => resolve(baseDir, f)), ...fromFlags];
}

/**
 * program.mirrors, then --mirror FROM=TO (a flag wins over the catalog for the same prefix). A
 * local folder named on the command line is relative to the working folder, one in the
 * catalog to the catalog; both become absolute here.
 */
export function mirrorsOf(
  catalog: Catalog,
  baseDir: string,
  fromFlags: readonly string[] = [],
  cwd = process.cwd(),
): Map<string, string> {
  const local = (to: string, dir: string): string =>
    /^[a-z][a-z0-9+.-]*:\/\//i.test(to) || /^[^/\\]+@[^/\\]+:/.test(to)
      ? to
      : resolve(dir, to) + (/[/\\]$/.test(to) ? sep : "");
  const mirrors = new Map<string, string>();
  for (const [from, to] of Object.entries(catalog.program.mirrors ?? {})) mirrors.set(from, local(to, baseDir));
  for (const flag of fromFlags) {
    const eq = flag.indexOf("=");
    if (eq <= 0 || eq === flag.length - 1)
      throw new UserError(
        "E_USAGE",
        `--mirror expects FROM=TO (e.g. --mirror https://github.com/=/srv/mirrors/github/), got '${flag}'`,
      );
    mirrors.set(flag.slice(0, eq), local(flag.slice(eq + 1), cwd));
  }
  return mirrors;
}

/**
 * Say once, on stderr, which repositories' evidence could not be saved in the cache (the
 * evidence itself is shown); true when any, so the command exits 1.
 */
export function reportUnsavedCache(evidence: readonly ProjectEvidence[]): boolean {
  const unsaved = evidence.flatMap((e) =>
    e.repositories.filter((r) => r.warnings?.some((w) => w.code === "E_CACHE_WRITE")),
  );
  if (unsaved.length === 0) return false;
  const why = unsaved[0]!.warnings!.find((w) => w.code === "E_CACHE_WRITE")!.message;
  const named =
    unsaved
      .slice(0, 5)
      .map((r) => r.repository)
      .join(", ") + (unsaved.length > 5 ? ` and ${unsaved.length - 5} more` : "");
  process.stderr.write(
    formatIssue(
      issue(
        "E_CACHE_WRITE",
        `${plural(unsaved.length, "repository", "repositories")} read but not saved in the cache (${named}): ${why}`,
        {
          hint:
            "free disk space, fix the cache folder's permissions, or " +
            "pass a writable --cache-dir; the evidence shown is complete",
        },
      ),
    ) + "\n",
  );
  return true;
}
