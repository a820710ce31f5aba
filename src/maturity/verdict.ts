import type { ProjectEvidence, RepositoryEvidence } from "../evidence/index.js";
import type { Fact, FileRef, RepositoryRef } from "./facts.js";

/** What an evidence rule concluded, and the facts it rests on (finding-text.ts puts them in words). */
export interface Verdict {
  readonly status: "met" | "not-met" | "unknown";
  readonly facts: readonly Fact[];
}

export const met = (...facts: Fact[]): Verdict => ({ status: "met", facts });
export const notMet = (...facts: Fact[]): Verdict => ({ status: "not-met", facts });
export const unknown = (...facts: Fact[]): Verdict => ({ status: "unknown", facts });

/** Facts that did not keep a criterion from being met: "also: …". */
export const also = (facts: readonly Fact[]): Fact[] => facts.map((fact) => ({ kind: "also", fact }));

/** Where a fact was read: the repository and commit; an org-level repository says so. */
export function repoRef(r: RepositoryEvidence): RepositoryRef {
  return {
    repository: r.repository,
    commit: r.commit,
    ...(r.role === "governance" ? { role: "governance" as const } : {}),
  };
}

/** A file of a repository at the commit read. */
export function fileRef(r: RepositoryEvidence, path: string | undefined): FileRef {
  return { ...repoRef(r), path: path ?? null };
}

/** A number the collector could read, else null (the model writes unreadable figures as null). */
export function readable(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** One fact per repository the collector could not read. */
export function failureFacts(evidence: ProjectEvidence): Fact[] {
  return evidence.failures.map((f) => ({
    kind: "collector-failed",
    repository: f.repository,
    message: f.message,
    code: f.code,
  }));
}

/**
 * Why nothing can be said at all, or undefined when at least one repository was read.
 * Every rule starts here so "no evidence" is never mistaken for "not met".
 */
export function noEvidence(evidence: ProjectEvidence | undefined): Verdict | undefined {
  if (!evidence) return unknown({ kind: "no-evidence", reason: "not-collected" });
  if (evidence.repositories.length > 0) return undefined;
  if (evidence.failures.length > 0) return unknown(...failureFacts(evidence));
  return unknown({ kind: "no-evidence", reason: "no-repositories" });
}
