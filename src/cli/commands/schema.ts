import type { Command } from "commander";

// The command's options; its work is in schema-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("schema")
    .description(
      "print the catalog's JSON Schema (for editors: # yaml-language-server: $schema=…), or a --json output's",
    )
    .option("--project", "the schema of one project file (projects/<id>.yaml) instead")
    .option(
      "--output <command>",
      "the schema of a command's --json output instead: validate, list, collect, assess, assess-since, " +
        "frameworks, frameworks-show",
    )
    .option("--out <file>", "write it to a file instead of stdout")
    .option("--force", "replace the --out file if it exists")
    .action(async (...args: Parameters<typeof import("./schema-action.js").run>) =>
      (await import("./schema-action.js")).run(...args),
    );
}
