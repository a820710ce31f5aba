import type { Command } from "commander";
import { CATALOG_OPTION_HELP, AFFILIATIONS_OPTION_HELP, CACHE_DIR_OPTION_HELP, collectRepeated } from "../options.js";

const DATABASE_HELP =
  "PostgreSQL store URL (default: UPSTREAM_DATABASE_URL, else .upstream/portfolio.db beside the catalog)";

// The command's options; its work is in history-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const history = program
    .command("history")
    .description("a project's trend per period, from the store (fill it with 'history backfill')")
    .argument("<project>", "project id")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--metric <name>", "commits|contributors|organizations|elephant|releases|level", "commits")
    .option("--format <format>", "text or markdown", "text")
    .option("--chart <file.svg>", "also write the trend as an SVG chart (markdown links it instead of a mermaid block)")
    .option("--database <url>", DATABASE_HELP)
    .option("--json", "print the trend as JSON on stdout")
    .action(async (...args: Parameters<typeof import("./history-action.js").runHistory>) =>
      (await import("./history-action.js")).runHistory(...args),
    );
  history
    .command("backfill")
    .description("fill the store with past evidence, as of the end of every month or quarter, from git alone")
    .argument("[project...]", "project ids (default: all)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--from <date>", "first period: the one holding this day, YYYY-MM-DD (default: 10 years ago)")
    .option("--every <period>", "month or quarter", "quarter")
    .option("--database <url>", DATABASE_HELP)
    .option("--affiliations <file>", AFFILIATIONS_OPTION_HELP, collectRepeated)
    .option("--cache-dir <dir>", CACHE_DIR_OPTION_HELP)
    .option("--no-fetch", "do not fetch cached clones of remote repositories")
    .action(async (...args: Parameters<typeof import("./history-action.js").runBackfill>) =>
      (await import("./history-action.js")).runBackfill(...args),
    );
}
