import { issue, type Issue, type Severity } from "../core/index.js";
import type { ProjectEvidence } from "./model.js";

/**
 * The repositories that could not be read, as located issues (`repository: error: project:
 * message [CODE]` with its fix), for commands that report them on stderr.
 * @example for (const i of failureIssues(evidence, { severity: "warning" })) console.error(formatIssue(i))
 */
export function failureIssues(
  evidence: readonly ProjectEvidence[],
  options: { severity: Severity; consequence?: string },
): Issue[] {
  return evidence.flatMap((e) =>
    e.failures.map((f) =>
      issue(f.code, `${e.project}: ${f.message}${options.consequence ? `; ${options.consequence}` : ""}`, {
        severity: options.severity,
        repository: f.repository,
        ...(f.hint ? { hint: f.hint } : {}),
      }),
    ),
  );
}
