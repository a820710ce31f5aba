import { formatIssue, hasErrors } from "../../core/errors.js";
import { plural } from "../../core/words.js";
import { DEFAULT_RULES, loadCatalog, repositoriesListed } from "../../catalog/index.js";
import { resolveCatalogPath } from "../shared.js";
import { printJson, validateOutput } from "../json-output.js";
import { extraCatalogRules } from "../catalog-rules.js";
import { unsafeMarkdownRule } from "../../markdown/index.js";

export async function run(options: { catalog?: string; json?: boolean }): Promise<void> {
  const path = resolveCatalogPath(options);
  const extra = await extraCatalogRules(path);
  const loaded = await loadCatalog(path, [...DEFAULT_RULES, repositoriesListed, unsafeMarkdownRule, ...extra.rules]);
  const issues = [...extra.issues, ...loaded.issues];
  const failed = hasErrors(issues);
  if (options.json) {
    printJson("validate", validateOutput({ valid: !failed, catalog: loaded.path, files: loaded.files, issues }));
  } else {
    for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
    if (failed) {
      process.stderr.write(`${path}: ${plural(issues.filter((i) => i.severity === "error").length, "error")}\n`);
    } else {
      const c = loaded.catalog!;
      process.stdout.write(
        `✓ ${path}: valid — ${plural(c.projects.length, "project")} in ` +
          `${plural(c.personas.length, "persona")}, ${plural((c.announcements ?? []).length, "announcement")}\n`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}
