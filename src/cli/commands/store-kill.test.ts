import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { buildRepo, type FixtureCommit, tempDir } from "../../evidence/testing.js";
import { openStore } from "../../store/index.js";
import { PACKAGE_ROOT } from "../shared.js";
import { UPSTREAM_BIN } from "../testing.js";

// GIVEN a catalog of 12 real git repositories and the real CLI in a child process WHEN `collect` or `history backfill`
// is killed with SIGKILL once the store shows its first repository (collect) or first date (backfill) landed THEN the
// SQLite file passes `PRAGMA integrity_check`, holds no half snapshot, and the same command run again finishes the
// work: the store then holds what an uninterrupted run's store holds, compared by content.

const REPOSITORIES = 12;
const AS_OF = "2020-12-31";

/** A few hundred commits a repository, by a handful of people, over 2015–2020. */
function history(r: number): FixtureCommit[] {
  const commits: FixtureCommit[] = [];
  for (let i = 0; i < 240; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 8 * 86400_000).toISOString().slice(0, 10);
    const who = (i * 7 + r) % 5;
    commits.push({
      date: day,
      author: `Dev ${who} <dev${who}@org${who % 3}.example>`,
      files: { [`src/f${i % 20}.txt`]: `r${r} change ${i}\n`, ...(i === 0 ? { LICENSE: "MIT License\n" } : {}) },
      ...(i % 60 === 59 ? { tag: `v1.${i}.0` } : {}),
    });
  }
  return commits;
}

function catalogYaml(): string {
  const projects = Array.from(
    { length: REPOSITORIES },
    (_, r) => `  - { id: p${r}, name: P${r}, persona: ops, repositories: [repos/r${r}] }`,
  );
  const head = "apiVersion: upstream/v1\nprogram: { name: Kill }\npersonas: [{ id: ops, title: Ops }]\nprojects:\n";
  return `${head}${projects.join("\n")}\n`;
}

/** The real CLI, one process (the sources loaded in it, so the kill hits the process doing the work). */
function startUpstream(args: readonly string[]): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: PACKAGE_ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_FROM_SOURCES: "1" },
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

function runUpstreamToEnd(args: readonly string[]): void {
  const r = spawnSync(process.execPath, [UPSTREAM_BIN, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_FROM_SOURCES: "1" },
  });
  assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
}

const dbOf = (catalogDir: string) => join(catalogDir, ".upstream", "portfolio.db");

/** A count read from outside while the command writes; undefined while the file or table is not there yet. */
function countNow(catalogDir: string, sql: string): number | undefined {
  if (!existsSync(dbOf(catalogDir))) return undefined;
  try {
    const db = new Database(dbOf(catalogDir), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return undefined; // not migrated yet, or locked for a moment
  }
}

/** Kill the command with SIGKILL as soon as `sql` counts at least one row; the counts seen then. */
async function killWhenLanded(
  args: readonly string[],
  catalogDir: string,
  sql: string,
): Promise<{ seen: number; stderr: string }> {
  const run = startUpstream(args);
  let ended = false;
  void run.exited.then(() => (ended = true));
  for (;;) {
    const n = countNow(catalogDir, sql);
    if (n !== undefined && n > 0) {
      run.child.kill("SIGKILL");
      const { signal, code, stderr } = await run.exited;
      assert.equal(signal, "SIGKILL", `the command ended (exit ${code}) before it was killed: ${stderr}`);
      return { seen: n, stderr };
    }
    if (ended) {
      const { code, stderr } = await run.exited;
      assert.fail(`the command ended (exit ${code}) before its first write was seen: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Everything the store keeps, by content: no run ids or write times, the aggregates decoded. */
function contentOf(catalogDir: string): { snapshots: unknown[]; states: unknown[]; finishedRuns: unknown[] } {
  const db = new Database(dbOf(catalogDir), { readonly: true });
  try {
    const snapshots = db
      .prepare(
        "select repository, commit_id, as_of, fingerprint, commit_date, commits, contributors, elephant_factor, " +
          "releases_last_12_months, evidence from snapshots order by repository, commit_id, as_of",
      )
      .all();
    const states = (
      db
        .prepare(
          "select repository, commit_id, affiliations_hash, shallow, cache_version, entry, state, state_encoding " +
            "from history_states order by repository, commit_id, affiliations_hash, shallow",
        )
        .all() as { state: string; state_encoding: string }[]
    ).map(({ state, state_encoding, ...rest }) => ({
      ...rest,
      state: state_encoding === "json" ? state : gunzipSync(Buffer.from(state, "base64")).toString("utf8"),
    }));
    const finishedRuns = db
      .prepare("select as_of, tool_version, repositories, failures from runs where status = 'finished'")
      .all();
    return { snapshots, states, finishedRuns };
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check`, the store's own check, and every row whole. */
async function assertSound(catalogDir: string): Promise<void> {
  const db = new Database(dbOf(catalogDir), { readonly: true });
  try {
    assert.deepEqual(db.pragma("integrity_check"), [{ integrity_check: "ok" }]);
    const rows = db.prepare("select * from snapshots").all() as Record<string, unknown>[];
    for (const row of rows) {
      const evidence = JSON.parse(row.evidence as string) as { repository: string; commit: string; asOf: string };
      assert.deepEqual(
        [evidence.repository, evidence.commit, evidence.asOf],
        [row.repository, row.commit_id, row.as_of],
        "a snapshot row is its evidence",
      );
      assert.equal(typeof row.commits, "number", `${row.repository} as of ${row.as_of}: its figures are there`);
    }
    for (const run of db.prepare("select * from runs").all() as Record<string, unknown>[]) {
      assert.ok(["running", "finished"].includes(run.status as string));
      JSON.parse(run.repositories as string);
      JSON.parse(run.failures as string);
    }
  } finally {
    db.close();
  }
  const store = await openStore({ catalogDir });
  try {
    assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
  } finally {
    await store.close();
  }
}

describe("kill -9 of the real command, then the same command again", { timeout: 600_000 }, () => {
  let root: ReturnType<typeof tempDir>;
  /** Two catalogs over the same repositories: one killed and run again, one run once. */
  let killed: string;
  let whole: string;
  before(() => {
    root = tempDir("upstream-kill-");
    const repos = join(root.dir, "repos");
    for (let r = 0; r < REPOSITORIES; r++) buildRepo(join(repos, `r${r}`), history(r));
    for (const name of ["killed", "whole"]) {
      const dir = join(root.dir, name);
      mkdirSync(dir);
      writeFileSync(join(dir, "upstream.yaml"), catalogYaml());
      symlinkSync(repos, join(dir, "repos"));
    }
    killed = join(root.dir, "killed");
    whole = join(root.dir, "whole");
  });
  after(() => root.cleanup());

  it("collect: killed after its first repository's history landed; the rerun completes the store", async (t) => {
    const args = (dir: string) => ["collect", "--catalog", dir, "--as-of", AS_OF];
    runUpstreamToEnd(args(whole));
    const { seen } = await killWhenLanded(args(killed), killed, "select count(*) as n from history_states");
    assert.ok(seen < REPOSITORIES, `killed mid-collect (${seen} of ${REPOSITORIES} repositories read)`);
    t.diagnostic(`killed with ${seen} of ${REPOSITORIES} repositories' history stored`);
    await assertSound(killed);
    const partial = contentOf(killed);
    // the snapshots are stored in one transaction at the end: none of the killed run's, not half of them
    assert.deepEqual(partial.snapshots, []);
    assert.deepEqual(partial.finishedRuns, []);

    runUpstreamToEnd(args(killed));
    await assertSound(killed);
    const done = contentOf(killed);
    const expected = contentOf(whole);
    assert.equal(done.snapshots.length, REPOSITORIES);
    assert.deepEqual(done, expected);
  });

  it("history backfill: killed after its first date landed; the rerun completes every date", async (t) => {
    const args = (dir: string) => [
      "history",
      "backfill",
      "--catalog",
      dir,
      "--from",
      "2022-01-01",
      "--every",
      "quarter",
    ];
    runUpstreamToEnd(args(whole));
    const before = contentOf(killed).snapshots.length;
    const { seen } = await killWhenLanded(args(killed), killed, `select count(*) - ${before} as n from snapshots`);
    await assertSound(killed);
    // each date is one transaction: a date is there for every repository, or not at all
    const db = new Database(dbOf(killed), { readonly: true });
    const perDate = db
      .prepare("select as_of, count(*) as n from snapshots where as_of <> ? group by as_of")
      .all(AS_OF) as { as_of: string; n: number }[];
    db.close();
    const total = contentOf(whole).snapshots.length - REPOSITORIES; // the backfill's, besides collect's
    assert.ok(perDate.length > 0 && seen > 0, "the first date landed before the kill");
    assert.ok(perDate.length * REPOSITORIES < total, `killed mid-backfill (${perDate.length} dates landed)`);
    for (const { as_of, n } of perDate) assert.equal(n, REPOSITORIES, `${as_of}: whole or absent`);
    t.diagnostic(`killed with ${perDate.length} of ${total / REPOSITORIES} dates stored`);

    runUpstreamToEnd(args(killed));
    await assertSound(killed);
    assert.deepEqual(contentOf(killed), contentOf(whole));
  });
});
