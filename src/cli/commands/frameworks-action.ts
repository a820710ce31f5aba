import { formatIssue, hasErrors, type Issue } from "../../core/errors.js";
import { textTable } from "../../core/text-table.js";
import { plural } from "../../core/words.js";
import {
  allCriteria,
  frameworkJsonSchema,
  loadFrameworks,
  parseFramework,
  readFrameworkText,
  resolveFrameworkOption,
} from "../../maturity/index.js";
import { printJson as printSchemaJson, resolveCatalogPath } from "../shared.js";
import { frameworkShowOutput, frameworksOutput, printJson } from "../json-output.js";
import { catalogDir } from "./maturity-shared.js";
import { relative, sep } from "node:path";
import { BUILTIN_FRAMEWORKS_DIR } from "../../maturity/index.js";

/** A framework's file as a reader wants it: shipped ones by name, a team's relative to here (--json keeps the path). */
function shownFile(file: string | undefined): string {
  if (!file) return "";
  const shipped = relative(BUILTIN_FRAMEWORKS_DIR, file);
  if (!shipped.startsWith("..") && !shipped.includes(sep)) return `(shipped) ${shipped}`;
  const here = relative(process.cwd(), file);
  return here.startsWith("..") ? file : here;
}

export async function run(options: { catalog?: string; json?: boolean }): Promise<void> {
  const frameworks = [...(await loadFrameworks({ baseDir: catalogDir(resolveCatalogPath(options)) })).values()];
  const rows = frameworks.map((f) => ({
    id: f.id,
    version: f.version,
    title: f.title,
    stages: f.stages.map((s) => s.id),
    criteria: allCriteria(f).length,
    file: f.file,
  }));
  if (options.json)
    return printJson(
      "frameworks",
      frameworksOutput(frameworks, (f) => allCriteria(f).length),
    );
  process.stdout.write(
    textTable(
      ["id", "version", "title", "stages", "criteria", "file"],
      rows.map((r) => [r.id, r.version, r.title, r.stages.join(" → "), String(r.criteria), shownFile(r.file)]),
    ) + "\n",
  );
}

export async function run1(id: string, options: { catalog?: string; json?: boolean }): Promise<void> {
  const fw = await resolveFrameworkOption(
    id,
    await loadFrameworks({ baseDir: catalogDir(resolveCatalogPath(options)) }),
  );
  if (options.json) return printJson("frameworks-show", frameworkShowOutput(fw));
  process.stdout.write(`${fw.name} (${fw.id} version ${fw.version})${fw.source ? `\n${fw.source}` : ""}\n`);
  for (const s of fw.stages) {
    process.stdout.write(`\n${s.title} (${[s.id, ...s.synonyms.filter((x) => x !== s.id)].join(", ")})\n`);
    for (const c of s.criteria)
      process.stdout.write(
        `  ${c.requirement === "must" ? "must  " : "should"} ${c.decided.padEnd(11)} ` +
          `${c.id}${c.rule ? ` [${c.rule.id}${c.rule.threshold !== undefined ? ` ≥ ${c.rule.threshold}` : ""}]` : ""}\n ` +
          `        ${c.text}\n`,
      );
  }
}

export async function run2(files: string[]): Promise<void> {
  // every file is checked, a missing one included, so one run shows every problem
  const checked: { file: string; issues: Issue[] }[] = [];
  for (const file of files) {
    const read = await readFrameworkText(file);
    checked.push({ file, issues: read.issue ? [read.issue] : parseFramework(read.text, file).issues });
  }
  for (const i of checked.flatMap((c) => c.issues)) process.stderr.write(formatIssue(i) + "\n");
  const failed = checked.filter((c) => hasErrors(c.issues));
  for (const c of failed)
    process.stderr.write(`${c.file}: ${plural(c.issues.filter((i) => i.severity === "error").length, "error")}\n`);
  if (failed.length === 0) process.stdout.write(`✓ ${plural(files.length, "framework file")} valid\n`);
  else if (files.length > 1)
    process.stderr.write(`${failed.length} of ${plural(files.length, "framework file")} invalid\n`);
  process.exitCode = failed.length ? 1 : 0;
}

/** `frameworks schema`: the JSON Schema of framework files. */
export function printSchema(): void {
  printSchemaJson(frameworkJsonSchema());
}
