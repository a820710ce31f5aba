import { UserError, didYouMean } from "../../core/errors.js";
import { catalogJsonSchema, projectJsonSchema } from "../../catalog/index.js";
import { writeFileAtomic } from "../shared.js";
import { JSON_OUTPUTS, isJsonOutputName, outputJsonSchema } from "../json-output.js";

interface SchemaOptions {
  project?: boolean;
  output?: string;
  out?: string;
  force?: boolean;
}

export async function run(options: SchemaOptions): Promise<void> {
  const text = JSON.stringify(chosenSchema(options), null, 2) + "\n";
  if (options.out) await writeFileAtomic(options.out, text, { overwrite: options.force === true });
  else process.stdout.write(text);
}

function chosenSchema(options: SchemaOptions): Record<string, unknown> {
  if (options.output === undefined) return options.project ? projectJsonSchema() : catalogJsonSchema();
  if (options.project) throw new UserError("E_USAGE", "--project and --output name different schemas; give one");
  if (isJsonOutputName(options.output)) return outputJsonSchema(options.output);
  const names = Object.keys(JSON_OUTPUTS);
  const guess = didYouMean(options.output, names);
  throw new UserError(
    "E_USAGE",
    `--output expects the name of a command's --json output, got '${options.output}'` +
      `${guess ? `; did you mean '${guess}'?` : ""} (outputs: ${names.join(", ")})`,
  );
}
