import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Fixture builders for evidence tests: real git repositories written with `git fast-import`
 * (deterministic ids, any author bytes, encodings, symlinks), in temp folders.
 */

export interface FixtureCommit {
  /** `Name <email>`, or raw bytes for names that are not valid UTF-8. @default "Ann <ann@acme.io>" */
  readonly author?: string | Buffer;
  /** YYYY-MM-DD or a full ISO date-time (UTC). */
  readonly date: string;
  readonly message?: string | Buffer;
  /** Path → content; `{ symlink }` makes a symlink. */
  readonly files?: Readonly<Record<string, string | Buffer | { symlink: string }>>;
  /** Branch to commit on. @default "main" */
  readonly branch?: string;
  /** Index of the parent commit when starting a branch. */
  readonly from?: number;
  /** Index of a commit to merge in (makes a merge commit). */
  readonly merge?: number;
  /** Encoding header for a message and names written in that encoding. */
  readonly encoding?: string;
  /** Lightweight tag at this commit. */
  readonly tag?: string;
  /**
   * The author's and committer's UTC offset as git writes it (`-0500`); the date stays the same instant. @default
   * "+0000"
   */
  readonly timezone?: string;
}

/** A temp folder removed by the returned function. */
export function tempDir(prefix = "upstream-ev-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run git in `cwd`; throws with stderr on failure. */
export function git(cwd: string, args: readonly string[], input?: Buffer | string): string {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) env[k] = v;
  const r = spawnSync("git", ["-c", "user.name=Fixture", "-c", "user.email=fixture@example.org", ...args], {
    cwd,
    input,
    env,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

function unix(date: string): number {
  return Math.floor(Date.parse(date.length === 10 ? date + "T12:00:00Z" : date) / 1000);
}

function data(parts: Buffer[], content: string | Buffer): void {
  const b = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  parts.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from("\n"));
}

/**
 * Create a repository at `dir` (made with `git init`) holding `commits`, and return their ids.
 *
 * @example
 * const ids = buildRepo(dir, [{ date: "2020-01-01", files: { LICENSE: "MIT" } }]);
 */
export function buildRepo(dir: string, commits: readonly FixtureCommit[], options: { bare?: boolean } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main", ...(options.bare ? ["--bare"] : [])]);
  if (commits.length === 0) return [];
  const parts: Buffer[] = [];
  const lastOnBranch = new Map<string, number>();
  commits.forEach((c, i) => {
    const mark = i + 1;
    const branch = c.branch ?? "main";
    const who = c.author ?? "Ann <ann@acme.io>";
    const when = ` ${unix(c.date)} ${c.timezone ?? "+0000"}\n`;
    parts.push(Buffer.from(`commit refs/heads/${branch}\nmark :${mark}\n`));
    parts.push(Buffer.from("author "), typeof who === "string" ? Buffer.from(who) : who, Buffer.from(when));
    parts.push(Buffer.from("committer "), typeof who === "string" ? Buffer.from(who) : who, Buffer.from(when));
    if (c.encoding) parts.push(Buffer.from(`encoding ${c.encoding}\n`));
    data(parts, c.message ?? `commit ${i}`);
    if (c.from !== undefined && !lastOnBranch.has(branch)) parts.push(Buffer.from(`from :${c.from + 1}\n`));
    if (c.merge !== undefined) parts.push(Buffer.from(`merge :${c.merge + 1}\n`));
    for (const [path, content] of Object.entries(c.files ?? {})) {
      if (typeof content === "object" && !Buffer.isBuffer(content)) {
        parts.push(Buffer.from(`M 120000 inline ${path}\n`));
        data(parts, content.symlink);
      } else {
        parts.push(Buffer.from(`M 100644 inline ${path}\n`));
        data(parts, content);
      }
    }
    parts.push(Buffer.from("\n"));
    if (c.tag) parts.push(Buffer.from(`reset refs/tags/${c.tag}\nfrom :${mark}\n\n`));
    lastOnBranch.set(branch, i);
  });
  const marks = join(dir, options.bare ? "" : ".git", "fixture-marks");
  git(dir, ["fast-import", "--quiet", `--export-marks=${marks}`], Buffer.concat(parts));
  const byMark = new Map(
    readFileSync(marks, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" ") as [string, string]),
  );
  return commits.map((_, i) => byMark.get(`:${i + 1}`)!);
}
