// How fast `decisions import` reads the public record: the line scanner against the YAML parser it stands in for.
// Usage: tsx bench/landscape-bench.ts landscape.yml   (fetch cncf/landscape; the file is not in this repository)
import { readFileSync } from "node:fs";
import jsYaml from "js-yaml";
import { scanLandscape } from "../src/governance/scan-landscape.js";

const file = process.argv[2];
if (!file) throw new Error("usage: tsx bench/landscape-bench.ts landscape.yml");
const text = readFileSync(file, "utf8");
const best = (f: () => unknown, runs = 5) => {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};
const scanned = scanLandscape(file, text);
const projects = "projects" in scanned ? scanned.projects.length : 0;
const scan = best(() => scanLandscape(file, text));
const parse = best(() => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
process.stdout.write(
  `${file}: ${(text.length / 1e6).toFixed(2)} MB, ${projects} foundation projects\n` +
    `  line scanner:     ${scan.toFixed(1)} ms (best of 5)\n` +
    `  js-yaml load:     ${parse.toFixed(1)} ms (best of 5; values only, no positions)\n`,
);
