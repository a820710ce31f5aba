import { resolve } from "node:path";
import { stateModel, type Catalog, type Project } from "../catalog/index.js";
import { UserError } from "../core/index.js";
import { describeUnsafeUrl, isSafeUrl } from "../core/index.js";
import {
  declaredLevel,
  declaredState,
  frameworkAliases,
  resolveFrameworkOption,
  type Framework,
} from "../maturity/index.js";
import { badgeFileName, maturityBadge, renderBadgeSvg } from "../render/index.js";
import type { OpenedCatalog } from "./open-catalog.js";
import { selectProjects } from "./projects.js";

export interface BadgesInput {
  /** Project ids; all projects when empty or omitted. */
  readonly ids?: readonly string[];
  /** Show the level in this framework (an id, or a .yaml file relative to `cwd`) rather than the declared one. */
  readonly framework?: string;
  /** Make each badge a link (http(s), mailto: or relative; anything else is refused). */
  readonly link?: string;
  readonly cwd: string;
}

export interface ProjectBadge {
  readonly project: string;
  /** `<id>.svg`: the name the badge has in a folder of badges. */
  readonly fileName: string;
  readonly svg: string;
}

/** `badge`: the SVG maturity badge of each selected project, its declared level in its framework. */
export async function makeBadges(opened: OpenedCatalog, input: BadgesInput): Promise<ProjectBadge[]> {
  // The link lands in the SVG's xlink:href, where javascript: or data: would run when clicked.
  if (input.link !== undefined && !isSafeUrl(input.link))
    throw new UserError(
      "E_USAGE",
      `--link ${JSON.stringify(input.link)}: ${describeUnsafeUrl(input.link)} is ` +
        `not written into a badge; give an http(s) URL, a mailto: or a relative path`,
    );
  const override = input.framework
    ? await resolveFrameworkOption(
        /\.ya?ml$/.test(input.framework) ? resolve(input.cwd, input.framework) : input.framework,
        opened.frameworks,
      )
    : undefined;
  return selectProjects(opened.catalog, input.ids ?? []).map((project) => ({
    project: project.id,
    fileName: badgeFileName(project.id),
    svg: badgeSvg(opened.catalog, project, opened.frameworks, override, input.link),
  }));
}

/**
 * The declared level in the project's framework (or `override`); a state of an unknown framework shows as written,
 * grey.
 */
function badgeSvg(
  catalog: Catalog,
  project: Project,
  frameworks: ReadonlyMap<string, Framework>,
  override: Framework | undefined,
  link: string | undefined,
): string {
  const state = declaredState({ state: stateModel(project.state) }, frameworkAliases(catalog.program));
  const framework = override ?? (state.kind === "mapped" ? frameworks.get(state.frameworkId) : undefined);
  const alias = state.kind === "mapped" || state.kind === "unmapped" ? state : undefined;
  const label = framework?.title ?? alias?.alias ?? "maturity";
  const stage = framework ? declaredLevel(state, framework).stage : null;
  return renderBadgeSvg(maturityBadge({ label, framework, stage, written: alias?.level, link }));
}
