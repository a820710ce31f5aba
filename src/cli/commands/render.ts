import type { Command } from "commander";
import { renderReadme } from "../../markdown/index.js";
import { CATALOG_OPTION_HELP, openCatalog, writeFileAtomic } from "../shared.js";

export function register(program: Command): void {
  const render = program.command("render").description("render documents from the catalog");
  render
    .command("readme")
    .description("render the README in the layout the catalog was imported from (readme.layout)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--out <file>", "write the README to this file (default: stdout)")
    .action(async (options: { catalog?: string; out?: string }) => {
      const { catalog } = await openCatalog(options);
      const markdown = renderReadme(catalog);
      if (!options.out) return void process.stdout.write(markdown);
      await writeFileAtomic(options.out, markdown);
      process.stderr.write(`wrote ${options.out}\n`);
    });
}
