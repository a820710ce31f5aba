/**
 * Whether a backfill on real repositories gives, for every date, what a read of that date alone gives: a backfill
 * carries each date's aggregates on to the next (and reads again only the people a new `.mailmap` maps otherwise),
 * so this compares, per snapshot, the evidence of the last 40 quarter ends read in one backfill with each of them
 * read by a fresh past history. Prints SAME, or the first date and field that differ, per snapshot; exits 1 on a
 * difference. Snapshots are bare git dirs at $MIRROR_DIR/<owner>+<name>/repo (absent ones are skipped).
 *
 *   npm run backfill-check                         # moby/moby
 *   npm run backfill-check -- prometheus/prometheus etcd-io/etcd --quarters 12
 *   npm run backfill-check -- moby/moby --affiliations developers_affiliations1.txt
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { periodEnds } from "../src/app/index.js";
import { collectProjectsEvidence, loadAffiliations, openPastHistory } from "../src/evidence/index.js";
import { gitText } from "../src/evidence/run-git.js";
import { snapshotDir } from "../bench/snapshots.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { quarters: { type: "string", default: "40" }, affiliations: { type: "string", multiple: true } },
});
const repositories = positionals.length ? positionals : ["moby/moby"];
const quarters = Number(values.quarters);
// One set of rules for every date, as `history backfill` passes them.
const rules = values.affiliations?.length ? loadAffiliations(values.affiliations).rules : undefined;

/** The first path (a.b[2].c) where two JSON values differ (key order counts, as it does in the JSON), or undefined. */
function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  const here = at || "(the whole value)";
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b ? undefined : here;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (const key of new Set([...keysA, ...keysB])) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      Array.isArray(a) ? `${at}[${key}]` : at ? `${at}.${key}` : key,
    );
    if (found) return found;
  }
  return keysA.join("\0") === keysB.join("\0") && Array.isArray(a) === Array.isArray(b) ? undefined : here;
}

let differed = false;
const dir = mkdtempSync(join(tmpdir(), "upstream-backfill-check-"));
try {
  for (const repository of repositories) {
    const gitDir = snapshotDir(repository);
    if (!existsSync(gitDir)) {
      console.log(`${repository}: no snapshot at ${gitDir}, skipped`);
      continue;
    }
    const last = (await gitText(["log", "-1", "--format=%cs", "HEAD"], { gitDir })).trim();
    const dates = periodEnds(`${Number(last.slice(0, 4)) - 11}-01-01`, last, "quarter").slice(-quarters);
    const project = { id: "check", repositories: [gitDir] };
    const options = { baseDir: dir, useCache: false, ...(rules ? { rules } : {}) };
    const carried = openPastHistory({ dates });
    let difference: string | undefined;
    for (const asOf of dates) {
      const [backfilled] = await collectProjectsEvidence([project], { ...options, asOf, pastHistory: carried });
      const alone = openPastHistory();
      const [fresh] = await collectProjectsEvidence([project], { ...options, asOf, pastHistory: alone });
      alone.close();
      const where = firstDifference(backfilled, fresh);
      if (where) {
        difference = `${asOf}: ${where}`;
        break;
      }
    }
    carried.close();
    console.log(`${repository}: ${dates.length} quarters ${dates[0]} … ${dates.at(-1)}: ${difference ?? "SAME"}`);
    if (difference) differed = true;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = differed ? 1 : 0;
