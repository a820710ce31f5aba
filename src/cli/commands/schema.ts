import type { Command } from "commander";
import { catalogJsonSchema, projectJsonSchema } from "../../catalog/index.js";
import { writeFileAtomic } from "../shared.js";

export function register(program: Command): void {
  program
    .command("schema")
    .description("print the catalog's JSON Schema (for editors: # yaml-language-server: $schema=…)")
    .option("--project", "the schema of one project file (projects/<id>.yaml) instead")
    .option("--out <file>", "write it to a file instead of stdout")
    .option("--force", "replace the --out file if it exists")
    .action(async (options: { project?: boolean; out?: string; force?: boolean }) => {
      const text = JSON.stringify(options.project ? projectJsonSchema() : catalogJsonSchema(), null, 2) + "\n";
      if (options.out) await writeFileAtomic(options.out, text, { overwrite: options.force === true });
      else process.stdout.write(text);
    });
}
