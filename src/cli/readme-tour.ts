import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./shared.js";
import { UPSTREAM_BIN } from "./testing.js";

/**
 * The README's tour: each ```console block's `$ upstream …` commands are run for real and their
 * output (stdout, then stderr) written under them. A block that shows an excerpt (a line that is
 * only `…` stands for any lines) is checked against the real output instead of replaced.
 */

/** Where the tour's commands name the demo program; the real one is built in a temp folder. */
const DEMO = "/tmp/upstream-demo";

export interface TourRun {
  readonly stdout: string;
  readonly stderr: string;
}

export interface Tour {
  /** The README with every complete block's output replaced by the real one. */
  readonly text: string;
  /** Excerpts that no longer match, and commands that are not `upstream …`. */
  readonly problems: readonly string[];
}

const isElision = (line: string) => /^\s*…\s*$/.test(line);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `real` is what the excerpt `shown` shows: its lines in order, each `…` line standing for any lines. */
export function excerptMatches(shown: string, real: string): boolean {
  const lines = shown.replace(/\n$/, "").split("\n");
  const pattern = lines.map((l) => (isElision(l) ? "(?:[^\\n]*\\n)*?" : `${escapeRegExp(l)}\\n`)).join("");
  return new RegExp(`^${pattern}$`).test(real);
}

/** `upstream validate --catalog x   # a comment` → ["validate", "--catalog", "x"]; undefined for any other command. */
export function tourArguments(command: string): string[] | undefined {
  const words = command
    .replace(/\s+#.*$/, "")
    .trim()
    .split(/\s+/);
  if (words[0] !== "upstream" || words.some((w) => /["'`$\\|&;<>]/.test(w))) return undefined;
  return words.slice(1);
}

/** Regenerate the tour with `run` (pure: `run` does the work). */
export function regenerateTour(readme: string, run: (args: readonly string[]) => TourRun): Tour {
  const problems: string[] = [];
  const text = readme.replace(/```console\n([\s\S]*?)```/g, (_block, body: string) => {
    const commands: Array<{ command: string; shown: string }> = [];
    for (const line of body.split("\n").slice(0, -1)) {
      if (line.startsWith("$ ")) commands.push({ command: line.slice(2), shown: "" });
      else if (commands.length) commands[commands.length - 1]!.shown += `${line}\n`;
    }
    const outputs = commands.map(({ command, shown }) => {
      const expected = shown.replace(/\n\n$/, "\n");
      const args = tourArguments(command);
      if (!args) {
        problems.push(`README tour: '${command}' is not an upstream command the tour can run`);
        return expected;
      }
      const r = run(args);
      const real = r.stdout + r.stderr;
      if (!expected.split("\n").some(isElision)) return real;
      if (!excerptMatches(expected, real))
        problems.push(`README tour: the excerpt under '$ ${command}' is not in its output:\n${real}`);
      return expected;
    });
    // Commands with output are separated by a blank line; those without follow each other.
    const shown = commands.map(
      ({ command }, i) => `$ ${command}\n${outputs[i]}${outputs[i] && i < commands.length - 1 ? "\n" : ""}`,
    );
    return `\`\`\`console\n${shown.join("")}\`\`\``;
  });
  return { text, problems };
}

/**
 * Run the tour for real: in a temp folder that sees the repository's examples/ (so the commands
 * name files a clone has), with the demo program built where the tour names it; paths in the
 * output are written as the tour names them.
 */
export function runTour(readme: string): Tour {
  const work = mkdtempSync(join(tmpdir(), "upstream-tour-"));
  const demoParent = mkdtempSync(join(tmpdir(), "upstream-tour-demo-"));
  try {
    symlinkSync(join(PACKAGE_ROOT, "examples"), join(work, "examples"));
    // Outside the working folder, so paths into the demo print whole (and read as /tmp/upstream-demo).
    const demo = join(demoParent, "upstream-demo");
    const made = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, "node_modules/tsx/dist/cli.mjs"), join(PACKAGE_ROOT, "examples/demo/make-demo.ts"), demo],
      { encoding: "utf8", timeout: 120_000 },
    );
    if (made.status !== 0) throw new Error(`README tour: cannot build the demo program: ${made.stderr}`);
    const once = (args: readonly string[]): TourRun => {
      const r = spawnSync(process.execPath, [UPSTREAM_BIN, ...args.map((a) => (a === DEMO ? demo : a))], {
        cwd: work,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: "1", UPSTREAM_FROM_SOURCES: "1", COLUMNS: "120" },
      });
      const shown = (s: string) => s.replaceAll(demo, DEMO).replaceAll(`${PACKAGE_ROOT}/`, "");
      return { stdout: shown(r.stdout), stderr: shown(r.stderr) };
    };
    // A first collect reads everything; the tour shows the second, served by the cache.
    return regenerateTour(readme, (args) => (args[0] === "collect" ? (once(args), once(args)) : once(args)));
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(demoParent, { recursive: true, force: true });
  }
}
