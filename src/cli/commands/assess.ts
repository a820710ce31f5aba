import type { Command } from "commander";
import {
  CATALOG_OPTION_HELP,
  AFFILIATIONS_OPTION_HELP,
  CACHE_DIR_OPTION_HELP,
  MIRROR_OPTION_HELP,
  DATABASE_OPTION_HELP,
  NO_STORE_OPTION_HELP,
  collectRepeated,
} from "../options.js";

// The command's options; its work is in assess-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("assess")
    .description(
      "judge projects against their maturity framework: per criterion met / not " +
        "met / unknown / attested / expired, the level supported, gaps and drift",
    )
    .argument("[project...]", "project ids (default: every project; named ones are shown in detail)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option(
      "--framework <id|file>",
      "assess against this framework (an id, or a framework .yaml file) instead of the declared one",
    )
    .option("--as-of <date>", "assess as of this day (YYYY-MM-DD): evidence, attestations and expiry (default: today)")
    .option(
      "--since <date>",
      "also assess as of this earlier day (the last review) and report " +
        "what changed since: levels, drift, criteria gained and lost",
    )
    .option("--format <format>", "text | json | markdown", "text")
    .option(
      "--detail <detail>",
      "markdown only: summary (what changed, what blocks the next stage, what needs a person) | full (every criterion)",
      "summary",
    )
    .option("--json", "same as --format json")
    .option("--affiliations <file>", AFFILIATIONS_OPTION_HELP, collectRepeated)
    .option("--cache-dir <dir>", CACHE_DIR_OPTION_HELP)
    .option("--no-fetch", "do not fetch cached clones of remote repositories")
    .option("--mirror <FROM=TO>", MIRROR_OPTION_HELP, collectRepeated)
    .option(
      "--evidence <file>",
      "read the evidence from this store export (upstream store export) instead of git: offline, nothing fetched",
    )
    .option("--database <url>", DATABASE_OPTION_HELP)
    .option("--no-store", NO_STORE_OPTION_HELP)
    .option("--fail-on-drift", "exit 1 when a project is declared above the level its evidence supports")
    .option(
      "--allow-unreadable",
      "exit 0 even when some repositories could not be read (their criteria are reported unknown)",
    )
    .action(async (...args: Parameters<typeof import("./assess-action.js").run>) =>
      (await import("./assess-action.js")).run(...args),
    );
}
