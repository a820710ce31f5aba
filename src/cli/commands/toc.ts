import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in toc-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const cmd = program.command("toc").description("the technical oversight committee (governance/toc.yaml)");
  cmd
    .command("list", { isDefault: true })
    .description("the members serving on a date, and who may vote")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--date <YYYY-MM-DD>", "the day (default: today)")
    .option("--json", "print the members as JSON")
    .action(async (...args: Parameters<typeof import("./toc-action.js").list>) =>
      (await import("./toc-action.js")).list(...args),
    );
}
