import { validateCatalog } from "../../app/index.js";
import { plural } from "../../core/index.js";
import { printIssues, sayWhichCatalog } from "../shared.js";
import { printJson, validateOutput } from "../json-documents.js";

export async function run(options: { catalog?: string; json?: boolean }): Promise<void> {
  const checked = sayWhichCatalog(await validateCatalog({ ...options, cwd: process.cwd() }));
  const { path, issues } = checked;
  // Problems go to stderr in every mode; --json also carries them, with the rest of the result, on stdout.
  printIssues(issues);
  if (!checked.valid)
    process.stderr.write(`${path}: ${plural(issues.filter((i) => i.severity === "error").length, "error")}\n`);
  if (options.json) {
    printJson(
      "validate",
      validateOutput({ valid: checked.valid, catalog: checked.file, files: checked.files, issues }),
    );
  } else if (checked.valid) {
    const c = checked.catalog!;
    process.stdout.write(
      `✓ ${path}: valid — ${plural(c.projects.length, "project")} in ` +
        `${plural(c.personas.length, "persona")}, ${plural((c.announcements ?? []).length, "announcement")}\n`,
    );
  }
  process.exitCode = checked.valid ? 0 : 1;
}
