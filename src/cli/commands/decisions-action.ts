import { readInputFile } from "../../core/index.js";
import { issue, UserError, didYouMean, type Issue } from "../../core/index.js";
import { decodeUtf8 } from "../../catalog/index.js";
import { plural } from "../../core/index.js";
import {
  checkGovernance,
  decisionJson,
  locateAll,
  matchPublicRecord,
  projectHistory,
  readPublicRecord,
  renderDecisions,
  renderMatchReport,
} from "../../governance/index.js";
import { decisionsImportOutput, decisionsOutput, printJson } from "../json-output.js";
import { openCatalogGovernance } from "./decisions-shared.js";
import { formatIssue } from "../../core/index.js";

export async function list(project: string | undefined, options: { catalog?: string; json?: boolean }): Promise<void> {
  const { catalog, governance } = await openCatalogGovernance(options);
  let decisions = governance.check.decisions;
  if (project !== undefined) {
    const ids = [...new Set([...catalog.projects.map((p) => p.id), ...decisions.map((d) => d.project)])];
    if (!ids.includes(project)) {
      const guess = didYouMean(project, ids);
      throw new UserError(
        "E_CATALOG_UNKNOWN_PROJECT",
        `no project '${project}' in the catalog or its decisions${guess ? `; did you mean '${guess}'?` : ""}`,
      );
    }
    decisions = projectHistory(decisions, project);
  }
  if (options.json) printJson("decisions", decisionsOutput(decisions.map(decisionJson)));
  else process.stdout.write(renderDecisions(decisions));
}

export async function importFiles(files: string[], options: { catalog?: string; json?: boolean }): Promise<void> {
  const { governance, aliases } = await openCatalogGovernance(options);
  // The foundation's decisions go in the framework the catalog maps its CNCF alias to.
  const framework = aliases.CNCF ?? "cncf";
  const reports = [];
  const problems: Issue[] = [];
  for (const file of files) {
    const started = performance.now();
    const read = readInputFile(file, { what: file });
    if ("problem" in read) {
      const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
      throw new UserError(code, read.message, { issues: [issue(code, read.message, { file, hint: read.hint })] });
    }
    const text = decodeUtf8(file, read.bytes);
    if ("issue" in text) throw new UserError(text.issue.code, text.issue.message, { issues: [text.issue] });
    const record = readPublicRecord(file, text.text);
    if (!("projects" in record))
      throw new UserError(record.issues[0]?.code ?? "E_DECISIONS_IMPORT_FORMAT", `${file}: not imported`, {
        issues: record.issues,
      });
    const readMs = performance.now() - started;
    problems.push(...record.issues);
    const report = matchPublicRecord(record, governance.context.projects, framework);
    reports.push({ report, readMs });
  }
  // What recording them would add, checked with the records already there.
  // Two files may date the same decision (landscape.yml and CLOMonitor): it is recorded once.
  const seen = new Set<string>();
  const proposed = reports
    .flatMap((r) => r.report.matches.flatMap((m) => (m.matched ? m.decisions : [])))
    .filter((d) => {
      const key = `${d.project}|${d.kind}|${d.level ?? ""}|${d.date}`;
      return !seen.has(key) && seen.add(key);
    });
  const records = governance.loaded.records;
  const check = checkGovernance(
    {
      ...records,
      recorded: {
        file: records.recorded?.file ?? "governance/decisions.yaml",
        decisions: [...(records.recorded?.decisions ?? []), ...proposed],
      },
    },
    governance.context,
  );
  const conflicts = locateAll(check.issues, governance.loaded.locate).filter(
    (i) => !governance.issues.some((g) => g.message === i.message),
  );
  for (const i of [...problems, ...conflicts]) process.stderr.write(formatIssue(i) + "\n");
  if (options.json) {
    printJson(
      "decisions-import",
      decisionsImportOutput({
        files: reports.map(({ report, readMs }) => ({
          file: report.file,
          kind: report.kind,
          listed: report.listed,
          readMs: Math.round(readMs),
          matches: report.matches,
        })),
        decisions: proposed,
        conflicts: conflicts.map((i) => ({ code: i.code, message: i.message, hint: i.hint ?? null })),
        written: false,
      }),
    );
    return;
  }
  for (const { report, readMs } of reports) {
    process.stdout.write(renderMatchReport(report));
    process.stderr.write(`read ${report.file} in ${Math.round(readMs)} ms\n`);
  }
  process.stdout.write(
    `${plural(proposed.length, "decision")} would be recorded in governance/decisions.yaml ` +
      `(not written: recording waits for the catalog editor)\n`,
  );
}
