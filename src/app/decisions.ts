import type { Project } from "../catalog/index.js";
import { issue, type Issue } from "../core/index.js";
import {
  attestationsByProject,
  openGovernance,
  type FrameworkLadder,
  type OpenedGovernance,
} from "../governance/index.js";
import { frameworkAliases, type Framework } from "../maturity/index.js";
import type { OpenedCatalog } from "./open-catalog.js";

/**
 * The frameworks as governance sees them: stage lists, and the criteria a passed vote at each stage attests
 * (`byDecision` in the framework file). Governance may not import maturity: this is where the two meet.
 */
export function frameworkLadders(frameworks: ReadonlyMap<string, Framework>): Map<string, FrameworkLadder> {
  return new Map(
    [...frameworks.values()].map((f) => [
      f.id,
      {
        id: f.id,
        stages: f.stages.map((s) => ({ id: s.id, synonyms: s.synonyms })),
        attestedByDecision: Object.fromEntries(
          f.stages.map((s) => [s.id, s.criteria.filter((c) => c.byDecision).map((c) => c.id)]),
        ),
      },
    ]),
  );
}

/** The catalog's governance records (governance/), checked against the catalog and its frameworks. */
export function programGovernance(opened: OpenedCatalog): OpenedGovernance {
  return openGovernance(
    opened.catalog,
    opened.baseDir,
    frameworkLadders(opened.frameworks),
    frameworkAliases(opened.catalog.program),
  );
}

/**
 * The projects with what the TOC's decisions attest as of `asOf` (criteria marked `byDecision` at a stage the project
 * was admitted or promoted to, dated on the vote, with its link). A criterion the catalog attests itself keeps the
 * catalog's attestation. Records with errors count for nothing, with a warning that says so.
 */
export function withDecisions(
  projects: readonly Project[],
  governance: OpenedGovernance,
  asOf: string,
): { projects: Project[]; issues: Issue[] } {
  if (!governance.ok)
    return {
      projects: [...projects],
      issues: [
        issue(
          governance.issues.find((i) => i.severity === "error")!.code,
          "the governance records have errors, so no TOC decision counts as an attestation in this assessment",
          { severity: "warning", hint: "run `upstream decisions` to see them located, and fix them" },
        ),
      ],
    };
  const given = attestationsByProject(governance.check.decisions, governance.context, asOf);
  return {
    projects: projects.map((p) => {
      const fromDecisions = given.get(p.id);
      return fromDecisions ? { ...p, attestations: { ...fromDecisions, ...(p.attestations ?? {}) } } : p;
    }),
    issues: [],
  };
}
