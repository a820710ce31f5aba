import { closeSync, existsSync, fsync, lstatSync, openSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  folderSides,
  locateCatalog,
  openCatalog as openCatalogUseCase,
  type CatalogLocation,
  type OpenedCatalog,
} from "../app/index.js";
import { describeFsError } from "../core/index.js";
import { isCalendarDate, isIsoDateForm, today } from "../core/index.js";
import { formatIssue, UserError, type Issue } from "../core/index.js";
import { makeDirectory } from "../core/index.js";

export {
  AFFILIATIONS_OPTION_HELP,
  CACHE_DIR_OPTION_HELP,
  CATALOG_OPTION_HELP,
  collectRepeated,
  MIRROR_OPTION_HELP,
} from "./options.js";
export { BUNDLED_EXAMPLE, PACKAGE_ROOT, PROJECT_SCHEMA_FILE, SCHEMA_FILE } from "../app/index.js";

export interface CatalogOptions {
  /** A catalog file or folder. */
  readonly catalog?: string;
}

/** The line every command that reads a catalog prints on stderr when it falls back to the bundled example. */
export function bundledExampleNotice(path: string): string {
  return `upstream: no --catalog given and no ./upstream.yaml here: using the bundled example, ${path}`;
}

/** --catalog, else ./upstream.yaml, else the bundled example (which stderr is told). */
export function resolveCatalogPath(options: CatalogOptions): string {
  return sayWhichCatalog(locateCatalog({ ...options, cwd: process.cwd() })).path;
}

/** Say on stderr when the catalog is the bundled example: output about it is not about the user's program. */
export function sayWhichCatalog<T extends CatalogLocation>(location: T): T {
  if (location.source === "bundled-example") process.stderr.write(bundledExampleNotice(location.path) + "\n");
  return location;
}

/** Print issues on stderr, one located line (and its fix) each. */
export function printIssues(issues: readonly Issue[]): void {
  for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
}

/**
 * Open and validate the catalog (app's openCatalog, from the working folder): its warnings go to stderr, and its
 * files are marked as inputs so no output of the run is written over them.
 */
export async function openCatalog(options: CatalogOptions): Promise<OpenedCatalog> {
  const opened = await openCatalogUseCase({ ...options, cwd: process.cwd() });
  sayWhichCatalog(opened);
  printIssues(opened.issues);
  for (const input of opened.inputs) markInput(input.path, input.what);
  return opened;
}

/** Files this run reads, by real path, with what they are: no output may be written over one. */
const inputs = new Map<string, string>();
/**
 * Inputs marked but not yet in `inputs`: their real paths are found at the first write, so a run that writes
 * nothing (validate, render to stdout) does not ask the file system for the real path of 2,000 project files.
 */
const unresolvedInputs: Array<[path: string, what: string]> = [];

function resolveInputs(): void {
  for (const [path, what] of unresolvedInputs) inputs.set(realPathOf(path), what);
  unresolvedInputs.length = 0;
}

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
  // resolved now against the working folder of now; its real path at the first write
  unresolvedInputs.push([resolve(path), what]);
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
  resolveInputs();
  // A file in a folder that does not exist is not there either: its real path is its path, found without asking
  // the file system once per file (an import writes thousands into a new folder).
  const missingFolders = new Set<string>();
  const inMissingFolder = (target: string): boolean => {
    const folder = dirname(resolve(target));
    if (missingFolders.has(folder)) return true;
    if (existsSync(folder)) return false;
    missingFolders.add(folder);
    return true;
  };
  for (const target of targets) {
    if (inMissingFolder(target)) {
      // what realPathOf would find: neither the file nor its folder, so the path itself
      const input = inputs.get(resolve(target));
      if (input === undefined) continue;
    }
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
 * when a target is an input of this run (see `markInput`). When a file is replaced, every temp
 * file is on disk (fsync) before the first rename, so a machine that loses power then has the
 * old file or the new one, never a new name for content not yet written.
 */
export async function writeFilesAtomic(
  files: ReadonlyMap<string, string | Uint8Array>,
  options: WriteOptions = {},
): Promise<void> {
  checkTargets(files.keys(), options);
  const replaces = [...files.keys()].some((target) => existsSync(target));
  const temps: Array<[temp: string, path: string]> = [];
  const written = new FileSet(replaces);
  let path = "";
  try {
    for (const [target, content] of files) {
      path = target;
      written.folder(dirname(resolve(target)));
      const temp = `${target}.${process.pid}.tmp`;
      temps.push([temp, target]);
      written.write(temp, content);
    }
    await written.flush();
    for (const [temp, target] of temps) {
      path = target;
      await rename(temp, target);
    }
    await written.flushFolders();
  } catch (error) {
    written.close();
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })));
    throw new UserError("E_OUTPUT_WRITE", `cannot write ${path}: ${writeErrorWhy(error)}`, { cause: error });
  }
}

/**
 * Files a writer makes, written synchronously (each `await` of an asynchronous write is a trip
 * through libuv's thread pool: 2,000 project files cost seconds of waiting on a loaded machine,
 * and ~7× the CPU). With `durable`, each file stays open until `flush` puts them all on disk
 * together (the fsyncs run in parallel, and the file system commits them in a few journal
 * transactions), and `flushFolders` does the same for the folders that name them.
 */
class FileSet {
  private readonly fds: number[] = [];
  private readonly folders = new Set<string>();
  constructor(private readonly durable: boolean) {}

  /** Make `dir` (and its parents) once; remember it for `flushFolders`. */
  folder(dir: string): void {
    if (this.folders.has(dir)) return;
    makeDirectory(dir);
    this.folders.add(dir);
  }

  write(path: string, content: string | Uint8Array): void {
    if (!this.durable) {
      writeFileSync(path, content);
      return;
    }
    const fd = openSync(path, "w");
    this.fds.push(fd);
    writeFileSync(fd, content);
  }

  async flush(): Promise<void> {
    const fds = this.fds.splice(0);
    try {
      await Promise.all(fds.map(fsyncFd));
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }

  /** The folders written into (by default; after renames, the folders renamed in) are on disk too. */
  async flushFolders(dirs: Iterable<string> = this.folders): Promise<void> {
    if (!this.durable) return;
    await Promise.all(
      [...dirs].map(async (dir) => {
        const fd = openSync(dir, "r");
        try {
          await fsyncFd(fd);
        } finally {
          closeSync(fd);
        }
      }),
    );
  }

  /** After a failure: close what is still open. */
  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }
}

function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
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
 * next write (or `recoverFolderWrite`) puts an old folder left aside back. When there is an old
 * folder, the new one is on disk (its files and folders fsync'ed, in parallel) before the swap,
 * so a power cut cannot leave the new names over content not yet written and the old folder
 * gone; a fresh folder is written as `cp` writes one. A folder that
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
  const written = new FileSet(exists);
  try {
    makeDirectory(dirname(target));
    written.folder(fresh);
    for (const [name, content] of files) {
      path = join(target, name);
      written.folder(dirname(join(fresh, name)));
      written.write(join(fresh, name), content);
    }
    await written.flush();
    await written.flushFolders();
    await pauseForTest("folder-built");
    path = target;
    if (exists) {
      await rename(target, aside);
      await pauseForTest("old-aside");
    }
    await rename(fresh, target);
  } catch (error) {
    written.close();
    // Undo what was done; a cleanup that fails too (no folder there at all) must not hide why.
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    if (existsSync(aside) && !existsSync(target)) await rename(aside, target).catch(() => undefined);
    throw new UserError(
      "E_OUTPUT_WRITE",
      `cannot write ${path}: ${writeErrorWhy(error)}; ${exists ? `${target} is as it was` : "nothing was written"}`,
      { cause: error },
    );
  }
  // The swap on disk before the old folder goes (the new catalog is in place whatever this says).
  await written.flushFolders([dirname(target)]).catch(() => undefined);
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
