/**
 * A child process for the store's reliability tests: one collection run that writes evidence
 * snapshots (and an assessment per repository) in batches, as a collect would.
 *
 *   tsx src/store/testing-writer.ts '<json WriterJob>'
 *
 * Prints `batch B written N/T` as rows are written (inside each batch's transaction) and `done`
 * at the end. With `pauseAt`, it stops for a while once batch B has N rows written, so a test
 * can kill it there, in the middle of a transaction.
 */
import { assess, DEFAULT_FRAMEWORK_ALIASES, declaredState, loadFrameworks } from "../maturity/index.js";
import { project, projectEvidence } from "../maturity/testing.js";
import { openStore, type StoreTarget } from "./index.js";
import { sampleEvidence } from "./testing.js";

export interface WriterJob {
  readonly target: StoreTarget;
  /** Repositories `r<from>` … `r<to - 1>`. */
  readonly from: number;
  readonly to: number;
  readonly dates: readonly string[];
  /** Snapshots per transaction. */
  readonly batch: number;
  readonly pauseAt?: { readonly batch: number; readonly written: number; readonly ms: number };
}

const job = JSON.parse(process.argv[2] ?? "{}") as WriterJob;
const store = await openStore(job.target);
const names = Array.from({ length: job.to - job.from }, (_, i) => `r${job.from + i}`);
const run = await store.beginRun({
  catalogRevision: "test",
  toolVersion: "0.0.0-test",
  asOf: job.dates.at(-1)!,
  repositories: names,
});
const snapshots = names.flatMap((name, i) =>
  job.dates.map((asOf, d) => ({ evidence: sampleEvidence(name, asOf, (job.from + i) * 100 + d) })),
);
const azcnu = (await loadFrameworks()).get("azcnu-v0.1")!;
for (let b = 0, start = 0; start < snapshots.length; b++, start += job.batch) {
  await store.putSnapshots(snapshots.slice(start, start + job.batch), {
    runId: run.id,
    onProgress(written, total) {
      process.stdout.write(`batch ${b} written ${written}/${total}\n`);
      const pause = job.pauseAt;
      if (pause && pause.batch === b && written >= pause.written)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause.ms); // the test kills us here
    },
  });
}
// One assessment per repository's project, all in one transaction.
const assessments = names.map((name) => {
  const p = project({ id: name, name, repositories: [name], state: { framework: "Azure", level: "sandbox" } });
  const asOf = job.dates.at(-1)!;
  const evidence = projectEvidence([sampleEvidence(name, asOf, 1)], { project: name, asOf });
  const a = assess({
    project: p,
    evidence,
    framework: azcnu,
    declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
    program: {},
    asOf,
  });
  return { assessment: a as typeof a & { framework: NonNullable<typeof a.framework> } };
});
await store.putAssessments(assessments, { runId: run.id });
await store.finishRun(run.id, { failures: [] });
await store.close();
process.stdout.write("done\n");
