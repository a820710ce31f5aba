import { isRaw, type Project } from "../catalog/index.js";
import { issue, type Issue } from "../core/index.js";
import {
  attestationsByProject,
  declaredAsOf,
  openGovernance,
  projectHistory,
  type Decision,
  type FrameworkLadder,
  type OpenedGovernance,
} from "../governance/index.js";
import { frameworkAliases, type DeclaredSource, type Framework, type RecordedDeclaration } from "../maturity/index.js";
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

/** The decision a declared level rests on, as the assessment names it: the motion, or the recorded decision's place. */
function sourceOf(kind: "decision" | "implied", d: Decision): DeclaredSource {
  return {
    kind,
    // A recorded decision by its place in the catalog folder, wherever the command runs from.
    decision: d.motion ?? `${d.file.replace(/^.*?(?=governance\/)/, "")}#${d.at.join(".")}`,
    decisionKind: d.kind,
    date: d.date,
    by: d.by,
    ...(d.link ? { link: d.link } : {}),
  };
}

/**
 * For `assess --as-of` and `--since`: the level each project's decisions declare on `asOf` (the last passed decision
 * on or before it; before the first, nothing, or the level a first promotion implies), written with the catalog's
 * framework name. Projects without decisions are absent: their catalog state, undated, stays the declared level.
 * Records with errors give nothing (withDecisions warns).
 */
export function declaredByDecisions(
  projects: readonly Project[],
  governance: OpenedGovernance,
  asOf: string,
): Map<string, RecordedDeclaration> {
  const out = new Map<string, RecordedDeclaration>();
  if (!governance.ok) return out;
  const { decisions } = governance.check;
  for (const p of projects) {
    const all = projectHistory(decisions, p.id);
    if (all.length === 0) continue;
    const framework = governance.context.projects.find((c) => c.id === p.id)?.frameworkId ?? all[0]!.framework;
    const history = projectHistory(decisions, p.id, framework);
    if (history.length === 0) continue;
    const alias = p.state && !isRaw(p.state) ? p.state.framework : framework;
    const first = history[0]!;
    const at = declaredAsOf(decisions, governance.context, p.id, framework, asOf);
    const base = { framework, stage: null } as const;
    switch (at.kind) {
      case "stage":
        out.set(
          p.id,
          at.basis === "implied"
            ? {
                ...base,
                written: `${alias}: ${at.stage}`,
                stage: at.stage,
                note:
                  `implied: the level below its first recorded decision (${first.kind} to ${first.stage} on ` +
                  `${first.date}); since when is not recorded`,
                source: sourceOf("implied", first),
              }
            : {
                ...base,
                written: `${alias}: ${at.stage}`,
                stage: at.stage,
                source: sourceOf("decision", at.decision!),
              },
        );
        break;
      case "archived":
      case "donated":
      case "rejected": {
        const what = at.kind === "donated" ? `donated to ${at.decision.foundation ?? "a foundation"}` : at.kind;
        out.set(p.id, {
          ...base,
          written: `${alias}: ${what}`,
          note: `${what} on ${at.since}, not an active level`,
          source: sourceOf("decision", at.decision),
        });
        break;
      }
      case "not-in-program":
        out.set(p.id, {
          ...base,
          written: null,
          note: `not in the program on ${asOf}: admitted on ${at.until ?? first.date}, no level declared before`,
          source: sourceOf("implied", at.decision ?? first),
        });
        break;
      case "unknown":
        out.set(p.id, {
          ...base,
          written: null,
          note: `no level recorded on ${asOf}: ${at.why}`,
          source: sourceOf("implied", first),
        });
    }
  }
  return out;
}
