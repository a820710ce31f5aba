import type { ProgramModel, ProjectModel } from "../catalog/index.js";
import type { ProjectEvidence } from "../evidence/index.js";
import { assess } from "./assess.js";
import type { ProjectAssessment } from "./assessment.js";
import type { Framework } from "./framework.js";
import { declaredState, frameworkAliases, type RecordedDeclaration } from "./resolve-state.js";

export interface PortfolioInput {
  readonly program: ProgramModel;
  readonly projects: readonly ProjectModel[];
  /** Project id → evidence; a missing entry means none was collected. */
  readonly evidence: ReadonlyMap<string, ProjectEvidence>;
  /** Known frameworks by id. */
  readonly frameworks: ReadonlyMap<string, Framework>;
  /** Apply this framework to every project instead of the one its state names (`--framework`). */
  readonly override?: Framework;
  readonly asOf: string;
  /** Project id → the level its decisions declare on `asOf`; a project absent keeps the catalog's written state. */
  readonly recorded?: ReadonlyMap<string, RecordedDeclaration>;
}

/**
 * Assess each project against its declared framework (or `override`). A project whose state
 * names no known framework is reported "not assessed", with why and what to do. Pure.
 */
export function assessPortfolio(input: PortfolioInput): ProjectAssessment[] {
  const aliases = frameworkAliases(input.program);
  const program = { organizations: input.program.organizations, thresholds: input.program.thresholds };
  return input.projects.map((project) => {
    const declared = declaredState(project, aliases);
    let framework = input.override;
    let notAssessed: string | undefined;
    if (!framework) {
      if (declared.kind === "mapped") {
        framework = input.frameworks.get(declared.frameworkId);
        if (!framework)
          notAssessed =
            `framework '${declared.frameworkId}' (alias ${declared.alias}) is not known: add ` +
            `frameworks/${declared.frameworkId}.yaml next to the catalog, fix program.frameworks, or pass --framework`;
      } else if (declared.kind === "unmapped") {
        notAssessed =
          `'${declared.alias}' is not a framework this program maps (aliases: ` +
          `${Object.keys(aliases).join(", ")}); use --framework to assess it anyway`;
      } else if (declared.kind === "unstructured")
        notAssessed = "the state is raw markdown; use --framework to assess it";
      else notAssessed = "the catalog declares no state; use --framework to assess it";
    }
    return assess({
      project,
      evidence: input.evidence.get(project.id),
      framework,
      declared,
      ...(input.recorded?.has(project.id) ? { recorded: input.recorded.get(project.id)! } : {}),
      program,
      asOf: input.asOf,
      notAssessed,
    });
  });
}
