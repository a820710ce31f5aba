import type { Command } from "commander";
import { CATALOG_OPTION_HELP, DATABASE_OPTION_HELP } from "../options.js";

// The command's options; its work is in store-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const store = program
    .command("store")
    .description("move the store's evidence in and out: JSON lines, one record per line, sorted (diffs well)");
  store
    .command("export")
    .description(
      "write each repository's latest evidence snapshot (figures, organizations, public handles; no e-mail " +
        "addresses) and the last run's failures to FILE",
    )
    .argument("<file>", "the export to write (replaced whole, never half-written)")
    .option("--as-of <date>", "the latest snapshot on or before this day (YYYY-MM-DD) of each repository")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--database <url>", DATABASE_OPTION_HELP)
    .action(async (...args: Parameters<typeof import("./store-action.js").runExport>) =>
      (await import("./store-action.js")).runExport(...args),
    );
  store
    .command("import")
    .description("read an export into the store: every line checked first, then all of it or nothing")
    .argument("<file>", "an export `upstream store export` wrote")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--database <url>", DATABASE_OPTION_HELP)
    .action(async (...args: Parameters<typeof import("./store-action.js").runImport>) =>
      (await import("./store-action.js")).runImport(...args),
    );
}
