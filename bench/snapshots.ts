/**
 * Helpers the real-snapshot benches share: a catalog naming snapshots by their GitHub URLs
 * through a mirror (as scripts/real-repos.ts runs them), a cold `collect` of it through the
 * shipped CLI in its own process (wall time and peak RSS), the collector's exact bare
 * `git log` beside it, medians and the load average.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gitLogArgs } from "../src/evidence/git-log-reader.js";
import { gitArgs, gitEnv } from "../src/evidence/run-git.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MIRROR_DIR = process.env.MIRROR_DIR ?? "/work/.mirror";

/** The bare git directory of a snapshot, `owner/name` → `$MIRROR_DIR/owner+name/repo`. */
export function snapshotDir(repository: string): string {
  return join(MIRROR_DIR, repository.replace("/", "+"), "repo");
}

/** Stop with a message unless the build in `root`/dist/ is there (the benches time the shipped CLI). */
export function requireBuild(root = ROOT): void {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) {
    process.stderr.write(`no build in ${root}/dist/: run \`npm run build\` there first\n`);
    process.exit(1);
  }
}

export function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/**
 * CPU time (user + system, ms) of this process's children that have ended, their own
 * children included (Linux adds a reaped process's times to its parent's). The delta around
 * a spawnSync is the CPU the whole process tree used: a figure other load on the machine
 * barely moves, unlike wall time. NaN where /proc is missing.
 */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (100 per second)
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A folder with `upstream.yaml` listing one project per snapshot, by its GitHub URL, and a
 * mirror farm mapping https://github.com/ to the snapshots. `cleanup` removes it.
 */
export function snapshotCatalog(repositories: readonly string[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "upstream-snapshot-bench-"));
  const farm = join(dir, "mirror");
  const projects = repositories.map((repository, i) => {
    const [owner, name] = repository.split("/") as [string, string];
    mkdirSync(join(farm, owner), { recursive: true });
    if (!existsSync(join(farm, owner, name))) symlinkSync(snapshotDir(repository), join(farm, owner, name));
    const url = JSON.stringify(`https://github.com/${repository}`);
    return `  - {id: p${i}-${name}, name: ${JSON.stringify(name)}, persona: p, repositories: [${url}]}`;
  });
  writeFileSync(
    join(dir, "upstream.yaml"),
    `apiVersion: upstream/v1\nprogram:\n  name: Snapshot bench\n  mirrors: {"https://github.com/": ` +
      `${JSON.stringify(farm + "/")}}\npersonas: [{id: p, title: Projects}]\nprojects:\n${projects.join("\n")}\n`,
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A folder with `upstream.yaml` listing one project, the repository at `gitPath` (a local path). */
export function localCatalog(gitPath: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "upstream-local-bench-"));
  writeFileSync(
    join(dir, "upstream.yaml"),
    `apiVersion: upstream/v1\nprogram:\n  name: Local bench\npersonas: [{id: p, title: Projects}]\nprojects:\n` +
      `  - {id: local, name: local, persona: p, repositories: [${JSON.stringify(resolve(gitPath))}]}\n`,
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Prints the process's peak RSS on exit, so a child reports its own (git's processes apart).
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nupstream-bench-maxrss-kb '+" +
  "process.resourceUsage().maxRSS+'\\n'))";

export interface CollectRun {
  readonly ms: number;
  /** CPU of the process and its git processes. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  /** The evidence printed with --json. */
  readonly evidence: { repositories: { repository: string; history: { commits: number } }[]; failures: unknown[] }[];
}

/**
 * `upstream collect --json` of the catalog in `dir`, cold (an empty cache), in its own process;
 * `root` is the checkout whose CLI runs (another one's for a baseline).
 */
export function coldCollect(dir: string, root = ROOT): CollectRun {
  const cacheDir = mkdtempSync(join(tmpdir(), "upstream-snapshot-cache-"));
  // Cold: nor the store beside the catalog (collect keeps what it read there) may hold an earlier run's evidence.
  rmSync(join(dir, ".upstream"), { recursive: true, force: true });
  try {
    const env = { ...process.env };
    delete env.UPSTREAM_FROM_SOURCES;
    const cpu = childrenCpuMs();
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        REPORT_RSS,
        join(root, "bin", "upstream.js"),
        "collect",
        "--catalog",
        dir,
        "--cache-dir",
        cacheDir,
        "--json",
      ],
      { encoding: "utf8", env, maxBuffer: 1 << 28 },
    );
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpuMs = childrenCpuMs() - cpu;
    if (r.status !== 0) throw new Error(`collect exited ${r.status}: ${r.stderr}`);
    if (/running the sources through tsx/.test(r.stderr))
      throw new Error("the build in dist/ is older than src/: run `npm run build` first");
    const kb = Number(/upstream-bench-maxrss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    // `collect --json` prints { schemaVersion, projects }.
    const printed = JSON.parse(r.stdout) as { projects: CollectRun["evidence"] };
    return { ms, cpuMs, maxRssMb: kb / 1024, evidence: printed.projects };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Wall and CPU time of the collector's exact `git log` on a snapshot's HEAD, output to /dev/null. */
export function bareGitLog(gitDir: string): { ms: number; cpuMs: number } {
  const head = spawnSync("git", ["--git-dir", gitDir, "rev-parse", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const devNull = openSync("/dev/null", "w");
  try {
    const cpu = childrenCpuMs();
    const start = process.hrtime.bigint();
    const r = spawnSync("git", gitArgs(gitLogArgs(head, [head]), gitDir), {
      cwd: gitDir,
      env: gitEnv(),
      stdio: ["ignore", devNull, "inherit"],
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`git log exited ${r.status}`);
    return { ms, cpuMs: childrenCpuMs() - cpu };
  } finally {
    closeSync(devNull);
  }
}
