import { randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import type { RepositoryEvidence, RepositoryFailure } from "../evidence/index.js";
import type { Finding, FindingStatus, ProjectAssessment } from "../maturity/index.js";
import type {
  AssessmentInput,
  AssessmentKey,
  DateRange,
  HistoryStateInput,
  HistoryStateKey,
  IntegrityReport,
  PutOptions,
  RunEnd,
  RunRecord,
  RunStart,
  SnapshotInput,
  SnapshotKey,
  Store,
  StoreEngine,
  StoredAssessment,
  StoredHistoryEntry,
  StoredSnapshot,
  SummaryEntry,
} from "./store.js";
import type {
  AssessmentDocumentRow,
  AssessmentRow,
  FindingRow,
  HistoryStateRow,
  RunRow,
  SnapshotRow,
  StoreTables,
} from "./tables.js";

/** What differs between the engines; everything else is one set of kysely queries. */
export interface EngineAdapter {
  readonly engine: StoreEngine;
  readonly location: string;
  readonly db: Kysely<StoreTables>;
  /** Run `work` in one write transaction: all of it lands, or none. */
  write<T>(work: (db: Kysely<StoreTables>) => Promise<T>): Promise<T>;
  /** The engine's own check (`PRAGMA integrity_check`, …), problems in words. */
  engineIntegrity(): Promise<string[]>;
  /** The error to throw for a failure of the engine while `doing` something (a UserError when it is not a bug). */
  describeError(error: unknown, doing: string): unknown;
  close(): Promise<void>;
}

// Rows per INSERT: below both engines' bound-parameter limits (SQLite 32,766; PostgreSQL 65,535).
const SNAPSHOT_ROWS_PER_INSERT = 200;
const ASSESSMENT_ROWS_PER_INSERT = 200;
const FINDING_ROWS_PER_INSERT = 500;

const now = (): string => new Date().toISOString();

// History aggregates above this many characters are kept gzipped (a large repository's are a few hundred kilobytes
// of JSON that compresses about tenfold); the fastest level: they are written on every new commit collected.
const COMPRESS_ABOVE = 16 * 1024;
const GZIP = "gzip+base64";

function encodeState(text: string): Pick<HistoryStateRow, "state" | "state_encoding"> {
  if (text.length <= COMPRESS_ABOVE) return { state: text, state_encoding: "json" };
  return { state: gzipSync(text, { level: 1 }).toString("base64"), state_encoding: GZIP };
}

function decodeState(row: Pick<HistoryStateRow, "state" | "state_encoding">): { text: string } | { damaged: string } {
  if (row.state_encoding === "json") return { text: row.state };
  if (row.state_encoding !== GZIP) return { damaged: `an unknown encoding '${row.state_encoding}'` };
  try {
    return { text: gunzipSync(Buffer.from(row.state, "base64")).toString("utf8") };
  } catch (error) {
    return { damaged: `not gzip: ${(error as Error).message}` };
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The one Store implementation, over an engine adapter. */
export class KyselyStore implements Store {
  readonly engine: StoreEngine;
  readonly location: string;
  readonly #adapter: EngineAdapter;
  readonly #db: Kysely<StoreTables>;

  constructor(adapter: EngineAdapter) {
    this.#adapter = adapter;
    this.#db = adapter.db;
    this.engine = adapter.engine;
    this.location = adapter.location;
  }

  async #guard<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#adapter.describeError(error, doing);
    }
  }

  beginRun(run: RunStart): Promise<RunRecord> {
    return this.#guard("record the start of a run", async () => {
      const row: RunRow = {
        id: randomUUID(),
        started_at: run.startedAt ?? now(),
        finished_at: null,
        status: "running",
        catalog_revision: run.catalogRevision,
        tool_version: run.toolVersion,
        as_of: run.asOf,
        repositories: JSON.stringify(run.repositories),
        failures: "[]",
      };
      await this.#adapter.write((db) => db.insertInto("runs").values(row).execute());
      return runRecord(row);
    });
  }

  finishRun(runId: string, end: RunEnd): Promise<RunRecord> {
    return this.#guard("record the end of a run", async () => {
      const row = await this.#adapter.write(async (db) => {
        await db
          .updateTable("runs")
          .set({ status: "finished", finished_at: end.finishedAt ?? now(), failures: JSON.stringify(end.failures) })
          .where("id", "=", runId)
          .execute();
        return db.selectFrom("runs").selectAll().where("id", "=", runId).executeTakeFirst();
      });
      if (!row) throw new Error(`no run ${runId} in the store ${this.location}`);
      return runRecord(row);
    });
  }

  listRuns(options: { readonly limit?: number } = {}): Promise<RunRecord[]> {
    return this.#guard("list the runs", async () => {
      let query = this.#db.selectFrom("runs").selectAll().orderBy("started_at", "desc").orderBy("id", "desc");
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.execute()).map(runRecord);
    });
  }

  putSnapshots(snapshots: readonly SnapshotInput[], options: PutOptions = {}): Promise<void> {
    return this.#guard(`store ${snapshots.length} evidence snapshots`, async () => {
      const storedAt = now();
      // One row per key (the last given wins), in key order: two writers then lock rows in the same order.
      const byKey = new Map<string, SnapshotRow>();
      for (const s of snapshots) {
        const row = snapshotRow(s, options.runId ?? null, storedAt);
        byKey.set(`${row.repository}\0${row.commit_id}\0${row.as_of}`, row);
      }
      const rows = [...byKey.entries()].sort((a, b) => compareText(a[0], b[0])).map(([, row]) => row);
      await this.#adapter.write(async (db) => {
        let written = 0;
        for (const chunk of chunks(rows, SNAPSHOT_ROWS_PER_INSERT)) {
          await db
            .insertInto("snapshots")
            .values(chunk)
            .onConflict((oc) =>
              oc.columns(["repository", "commit_id", "as_of"]).doUpdateSet((eb) => ({
                fingerprint: eb.ref("excluded.fingerprint"),
                run_id: eb.ref("excluded.run_id"),
                stored_at: eb.ref("excluded.stored_at"),
                commit_date: eb.ref("excluded.commit_date"),
                commits: eb.ref("excluded.commits"),
                contributors: eb.ref("excluded.contributors"),
                elephant_factor: eb.ref("excluded.elephant_factor"),
                releases_last_12_months: eb.ref("excluded.releases_last_12_months"),
                evidence: eb.ref("excluded.evidence"),
              })),
            )
            .execute();
          written += chunk.length;
          options.onProgress?.(written, rows.length);
        }
      });
    });
  }

  getSnapshot(key: SnapshotKey & { readonly fingerprint?: string }): Promise<StoredSnapshot | undefined> {
    return this.#guard(`read the snapshot of ${key.repository}`, async () => {
      let query = this.#db
        .selectFrom("snapshots")
        .selectAll()
        .where("repository", "=", key.repository)
        .where("commit_id", "=", key.commit)
        .where("as_of", "=", key.asOf);
      if (key.fingerprint !== undefined) query = query.where("fingerprint", "=", key.fingerprint);
      const row = await query.executeTakeFirst();
      return row && storedSnapshot(row);
    });
  }

  latestSnapshot(repository: string, options: { readonly asOf?: string } = {}): Promise<StoredSnapshot | undefined> {
    return this.#guard(`read the latest snapshot of ${repository}`, async () => {
      let query = this.#db.selectFrom("snapshots").selectAll().where("repository", "=", repository);
      if (options.asOf !== undefined) query = query.where("as_of", "<=", options.asOf);
      const row = await query.orderBy("as_of", "desc").orderBy("stored_at", "desc").limit(1).executeTakeFirst();
      return row && storedSnapshot(row);
    });
  }

  repositories(): Promise<string[]> {
    return this.#guard("list the repositories", async () => {
      const rows = await this.#db.selectFrom("snapshots").select("repository").distinct().execute();
      return rows.map((r) => r.repository).sort(compareText);
    });
  }

  snapshotHistory(repository: string, range: DateRange = {}): Promise<StoredSnapshot[]> {
    return this.#guard(`read the snapshots of ${repository}`, async () => {
      let query = this.#db.selectFrom("snapshots").selectAll().where("repository", "=", repository);
      if (range.from !== undefined) query = query.where("as_of", ">=", range.from);
      if (range.to !== undefined) query = query.where("as_of", "<=", range.to);
      const rows = await query.orderBy("as_of").orderBy("stored_at").execute();
      // Two commits for one date (history rewritten between runs): the one stored last tells the date.
      const byDate = new Map<string, SnapshotRow>();
      for (const row of rows) byDate.set(row.as_of, row);
      return [...byDate.values()].map(storedSnapshot);
    });
  }

  putAssessments(assessments: readonly AssessmentInput[], options: PutOptions = {}): Promise<void> {
    return this.#guard(`store ${assessments.length} assessments`, async () => {
      const storedAt = now();
      const byKey = new Map<string, PreparedAssessment>();
      for (const { assessment } of assessments) {
        const prepared = assessmentRows(assessment, options.runId ?? null, storedAt);
        const r = prepared.row;
        byKey.set(`${r.project}\0${r.as_of}\0${r.framework_id}\0${r.framework_version}`, prepared);
      }
      const prepared = [...byKey.entries()].sort((a, b) => compareText(a[0], b[0])).map(([, p]) => p);
      await this.#adapter.write(async (db) => {
        let written = 0;
        for (const chunk of chunks(prepared, ASSESSMENT_ROWS_PER_INSERT)) {
          await db
            .insertInto("assessments")
            .values(chunk.map((p) => p.row))
            .onConflict((oc) =>
              oc.columns(["project", "as_of", "framework_id", "framework_version"]).doUpdateSet((eb) => ({
                run_id: eb.ref("excluded.run_id"),
                stored_at: eb.ref("excluded.stored_at"),
                name: eb.ref("excluded.name"),
                declared: eb.ref("excluded.declared"),
                supported: eb.ref("excluded.supported"),
                drift: eb.ref("excluded.drift"),
                met: eb.ref("excluded.met"),
                attested: eb.ref("excluded.attested"),
                not_met: eb.ref("excluded.not_met"),
                expired: eb.ref("excluded.expired"),
                unknown: eb.ref("excluded.unknown"),
                findings_count: eb.ref("excluded.findings_count"),
              })),
            )
            .execute();
          await db
            .insertInto("assessment_documents")
            .values(chunk.map((p) => p.document))
            .onConflict((oc) =>
              oc
                .columns(["project", "as_of", "framework_id", "framework_version"])
                .doUpdateSet((eb) => ({ assessment: eb.ref("excluded.assessment") })),
            )
            .execute();
          // Then the findings stored before go (the new assessment may have fewer). The upsert above locks the
          // assessment rows first, so a concurrent writer of the same keys waits here and then sees ours.
          await db
            .deleteFrom("findings")
            .where((eb) =>
              eb(
                eb.refTuple("project", "as_of", "framework_id", "framework_version"),
                "in",
                chunk.map(({ row: r }) => eb.tuple(r.project, r.as_of, r.framework_id, r.framework_version)),
              ),
            )
            .execute();
          for (const findings of chunks(
            chunk.flatMap((p) => p.findings),
            FINDING_ROWS_PER_INSERT,
          ))
            await db.insertInto("findings").values(findings).execute();
          written += chunk.length;
          options.onProgress?.(written, prepared.length);
        }
      });
    });
  }

  getAssessment(key: AssessmentKey): Promise<StoredAssessment | undefined> {
    return this.#guard(`read the assessment of ${key.project}`, async () => {
      const row = await this.#db
        .selectFrom("assessments as a")
        .innerJoin("assessment_documents as d", (join) =>
          join
            .onRef("d.project", "=", "a.project")
            .onRef("d.as_of", "=", "a.as_of")
            .onRef("d.framework_id", "=", "a.framework_id")
            .onRef("d.framework_version", "=", "a.framework_version"),
        )
        .select(["a.run_id", "a.stored_at", "d.assessment"])
        .where("a.project", "=", key.project)
        .where("a.as_of", "=", key.asOf)
        .where("a.framework_id", "=", key.frameworkId)
        .where("a.framework_version", "=", key.frameworkVersion)
        .executeTakeFirst();
      if (!row) return undefined;
      const findings = await this.#db
        .selectFrom("findings")
        .select(["facts"])
        .where("project", "=", key.project)
        .where("as_of", "=", key.asOf)
        .where("framework_id", "=", key.frameworkId)
        .where("framework_version", "=", key.frameworkVersion)
        .orderBy("position")
        .execute();
      return {
        ...key,
        assessment: assessmentOf(
          row,
          findings.map((f) => JSON.parse(f.facts) as Finding),
        ),
        runId: row.run_id,
        storedAt: row.stored_at,
      };
    });
  }

  portfolioSummary(options: { readonly asOf?: string; readonly framework?: string } = {}): Promise<SummaryEntry[]> {
    return this.#guard("read the portfolio summary", async () => {
      const [frameworkId, frameworkVersion] = splitFramework(options.framework);
      const asOf = options.asOf ?? "9999-12-31";
      // The latest date per project and framework, read from the (project, framework_id, as_of) index alone,
      // then each of those rows by its key.
      let latest = this.#db
        .selectFrom("assessments")
        .select(["project", "framework_id"])
        .select((eb) => eb.fn.max("as_of").as("latest"))
        .where("as_of", "<=", asOf)
        .groupBy(["project", "framework_id"]);
      if (frameworkId !== undefined) latest = latest.where("framework_id", "=", frameworkId);
      let query = this.#db
        .selectFrom(latest.as("m"))
        .innerJoin("assessments as a", (join) =>
          join
            .onRef("a.project", "=", "m.project")
            .onRef("a.framework_id", "=", "m.framework_id")
            .onRef("a.as_of", "=", "m.latest"),
        )
        .select([
          "a.project",
          "a.name",
          "a.framework_id",
          "a.framework_version",
          "a.as_of",
          "a.declared",
          "a.supported",
          "a.drift",
          "a.met",
          "a.attested",
          "a.not_met",
          "a.expired",
          "a.unknown",
        ]);
      if (frameworkVersion !== undefined) query = query.where("a.framework_version", "=", frameworkVersion);
      const rows = await query.orderBy("a.project").orderBy("a.framework_id").orderBy("a.framework_version").execute();
      return rows.map(
        (r): SummaryEntry => ({
          project: r.project,
          name: r.name,
          framework: `${r.framework_id}@${r.framework_version}`,
          asOf: r.as_of,
          declared: r.declared,
          supported: r.supported,
          drift: r.drift as SummaryEntry["drift"],
          counts: {
            met: Number(r.met),
            attested: Number(r.attested),
            notMet: Number(r.not_met),
            expired: Number(r.expired),
            unknown: Number(r.unknown),
          },
        }),
      );
    });
  }

  historyEntries(repository: string): Promise<StoredHistoryEntry[]> {
    return this.#guard(`read the history cache of ${repository}`, async () => {
      const rows = await this.#db
        .selectFrom("history_states")
        .select(["repository", "commit_id", "affiliations_hash", "shallow", "cache_version", "entry", "updated_at"])
        .where("repository", "=", repository)
        .orderBy("updated_at", "desc")
        .orderBy("commit_id")
        .execute();
      return rows.map((r) => ({
        repository: r.repository,
        commit: r.commit_id,
        affiliationsHash: r.affiliations_hash,
        shallow: Number(r.shallow) === 1,
        cacheVersion: Number(r.cache_version),
        entry: r.entry,
        updatedAt: r.updated_at,
      }));
    });
  }

  getHistoryState(key: HistoryStateKey): Promise<{ text: string } | { damaged: string } | undefined> {
    return this.#guard(`read the history aggregates of ${key.repository}`, async () => {
      const row = await this.#db
        .selectFrom("history_states")
        .select(["state", "state_encoding"])
        .where("repository", "=", key.repository)
        .where("commit_id", "=", key.commit)
        .where("affiliations_hash", "=", key.affiliationsHash)
        .where("shallow", "=", key.shallow ? 1 : 0)
        .executeTakeFirst();
      return row && decodeState(row);
    });
  }

  putHistoryState(input: HistoryStateInput, options: { readonly keep: number }): Promise<void> {
    return this.#guard(`store the history aggregates of ${input.repository}`, async () => {
      const key = {
        repository: input.repository,
        commit_id: input.commit,
        affiliations_hash: input.affiliationsHash,
        shallow: input.shallow ? 1 : 0,
      };
      // Compressed before the transaction: a writer waiting on the lock does not wait for gzip too.
      const state = input.state === undefined ? undefined : encodeState(input.state);
      await this.#adapter.write(async (db) => {
        // The newest row of the repository is the one written last, even within one millisecond.
        const latest = await db
          .selectFrom("history_states")
          .select((eb) => eb.fn.max("updated_at").as("at"))
          .where("repository", "=", key.repository)
          .executeTakeFirst();
        const stamp = now();
        const at = latest?.at && latest.at >= stamp ? new Date(Date.parse(latest.at) + 1).toISOString() : stamp;
        const fields = { cache_version: input.cacheVersion, updated_at: at, entry: input.entry };
        if (state)
          await db
            .insertInto("history_states")
            .values({ ...key, ...fields, ...state })
            .onConflict((oc) =>
              oc.columns(["repository", "commit_id", "affiliations_hash", "shallow"]).doUpdateSet((eb) => ({
                cache_version: eb.ref("excluded.cache_version"),
                updated_at: eb.ref("excluded.updated_at"),
                entry: eb.ref("excluded.entry"),
                state: eb.ref("excluded.state"),
                state_encoding: eb.ref("excluded.state_encoding"),
              })),
            )
            .execute();
        else
          await db
            .updateTable("history_states")
            .set(fields)
            .where("repository", "=", key.repository)
            .where("commit_id", "=", key.commit_id)
            .where("affiliations_hash", "=", key.affiliations_hash)
            .where("shallow", "=", key.shallow)
            .execute();
        const stale = await db
          .selectFrom("history_states")
          .select(["commit_id", "affiliations_hash", "shallow"])
          .where("repository", "=", key.repository)
          .orderBy("updated_at", "desc")
          .orderBy("commit_id")
          .offset(Math.max(0, options.keep))
          .limit(1_000_000)
          .execute();
        for (const r of stale)
          await db
            .deleteFrom("history_states")
            .where("repository", "=", key.repository)
            .where("commit_id", "=", r.commit_id)
            .where("affiliations_hash", "=", r.affiliations_hash)
            .where("shallow", "=", r.shallow)
            .execute();
      });
    });
  }

  checkIntegrity(): Promise<IntegrityReport> {
    return this.#guard("check the store's integrity", async () => {
      const problems = await this.#adapter.engineIntegrity();
      const partial = await this.#db
        .selectFrom("assessments as a")
        .select(["a.project", "a.as_of", "a.framework_id", "a.findings_count"])
        .select((eb) =>
          eb
            .selectFrom("findings as f")
            .select((f) => f.fn.countAll<number>().as("n"))
            .whereRef("f.project", "=", "a.project")
            .whereRef("f.as_of", "=", "a.as_of")
            .whereRef("f.framework_id", "=", "a.framework_id")
            .whereRef("f.framework_version", "=", "a.framework_version")
            .as("found"),
        )
        .execute();
      for (const r of partial)
        if (Number(r.found) !== Number(r.findings_count))
          problems.push(
            `the assessment of ${r.project} as of ${r.as_of} (${r.framework_id}) has ${r.found} of its ` +
              `${r.findings_count} findings`,
          );
      const undocumented = await this.#db
        .selectFrom("assessments as a")
        .leftJoin("assessment_documents as d", (join) =>
          join
            .onRef("d.project", "=", "a.project")
            .onRef("d.as_of", "=", "a.as_of")
            .onRef("d.framework_id", "=", "a.framework_id")
            .onRef("d.framework_version", "=", "a.framework_version"),
        )
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("d.project", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(undocumented.n) > 0) problems.push(`${undocumented.n} assessments have no document`);
      const orphans = await this.#db
        .selectFrom("findings as f")
        .leftJoin("assessments as a", (join) =>
          join
            .onRef("a.project", "=", "f.project")
            .onRef("a.as_of", "=", "f.as_of")
            .onRef("a.framework_id", "=", "f.framework_id")
            .onRef("a.framework_version", "=", "f.framework_version"),
        )
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("a.project", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(orphans.n) > 0) problems.push(`${orphans.n} findings belong to no assessment`);
      const badRuns = await this.#db
        .selectFrom("runs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where((eb) =>
          eb.or([
            eb("status", "not in", ["running", "finished"]),
            eb.and([eb("status", "=", "finished"), eb("finished_at", "is", null)]),
          ]),
        )
        .executeTakeFirstOrThrow();
      if (Number(badRuns.n) > 0) problems.push(`${badRuns.n} runs have an impossible status`);
      const strays = await this.#db
        .selectFrom("snapshots as s")
        .leftJoin("runs as r", "r.id", "s.run_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("s.run_id", "is not", null)
        .where("r.id", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(strays.n) > 0) problems.push(`${strays.n} snapshots name a run the store does not hold`);
      return { ok: problems.length === 0, problems };
    });
  }

  async close(): Promise<void> {
    await this.#adapter.close();
  }
}

function runRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status === "finished" ? "finished" : "running",
    catalogRevision: row.catalog_revision,
    toolVersion: row.tool_version,
    asOf: row.as_of,
    repositories: JSON.parse(row.repositories) as string[],
    failures: JSON.parse(row.failures) as RepositoryFailure[],
  };
}

const figure = (n: number | null | undefined): number | null => (typeof n === "number" ? n : null);

function snapshotRow(input: SnapshotInput, runId: string | null, storedAt: string): SnapshotRow {
  // How the evidence cache served a read belongs to that read, not to the evidence.
  const { cache: _served, ...evidence } = input.evidence;
  return {
    repository: evidence.repository,
    commit_id: evidence.commit,
    as_of: evidence.asOf,
    fingerprint: input.fingerprint ?? "",
    run_id: runId,
    stored_at: storedAt,
    commit_date: evidence.commitDate,
    commits: figure(evidence.history?.commits),
    contributors: figure(evidence.history?.contributors),
    elephant_factor: figure(evidence.history?.elephantFactor?.value),
    releases_last_12_months: figure(evidence.releases?.releasesLast12Months),
    evidence: JSON.stringify(evidence),
  };
}

function storedSnapshot(row: SnapshotRow): StoredSnapshot {
  return {
    repository: row.repository,
    commit: row.commit_id,
    asOf: row.as_of,
    fingerprint: row.fingerprint,
    runId: row.run_id,
    storedAt: row.stored_at,
    evidence: JSON.parse(row.evidence) as RepositoryEvidence,
  };
}

/** `next` keeps criterion ids where its findings are those of the list (they are, from assess): stored once. */
interface StoredNext {
  readonly stage: string;
  readonly missingIds?: readonly string[];
  readonly suggestedIds?: readonly string[];
  readonly missing?: readonly Finding[];
  readonly suggested?: readonly Finding[];
}

interface PreparedAssessment {
  readonly row: AssessmentRow;
  readonly document: AssessmentDocumentRow;
  readonly findings: FindingRow[];
}

function assessmentRows(
  assessment: AssessmentInput["assessment"],
  runId: string | null,
  storedAt: string,
): PreparedAssessment {
  const key = {
    project: assessment.project,
    as_of: assessment.asOf,
    framework_id: assessment.framework.id,
    framework_version: assessment.framework.version,
  };
  const texts = assessment.findings.map((f) => JSON.stringify(f));
  const byId = new Map(assessment.findings.map((f, i) => [f.criterionId, texts[i]]));
  const sameAsListed = (list: readonly Finding[]): boolean =>
    list.every((f) => byId.get(f.criterionId) === JSON.stringify(f));
  let next: StoredNext | null = null;
  if (assessment.next) {
    const { stage, missing, suggested } = assessment.next;
    next =
      sameAsListed(missing) && sameAsListed(suggested)
        ? { stage, missingIds: missing.map((f) => f.criterionId), suggestedIds: suggested.map((f) => f.criterionId) }
        : { stage, missing, suggested };
  }
  const { findings: _findings, next: _next, ...rest } = assessment;
  return {
    row: {
      ...key,
      run_id: runId,
      stored_at: storedAt,
      name: assessment.name,
      declared: assessment.declared.written,
      supported: assessment.supported,
      drift: assessment.drift.kind,
      met: assessment.counts.met,
      attested: assessment.counts.attested,
      not_met: assessment.counts.notMet,
      expired: assessment.counts.expired,
      unknown: assessment.counts.unknown,
      findings_count: assessment.findings.length,
    },
    document: { ...key, assessment: JSON.stringify({ ...rest, next }) },
    findings: assessment.findings.map((f, position) => ({
      ...key,
      position,
      criterion_id: f.criterionId,
      status: f.status satisfies FindingStatus,
      facts: texts[position]!,
    })),
  };
}

function assessmentOf(row: Pick<AssessmentDocumentRow, "assessment">, findings: Finding[]): ProjectAssessment {
  const stored = JSON.parse(row.assessment) as Omit<ProjectAssessment, "findings" | "next"> & {
    next: StoredNext | null;
  };
  const byId = new Map(findings.map((f) => [f.criterionId, f]));
  const resolve = (ids: readonly string[] | undefined, full: readonly Finding[] | undefined): Finding[] =>
    full ? [...full] : (ids ?? []).flatMap((id) => byId.get(id) ?? []);
  const { next, ...rest } = stored;
  return {
    ...rest,
    findings,
    next: next
      ? {
          stage: next.stage,
          missing: resolve(next.missingIds, next.missing),
          suggested: resolve(next.suggestedIds, next.suggested),
        }
      : null,
  } as ProjectAssessment;
}

/** "id@version" → [id, version]; "id" → [id]; nothing → []. */
function splitFramework(framework: string | undefined): [string?, string?] {
  if (framework === undefined) return [];
  const at = framework.lastIndexOf("@");
  return at > 0 ? [framework.slice(0, at), framework.slice(at + 1)] : [framework];
}
