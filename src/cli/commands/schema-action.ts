import { catalogJsonSchema, projectJsonSchema } from "../../catalog/index.js";
import { writeFileAtomic } from "../shared.js";

export async function run(options: { project?: boolean; out?: string; force?: boolean }): Promise<void> {
  const text = JSON.stringify(options.project ? projectJsonSchema() : catalogJsonSchema(), null, 2) + "\n";
  if (options.out) await writeFileAtomic(options.out, text, { overwrite: options.force === true });
  else process.stdout.write(text);
}
