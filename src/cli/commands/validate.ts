import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in validate-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("validate")
    .description("check the catalog against its schema and cross-references; print every problem as file:line:col")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print the result as JSON")
    .action(async (...args: Parameters<typeof import("./validate-action.js").run>) =>
      (await import("./validate-action.js")).run(...args),
    );
}
