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
  type GovernanceLocator,
  type RecordedDecision,
} from "../../governance/index.js";
import { decisionsImportOutput, decisionsOutput, printJson } from "../json-documents.js";
import { openCatalogGovernance } from "./decisions-shared.js";
import { decisionsDocument, GovernanceWriter, type OpenedProgram } from "./review-write.js";
import { API_VERSION, type CatalogEdit } from "../../catalog/index.js";
import { today } from "../../core/index.js";
import { parseDateOption } from "../shared.js";
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

/** The fields in the order a person writes a decision (YAML keeps the order given). */
function inRecordOrder(d: RecordedDecision): RecordedDecision {
  const { project, kind, level, framework, foundation, date, by, link, source, imported } = d;
  return {
    project,
    kind,
    ...(level ? { level } : {}),
    framework,
    ...(foundation ? { foundation } : {}),
    date,
    by,
    ...(link ? { link } : {}),
    ...(source ? { source } : {}),
    ...(imported ? { imported } : {}),
  };
}

/** What makes two recorded decisions the same one (a second import of a record finds it already there). */
const decisionKey = (d: RecordedDecision) => `${d.project}|${d.framework}|${d.kind}|${d.level ?? ""}|${d.date}`;

export async function importFiles(
  files: string[],
  options: { catalog?: string; json?: boolean; write?: boolean; date?: string },
): Promise<void> {
  const program = await openCatalogGovernance(options);
  const { governance, aliases } = program;
  const importedOn = options.date ? parseDateOption(options.date, "--date") : today();
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
    reports.push({ report, readMs, from: record.kind });
  }
  // What recording them would add, checked with the records already there.
  // Two files may date the same decision (landscape.yml and CLOMonitor): it is recorded once.
  // Those already recorded (an earlier import) are not recorded again.
  const records = governance.loaded.records;
  const seen = new Set<string>((records.recorded?.decisions ?? []).map(decisionKey));
  const proposed: RecordedDecision[] = reports
    .flatMap((r) =>
      r.report.matches.flatMap((m) =>
        m.matched ? m.decisions.map((d) => inRecordOrder({ ...d, imported: { from: r.from, on: importedOn } })) : [],
      ),
    )
    .filter((d) => {
      const key = decisionKey(d);
      return !seen.has(key) && seen.add(key);
    });
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
  // A conflict in a decision not yet written is placed at the entry of the public record it comes from.
  const existing = records.recorded?.decisions.length ?? 0;
  const locate: GovernanceLocator = (file, at, how) => {
    const source = typeof at[1] === "number" && at[0] === "decisions" ? proposed[at[1] - existing]?.source : undefined;
    const place = source ? /^(.*):(\d+)$/.exec(source) : null;
    return place ? { file: place[1]!, line: Number(place[2]) } : governance.loaded.locate(file, at, how);
  };
  const conflicts = locateAll(check.issues, locate).filter(
    (i) => !governance.issues.some((g) => g.message === i.message),
  );
  const written = options.write ? await record(program, options, proposed, [...problems, ...conflicts]) : undefined;
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
        written: written !== undefined && written.length > 0,
      }),
    );
    return;
  }
  for (const { report, readMs } of reports) {
    process.stdout.write(renderMatchReport(report));
    process.stderr.write(`read ${report.file} in ${Math.round(readMs)} ms\n`);
  }
  process.stdout.write(
    written === undefined
      ? `${plural(proposed.length, "decision")} would be recorded in governance/decisions.yaml ` +
          "(not written: --write records them)\n"
      : written.length > 0
        ? `${plural(proposed.length, "decision")} recorded, imported from the public record on ${importedOn} ` +
          `(no votes: the record gives none); wrote ${written.join(", ")}\n`
        : "nothing to record: every decision the files date is recorded already\n",
  );
}

/**
 * Append the new decisions to governance/decisions.yaml (made when missing) through the catalog editor: checked with
 * every governance check as written, then written atomically under the catalog's lock; comments and order kept. An
 * error in the files or a conflict with the records refuses it all.
 */
async function record(
  program: OpenedProgram,
  options: { catalog?: string },
  decisions: readonly RecordedDecision[],
  problems: readonly Issue[],
): Promise<string[]> {
  const refusal = "the decisions were not recorded";
  const errors = problems.filter((i) => i.severity !== "warning");
  if (errors.length > 0)
    throw new UserError(errors[0]!.code, `${refusal}: ${plural(errors.length, "error")}; nothing was written`, {
      issues: errors,
    });
  if (decisions.length === 0) return [];
  const document = decisionsDocument();
  const writer = await GovernanceWriter.open(program, options, [document], "decisions import");
  const exists = program.governance.loaded.records.recorded !== undefined;
  const edits: CatalogEdit[] = exists
    ? decisions.map((d) => ({ op: "append", file: document.file, path: ["decisions"], value: d }))
    : [{ op: "set", file: document.file, path: [], value: { apiVersion: API_VERSION, decisions } }];
  await writer.apply(edits, refusal);
  return (await writer.commit(refusal)).written;
}
