import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in badge-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  program
    .command("badge")
    .description(
      "write the SVG maturity badge of a project (its declared level and framework), or of several into a folder",
    )
    .argument("[project...]", "project ids (with --out-dir, default: every project)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--framework <id|file>", "show the level in this framework rather than the one the state names")
    .option("--link <url>", "make the badge a link (e.g. to the explanation of the level)")
    .option("--out <file>", "write one project's badge to this file (default: stdout)")
    .option("--force", "replace the --out file if it exists")
    .option("--out-dir <dir>", "write <dir>/<project>.svg for each project")
    .addHelpText(
      "after",
      [
        "",
        "In the README: `upstream render readme --badges <dir>` (or --badges https://…/<dir>, where the folder",
        "is published) shows each project's badge, <dir>/<project>.svg, in its state cell; or set",
        "readme.badges in the catalog ({ image: badges/{id}.svg, link: … }) to show them in every render.",
        "",
        "Example:",
        "  upstream badge --out-dir badges && upstream render readme --badges badges --out README.md --force",
      ].join("\n"),
    )
    .action(async (...args: Parameters<typeof import("./badge-action.js").run>) =>
      (await import("./badge-action.js")).run(...args),
    );
}
