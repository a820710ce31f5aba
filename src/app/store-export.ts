import { ERROR_CODES, issue, UserError, type Issue } from "../core/index.js";
import type { Project } from "../catalog/index.js";
import { repositoryRef } from "../catalog/index.js";
import {
  EVIDENCE_VERSION,
  type ProjectEvidence,
  type RepositoryEvidence,
  type RepositoryFailure,
} from "../evidence/index.js";
import type { Store } from "../store/index.js";

/** The first line of an export: what it is, and as of which date its evidence is. */
export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  /** YYYY-MM-DD: the latest as-of date of the snapshots exported (or the date asked for). */
  readonly asOf: string | null;
  readonly toolVersion: string;
}

export const EXPORT_FORMAT = "upstream-store-export";
export const EXPORT_VERSION = 1;

/** One evidence snapshot, as a line. */
export interface SnapshotRecord {
  readonly type: "snapshot";
  readonly repository: string;
  readonly commit: string;
  readonly asOf: string;
  readonly fingerprint: string;
  readonly evidence: RepositoryEvidence;
}

/** A repository the last run could not read, and why: shipped so that "unknown" keeps its reason. */
export interface FailureRecord {
  readonly type: "failure";
  readonly repository: string;
  readonly asOf: string;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export type ExportRecord = SnapshotRecord | FailureRecord;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const WITHHELD = "(e-mail withheld)";

/** `value` with every e-mail address replaced, in every string it holds. */
function withoutEmails<T>(value: T): T {
  if (typeof value === "string") return value.replace(EMAIL, WITHHELD) as T;
  if (Array.isArray(value)) return value.map(withoutEmails) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutEmails(v)])) as T;
  return value;
}

/**
 * The evidence as it may be published: figures, organizations and public handles. Maintainers' e-mail addresses
 * and the merged spellings (e-mails) go; any other e-mail in a string is withheld; the local mirror path goes.
 */
export function publishableEvidence(evidence: RepositoryEvidence): RepositoryEvidence {
  const { cache: _served, mirror: _local, ...rest } = evidence;
  const history = rest.history.mergedIdentities
    ? { ...rest.history, mergedIdentities: { count: rest.history.mergedIdentities.count, items: [] } }
    : rest.history;
  const maintainers = rest.maintainers.maintainers.map(({ email: _email, ...m }) => m);
  return withoutEmails({ ...rest, history, maintainers: { ...rest.maintainers, maintainers } });
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `store export`: per repository, its latest snapshot (on or before `asOf` when given), plus the failures of the
 * latest run for repositories without one; JSON lines, sorted, after a header line.
 */
export async function exportStore(
  store: Store,
  options: { readonly asOf?: string; readonly toolVersion: string },
): Promise<{ text: string; header: ExportHeader; records: number }> {
  const records: ExportRecord[] = [];
  for (const repository of await store.repositories()) {
    const s = await store.latestSnapshot(repository, options.asOf ? { asOf: options.asOf } : {});
    if (s)
      records.push({
        type: "snapshot",
        repository,
        commit: s.commit,
        asOf: s.asOf,
        fingerprint: s.fingerprint,
        evidence: publishableEvidence(s.evidence),
      });
  }
  const latestRun = (await store.listRuns()).find(
    (r) => r.status === "finished" && (!options.asOf || r.asOf <= options.asOf),
  );
  const measured = new Set(records.map((r) => r.repository));
  // one failure per repository (a repository two projects list failed for both)
  for (const f of latestRun?.failures ?? []) {
    // one failure per repository (a repository two projects list failed for both)
    if (measured.has(f.repository)) continue;
    measured.add(f.repository);
    records.push(
      withoutEmails({
        type: "failure",
        repository: f.repository,
        asOf: latestRun!.asOf,
        code: f.code,
        message: f.message,
        ...(f.hint ? { hint: f.hint } : {}),
      }),
    );
  }
  records.sort((a, b) => compareText(a.type, b.type) || compareText(a.repository, b.repository));
  const dates = records.map((r) => r.asOf).sort(compareText);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    asOf: options.asOf ?? dates.at(-1) ?? null,
    toolVersion: options.toolVersion,
  };
  const text = [header, ...records].map((r) => JSON.stringify(r)).join("\n") + "\n";
  return { text, header, records: records.length };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export interface ParsedExport {
  readonly header: ExportHeader;
  readonly records: readonly ExportRecord[];
}

/**
 * The projects' evidence as of `date` from an export, reading no git: per repository its latest snapshot on or
 * before the date; else the failure the export ships for it (why it was not read); else a failure saying the
 * export holds no snapshot of it. Either way its criteria are unknown, not "not met".
 */
export function evidenceFromExport(
  exported: ParsedExport,
  projects: readonly Pick<Project, "id" | "repositories">[],
  date: string,
  file: string,
): ProjectEvidence[] {
  const latest = new Map<string, SnapshotRecord>();
  const failed = new Map<string, FailureRecord>();
  for (const r of exported.records) {
    if (r.type === "failure") failed.set(r.repository, r);
    else if (r.asOf <= date && (latest.get(r.repository)?.asOf ?? "") <= r.asOf) latest.set(r.repository, r);
  }
  return projects.map((p) => {
    const repositories: RepositoryEvidence[] = [];
    const failures: RepositoryFailure[] = [];
    for (const entry of p.repositories ?? []) {
      const label = repositoryRef(entry).label;
      const snapshot = latest.get(label);
      const failure = failed.get(label);
      if (snapshot) repositories.push(snapshot.evidence);
      else if (failure)
        failures.push({
          repository: label,
          code: failure.code as RepositoryFailure["code"],
          message: failure.message,
          ...(failure.hint ? { hint: failure.hint } : {}),
        });
      else
        failures.push({
          repository: label,
          code: "E_STORE_NO_SNAPSHOT",
          message: `${file} holds no evidence of ${label} as of ${date}`,
          hint: "collect it (upstream collect) and export again, or assess a later date",
        });
    }
    return { version: EVIDENCE_VERSION, project: p.id, asOf: date, repositories, failures };
  });
}

/** Parse an export, each line checked; every problem is an issue at file:line. */
export function parseExport(text: string, file: string): ParsedExport {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const problems: Issue[] = [];
  const at = (line: number, message: string, hint: string) =>
    problems.push(issue("E_STORE_EXPORT_SYNTAX", message, { file, line, hint }));
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      at(i + 1, "the line is not JSON", "each line of an export is one JSON record, as `upstream store export` writes");
      return undefined;
    }
  });
  const header = parsed[0] as Partial<ExportHeader> | undefined;
  if (lines.length === 0) at(1, "the file is empty", "export a store with `upstream store export FILE`");
  else if (!header || header.format !== EXPORT_FORMAT)
    at(
      1,
      `the first line is not an export header ({"format":"${EXPORT_FORMAT}",…})`,
      "import a file `upstream store export` wrote",
    );
  else if (header.version !== EXPORT_VERSION)
    at(
      1,
      `the export's version is ${String(header.version)}; this tool reads version ${EXPORT_VERSION}`,
      "export it again with this version of the tool",
    );
  const records: ExportRecord[] = [];
  parsed.slice(1).forEach((value, i) => {
    const line = i + 2;
    if (value === undefined) return;
    const why = recordProblem(value);
    if (why) at(line, why, "fix the line or export the store again; nothing of the file was imported");
    else records.push(value as ExportRecord);
  });
  if (problems.length)
    throw new UserError(
      "E_STORE_EXPORT_SYNTAX",
      `${file} was not imported: ${problems.length} bad line(s); nothing was written`,
      { issues: problems },
    );
  return { header: header as ExportHeader, records };
}

/** Why `value` is not a record of an export; undefined when it is. */
function recordProblem(value: unknown): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "the line is not a JSON object";
  const r = value as Record<string, unknown>;
  if (typeof r.repository !== "string" || r.repository === "") return "no repository";
  if (typeof r.asOf !== "string" || !DATE.test(r.asOf)) return "asOf is not a YYYY-MM-DD date";
  if (r.type === "failure")
    return typeof r.code === "string" && r.code in ERROR_CODES && typeof r.message === "string"
      ? undefined
      : "a failure needs a known error code (E_…) and a message";
  if (r.type !== "snapshot") return `unknown record type ${JSON.stringify(r.type)} (snapshot or failure)`;
  if (typeof r.commit !== "string" || !COMMIT.test(r.commit)) return "commit is not a full commit id";
  if (typeof r.fingerprint !== "string") return "no fingerprint";
  const e = r.evidence as Record<string, unknown> | undefined;
  if (!e || typeof e !== "object") return "no evidence";
  if (e.repository !== r.repository || e.commit !== r.commit || e.asOf !== r.asOf)
    return "the evidence's repository, commit and asOf differ from the record's";
  const history = e.history as Record<string, unknown> | undefined;
  if (!history || typeof history.commits !== "number" || typeof history.contributors !== "number")
    return "the evidence has no history figures (commits, contributors)";
  for (const key of ["releases", "files", "maintainers"])
    if (!e[key] || typeof e[key] !== "object") return `the evidence has no ${key}`;
  return undefined;
}

/**
 * `store import`: every line checked first, then all snapshots in one transaction, and the failures as one run
 * (so that their reasons are kept): all or nothing.
 */
export async function importStore(
  store: Store,
  text: string,
  file: string,
): Promise<{ header: ExportHeader; snapshots: number; failures: number }> {
  const { header, records } = parseExport(text, file);
  // The header said which tool wrote it; the records are what is kept.
  const snapshots = records.filter((r): r is SnapshotRecord => r.type === "snapshot");
  const failures = records.filter((r): r is FailureRecord => r.type === "failure");
  const run = await store.beginRun({
    catalogRevision: null,
    toolVersion: header.toolVersion,
    asOf: header.asOf ?? snapshots[0]?.asOf ?? "1970-01-01",
    repositories: records.map((r) => r.repository),
  });
  await store.putSnapshots(
    snapshots.map((s) => ({ evidence: s.evidence, fingerprint: s.fingerprint })),
    { runId: run.id },
  );
  const asFailures: RepositoryFailure[] = failures.map((f) => ({
    repository: f.repository,
    code: f.code as RepositoryFailure["code"],
    message: f.message,
    ...(f.hint ? { hint: f.hint } : {}),
  }));
  await store.finishRun(run.id, { failures: asFailures });
  return { header, snapshots: snapshots.length, failures: failures.length };
}
