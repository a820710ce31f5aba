/**
 * A cached re-collect of the bundled example (19 projects) through the store: the first collect reads git
 * (from the local snapshots, $MIRROR_DIR/<owner>+<name>/repo, mapped with mirrors) and stores each snapshot;
 * the re-collect resolves each repository's commit and reuses the stored snapshot. Target: under 100 ms per
 * repository. Prints the figures.
 *
 *   npx tsx bench/recollect-bench.ts
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { collectEvidence, openCatalog } from "../src/app/index.js";
import { openStore } from "../src/store/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLE = join(ROOT, "examples", "azure-container-compute");
const MIRROR_DIR = process.env.MIRROR_DIR ?? "/work/.mirror";
const AS_OF = "2026-11-01";

const dir = mkdtempSync(join(tmpdir(), "upstream-recollect-"));
try {
  const text = readFileSync(join(EXAMPLE, "upstream.yaml"), "utf8");
  const farm = join(dir, "mirror");
  for (const [, owner, name] of text.matchAll(/https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)/g)) {
    const snapshot = join(MIRROR_DIR, `${owner}+${name}`, "repo");
    if (!existsSync(snapshot) || existsSync(join(farm, owner!, name!))) continue;
    mkdirSync(join(farm, owner!), { recursive: true });
    symlinkSync(snapshot, join(farm, owner!, name!));
  }
  copyFileSync(join(EXAMPLE, "upstream.yaml"), join(dir, "upstream.yaml"));
  const opened = await openCatalog({ cwd: dir });
  const store = await openStore({ file: join(dir, "portfolio.db") });
  const input = {
    cwd: dir,
    asOf: AS_OF,
    fetch: false,
    mirrors: [`https://github.com/=${farm}/`],
    cacheDir: join(dir, "cache"),
    store: { store, toolVersion: "bench" },
  };
  let started = performance.now();
  const cold = await collectEvidence(opened, input);
  const coldMs = performance.now() - started;
  started = performance.now();
  const warm = await collectEvidence(opened, input);
  const warmMs = performance.now() - started;
  await store.close();
  const repositories = warm.evidence.reduce((n, p) => n + p.repositories.length, 0);
  const perRepository = warmMs / repositories;
  process.stdout.write(
    `${opened.catalog.projects.length} projects, ${repositories} repositories read ` +
      `(${warm.failures.length} not readable: no snapshot); ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}\n` +
      `cold collect (git, stored): ${(coldMs / 1000).toFixed(1)} s; ${cold.stored?.written} snapshots written\n` +
      `cached re-collect (store): ${warmMs.toFixed(0)} ms, ${perRepository.toFixed(1)} ms per repository; ` +
      `${warm.stored?.reused} reused, ${warm.stored?.written} read again — ` +
      `${perRepository < 100 ? "under" : "OVER"} the 100 ms target\n`,
  );
  if (perRepository >= 100) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
