import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in frameworks-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  const cmd = program
    .command("frameworks")
    .description("list, show and validate maturity frameworks (shipped, and frameworks/*.yaml next to the catalog)");
  cmd
    .command("list", { isDefault: true })
    .description("list the frameworks known to this catalog")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print JSON")
    .action(async (...args: Parameters<typeof import("./frameworks-action.js").run>) =>
      (await import("./frameworks-action.js")).run(...args),
    );
  cmd
    .command("show")
    .description("print a framework's stages and criteria")
    .argument("<id|file>", "framework id or .yaml file")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print JSON")
    .action(async (...args: Parameters<typeof import("./frameworks-action.js").run1>) =>
      (await import("./frameworks-action.js")).run1(...args),
    );
  cmd
    .command("schema")
    .description("print the JSON Schema of framework files")
    .action(async () => (await import("./frameworks-action.js")).printSchema());
  cmd
    .command("validate")
    .description("check framework files; print every problem as file:line:col")
    .argument("<file...>", "framework .yaml files")
    .action(async (...args: Parameters<typeof import("./frameworks-action.js").run2>) =>
      (await import("./frameworks-action.js")).run2(...args),
    );
}
