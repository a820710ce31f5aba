#!/usr/bin/env node
// No line of the sources over the formatter's width (biome.json): Biome wraps code but not long strings,
// regular expressions or comments, so this catches what it leaves.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const width = JSON.parse(readFileSync(new URL("../biome.json", import.meta.url), "utf8")).formatter.lineWidth;
const files = execFileSync(
  "git",
  ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.ts", "*.mjs", "*.js"],
  {
    encoding: "utf8",
  },
)
  .split("\0")
  .filter((f) => f && !f.includes("/fixtures/") && !f.startsWith("dist/"));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    const length = [...line].length;
    if (length > width) long.push(`${file}:${i + 1}: ${length} characters (the limit is ${width})`);
  });
}
if (long.length) {
  process.stderr.write(
    `${long.join("\n")}\n${long.length} lines over ${width} characters: split them (strings, comments, patterns)\n`,
  );
  process.exit(1);
}
