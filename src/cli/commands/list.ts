import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in list-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("list")
    .description("list the catalog's projects")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--persona <id>", "only the projects of this persona")
    .option("--json", "print the projects as JSON, each whole as the catalog writes it")
    .action(async (...args: Parameters<typeof import("./list-action.js").run>) =>
      (await import("./list-action.js")).run(...args),
    );
}
