// `npm start`: the quick start's main job, offline: validate the bundled example, assess its 19 projects from
// the bundled evidence (examples/azure-container-compute/evidence.jsonl, no git, no network), write their
// badges and render the README with them, into a temp folder it names.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const example = join(root, "examples", "azure-container-compute");
const evidence = join(example, "evidence.jsonl");
const out = mkdtempSync(join(tmpdir(), "upstream-quick-start-"));
const upstream = (...args) => {
  const r = spawnSync(process.execPath, [join(root, "bin", "upstream.js"), ...args], { stdio: "inherit" });
  return r.status ?? 1;
};
const steps = [
  ["validate", "--catalog", example],
  // the three kubernetes/kubernetes projects are not measured (too large to bundle): accepted, and said
  ["assess", "--catalog", example, "--evidence", evidence, "--as-of", "2026-11-01", "--allow-unreadable"],
  ["badge", "--catalog", example, "--out-dir", join(out, "badges")],
  ["render", "readme", "--catalog", example, "--badges", "badges", "--out", join(out, "README.md")],
];
for (const step of steps) {
  const status = upstream(...step);
  if (status !== 0) process.exit(status);
}
process.stdout.write(`\nREADME with badges: ${join(out, "README.md")} (evidence as of 2026-11-01, from ${evidence})\n`);
