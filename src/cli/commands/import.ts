import type { Command } from "commander";

// The command's options; its work is in import-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("import")
    .description(
      "turn a README (one table per persona, or one 'Project Area' table) into a catalog, keeping every word",
    )
    .argument("<readme>", "the README.md to import")
    .option(
      "--out <dir|file>",
      "write a .yaml file, or a folder (upstream.yaml + projects/<id>.yaml); default: print the YAML",
    )
    .option("--force", "replace a catalog already at --out (hand edits to it are lost)")
    .action(async (...args: Parameters<typeof import("./import-action.js").run>) =>
      (await import("./import-action.js")).run(...args),
    );
}
