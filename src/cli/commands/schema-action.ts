import { UserError, didYouMean } from "../../core/index.js";
import { catalogJsonSchema, projectJsonSchema } from "../../catalog/index.js";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECTS_DIR } from "../../catalog/index.js";
import { writeFileAtomic, writeFilesAtomic } from "../shared.js";
import { checkSchemaTargets, schemaFiles } from "../schema-files.js";
import { JSON_OUTPUTS, isJsonOutputName, outputJsonSchema } from "../json-output.js";

interface SchemaOptions {
  project?: boolean;
  output?: string;
  out?: string;
  write?: string | boolean;
  force?: boolean;
}

export async function run(options: SchemaOptions): Promise<void> {
  if (options.write !== undefined) return writeBesideCatalog(options);
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

/** `--write [DIR]`: the schema files a catalog in DIR names, beside it. */
async function writeBesideCatalog(options: SchemaOptions): Promise<void> {
  if (options.out || options.output !== undefined || options.project)
    throw new UserError(
      "E_USAGE",
      "--write writes the catalog's schema files; it takes no --out, --output or --project",
    );
  const dir = resolve(typeof options.write === "string" ? options.write : ".");
  if (!existsSync(dir)) throw new UserError("E_FILE_NOT_FOUND", `${dir} does not exist; give the catalog's folder`);
  const files = schemaFiles(dir, { project: existsSync(join(dir, PROJECTS_DIR)) });
  checkSchemaTargets(files.keys(), options.force === true);
  await writeFilesAtomic(files);
  process.stderr.write(`wrote ${[...files.keys()].join(", ")}\n`);
}
