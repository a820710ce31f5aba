import type { Command } from "commander";
import { formatIssue, UserError, type Issue } from "../../core/errors.js";
import { allCriteria, frameworkJsonSchema, loadFrameworks, parseFramework, resolveFrameworkOption, textTable } from "../../maturity/index.js";
import { readFile } from "node:fs/promises";
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
      const issues: Issue[] = [];
      for (const f of files) issues.push(...parseFramework(await readText(f), f).issues);
      for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
      if (issues.length === 0) process.stdout.write(`✓ ${files.length} framework file${files.length === 1 ? "" : "s"} valid\n`);
      process.exitCode = issues.some((i) => i.severity === "error") ? 1 : 0;
    });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UserError("E_FILE_NOT_FOUND", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}
