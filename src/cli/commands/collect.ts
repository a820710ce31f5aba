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

// The command's options; its work is in collect-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("collect")
    .description("collect evidence (history, organizations, releases, community files) from the projects' repositories")
    .argument("[project...]", "project ids (default: all)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--as-of <date>", "collect as of this date, YYYY-MM-DD (history up to it, tree at it, tags before it)")
    .option("--affiliations <file>", AFFILIATIONS_OPTION_HELP, collectRepeated)
    .option("--cache-dir <dir>", CACHE_DIR_OPTION_HELP)
    .option("--no-fetch", "do not fetch cached clones of remote repositories")
    .option("--mirror <FROM=TO>", MIRROR_OPTION_HELP, collectRepeated)
    .option("--concurrency <n>", "repositories read at once (default: number of cores)")
    .option("--database <url>", DATABASE_OPTION_HELP)
    .option("--no-store", NO_STORE_OPTION_HELP)
    .option("--json", "print the evidence as JSON on stdout")
    .action(async (...args: Parameters<typeof import("./collect-action.js").run>) =>
      (await import("./collect-action.js")).run(...args),
    );
}
