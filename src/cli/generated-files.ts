import { join } from "node:path";
import { ERROR_CODES } from "../core/index.js";
import { catalogJsonSchema, projectJsonSchema } from "../catalog/index.js";
import { governanceJsonSchemas } from "../governance/index.js";
import { PACKAGE_ROOT } from "./shared.js";

/** Files generated from code and checked in, by absolute path. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(join(PACKAGE_ROOT, "schema", "upstream.schema.json"), JSON.stringify(catalogJsonSchema(), null, 2) + "\n");
  files.set(join(PACKAGE_ROOT, "schema", "project.schema.json"), JSON.stringify(projectJsonSchema(), null, 2) + "\n");
  for (const [name, schema] of Object.entries(governanceJsonSchemas()))
    files.set(join(PACKAGE_ROOT, "schema", name), JSON.stringify(schema, null, 2) + "\n");
  files.set(join(PACKAGE_ROOT, "docs", "errors.md"), errorsMarkdown());
  return files;
}

function errorsMarkdown(): string {
  const rows = Object.entries(ERROR_CODES).map(
    ([code, e]) => `| \`${code}\` | ${e.exit === 0 ? "warning" : e.exit} | ${e.meaning} |`,
  );
  return [
    "<!-- Generated from src/core/errors.ts by `npm run docs`; do not edit by hand. -->",
    "# Error and warning codes",
    "",
    "Every problem Upstream Portfolio reports carries one of these codes, after the message:",
    "`upstream.yaml:12:5: error: unknown key 'nmae' (at projects[3].nmae) [E_CATALOG_UNKNOWN_KEY]`,",
    "followed by a `fix:` line saying what to do. Codes are never reused.",
    "",
    "| Code | Exit | Meaning |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
