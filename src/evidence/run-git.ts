import { spawn } from "node:child_process";
import { escapeTerminalLine } from "../core/index.js";

/**
 * The one place that starts git. Arguments are always an array (never a shell), the
 * environment is cleaned of GIT_* variables that would redirect git to another repository,
 * and protocols that run commands (ext::) are refused.
 */

/** A git command that ended with a non-zero status. */
export class GitError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly args: readonly string[];
  constructor(args: readonly string[], exitCode: number | null, stderr: string) {
    super(`git ${commandName(args)} failed (exit ${exitCode}): ${gitCause(stderr)}`);
    this.name = "GitError";
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.args = args;
  }
}

/** The subcommand of a full argument list, past `-c key=value` and `--git-dir DIR`. */
function commandName(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-c" || args[i] === "--git-dir") i++;
    else return args[i]!;
  }
  return "";
}

/**
 * Lines of git's stderr that only frame the cause: progress, advice, and the boilerplate git
 * prints after an ssh failure. The cause is what is left, usually the last lines.
 */
const FRAMING = new RegExp(
  "^(?:cloning into|remote: (?:enumerating|counting|compressing|total)|receiving objects|resolving deltas|" +
    String.raw`hint:|please make sure you have the correct access rights|and the repository exists\.?$|` +
    "to add an exception for this directory, call:|warning: redirecting to)",
  "i",
);

/**
 * git's own words for why it failed: the last meaningful lines of stderr (up to three, oldest
 * first, joined with " / "), escaped, as they may quote a path or a remote's message.
 */
export function gitCause(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !FRAMING.test(l));
  return escapeTerminalLine(lines.slice(-3).join(" / ").slice(0, 500)) || "(no message)";
}

/** What to do about a git failure, by its cause; undefined when git's words are all there is. */
export function gitFailureHint(stderr: string): string | undefined {
  const dubious = /detected dubious ownership in repository at '([^'\n]*)'/i.exec(stderr);
  if (dubious)
    return (
      `the repository belongs to another user, and git refuses to read it for safety; if you ` +
      `trust it, run: git config --global --add safe.directory ${escapeTerminalLine(dubious[1]!)}`
    );
  if (/permission denied \(publickey/i.test(stderr))
    return (
      "the SSH server refused your key: check it with `ssh -T " +
      "git@<host>` (or load it into ssh-agent), or use the https:// URL"
    );
  if (/host key verification failed/i.test(stderr))
    return (
      "ssh does not know the server's host key: connect once with ssh to " +
      "accept it (or add it to ~/.ssh/known_hosts), or use the https:// URL"
    );
  if (/could not read (?:username|password)|authentication failed|terminal prompts disabled/i.test(stderr))
    return (
      "the server asks for credentials, and git may not prompt here: set " +
      "up a credential helper or token for this host, or use a public URL"
    );
  if (isMissingObject(stderr))
    return (
      "objects are missing from this clone (a partial clone, or a copy made without big files) " +
      "and git could not fetch them: fetch them with the network up, or read a full clone"
    );
  return undefined;
}

const BATCH_BYTES = 32 * 1024;

/** Options every git call gets: UTF-8 output, no pager, no prompts, no command-running transports. */
const BASE_CONFIG = [
  "-c",
  "i18n.logOutputEncoding=UTF-8",
  "-c",
  "core.quotePath=false",
  "-c",
  "protocol.ext.allow=never",
  "-c",
  "log.showSignature=false",
];

/** Environment without the GIT_* variables that would point git elsewhere. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) env[k] = v;
  // Never block on a credential prompt; never page.
  // GIT_FLUSH=0: without it git flushes stdout after every commit when writing to a pipe,
  // one write per commit, which makes `git log` into node ~40% slower than into a file.
  return { ...env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", GIT_FLUSH: "0", LC_ALL: "C", ...extra };
}

export interface GitOptions {
  /** The repository's git directory; omitted for commands that do not need one (clone). */
  readonly gitDir?: string;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Stop reading after this many bytes of stdout (the process is then killed). */
  readonly maxBytes?: number;
  /** Kills the process when aborted (a read started early and no longer wanted). */
  readonly signal?: AbortSignal;
}

/** Full argument list for `git`, with the base configuration and `--git-dir`. */
export function gitArgs(args: readonly string[], gitDir?: string): string[] {
  return [...BASE_CONFIG, ...(gitDir ? ["--git-dir", gitDir] : []), ...args];
}

export interface GitResult {
  readonly stdout: Buffer;
  /** True when output was cut at `maxBytes`. */
  readonly truncated: boolean;
}

/** Run git and collect its (small) output. Rejects with `GitError` on a non-zero exit. */
export function runGit(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const full = gitArgs(args, options.gitDir);
    const child = spawn("git", full, {
      cwd: options.cwd ?? options.gitDir ?? process.cwd(),
      env: gitEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => {
      if (truncated) return;
      if (options.maxBytes !== undefined && size + c.length > options.maxBytes) {
        chunks.push(c.subarray(0, options.maxBytes - size));
        size = options.maxBytes;
        truncated = true;
        child.kill();
        return;
      }
      chunks.push(c);
      size += c.length;
    });
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", (e) => reject(e));
    child.on("close", (code) => {
      if (code === 0 || truncated) resolve({ stdout: Buffer.concat(chunks), truncated });
      else reject(new GitError(full, code, Buffer.concat(err).toString("utf8")));
    });
  });
}

/** Run git and return trimmed stdout as text. */
export async function gitText(args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await runGit(args, options)).stdout.toString("utf8").trim();
}

/**
 * Run git and hand each stdout chunk to `onChunk` as it arrives, so a whole history is
 * never held in memory. Resolves when git exits successfully.
 */
export function streamGit(
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
  options: GitOptions = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const full = gitArgs(args, options.gitDir);
    const child = spawn("git", full, {
      cwd: options.cwd ?? options.gitDir ?? process.cwd(),
      env: gitEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const err: Buffer[] = [];
    let failed: unknown;
    child.stdout.on("data", (c: Buffer) => {
      if (failed) return;
      try {
        onChunk(c);
      } catch (e) {
        failed = e;
        child.kill();
        return;
      }
      // git writes 4 KiB at a time; handling each write as it lands costs more than the
      // parsing. A short pause lets the pipe fill (it holds 64 KiB, ~3 ms of git log), so
      // each read takes a larger piece.
      if (c.length < BATCH_BYTES) {
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 1);
      }
    });
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", (e) => reject(e));
    child.on("close", (code) => {
      if (failed) reject(failed);
      else if (code === 0) resolve();
      else reject(new GitError(full, code, Buffer.concat(err).toString("utf8")));
    });
  });
}

const MISSING_OBJECT = new RegExp(
  "promisor remote|missing blob|could not fetch [0-9a-f]{7,}|unable to read [0-9a-f]{7,}|" +
    "cat-file [0-9a-f]{7,}: bad file|could not get object info",
  "i",
);

/** Whether git's stderr says an object is missing from the clone (a partial clone, a copy without big files). */
export function isMissingObject(stderr: string): boolean {
  return MISSING_OBJECT.test(stderr);
}
