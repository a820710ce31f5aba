import { join } from "node:path";

import type { Catalog, Project } from "../../catalog/schema.js";
import { UserError } from "../../core/errors.js";
import { describeUnsafeUrl, isSafeUrl } from "../../core/safe-url.js";
import { plural } from "../../core/words.js";
import {
  declaredLevel,
  declaredState,
  frameworkAliases,
  resolveFrameworkOption,
  type Framework,
} from "../../maturity/index.js";
import { badgeFileName, maturityBadge, renderBadgeSvg } from "../../render/badge.js";
import { openCatalog, writeFilesAtomic } from "../shared.js";
import { selectProjects } from "./maturity-shared.js";

interface BadgeOptions {
  catalog?: string;
  framework?: string;
  link?: string;
  out?: string;
  outDir?: string;
  force?: boolean;
}

export async function run(ids: string[], options: BadgeOptions): Promise<void> {
  if (!options.outDir && ids.length !== 1)
    throw new UserError("E_USAGE", "name one project, or use --out-dir to write several badges");
  // The link lands in the SVG's xlink:href, where javascript: or data: would run when clicked.
  if (options.link !== undefined && !isSafeUrl(options.link))
    throw new UserError(
      "E_USAGE",
      `--link ${JSON.stringify(options.link)}: ${describeUnsafeUrl(options.link)} is ` +
        `not written into a badge; give an http(s) URL, a mailto: or a relative path`,
    );
  const { catalog, frameworks } = await openCatalog(options);
  const override = options.framework ? await resolveFrameworkOption(options.framework, frameworks) : undefined;
  const projects = selectProjects(catalog, ids);
  // Every badge is made first, then written all or none: a full disk leaves the old badges.
  const files = new Map<string, string>();
  for (const project of projects) {
    const svg = badgeSvg(catalog, project, frameworks, override, options.link);
    if (options.outDir) files.set(join(options.outDir, badgeFileName(project.id)), svg);
    else if (options.out) files.set(options.out, svg);
    else process.stdout.write(svg);
  }
  // --out-dir holds the tool's own <id>.svg files, rewritten each run; --out names any file.
  if (options.outDir) await writeFilesAtomic(files);
  else if (options.out) await writeFilesAtomic(files, { overwrite: options.force === true });
  if (options.outDir || options.out)
    process.stderr.write(`wrote ${plural(projects.length, "badge")} to ${options.outDir ?? options.out}\n`);
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
  const state = declaredState(project, frameworkAliases(catalog.program));
  const framework = override ?? (state.kind === "mapped" ? frameworks.get(state.frameworkId) : undefined);
  const alias = state.kind === "mapped" || state.kind === "unmapped" ? state : undefined;
  const label = framework?.title ?? alias?.alias ?? "maturity";
  const stage = framework ? declaredLevel(state, framework).stage : null;
  return renderBadgeSvg(maturityBadge({ label, framework, stage, written: alias?.level, link }));
}
