import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * The use cases are called by the CLI today and by a server route or a worker later: none may write to the
 * terminal, set an exit code, read the environment or working folder, or read the clock. Their callers do.
 */
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bprocess\s*\.\s*\w+/, "process.* (stdout, stderr, exitCode, env, cwd): take it as an input or return it"],
  [/\bprocess\s*\[/, "process[…]: take it as an input or return it"],
  [/\bconsole\s*\.\s*\w+/, "console.*: return the message as data"],
  [/\bDate\s*\.\s*now\s*\(/, "Date.now(): take the date as an input"],
  [/\bnew\s+Date\s*\(\s*\)/, "new Date(): take the date as an input"],
  [/\bperformance\s*\.\s*now\s*\(/, "performance.now(): take the time as an input"],
  [/\btoday\s*\(\s*\)/, "today(): take the date as an input"],
];

/** The code without comments and plain strings (either may mention process.stderr); templates are kept. */
function code(text: string): string {
  return text
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
}

// Running programs is the layers' below (evidence/ runs git with a clean environment and its guards).
const CHILD_PROCESS = /\bfrom\s+["'](?:node:)?child_process["']|\bimport\(\s*["'](?:node:)?child_process["']/;

function violations(file: string, text: string): string[] {
  const lines = code(text).split("\n");
  const spawning = text
    .split("\n")
    .flatMap((line, i) =>
      CHILD_PROCESS.test(line) ? [`${file}:${i + 1}: child_process: call the layer that runs the program`] : [],
    );
  return [
    ...lines.flatMap((line, i) =>
      FORBIDDEN.filter(([pattern]) => pattern.test(line)).map(([, why]) => `${file}:${i + 1}: ${why}`),
    ),
    ...spawning,
  ];
}

const APP = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(APP).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"));

describe("src/app/", () => {
  it("neither writes to process.* nor reads the clock nor runs programs", () => {
    assert.ok(sources.includes("index.ts") && sources.length >= 8, sources.join(", "));
    assert.deepEqual(
      sources.flatMap((name) => violations(name, readFileSync(join(APP, name), "utf8"))),
      [],
    );
  });

  it("the scan catches each forbidden use (it cannot pass by reading nothing)", () => {
    for (const text of [
      `process.stderr.write("x")`,
      `process.exitCode = 1`,
      `const cwd = process.cwd()`,
      `const home = process.env.HOME`,
      `process["stdout"].write("x")`,
      `console.error("x")`,
      `const t = Date.now()`,
      `const d = new Date()`,
      `const d = new Date( )`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of source text, not a template
      "const where = `${process.cwd()}/x`",
      `const asOf = today()`,
      `import { execFile } from "node:child_process";`,
      `const { spawn } = await import("child_process");`,
    ])
      assert.equal(violations("x.ts", text).length, 1, text);
    for (const text of [
      `const d = new Date(Date.parse(asOf))`,
      `// process.stderr is the caller's`,
      `/* new Date() */ const x = 1`,
      `const url = "https://example.org/process.md"`,
    ])
      assert.deepEqual(violations("x.ts", text), [], text);
  });
});
