/**
 * How fast the shipped CLI starts (issue 8's targets): `upstream --help` against `node -e 0`
 * (median of pairs, target ≤ 2×) and `upstream validate` of the bundled example (target
 * < 300 ms), both through bin/upstream.js with the build in dist/ (`npm run build` first).
 * Each figure is printed as wall time and as CPU time (user + system of the process, which the
 * machine's other load barely moves), with the load average: on a loaded machine the wall
 * times grow, the CPU times and the ratios much less. `--baseline DIR` runs another checkout's
 * build (its bin/upstream.js and dist/) in the same rounds, for a before/after in one run.
 *
 *   npm run bench:startup [-- --pairs N] [-- --baseline DIR]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../src/cli/shared.js";
import { childrenCpuMs, loadAverage, median } from "./snapshots.js";

const { values } = parseArgs({
  options: { pairs: { type: "string", default: "15" }, baseline: { type: "string" } },
});
const pairs = Number(values.pairs);
const builds = [{ name: "this build", root: PACKAGE_ROOT }];
if (values.baseline) builds.push({ name: "baseline", root: values.baseline });
for (const { root } of builds)
  if (!existsSync(join(root, "dist", "cli", "main.js"))) {
    process.stderr.write(`no build in ${join(root, "dist")}: run \`npm run build\` there first\n`);
    process.exit(1);
  }
const env = { ...process.env };
delete env.UPSTREAM_FROM_SOURCES;

/** Wall and CPU time (ms) of one process, spawn to exit. */
function time(args: readonly string[], cwd: string): { wall: number; cpu: number } {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  if (/running the sources through tsx/.test(r.stderr)) throw new Error(`the build in ${cwd} is older than its src/`);
  return { wall, cpu: childrenCpuMs() - cpu };
}

interface Runs {
  node: { wall: number; cpu: number }[];
  help: { wall: number; cpu: number }[];
  validate: { wall: number; cpu: number }[];
}
const runs = new Map<string, Runs>(builds.map((b) => [b.name, { node: [], help: [], validate: [] }]));
for (const { root } of builds) time([join(root, "bin", "upstream.js"), "--help"], root); // warm the file cache
const loadBefore = loadAverage();
for (let i = 0; i < pairs; i++) {
  for (const { name, root } of builds) {
    const bin = join(root, "bin", "upstream.js");
    const r = runs.get(name)!;
    r.node.push(time(["-e", "0"], root));
    r.help.push(time([bin, "--help"], root));
    r.validate.push(time([bin, "validate"], root));
  }
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const lines = [`load average ${loadBefore} before, ${loadAverage()} after; ${pairs} pairs; CPU = user + system`];
let failed = false;
for (const { name } of builds) {
  const r = runs.get(name)!;
  const wallRatio = median(r.help.map((h, i) => h.wall / r.node[i]!.wall));
  const cpuRatio = median(r.help.map((h, i) => h.cpu / Math.max(r.node[i]!.cpu, 1)));
  const validateWall = median(r.validate.map((v) => v.wall));
  const validateCpu = median(r.validate.map((v) => v.cpu));
  const nodeWall = median(r.node.map((n) => n.wall));
  if (name === "this build") failed = wallRatio > 2 || validateWall >= 300;
  lines.push(
    `${name}:`,
    `  node -e 0:                   wall ${ms(nodeWall)}, CPU ${ms(median(r.node.map((n) => n.cpu)))}`,
    `  upstream --help:             wall ${ms(median(r.help.map((h) => h.wall)))}, CPU ` +
      `${ms(median(r.help.map((h) => h.cpu)))}; to node -e 0: wall ${wallRatio.toFixed(2)}×, CPU ` +
      `${cpuRatio.toFixed(2)}× (median of pairs; target ≤ 2×: ${(wallRatio / 2).toFixed(2)}× the target)`,
    `  upstream validate (example): wall ${ms(validateWall)}, CPU ${ms(validateCpu)} (target < 300 ms: wall ` +
      `${(validateWall / 300).toFixed(2)}× the target; CPU ${(validateCpu / 300).toFixed(2)}×; wall less node -e 0 ` +
      `${ms(validateWall - nodeWall)})`,
  );
}
if (builds.length === 2) {
  const [now, before] = [runs.get("this build")!, runs.get("baseline")!];
  const ratio = (pick: (r: Runs) => { cpu: number }[]) =>
    (median(pick(now).map((x) => x.cpu)) / Math.max(median(pick(before).map((x) => x.cpu)), 1)).toFixed(2);
  lines.push(`this build / baseline, CPU: --help ${ratio((r) => r.help)}×, validate ${ratio((r) => r.validate)}×`);
}
lines.push(`${failed ? "FAIL" : "PASS"} (judged on wall times of this build)`);
process.stdout.write(lines.join("\n") + "\n");
if (failed) process.exitCode = 1;
