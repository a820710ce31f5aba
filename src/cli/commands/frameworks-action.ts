import { listFrameworks, showFramework, validateFrameworkFiles } from "../../app/index.js";
import { hasErrors } from "../../core/index.js";
import { textTable } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { BUILTIN_FRAMEWORKS_DIR, frameworkJsonSchema } from "../../maturity/index.js";
import { printIssues, printJson as printSchemaJson, sayWhichCatalog } from "../shared.js";
import { frameworkShowOutput, frameworksOutput, printJson } from "../json-documents.js";
import { relative, sep } from "node:path";

/** A framework's file as a reader wants it: shipped ones by name, a team's relative to here (--json keeps the path). */
function shownFile(file: string | undefined): string {
  if (!file) return "";
  const shipped = relative(BUILTIN_FRAMEWORKS_DIR, file);
  if (!shipped.startsWith("..") && !shipped.includes(sep)) return `(shipped) ${shipped}`;
  const here = relative(process.cwd(), file);
  return here.startsWith("..") ? file : here;
}

export async function run(options: { catalog?: string; json?: boolean }): Promise<void> {
  const { location, rows } = await listFrameworks({ ...options, cwd: process.cwd() });
  sayWhichCatalog(location);
  if (options.json) return printJson("frameworks", frameworksOutput(rows));
  process.stdout.write(
    textTable(
      ["id", "version", "title", "stages", "criteria", "file"],
      rows.map((r) => [r.id, r.version, r.title, r.stages.join(" → "), String(r.criteria), shownFile(r.file)]),
    ) + "\n",
  );
}

export async function run1(id: string, options: { catalog?: string; json?: boolean }): Promise<void> {
  const { location, framework: fw } = await showFramework({ ...options, framework: id, cwd: process.cwd() });
  sayWhichCatalog(location);
  if (options.json) return printJson("frameworks-show", frameworkShowOutput(fw));
  process.stdout.write(`${fw.name} (${fw.id} version ${fw.version})${fw.source ? `\n${fw.source}` : ""}\n`);
  for (const s of fw.stages) {
    process.stdout.write(`\n${s.title} (${[s.id, ...s.synonyms.filter((x) => x !== s.id)].join(", ")})\n`);
    for (const c of s.criteria) {
      const threshold = c.rule?.threshold !== undefined ? ` ≥ ${c.rule.threshold}` : "";
      const rule = c.rule ? ` [${c.rule.id}${threshold}]` : "";
      process.stdout.write(
        `  ${c.requirement === "must" ? "must  " : "should"} ${c.decided.padEnd(11)} ${c.id}${rule}\n ` +
          `        ${c.text}\n`,
      );
    }
  }
}

export async function run2(files: string[]): Promise<void> {
  const checked = await validateFrameworkFiles({ files, cwd: process.cwd() });
  printIssues(checked.flatMap((c) => c.issues));
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
