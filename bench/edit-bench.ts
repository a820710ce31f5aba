/**
 * How long the catalog editor takes on the bundled example (19 projects, 660 lines): a review's
 * outcome (a level changed, an announcement added) opened, spliced, validated by the loader,
 * written under the lock; median of runs, in one process (after a warm-up run).
 *
 *   node_modules/.bin/tsx bench/edit-bench.ts [--runs N]
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { editCatalog } from "../src/catalog/index.js";
import { PACKAGE_ROOT } from "../src/cli/shared.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), "edit-bench-"));
const times: number[] = [];
try {
  for (let run = 0; run <= runs; run++) {
    const file = join(dir, `upstream-${run}.yaml`);
    copyFileSync(join(PACKAGE_ROOT, "examples/azure-container-compute/upstream.yaml"), file);
    const started = performance.now();
    const r = await editCatalog(file, [
      { op: "set", project: "aks-engine", path: ["state", "level"], value: "graduated" },
      {
        op: "append",
        path: ["announcements"],
        value: { date: "2026-10-01", project: "aks-engine", announcement: "AKS Engine graduates" },
      },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    if (run > 0) times.push(performance.now() - started); // run 0 warms up
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
process.stdout.write(
  `edit of the bundled example (2 edits, validate, lock, write): median ${times[times.length >> 1]!.toFixed(0)} ms ` +
    `of ${runs} runs (min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)})\n`,
);
