import { join } from "node:path";
import { ERROR_CODES } from "../core/index.js";
import { catalogJsonSchema, projectJsonSchema } from "../catalog/index.js";
import { governanceJsonSchemas } from "../governance/index.js";
import { readFileSync } from "node:fs";
import { PACKAGE_ROOT } from "./shared.js";
import { runTour } from "./readme-tour.js";

/**
 * Files generated from code and checked in, by absolute path. With `tour`, README.md too: its
 * tour's commands run for real (a few seconds: it builds the demo program).
 */
export function generatedFiles(options: { tour?: boolean } = { tour: true }): Map<string, string> {
  const files = new Map<string, string>();
  files.set(join(PACKAGE_ROOT, "schema", "upstream.schema.json"), JSON.stringify(catalogJsonSchema(), null, 2) + "\n");
  files.set(join(PACKAGE_ROOT, "schema", "project.schema.json"), JSON.stringify(projectJsonSchema(), null, 2) + "\n");
  for (const [name, schema] of Object.entries(governanceJsonSchemas()))
    files.set(join(PACKAGE_ROOT, "schema", name), JSON.stringify(schema, null, 2) + "\n");
  files.set(join(PACKAGE_ROOT, "docs", "errors.md"), errorsMarkdown());
  if (options.tour) {
    const readme = join(PACKAGE_ROOT, "README.md");
    const tour = runTour(readFileSync(readme, "utf8"));
    if (tour.problems.length) throw new Error(tour.problems.join("\n"));
    files.set(readme, tour.text);
  }
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
