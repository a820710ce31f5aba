import { Command, CommanderError } from "commander";
import { UserError, formatIssue } from "../core/index.js";
import { registerCommands } from "./commands/index.js";
import { escapeTerminalText } from "../core/index.js";
import { applyOutputPolicy, outputPolicy } from "./colors.js";

/** The composition root's one catch-all: user errors exit 1 with their message, bugs ask for a report. */
async function main(argv: string[]): Promise<number> {
  const program = new Command("upstream")
    .description("Run an open-source upstream program as software: catalog, evidence, maturity, README and badges.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    // Usage errors read like every other error: the tool's name, the message, the code.
    .configureOutput({
      outputError: (text, write) => write(`upstream: ${text.replace(/^error: /, "").trimEnd()} [E_USAGE]\n`),
    })
    .option("--no-color", "no colours, also on a terminal (as NO_COLOR or TERM=dumb)")
    .option("--quiet", "print only errors and the result: no warnings, progress or notes")
    .exitOverride();
  // Before any command runs: colours and --quiet, decided once for the streams of this run.
  program.hook("preAction", (_program, action) => {
    const policy = outputPolicy(
      { name: action.name(), options: action.opts() },
      program.opts<{ color?: boolean; quiet?: boolean }>(),
      { stdoutIsTTY: process.stdout.isTTY === true, stderrIsTTY: process.stderr.isTTY === true },
      process.env,
    );
    applyOutputPolicy(policy);
  });
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      for (const i of error.issues) process.stderr.write(formatIssue(i) + "\n");
      process.stderr.write(`upstream: ${escapeTerminalText(error.message)}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `upstream: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.stderr.write(
      "This is a bug in Upstream Portfolio; please file an issue with the command you ran and this output.\n",
    );
    return 1;
  }
}

// `upstream list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Not a top-level await: the shipped build is CommonJS (see scripts/build.mjs). main never rejects. As with the
// top-level await before, a run whose work never settles (nothing left to wait on) fails with node's code 13.
let settled = false;
process.once("beforeExit", () => {
  if (settled) return;
  const command = process.argv.slice(2).join(" ");
  process.stderr.write(
    `upstream: internal error: \`upstream ${command}\` stopped before it finished (nothing left to wait on); ` +
      "this is a bug: please report it with that command line\n",
  );
  process.exitCode = 13;
});
void main(process.argv).then((code) => {
  settled = true;
  process.exitCode = code;
});
