import type { ProjectEvidence, RepositoryEvidence } from "../evidence/index.js";

/** What an evidence rule concluded, with the evidence in words. */
export interface Verdict {
  readonly status: "met" | "not-met" | "unknown";
  readonly evidence: readonly string[];
}

export const met = (...evidence: string[]): Verdict => ({ status: "met", evidence });
export const notMet = (...evidence: string[]): Verdict => ({ status: "not-met", evidence });
export const unknown = (...evidence: string[]): Verdict => ({ status: "unknown", evidence });

/** `repo@abc1234`, how a fact names where it was read; an org-level repository says so. */
export function at(repo: RepositoryEvidence): string {
  return `${repo.repository}@${repo.commit.slice(0, 7)}${repo.role === "governance" ? " (governance repository)" : ""}`;
}

/** A number the collector could read, else null (the model writes unreadable figures as null). */
export function readable(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** One line per repository the collector could not read. */
export function failureLines(evidence: ProjectEvidence): string[] {
  return evidence.failures.map((f) => `collector failed for ${f.repository}: ${f.message} [${f.code}]`);
}

/**
 * Why nothing can be said at all, or undefined when at least one repository was read.
 * Every rule starts here so "no evidence" is never mistaken for "not met".
 */
export function noEvidence(evidence: ProjectEvidence | undefined): Verdict | undefined {
  if (!evidence) return unknown("no evidence was collected for this project");
  if (evidence.repositories.length > 0) return undefined;
  if (evidence.failures.length > 0) return unknown(...failureLines(evidence));
  return unknown("no repository listed in the catalog");
}
