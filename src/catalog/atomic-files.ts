import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  linkSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { describeFsError } from "../core/index.js";

/**
 * The edges of writing a catalog safely: a lock file that refuses a second writer, a snapshot
 * that notices a file changed since it was read, and a set of files replaced all or none.
 */

/** Who holds a lock, as its file says. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** When it was taken, ISO 8601. */
  readonly time: string;
  /** What the holder is doing, e.g. "review close 2026-Q4". */
  readonly purpose?: string;
}

export type LockResult =
  | { readonly held: HeldLock; readonly tookOver?: LockOwner }
  | { readonly refused: string; readonly hint: string; readonly owner?: LockOwner };

export interface HeldLock {
  readonly path: string;
  /** Removes the lock if it is still this one's. */
  release(): void;
}

/** A lock whose file is still empty (its taker is writing it) is left alone for this long. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000;

/**
 * Take the lock file `path` (created with O_EXCL, holding pid, host and time). A lock left by
 * a process that no longer runs on this host is taken over (the caller shows a notice); one
 * held by a live process, or on another host (whose processes cannot be checked), is refused.
 */
export function acquireLock(path: string, purpose?: string): LockResult {
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    time: new Date().toISOString(),
    ...(purpose ? { purpose } : {}),
  };
  const content = `${JSON.stringify(mine)}\n`;
  let tookOver: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      return {
        held: {
          path,
          release() {
            // Only our own lock: a lock taken over after this process was thought dead is not ours to remove.
            if (readText(path) === content) unlinkSync(path);
          },
        },
        ...(tookOver ? { tookOver } : {}),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST")
        return {
          refused: `cannot create the lock file ${path}: ${describeFsError(error)}`,
          hint: "make the catalog's folder writable",
        };
    }
    const text = readText(path);
    if (text === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(text);
    if (!owner) {
      if (Date.now() - mtimeOf(path) < UNWRITTEN_LOCK_GRACE_MS)
        return { refused: `another process is taking the lock ${path} right now`, hint: "try again in a moment" };
      return {
        refused: `the lock file ${path} does not say who holds it (it holds ${JSON.stringify(text.slice(0, 40))})`,
        hint: `if no upstream command is writing this catalog, delete ${path}`,
      };
    }
    if (owner.host !== hostname() || isRunning(owner.pid))
      return {
        refused:
          `the catalog is being written by another process: pid ${owner.pid} on ${owner.host}, since ${owner.time}` +
          (owner.purpose ? ` (${owner.purpose})` : ""),
        hint:
          `wait until it finishes and try again; if no upstream command runs as pid ${owner.pid} ` +
          `on ${owner.host}, delete ${path}`,
        owner,
      };
    // Stale. Two processes may both see that; a guard file lets only one of them remove it.
    if (!takeOverStale(path, text))
      return {
        refused: `another process is taking over the stale lock ${path}`,
        hint: "try again in a moment",
        owner,
      };
    tookOver = owner;
  }
  return { refused: `the lock ${path} kept changing hands`, hint: "try again in a moment" };
}

function takeOverStale(path: string, staleText: string): boolean {
  const guard = `${path}.takeover`;
  try {
    closeSync(openSync(guard, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644));
  } catch {
    // A guard left by a process killed while taking over would block forever: it lives milliseconds.
    if (Date.now() - mtimeOf(guard) > UNWRITTEN_LOCK_GRACE_MS) tryUnlink(guard);
    return false;
  }
  try {
    if (readText(path) === staleText) tryUnlink(path);
    return true;
  } finally {
    tryUnlink(guard);
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === "number" && typeof v.host === "string" && typeof v.time === "string") return v as LockOwner;
  } catch {
    // not JSON: handled by the caller
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** What a file was when it was read, to tell later whether it changed. */
export interface FileSnapshot {
  readonly exists: boolean;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function snapshotOf(bytes: Uint8Array | undefined, path: string): FileSnapshot {
  if (!bytes) return { exists: false, size: 0, mtimeMs: 0, sha256: "" };
  const info = statSync(path);
  return { exists: true, size: bytes.length, mtimeMs: info.mtimeMs, sha256: hashBytes(bytes) };
}

/**
 * How the file at `path` differs from `snapshot`, in words; undefined when its content is the
 * same. A newer mtime over the same bytes (a `touch`, a checkout) loses nothing, so it passes.
 */
export function changedSince(path: string, snapshot: FileSnapshot): string | undefined {
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return `it cannot be read: ${describeFsError(error)}`;
  }
  if (!bytes) return snapshot.exists ? "it was deleted" : undefined;
  if (!snapshot.exists) return "it was created";
  if (bytes.length !== snapshot.size) return `its size changed from ${snapshot.size} to ${bytes.length} bytes`;
  if (hashBytes(bytes) !== snapshot.sha256) return "its content changed (same size)";
  return undefined;
}

/** The YAML files of a folder, sorted (to notice a project file added or removed meanwhile). */
export function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort();
  } catch {
    return [];
  }
}

export interface FileWrite {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Replace every file of `writes` or none. Every temp file is written and synced first (a full
 * disk fails here, before anything is replaced); then each is renamed over its target, the
 * original kept as a hard link until all renames succeeded, so a failed rename puts back the
 * ones done. Returns the error in words, or undefined.
 */
export function writeFilesAtomically(writes: readonly FileWrite[]): string | undefined {
  const tag = `${process.pid}.${randomBytes(4).toString("hex")}`;
  const staged: { target: string; temp: string; backup?: string; replaced: boolean }[] = [];
  const madeDirs: string[] = [];
  const cleanUp = () => {
    for (const s of staged) {
      tryUnlink(s.temp);
      if (s.backup) tryUnlink(s.backup);
    }
    for (const dir of madeDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty, or gone
      }
    }
  };
  try {
    for (const write of writes) {
      const dir = dirname(write.path);
      const made = mkdirSync(dir, { recursive: true });
      if (made) madeDirs.push(...dirsBetween(made, dir));
      const temp = join(dir, `.${basename(write.path)}.${tag}.tmp`);
      const mode = modeOf(write.path);
      const fd = openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode ?? 0o644);
      staged.push({ target: write.path, temp, replaced: false });
      try {
        if (mode !== undefined) fchmodSync(fd, mode); // the umask must not narrow the file's mode
        let offset = 0;
        while (offset < write.bytes.length) offset += writeSync(fd, write.bytes, offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    cleanUp();
    return failedAt(error);
  }
  try {
    for (const s of staged) {
      if (existsFile(s.target)) {
        s.backup = join(dirname(s.target), `.${basename(s.target)}.${tag}.bak`);
        try {
          linkSync(s.target, s.backup);
        } catch {
          copyFileSync(s.target, s.backup); // a file system without hard links
        }
      }
      renameSync(s.temp, s.target);
      s.replaced = true;
    }
  } catch (error) {
    for (const s of staged.filter((x) => x.replaced).reverse()) {
      try {
        if (s.backup) renameSync(s.backup, s.target);
        else unlinkSync(s.target);
        s.backup = undefined;
      } catch {
        // best effort: the backup stays beside the file, named .<file>.<pid>.<tag>.bak
      }
    }
    cleanUp();
    return failedAt(error);
  }
  for (const s of staged) if (s.backup) tryUnlink(s.backup);
  syncDirs(staged.map((s) => dirname(s.target)));
  return undefined;
}

function failedAt(error: unknown): string {
  // a rename's error names its source (the temp file): the file the reader knows is its destination
  const { path: source, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const path = dest ?? source;
  return `${path ? `${path}: ` : ""}${describeFsError(error)}`;
}

function dirsBetween(top: string, deepest: string): string[] {
  const out: string[] = [];
  for (let d = deepest; d.length >= top.length; d = dirname(d)) {
    out.unshift(d);
    if (d === top) break;
  }
  return out;
}

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function existsFile(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A rename is durable once its folder is synced; not every platform can open a folder. */
function syncDirs(dirs: readonly string[]): void {
  for (const dir of new Set(dirs)) {
    try {
      const fd = openSync(dir, constants.O_RDONLY);
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // not supported here
    }
  }
}
