/**
 * Benchmark of `history backfill` against one cold collect of the same repository.
 *
 *   node_modules/.bin/tsx bench/backfill-bench.ts [repoPath] [--quarters N] [--rounds N] [--no-store]
 *
 * Default: the moby snapshot (/work/.mirror/moby+moby/repo), 40 quarters ending with the last one ended before
 * the repository's last commit. Each round (5 by default) times, in this process, one cold collect (no cache) at
 * HEAD, then the evidence of every quarter end through one `openPastHistory` (one pass over history), stored in a
 * temp SQLite store as the command stores it; it prints both (wall and CPU) per round, and the median of the rounds'
 * ratios against the 3× target, with the load average (the machine's other load moves single runs by ±20%).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { periodEnds } from "../src/app/index.js";
import { collectProjectsEvidence, openPastHistory } from "../src/evidence/index.js";
import { gitText } from "../src/evidence/run-git.js";
import { openStore } from "../src/store/index.js";

const TARGET_RATIO = 3;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repo = resolve(
  args.find((a, i) => !a.startsWith("--") && !["--quarters", "--rounds"].includes(args[i - 1] ?? "")) ??
    "/work/.mirror/moby+moby/repo",
);
const quarters = Number(flag("--quarters") ?? 40);
const rounds = Number(flag("--rounds") ?? 5);
const withStore = !args.includes("--no-store");

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const wall = performance.now();
  const cpu = cpuMs();
  const value = await work();
  return { value, wallMs: performance.now() - wall, cpuMs: cpuMs() - cpu };
}

const project = { id: "bench", repositories: [repo] };
const last = (await gitText(["log", "-1", "--format=%cs", "HEAD"], { gitDir: repo })).trim();
const lastYear = Number(last.slice(0, 4));
const ends = periodEnds(`${lastYear - 11}-01-01`, last, "quarter").slice(-quarters);
const dir = mkdtempSync(join(tmpdir(), "upstream-backfill-bench-"));
try {
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(
    `repository ${repo}: ${ends.length} quarters ${ends[0]} … ${ends.at(-1)}; ${rounds} rounds; ` +
      `load average ${load()}`,
  );
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const ratios: number[] = [];
  const colds: number[] = [];
  const backfills: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const cold = await timed(() => collectProjectsEvidence([project], { baseDir: dir, useCache: false }));
    if (cold.value[0]!.failures.length) throw new Error(cold.value[0]!.failures[0]!.message);
    const store = withStore ? await openStore({ file: join(dir, `bench-${round}.db`) }) : undefined;
    const backfill = await timed(async () => {
      const pastHistory = openPastHistory({ dates: ends });
      let snapshots = 0;
      for (const asOf of ends) {
        const [evidence] = await collectProjectsEvidence([project], {
          baseDir: dir,
          asOf,
          useCache: false,
          pastHistory,
        });
        if (evidence!.failures.length) throw new Error(`${asOf}: ${evidence!.failures[0]!.message}`);
        await store?.putSnapshots(evidence!.repositories.map((e) => ({ evidence: e, fingerprint: "bench" })));
        snapshots += evidence!.repositories.length;
      }
      pastHistory.close();
      return snapshots;
    });
    await store?.close();
    ratios.push(backfill.wallMs / cold.wallMs);
    colds.push(cold.wallMs);
    backfills.push(backfill.wallMs);
    console.log(
      `round ${round}: cold collect ${seconds(cold.wallMs)} wall, ${seconds(cold.cpuMs)} CPU; backfill ` +
        `${seconds(backfill.wallMs)} wall, ${seconds(backfill.cpuMs)} CPU, ${backfill.value} snapshots` +
        `${withStore ? " stored in SQLite" : " (not stored)"}; ratio ${ratios.at(-1)!.toFixed(2)}×`,
    );
  }
  const median = (xs: readonly number[]): number => {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const ratio = median(ratios);
  console.log(
    `median: cold collect ${seconds(median(colds))}, backfill ${seconds(median(backfills))}; ratio ` +
      `${ratio.toFixed(2)}× one cold collect (median of rounds; target < ${TARGET_RATIO}×): ` +
      `${ratio < TARGET_RATIO ? "met" : "NOT met"}; load average ${load()}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
