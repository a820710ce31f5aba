import type { Command } from "commander";
import { formatIssue, hasErrors, type Issue } from "../../core/errors.js";
import { textTable } from "../../core/text-table.js";
import { plural } from "../../core/words.js";
import { allCriteria, frameworkJsonSchema, loadFrameworks, parseFramework, readFrameworkText, resolveFrameworkOption } from "../../maturity/index.js";
import { CATALOG_OPTION_HELP, printJson, resolveCatalogPath } from "../shared.js";
import { catalogDir } from "./maturity-shared.js";

export function register(program: Command): void {
  const cmd = program.command("frameworks").description("list, show and validate maturity frameworks (shipped, and frameworks/*.yaml next to the catalog)");
  cmd
    .command("list", { isDefault: true })
    .description("list the frameworks known to this catalog")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print JSON")
    .action(async (options: { catalog?: string; json?: boolean }) => {
      const frameworks = [...(await loadFrameworks({ baseDir: catalogDir(resolveCatalogPath(options)) })).values()];
      const rows = frameworks.map((f) => ({ id: f.id, version: f.version, title: f.title, stages: f.stages.map((s) => s.id), criteria: allCriteria(f).length, file: f.file }));
      if (options.json) return printJson(rows);
      process.stdout.write(textTable(["id", "version", "title", "stages", "criteria", "file"], rows.map((r) => [r.id, r.version, r.title, r.stages.join(" → "), String(r.criteria), r.file ?? ""])) + "\n");
    });
  cmd
    .command("show")
    .description("print a framework's stages and criteria")
    .argument("<id|file>", "framework id or .yaml file")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--json", "print JSON")
    .action(async (id: string, options: { catalog?: string; json?: boolean }) => {
      const fw = await resolveFrameworkOption(id, await loadFrameworks({ baseDir: catalogDir(resolveCatalogPath(options)) }));
      if (options.json) return printJson(fw);
      process.stdout.write(`${fw.name} (${fw.id} version ${fw.version})${fw.source ? `\n${fw.source}` : ""}\n`);
      for (const s of fw.stages) {
        process.stdout.write(`\n${s.title} (${[s.id, ...s.synonyms.filter((x) => x !== s.id)].join(", ")})\n`);
        for (const c of s.criteria) process.stdout.write(`  ${c.requirement === "must" ? "must  " : "should"} ${c.decided.padEnd(11)} ${c.id}${c.rule ? ` [${c.rule.id}${c.rule.threshold !== undefined ? ` ≥ ${c.rule.threshold}` : ""}]` : ""}\n         ${c.text}\n`);
      }
    });
  cmd
    .command("schema")
    .description("print the JSON Schema of framework files")
    .action(() => printJson(frameworkJsonSchema()));
  cmd
    .command("validate")
    .description("check framework files; print every problem as file:line:col")
    .argument("<file...>", "framework .yaml files")
    .action(async (files: string[]) => {
      // every file is checked, a missing one included, so one run shows every problem
      const checked: { file: string; issues: Issue[] }[] = [];
      for (const file of files) {
        const read = await readFrameworkText(file);
        checked.push({ file, issues: read.issue ? [read.issue] : parseFramework(read.text, file).issues });
      }
      for (const i of checked.flatMap((c) => c.issues)) process.stderr.write(formatIssue(i) + "\n");
      const failed = checked.filter((c) => hasErrors(c.issues));
      for (const c of failed) process.stderr.write(`${c.file}: ${plural(c.issues.filter((i) => i.severity === "error").length, "error")}\n`);
      if (failed.length === 0) process.stdout.write(`✓ ${plural(files.length, "framework file")} valid\n`);
      else if (files.length > 1) process.stderr.write(`${failed.length} of ${plural(files.length, "framework file")} invalid\n`);
      process.exitCode = failed.length ? 1 : 0;
    });
}
