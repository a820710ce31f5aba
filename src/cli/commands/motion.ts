import type { Command } from "commander";
import { CATALOG_OPTION_HELP, collectRepeated } from "../options.js";

// The command's options; its work is in motion-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  const cmd = program.command("motion").description("motions of a review");
  cmd
    .command("propose")
    .description("propose a motion in the open review (admit, promote, archive, donate, reject)")
    .requiredOption("--kind <kind>", "admit | promote | archive | donate | reject")
    .requiredOption("--project <id>", "the project (admit: the id it takes in the catalog)")
    .requiredOption("--proposer <handle>", "who proposes it")
    .option("--level <level>", "admit, promote: the level (a stage of the project's framework)")
    .option("--foundation <name>", "donate: the foundation receiving the project")
    .option("--rationale <text>", "why (markdown)")
    .option("--opinion <text>", "reject: the TOC's opinion (required)")
    .option(
      "--link <url>",
      "a link (proposal, due diligence; donate: the foundation's interest); repeatable",
      collectRepeated,
      [],
    )
    .option("--name <name>", "admit: the project's name")
    .option("--persona <id>", "admit: the persona it joins")
    .option("--home <url>", "admit: its home page")
    .option("--repository <url>", "admit: a repository; repeatable", collectRepeated, [])
    .option("--review <YYYY-Qn>", "the review (default: the open one)")
    .option("--date <YYYY-MM-DD>", "the day it is proposed (default: today)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print the motion as JSON")
    .action(async (...args: Parameters<typeof import("./motion-action.js").propose>) =>
      (await import("./motion-action.js")).propose(...args),
    );
}
