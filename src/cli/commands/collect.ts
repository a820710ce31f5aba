import type { Command } from "commander";
import { didYouMean, formatIssue, issue, UserError } from "../../core/errors.js";
import { collectProjectsEvidence, loadAffiliations, type ProgressEvent, type ProjectEvidence, type RepositoryEvidence } from "../../evidence/index.js";
import { CATALOG_OPTION_HELP, openCatalog, parseDateOption, printJson } from "../shared.js";

interface CollectFlags {
  catalog?: string;
  asOf?: string;
  json?: boolean;
  affiliations: string[];
  cache?: string;
  fetch: boolean;
  concurrency?: string;
}

export function register(program: Command): void {
  program
    .command("collect")
    .description("collect evidence (history, organizations, releases, community files) from the projects' repositories")
    .argument("[project...]", "project ids (default: all)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--as-of <date>", "collect as of this date, YYYY-MM-DD (history up to it, tree at it, tags before it)")
    .option("--affiliations <file>", "gitdm developers_affiliations*.txt or email-map file (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--cache <dir>", "cache of clones and evidence (default: <catalog dir>/.upstream-cache)")
    .option("--no-fetch", "do not fetch cached clones of remote repositories")
    .option("--concurrency <n>", "repositories read at once (default: number of cores)")
    .option("--json", "print the evidence as JSON on stdout")
    .action(async (ids: string[], flags: CollectFlags) => {
      const asOf = flags.asOf === undefined ? undefined : parseDateOption(flags.asOf, "--as-of");
      const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new UserError("E_USAGE", `--concurrency expects a positive whole number, got '${flags.concurrency}'`);
      const { catalog, baseDir } = await openCatalog(flags);
      const projects = selectProjects(catalog.projects, ids);
      const { rules, issues } = loadAffiliations(flags.affiliations);
      if (issues.some((i) => i.severity === "error")) throw new UserError("E_FILE_NOT_FOUND", "cannot read the affiliations files", { issues });
      for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
      const evidence = await collectProjectsEvidence(projects, {
        baseDir,
        rules,
        fetch: flags.fetch,
        ...(asOf ? { asOf } : {}),
        ...(flags.cache ? { cacheDir: flags.cache } : {}),
        ...(concurrency ? { concurrency } : {}),
        onProgress: progressBar(),
      });
      if (flags.json) printJson(evidence);
      else process.stdout.write(evidence.map(formatProject).join(""));
      for (const e of evidence) for (const f of e.failures) process.stderr.write(formatIssue(issue(f.code as never, `${e.project}: ${f.message}`, { repository: f.repository, ...(f.hint ? { hint: f.hint } : {}) })) + "\n");
      if (evidence.some((e) => e.failures.length > 0)) process.exitCode = 1;
    });
}

function selectProjects<P extends { id: string }>(projects: readonly P[], ids: readonly string[]): P[] {
  if (ids.length === 0) return [...projects];
  const known = projects.map((p) => p.id);
  return ids.map((id) => {
    const found = projects.find((p) => p.id === id);
    if (found) return found;
    const guess = didYouMean(id, known);
    throw new UserError("E_CATALOG_UNKNOWN_PROJECT", `no project '${id}' in the catalog${guess ? `; did you mean '${guess}'?` : ""}`);
  });
}

/** A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal. */
function progressBar(): ((e: ProgressEvent) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (e) => {
    const width = 24;
    const filled = e.total ? Math.round((e.done / e.total) * width) : width;
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${e.done}/${e.total} ${e.type === "start" ? "reading" : e.type} ${e.repository}`;
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}${e.done === e.total && e.type !== "start" ? "\r\x1b[K" : ""}`);
  };
}

function formatRepository(r: RepositoryEvidence): string {
  const h = r.history;
  const named = h.organizations.filter((o) => !o.organization.startsWith("(")).length;
  const latest = r.releases.latest ? `, latest ${r.releases.latest.tag} (${r.releases.latest.date.slice(0, 10)})` : "";
  const lines = [
    `  ${r.repository} @ ${r.commit.slice(0, 12)} (${r.commitDate.slice(0, 10)})${r.cache === "hit" ? " [cached]" : ""}`,
    `    history: ${h.commits} commits (+${h.merges} merges) since ${h.firstCommitDate.slice(0, 10)}, ${h.commitsLast12Months} in the last 12 months${h.shallow ? " (shallow: incomplete)" : ""}`,
    `    people:  ${h.contributors} contributors, ${h.activeContributorsLast12Months} active; ${named} organizations; elephant factor ${h.elephantFactor.value}, contributor absence factor ${h.contributorAbsenceFactor.value}`,
    `    releases: ${r.releases.tags} tags, ${r.releases.semverTags} semver${latest}; ${r.releases.releasesLast12Months} in the last 12 months; ${r.releases.stable ? "stable (>= 1.0)" : "no stable release"}`,
    `    files: license ${r.files.license.spdx ?? r.files.license.how}; maintainers ${r.maintainers.maintainers.length} from ${r.maintainers.organizations.length} organizations`,
  ];
  for (const w of r.warnings ?? []) lines.push(`    warning: ${w.message} [${w.code}]`);
  return lines.join("\n") + "\n";
}

function formatProject(e: ProjectEvidence): string {
  const failed = e.failures.map((f) => `  ${f.repository}: FAILED ${f.message} [${f.code}]\n`).join("");
  const none = e.repositories.length === 0 && e.failures.length === 0 ? "  (no repositories in the catalog)\n" : "";
  return `${e.project} (as of ${e.asOf})\n${e.repositories.map(formatRepository).join("")}${failed}${none}`;
}
