/**
 * repolinter 0.12 (the npm peer for file checks) against a cold `collect` (issue 8: collect,
 * which also reads the history, at least 3× faster than repolinter's sum on the same three
 * repositories).
 *
 *   npm run build && node_modules/.bin/tsx bench/repolinter-bench.ts [--rounds N] [--reinstall] [--baseline CHECKOUT]
 *     [owner/name …]
 *
 * Installs repolinter@0.12 with npm into a folder of the temp directory (once; about 20 s),
 * makes a work tree of each snapshot ($MIRROR_DIR/<owner>+<name>/repo, default
 * virtual-kubelet, containerd and moby) with `git archive HEAD | tar -x`, then in each round
 * runs `repolinter lint` with its default ruleset on each work tree, and `upstream collect
 * --json` of the three snapshots in one process with an empty cache (through the built CLI, as
 * bench/snapshot-bench.ts does). Printed: each time, repolinter's sum, and the ratio of the sum
 * to collect (median of rounds) against the 3× target, with the load average. `--baseline`
 * names another checkout with a build whose collect runs in each round too.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  childrenCpuMs,
  coldCollect,
  loadAverage,
  median,
  requireBuild,
  snapshotCatalog,
  snapshotDir,
} from "./snapshots.js";

const TARGET_RATIO = 3;
const VERSION = "0.12";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "3" },
    reinstall: { type: "boolean", default: false },
    baseline: { type: "string" },
  },
});
const rounds = Number(values.rounds);
const repositories = positionals.length
  ? positionals
  : ["virtual-kubelet/virtual-kubelet", "containerd/containerd", "moby/moby"];
const baseline = values.baseline;
requireBuild();
if (baseline) requireBuild(baseline);
for (const r of repositories)
  if (!existsSync(snapshotDir(r))) {
    process.stderr.write(`no snapshot of ${r} at ${snapshotDir(r)}\n`);
    process.exit(1);
  }

/** repolinter installed with npm into a temp folder (kept for the next run), and its command. */
function installRepolinter(): string {
  const prefix = join(tmpdir(), `upstream-bench-repolinter-${VERSION}`);
  const bin = join(prefix, "node_modules", ".bin", "repolinter");
  if (existsSync(bin) && !values.reinstall) return bin;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const start = performance.now();
  process.stderr.write(`installing repolinter@${VERSION} into ${prefix} …\n`);
  const r = spawnSync(
    "npm",
    ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", `repolinter@${VERSION}`],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`npm install repolinter@${VERSION} failed`);
  process.stderr.write(`installed in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return bin;
}

/** A work tree of the snapshot's HEAD (`git archive | tar -x`), kept by commit for the next run. */
async function workTree(repository: string): Promise<string> {
  const gitDir = snapshotDir(repository);
  const head = spawnSync("git", ["--git-dir", gitDir, "rev-parse", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const dir = join(tmpdir(), `upstream-bench-worktree-${repository.replace("/", "+")}-${head.slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const archive = spawn("git", ["--git-dir", gitDir, "archive", "--end-of-options", head], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tar = spawn("tar", ["-x", "-C", temp], { stdio: ["pipe", "inherit", "inherit"] });
  archive.stdout.pipe(tar.stdin);
  const exit = (c: ReturnType<typeof spawn>) => new Promise<number | null>((r) => c.on("close", r));
  const [a, t] = await Promise.all([exit(archive), exit(tar)]);
  if (a !== 0 || t !== 0) throw new Error(`git archive | tar failed for ${repository} (${a}, ${t})`);
  renameSync(temp, dir);
  return dir;
}

/** Wall time of `repolinter lint DIR` (exit 1 means rules failed, which is an answer too). */
function timeRepolinter(bin: string, dir: string): { ms: number; cpuMs: number } {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(bin, ["lint", dir], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`repolinter exited ${r.status} on ${dir}: ${r.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - cpu };
}

const bin = installRepolinter();
const trees = await Promise.all(repositories.map(workTree));
const { dir, cleanup } = snapshotCatalog(repositories);
try {
  const loadBefore = loadAverage();
  timeRepolinter(bin, trees[0]!); // warm-up: repolinter's own modules into the page cache
  coldCollect(dir);
  const linted: number[][] = repositories.map(() => []);
  const sums: number[] = [];
  const cpuSums: number[] = [];
  const collectCpu: number[] = [];
  const collects: number[] = [];
  const before: number[] = [];
  const rss: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let sum = 0;
    let cpuSum = 0;
    trees.forEach((tree, i) => {
      const { ms, cpuMs } = timeRepolinter(bin, tree);
      linted[i]!.push(ms);
      sum += ms;
      cpuSum += cpuMs;
    });
    sums.push(sum);
    cpuSums.push(cpuSum);
    if (baseline) before.push(coldCollect(dir, baseline).ms);
    const run = coldCollect(dir);
    const failures = run.evidence.flatMap((p) => p.failures);
    if (failures.length) throw new Error(`collect failed: ${JSON.stringify(failures)}`);
    collects.push(run.ms);
    collectCpu.push(run.cpuMs);
    rss.push(run.maxRssMb);
  }
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = median(sums.map((s, i) => s / collects[i]!));
  process.stdout.write(
    [
      `repolinter ${VERSION} (default ruleset) vs a cold collect of the same snapshots; ${rounds} rounds; ` +
        `load average ${loadBefore} → ${loadAverage()}`,
      ...repositories.map(
        (r, i) => `  repolinter ${r.padEnd(34)} ${fmt(median(linted[i]!))} (${linted[i]!.map(fmt).join(", ")})`,
      ),
      `  repolinter, sum${" ".repeat(31)}${fmt(median(sums))} (${sums.map(fmt).join(", ")})`,
      `  collect, the ${repositories.length} in one process${" ".repeat(20)}${fmt(median(collects))} ` +
        `(${collects.map(fmt).join(", ")}), peak RSS ${Math.max(...rss).toFixed(0)} MB`,
      ...(baseline
        ? [
            `  baseline collect${" ".repeat(30)}${fmt(median(before))} (${before.map(fmt).join(", ")}), ${baseline}; ` +
              `after / baseline ${median(collects.map((c, i) => c / before[i]!)).toFixed(2)}×`,
          ]
        : []),
      `  repolinter / collect  ${ratio.toFixed(2)}× (median of rounds); target ≥ ${TARGET_RATIO}×: ` +
        `${ratio >= TARGET_RATIO ? "OK" : "MISSED"}`,
      `  CPU time             repolinter ${fmt(median(cpuSums))}, collect ${fmt(median(collectCpu))} ` +
        `(with its git processes): ${median(cpuSums.map((s, i) => s / collectCpu[i]!)).toFixed(2)}×`,
      "",
    ].join("\n"),
  );
  if (ratio < TARGET_RATIO) process.exitCode = 1;
} finally {
  cleanup();
}
