import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in vote-action.ts, loaded only when the command runs.
export function register(program: Command): void {
  program
    .command("vote")
    .description("record a TOC member's vote on a motion of the open review")
    .argument("<motion>", "the motion: REVIEW/ID (e.g. 2026-Q4/fleet-manager-incubating) or its id")
    .argument("<vote>", "yes | no | abstain")
    .requiredOption("--member <handle>", "the member voting")
    .option("--date <YYYY-MM-DD>", "the day of the vote (default: today)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print the motion's tally as JSON")
    .action(async (...args: Parameters<typeof import("./vote-action.js").vote>) =>
      (await import("./vote-action.js")).vote(...args),
    );
}
