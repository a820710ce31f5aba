/**
 * Benchmark of the store on both engines.
 *
 *   node_modules/.bin/tsx bench/store-bench.ts [--repositories 500] [--quarters 40] [--projects 2000]
 *     [--assessment-quarters 4] [--sqlite-only]
 *
 * Stores and reads back evidence snapshots of N repositories × Q quarters, then stores assessments
 * (the azcnu framework, every finding) of P projects on a few dates and times the portfolio summary
 * (each project's latest assessment) against the targets: 50 ms on SQLite, 100 ms on PostgreSQL.
 * PostgreSQL is the server UPSTREAM_TEST_DATABASE_URL names; without one the bench runs itself again
 * under scripts/with-postgres.sh, which starts a throwaway server.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProjectAssessment } from "../src/maturity/assessment.js";
import { assess, DEFAULT_FRAMEWORK_ALIASES, declaredState, loadFrameworks } from "../src/maturity/index.js";
import { bareRepository, project, projectEvidence, richRepository } from "../src/maturity/testing.js";
import { openStore, type Store, type StoreTarget } from "../src/store/index.js";
import { sampleEvidence, TEST_DATABASE_URL_VARIABLE, withPostgres } from "../src/store/testing.js";

const TARGET_MS = { sqlite: 50, postgres: 100 } as const;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const REPOSITORIES = option("repositories", 500);
const QUARTERS = option("quarters", 40);
const PROJECTS = option("projects", 2000);
const ASSESSMENT_QUARTERS = option("assessment-quarters", 4);
const SQLITE_ONLY = argv.includes("--sqlite-only");

if (!SQLITE_ONLY && !process.env[TEST_DATABASE_URL_VARIABLE]) {
  const again = spawnSync(
    "bash",
    [
      join(ROOT, "scripts", "with-postgres.sh"),
      process.execPath,
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      ...argv,
    ],
    { stdio: "inherit", cwd: ROOT },
  );
  process.exit(again.status ?? 1);
}

/** Quarter ends going back from 2026-09-30: 40 quarters is ten years. */
function quarterEnds(n: number): string[] {
  const ends: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const month = 9 - 3 * i; // months before 2026-09
    const date = new Date(Date.UTC(2026, month, 0)); // day 0 of the next month: the last day of this one
    ends.push(date.toISOString().slice(0, 10));
  }
  return ends;
}

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figures {
  engine: string;
  snapshots: number;
  bytesPerSnapshot: number;
  writeMs: number;
  readMs: number;
  latestLookupMs: number;
  assessments: number;
  assessmentWriteMs: number;
  summaryMs: number;
  summaryMaxMs: number;
  /** CPU time of this process per summary (the whole work for SQLite; the client's share for PostgreSQL). */
  summaryCpuMs: number;
  storeBytes: number;
}

async function bench(
  engine: "sqlite" | "postgres",
  target: StoreTarget,
  sizeOf: () => Promise<number>,
): Promise<Figures> {
  const store: Store = await openStore(target);
  const dates = quarterEnds(QUARTERS);
  const run = await store.beginRun({
    catalogRevision: "bench",
    toolVersion: "bench",
    asOf: dates.at(-1)!,
    repositories: [],
  });

  // Write: one transaction per 20 repositories (800 snapshots), as a collect of a big portfolio would.
  let bytes = 0;
  let writeMs = 0;
  for (let r = 0; r < REPOSITORIES; r += 20) {
    const batch = [];
    for (let i = r; i < Math.min(r + 20, REPOSITORIES); i++)
      for (const [q, asOf] of dates.entries()) batch.push({ evidence: sampleEvidence(`repo-${i}`, asOf, i * 100 + q) });
    bytes += batch.reduce((n, s) => n + JSON.stringify(s.evidence).length, 0);
    const start = process.hrtime.bigint();
    await store.putSnapshots(batch, { runId: run.id });
    writeMs += ms(start);
  }
  const snapshots = REPOSITORIES * QUARTERS;

  // Read back every snapshot, repository by repository (what `history` does).
  let start = process.hrtime.bigint();
  let read = 0;
  for (let i = 0; i < REPOSITORIES; i++) {
    const history = await store.snapshotHistory(`repo-${i}`);
    read += history.length;
    if (history.at(-1)?.evidence.history.commits !== 1000 + i * 100 + QUARTERS - 1)
      throw new Error(`repo-${i} reads back wrong`);
  }
  const readMs = ms(start);
  if (read !== snapshots) throw new Error(`read ${read} snapshots of ${snapshots}`);

  // The lookup a cached collect makes per repository: the latest snapshot as of a date.
  start = process.hrtime.bigint();
  for (let i = 0; i < REPOSITORIES; i++) await store.latestSnapshot(`repo-${i}`, { asOf: dates[QUARTERS >> 1] });
  const latestLookupMs = ms(start) / REPOSITORIES;

  // Assessments of P projects on the last few quarters, with every finding.
  const azcnu = (await loadFrameworks()).get("azcnu-v0.1")!;
  type Framed = ProjectAssessment & { framework: NonNullable<ProjectAssessment["framework"]> };
  const template = (asOf: string, rich: boolean): Framed => {
    const p = project({ id: "x", state: { framework: "Azure", level: "incubating" } });
    return assess({
      project: p,
      evidence: projectEvidence([rich ? richRepository() : bareRepository()], { project: "x", asOf }),
      framework: azcnu,
      declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
      program: {},
      asOf,
    }) as Framed;
  };
  const assessmentDates = dates.slice(-ASSESSMENT_QUARTERS);
  let assessmentWriteMs = 0;
  for (const asOf of assessmentDates) {
    const rich = template(asOf, true);
    const bare = template(asOf, false);
    const all = Array.from({ length: PROJECTS }, (_, i) => ({
      assessment: { ...(i % 3 ? rich : bare), project: `project-${String(i).padStart(5, "0")}`, name: `Project ${i}` },
    }));
    start = process.hrtime.bigint();
    await store.putAssessments(all, { runId: run.id });
    assessmentWriteMs += ms(start);
  }
  await store.finishRun(run.id, { failures: [] });

  // The summary: one warm-up, then the median of 15.
  const times: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < 16; k++) {
    const cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    const rows = await store.portfolioSummary();
    const t = ms(start);
    if (rows.length !== PROJECTS) throw new Error(`the summary has ${rows.length} rows, not ${PROJECTS}`);
    if (rows[0]!.asOf !== assessmentDates.at(-1)) throw new Error(`the summary is as of ${rows[0]!.asOf}`);
    const used = process.cpuUsage(cpu);
    if (k > 0) {
      times.push(t);
      cpus.push((used.user + used.system) / 1000);
    }
  }
  await store.close();
  return {
    engine,
    snapshots,
    bytesPerSnapshot: Math.round(bytes / snapshots),
    writeMs,
    readMs,
    latestLookupMs,
    assessments: PROJECTS * ASSESSMENT_QUARTERS,
    assessmentWriteMs,
    summaryMs: median(times),
    summaryMaxMs: Math.max(...times),
    summaryCpuMs: median(cpus),
    storeBytes: await sizeOf(),
  };
}

const results: Figures[] = [];
const dir = mkdtempSync(join(tmpdir(), "upstream-store-bench-"));
try {
  const file = join(dir, "portfolio.db");
  results.push(await bench("sqlite", { file }, async () => statSync(file).size));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const url = process.env[TEST_DATABASE_URL_VARIABLE];
if (!SQLITE_ONLY && url) {
  const schema = `bench_${process.pid}`;
  try {
    results.push(
      await bench("postgres", { url, schema }, () =>
        withPostgres(url, async (c) => {
          const { rows } = await c.query(
            "select coalesce(sum(pg_total_relation_size(format('%I.%I', table_schema, table_name))), 0) as n " +
              "from information_schema.tables where table_schema = $1",
            [schema],
          );
          return Number(rows[0].n);
        }),
      ),
    );
  } finally {
    await withPostgres(url, (c) => c.query(`drop schema if exists ${schema} cascade`));
  }
}

console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")} on ${cpus().length} cores (wall times grow with it)`,
);
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
let failed = false;
for (const f of results) {
  const target = TARGET_MS[f.engine as keyof typeof TARGET_MS];
  const ratio = f.summaryMs / target;
  failed ||= ratio > 1;
  console.log(`${f.engine}:`);
  console.log(
    `  evidence: ${f.snapshots} snapshots (${REPOSITORIES} repositories × ${QUARTERS} quarters, ` +
      `${(f.bytesPerSnapshot / 1024).toFixed(1)} KB each) written in ${(f.writeMs / 1000).toFixed(2)} s ` +
      `(${Math.round(f.snapshots / (f.writeMs / 1000))}/s), read back in ${(f.readMs / 1000).toFixed(2)} s ` +
      `(${Math.round(f.snapshots / (f.readMs / 1000))}/s)`,
  );
  console.log(`  latest snapshot of a repository as of a date: ${f.latestLookupMs.toFixed(2)} ms per lookup`);
  console.log(
    `  assessments: ${f.assessments} (${PROJECTS} projects × ${ASSESSMENT_QUARTERS} quarters, every finding) ` +
      `written in ${(f.assessmentWriteMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `  portfolio summary of ${PROJECTS} projects: ${f.summaryMs.toFixed(1)} ms median of 15 ` +
      `(max ${f.summaryMaxMs.toFixed(1)} ms, CPU ${f.summaryCpuMs.toFixed(1)} ms); ` +
      `target ${target} ms: ${ratio.toFixed(2)}× the target ` +
      `${ratio <= 1 ? "✓" : "✗"}`,
  );
  console.log(`  store size: ${mb(f.storeBytes)}`);
}
process.exitCode = failed ? 1 : 0;
