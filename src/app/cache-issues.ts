import { issue, type Issue } from "../core/index.js";
import { plural } from "../core/index.js";
import type { ProjectEvidence } from "../evidence/index.js";

/**
 * One issue naming the repositories whose evidence could not be saved in the cache (the evidence itself is
 * complete), or undefined when every one was saved. A run with one should exit non-zero.
 */
export function unsavedCacheIssue(evidence: readonly ProjectEvidence[]): Issue | undefined {
  const unsaved = evidence.flatMap((e) =>
    e.repositories.filter((r) => r.warnings?.some((w) => w.code === "E_CACHE_WRITE")),
  );
  if (unsaved.length === 0) return undefined;
  const why = unsaved[0]!.warnings!.find((w) => w.code === "E_CACHE_WRITE")!.message;
  const named =
    unsaved
      .slice(0, 5)
      .map((r) => r.repository)
      .join(", ") + (unsaved.length > 5 ? ` and ${unsaved.length - 5} more` : "");
  return issue(
    "E_CACHE_WRITE",
    `${plural(unsaved.length, "repository", "repositories")} read but not saved in the cache (${named}): ${why}`,
    {
      hint:
        "free disk space, fix the cache folder's permissions, or " +
        "pass a writable --cache-dir; the evidence shown is complete",
    },
  );
}
