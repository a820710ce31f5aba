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
        "frameworks, frameworks-show, decisions, decisions-import, toc",
    )
    .option("--out <file>", "write it to a file instead of stdout")
    .option(
      "--write [dir]",
      "write upstream.schema.json (and project.schema.json, when DIR holds projects/) into the catalog's " +
        "folder (default: the current one), for `$schema: ./upstream.schema.json`",
    )
    .option("--force", "replace the --out file if it exists; with --write, a file there that is not a JSON Schema")
    .action(async (...args: Parameters<typeof import("./schema-action.js").run>) =>
      (await import("./schema-action.js")).run(...args),
    );
}
