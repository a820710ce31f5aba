import type { Command } from "commander";
import { CATALOG_OPTION_HELP, DATABASE_OPTION_HELP } from "../options.js";

// The command's options; its work is in review-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const cmd = program
    .command("review")
    .description("the TOC's quarterly review (governance/reviews/<YYYY-Qn>.yaml): open, show, close");
  cmd
    .command("open")
    .description(
      "create the quarter's review: every project due, its assessment, and the motions the evidence suggests",
    )
    .argument("[review]", "the quarter, YYYY-Qn (default: the quarter of --date)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--date <YYYY-MM-DD>", "the day it opens, and the date of the assessment (default: today)")
    .option("--no-assess", "do not read the repositories: no assessment and no evidence-based suggestion")
    .option("--cache-dir <dir>", "where remote repositories are cloned (default: .upstream-cache beside the catalog)")
    .option("--no-fetch", "use cached clones as they are")
    .option("--database <url>", DATABASE_OPTION_HELP)
    .option("--no-store", "assess without the store: nothing reused or kept, and the review names no stored assessment")
    .option("--json", "print the new review as JSON")
    .action(async (...args: Parameters<typeof import("./review-action.js").open>) =>
      (await import("./review-action.js")).open(...args),
    );
  cmd
    .command("show", { isDefault: true })
    .description("the document the TOC meets over: projects due, notes, motions with votes and tallies, what passed")
    .argument("[review]", "YYYY-Qn (default: the latest review)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--format <format>", "text (default) or markdown")
    .option("--database <url>", DATABASE_OPTION_HELP)
    .option("--no-store", "do not read the store: no assessment, change or momentum shown")
    .option("--json", "print the review as JSON")
    .action(async (...args: Parameters<typeof import("./review-action.js").show>) =>
      (await import("./review-action.js")).show(...args),
    );
  cmd
    .command("close")
    .description("close the review: results under the rule, and what passed written to the catalog with announcements")
    .argument("[review]", "YYYY-Qn (default: the open review)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--date <YYYY-MM-DD>", "the day it closes (default: today)")
    .option("--link <url>", "where the announcements link to (default: the review's file, relative to the catalog)")
    .option("--json", "print what was decided and written as JSON")
    .action(async (...args: Parameters<typeof import("./review-action.js").close>) =>
      (await import("./review-action.js")).close(...args),
    );
}
