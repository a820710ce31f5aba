/**
 * Rebuild the bundled example's evidence, examples/azure-container-compute/evidence.jsonl: collect the example's
 * 19 projects from the local snapshots (bare git dirs at $MIRROR_DIR/<owner>+<name>/repo, as the search tool's
 * `fetch` leaves them), mapped from their GitHub URLs with --mirror, into a throwaway store, and export it. A
 * repository without a snapshot (kubernetes/kubernetes: too large to fetch) ships as a failure saying so.
 *
 *   npx tsx scripts/example-evidence.ts [--as-of YYYY-MM-DD]
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLE = join(ROOT, "examples", "azure-container-compute");
const MIRROR_DIR = process.env.MIRROR_DIR ?? "/work/.mirror";
const asOfAt = process.argv.indexOf("--as-of");
const asOf = asOfAt > 0 ? process.argv[asOfAt + 1]! : new Date().toISOString().slice(0, 10);

const catalogText = readFileSync(join(EXAMPLE, "upstream.yaml"), "utf8");
const repos = [
  ...new Set([...catalogText.matchAll(/https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)/g)].map((m) => `${m[1]}/${m[2]}`)),
];
const dir = mkdtempSync(join(tmpdir(), "upstream-example-evidence-"));
const upstream = (args: readonly string[]) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "upstream.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
try {
  const farm = join(dir, "mirror");
  const absent: string[] = [];
  for (const r of repos) {
    const [owner, name] = r.split("/") as [string, string];
    const snapshot = join(MIRROR_DIR, `${owner}+${name}`, "repo");
    if (!existsSync(snapshot)) {
      absent.push(r);
      continue;
    }
    mkdirSync(join(farm, owner), { recursive: true });
    if (!existsSync(join(farm, owner, name))) symlinkSync(snapshot, join(farm, owner, name));
  }
  copyFileSync(join(EXAMPLE, "upstream.yaml"), join(dir, "upstream.yaml"));
  const started = Date.now();
  const collect = upstream([
    "collect",
    "--as-of",
    asOf,
    "--no-fetch",
    "--mirror",
    `https://github.com/=${farm}/`,
    "--cache-dir",
    join(dir, "cache"),
  ]);
  process.stderr.write(collect.stderr.replaceAll(dir, "<temp>"));
  process.stderr.write(`collected in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const out = join(dir, "evidence.jsonl");
  const exported = upstream(["store", "export", out]);
  if (exported.status !== 0) throw new Error(exported.stderr);
  // A repository the snapshots lack failed as "not found at <temp path>": ship why instead, and no temp path.
  const lines = readFileSync(out, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const fixed = lines.map((record) => {
    const name =
      typeof record.repository === "string"
        ? /github\.com\/([\w.-]+\/[\w.-]+)/.exec(record.repository)?.[1]
        : undefined;
    if (record.type !== "failure" || !name || !absent.includes(name)) return record;
    return {
      ...record,
      code: "E_REPO_NOT_FOUND",
      message:
        `${name} is too large to fetch for the bundled evidence, so it was not read ` +
        `(its criteria are unknown, not "not met")`,
      hint: "collect it yourself with network: upstream collect --catalog examples/azure-container-compute",
    };
  });
  writeFileSync(join(EXAMPLE, "evidence.jsonl"), fixed.map((r) => JSON.stringify(r)).join("\n") + "\n");
  process.stderr.write(
    `wrote ${join(EXAMPLE, "evidence.jsonl")}: ${fixed.length - 1} records; absent: ${absent.join(", ")}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
