import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in decisions-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const cmd = program
    .command("decisions")
    .description("the TOC's decisions (passed motions, rejections, recorded decisions): each project's level history");
  cmd
    .command("list [project]", { isDefault: true })
    .description("list the decisions, oldest first (of one project, if given)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print the decisions as JSON")
    .action(async (...args: Parameters<typeof import("./decisions-action.js").list>) =>
      (await import("./decisions-action.js")).list(...args),
    );
  cmd
    .command("import")
    .description(
      "match cncf/landscape's landscape.yml or CLOMonitor's data/*.yaml to the catalog, and print the decisions " +
        "they date; with --write, record the new ones in governance/decisions.yaml",
    )
    .argument("<file...>", "landscape.yml, or CLOMonitor data/<foundation>.yaml")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--write", "record the matched projects' decisions (those not recorded yet), marked as imported")
    .option("--date <YYYY-MM-DD>", "the day of the import, recorded with each decision (default: today)")
    .option("--json", "print the match report and decisions as JSON")
    .action(async (...args: Parameters<typeof import("./decisions-action.js").importFiles>) =>
      (await import("./decisions-action.js")).importFiles(...args),
    );
}
