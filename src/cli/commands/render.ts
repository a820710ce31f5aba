import type { Command } from "commander";
import { CATALOG_OPTION_HELP } from "../options.js";

// The command's options; its work is in render-action.ts, loaded only when the command runs, so
// `upstream --help` and other commands do not pay for what this one imports.
export function register(program: Command): void {
  const render = program.command("render").description("render documents from the catalog");
  render
    .command("readme")
    .description("render the README in the layout the catalog was imported from (readme.layout)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--out <file>", "write the README to this file (default: stdout)")
    .option("--force", "replace the --out file if it exists")
    .option("--check <file>", "write nothing; exit 1 if <file> differs from what the catalog renders (for CI)")
    .option(
      "--badges <dir-or-url>",
      `show each project's maturity badge, <dir-or-url>/<project>.svg, in its state ` +
        `cell (for this render; sets readme.badges.image to <dir-or-url>/{id}.svg)`,
    )
    .addHelpText(
      "after",
      [
        "",
        "Badges: `upstream badge --out-dir DIR` writes DIR/<project>.svg for every project; render with",
        "`--badges DIR` (a path relative to the README) or `--badges https://…/DIR` (where DIR is published)",
        "to show them. To keep them, set readme.badges in the catalog instead:",
        "  readme:",
        "    badges: { image: badges/{id}.svg, link: https://…/graduation_guidelines.md }",
        "",
        "Example:",
        "  upstream badge --out-dir badges && upstream render readme --badges badges --out README.md --force",
      ].join("\n"),
    )
    .action(async (...args: Parameters<typeof import("./render-action.js").run>) =>
      (await import("./render-action.js")).run(...args),
    );
}
