/**
 * How fast the shipped CLI starts (issue 8's targets): `upstream --help` against `node -e 0`
 * (median of pairs, target ≤ 2×) and `upstream validate` of the bundled example (target
 * < 300 ms), both through bin/upstream.js with the build in dist/ (`npm run build` first).
 *
 *   npm run bench:startup [-- --pairs N]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../src/cli/shared.js";

const { values } = parseArgs({ options: { pairs: { type: "string", default: "15" } } });
const pairs = Number(values.pairs);
const bin = join(PACKAGE_ROOT, "bin", "upstream.js");
if (!existsSync(join(PACKAGE_ROOT, "dist", "cli", "main.js"))) {
  process.stderr.write("no build in dist/: run `npm run build` first\n");
  process.exit(1);
}
const env = { ...process.env };
delete env.UPSTREAM_FROM_SOURCES;

function time(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, env, stdio: ["ignore", "ignore", "ignore"] });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
time([bin, "--help"]); // warm the file cache
const ratios: number[] = [];
const helps: number[] = [];
const nodes: number[] = [];
const validates: number[] = [];
for (let i = 0; i < pairs; i++) {
  const node = time(["-e", "0"]);
  const help = time([bin, "--help"]);
  nodes.push(node);
  helps.push(help);
  ratios.push(help / node);
  validates.push(time([bin, "validate"]));
}
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
process.stdout.write(
  [
    `node -e 0:                  ${fmt(median(nodes))} (median of ${pairs})`,
    `upstream --help:            ${fmt(median(helps))}; ratio to node ` +
      `-e 0 ${median(ratios).toFixed(2)}× (median of pairs; target ≤ 2×)`,
    `upstream validate (example): ${fmt(median(validates))} (target < 300 ms)`,
  ].join("\n") + "\n",
);
