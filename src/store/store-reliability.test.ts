import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { openStore, type Store } from "./index.js";
import { commitOf, type FreshStore, testEngines } from "./testing.js";
import type { WriterJob } from "./testing-writer.js";

/**
 * The store under real processes: a writer killed with SIGKILL in the middle of a transaction,
 * and two writers at once, on each engine. The writers are child processes running
 * testing-writer.ts, as two `upstream collect` would be.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const WRITER = join(HERE, "testing-writer.ts");
const DATES = ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"];

interface Writer {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed) and stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves when a stdout line matches. */
  waitFor(pattern: RegExp): Promise<string>;
}

function startWriter(job: WriterJob): Writer {
  // node itself with tsx's loader, not the tsx wrapper: the wrapper runs node as a grandchild, which a kill would miss.
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, JSON.stringify(job)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    for (const w of waiters.splice(0))
      if (w.pattern.test(line)) w.resolve(line);
      else waiters.push(w);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    exited,
    waitFor: (pattern) =>
      Promise.race([
        new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
        exited.then(({ code, stderr }) => {
          throw new Error(`the writer ended (exit ${code}) before printing ${pattern}: ${stderr}`);
        }),
      ]),
  };
}

async function countRows(store: Store, repositories: number): Promise<{ snapshots: number; keys: Set<string> }> {
  const keys = new Set<string>();
  let snapshots = 0;
  for (let r = 0; r < repositories; r++)
    for (const s of await store.snapshotHistory(`r${r}`)) {
      snapshots++;
      keys.add(`${s.repository} ${s.asOf} ${s.commit}`);
    }
  return { snapshots, keys };
}

for (const engine of testEngines()) {
  describe(`store reliability: ${engine.name}`, { skip: engine.skip, timeout: 180_000 }, () => {
    const fresh: FreshStore[] = [];
    after(async () => {
      for (const f of fresh) await f.cleanup();
    });

    it("killed with SIGKILL mid-batch, keeps whole batches only; a rerun completes the work", async () => {
      const location = await engine.fresh();
      fresh.push(location);
      // 150 repositories × 4 dates = 600 snapshots in batches of 250: the kill lands in the second batch.
      const job: WriterJob = { target: location.target, from: 0, to: 150, dates: DATES, batch: 250 };
      const killed = startWriter({ ...job, pauseAt: { batch: 1, written: 200, ms: 60_000 } });
      await killed.waitFor(/^batch 1 written 200\/250$/);
      killed.child.kill("SIGKILL");
      const { signal } = await killed.exited;
      assert.equal(signal, "SIGKILL");

      let store = await openStore(location.target);
      assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
      const partial = await countRows(store, 150);
      assert.equal(partial.snapshots, 250, "the first batch is kept whole, nothing of the second");
      const runs = await store.listRuns();
      assert.deepEqual(
        runs.map((r) => r.status),
        ["running"],
        "the killed run is not marked finished",
      );
      await store.close();

      const rerun = startWriter(job);
      const ended = await rerun.exited;
      assert.equal(ended.code, 0, ended.stderr);
      store = await openStore(location.target);
      assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
      const complete = await countRows(store, 150);
      assert.equal(complete.snapshots, 600);
      assert.equal(complete.keys.size, 600);
      assert.ok(complete.keys.has(`r149 2020-12-31 ${commitOf(149 * 100 + 3)}`));
      assert.equal((await store.portfolioSummary()).length, 150);
      assert.deepEqual(
        (await store.listRuns()).map((r) => r.status),
        ["finished", "running"],
      );
      await store.close();
    });

    it("lets two writers run at once: both finish, nothing lost or doubled", async () => {
      const location = await engine.fresh();
      fresh.push(location);
      // Overlapping halves: r100 … r199 are written by both, in batches that interleave.
      const a = startWriter({ target: location.target, from: 0, to: 200, dates: DATES, batch: 40 });
      const b = startWriter({ target: location.target, from: 100, to: 300, dates: DATES, batch: 40 });
      const [endA, endB] = await Promise.all([a.exited, b.exited]);
      assert.equal(endA.code, 0, endA.stderr);
      assert.equal(endB.code, 0, endB.stderr);
      const store = await openStore(location.target);
      assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
      const { snapshots, keys } = await countRows(store, 300);
      assert.equal(snapshots, 300 * DATES.length);
      assert.equal(keys.size, 300 * DATES.length);
      const summary = await store.portfolioSummary();
      assert.equal(summary.length, 300);
      assert.equal(new Set(summary.map((s) => s.project)).size, 300);
      const runs = await store.listRuns();
      assert.deepEqual(
        runs.map((r) => r.status),
        ["finished", "finished"],
      );
      await store.close();
    });
  });
}
