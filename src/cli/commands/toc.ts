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
  cmd
    .command("add")
    .description("seat a member on the TOC (governance/toc.yaml, created if missing)")
    .argument("<handle>", "the member's handle (GitHub login); votes name members by it")
    .requiredOption("--name <name>", "the member's name")
    .option("--organization <name>", "who employs the member (or independent)")
    .option("--role <role>", "chair | member (default) | observer")
    .option("--from <YYYY-MM-DD>", "the first day of the term (default: today)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .action(async (...args: Parameters<typeof import("./toc-action.js").add>) =>
      (await import("./toc-action.js")).add(...args),
    );
  cmd
    .command("end")
    .description("end a member's term: the last day they serve and vote")
    .argument("<handle>", "the member's handle")
    .option("--date <YYYY-MM-DD>", "the last day of the term (default: today)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .action(async (...args: Parameters<typeof import("./toc-action.js").end>) =>
      (await import("./toc-action.js")).end(...args),
    );
}
