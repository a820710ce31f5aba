/**
 * A cold `collect` of real snapshots, whole process, through the shipped CLI, with the
 * collector's bare `git log` beside it (issue 8: moby under 1.0 s, peak RSS under 150 MB).
 *
 *   npm run build && node_modules/.bin/tsx bench/snapshot-bench.ts [owner/name …] [--pairs N] [--target-ms N]
 *     [--baseline CHECKOUT]
 *
 * Each snapshot (a bare repository at $MIRROR_DIR/<owner>+<name>/repo, default moby/moby) is
 * named in a catalog by its GitHub URL and mapped to the snapshot by a mirror, as
 * scripts/real-repos.ts does. Each pair times the bare `git log` (the exact command line the
 * collector runs, output to /dev/null), then `upstream collect --json` with an empty cache
 * in a fresh process (start-up, catalog, every git call, output). The machine's other load
 * hits both alike: the median of the pairs' ratios is printed with the load average.
 * `--baseline` names another checkout with a build (e.g. `git worktree add /tmp/base main`,
 * then `npm run build` there), whose collect runs in each round too, for a before/after ratio.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  bareGitLog,
  coldCollect,
  loadAverage,
  median,
  MIRROR_DIR,
  requireBuild,
  snapshotCatalog,
  snapshotDir,
} from "./snapshots.js";

const TARGET_MB = 150;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pairs: { type: "string", default: "5" },
    "target-ms": { type: "string", default: "1000" },
    baseline: { type: "string" },
  },
});
const pairs = Number(values.pairs);
const targetMs = Number(values["target-ms"]);
const repositories = positionals.length ? positionals : ["moby/moby"];
const baseline = values.baseline;
requireBuild();
if (baseline) requireBuild(baseline);

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
let missed = false;
for (const repository of repositories) {
  const gitDir = snapshotDir(repository);
  if (!existsSync(gitDir)) {
    process.stderr.write(`${repository}: no snapshot at ${gitDir} (MIRROR_DIR=${MIRROR_DIR}); skipped\n`);
    continue;
  }
  const { dir, cleanup } = snapshotCatalog([repository]);
  try {
    const loadBefore = loadAverage();
    bareGitLog(gitDir); // the page cache warmed once, for both sides
    const gits: number[] = [];
    const gitCpu: number[] = [];
    const collectCpu: number[] = [];
    const beforeCpu: number[] = [];
    const collects: number[] = [];
    const rss: number[] = [];
    const before: number[] = [];
    let commits = 0;
    for (let i = 0; i < pairs; i++) {
      const log = bareGitLog(gitDir);
      gits.push(log.ms);
      gitCpu.push(log.cpuMs);
      if (baseline) {
        const old = coldCollect(dir, baseline);
        before.push(old.ms);
        beforeCpu.push(old.cpuMs);
      }
      const run = coldCollect(dir);
      collects.push(run.ms);
      collectCpu.push(run.cpuMs);
      rss.push(run.maxRssMb);
      const project = run.evidence[0]!;
      if (project.failures.length) throw new Error(`${repository}: ${JSON.stringify(project.failures)}`);
      commits = project.repositories[0]!.history.commits;
    }
    const ratios = collects.map((c, i) => c / gits[i]!);
    const collectMs = median(collects);
    const peak = Math.max(...rss);
    const timeOk = collectMs < targetMs;
    const memoryOk = peak < TARGET_MB;
    missed ||= !timeOk || !memoryOk;
    process.stdout.write(
      [
        `${repository} (${commits} non-merge commits), ${pairs} pairs, load average ${loadBefore} → ${loadAverage()}`,
        `  bare git log      ${fmt(median(gits))} median (${gits.map(fmt).join(", ")})`,
        `  collect (cold)    ${fmt(collectMs)} median (${collects.map(fmt).join(", ")}), whole process`,
        `  ratio             ${median(ratios).toFixed(2)}× the bare git log (median of pairs)`,
        `  CPU time          collect ${fmt(median(collectCpu))} (node and its git processes), bare git log ` +
          `${fmt(median(gitCpu))}${baseline ? `, baseline collect ${fmt(median(beforeCpu))}` : ""} (medians)`,
        ...(baseline
          ? [
              `  baseline collect  ${fmt(median(before))} median (${before.map(fmt).join(", ")}), ${baseline}`,
              `  after / baseline  ${median(collects.map((c, i) => c / before[i]!)).toFixed(2)}× (median of rounds)`,
            ]
          : []),
        `  target            < ${fmt(targetMs)}: ${timeOk ? "OK" : "MISSED"} ` +
          `(${(collectMs / targetMs).toFixed(2)}× the target)`,
        `  peak RSS          ${peak.toFixed(0)} MB (node; git's own processes apart); target < ${TARGET_MB} MB: ` +
          `${memoryOk ? "OK" : "MISSED"}`,
        "",
      ].join("\n"),
    );
  } finally {
    cleanup();
  }
}
if (missed) process.exitCode = 1;
