import { join } from "node:path";
import type { Command } from "commander";
import type { Catalog, Project } from "../../catalog/schema.js";
import { UserError } from "../../core/errors.js";
import { describeUnsafeUrl, isSafeUrl } from "../../core/safe-url.js";
import { plural } from "../../core/words.js";
import { declaredLevel, declaredState, frameworkAliases, resolveFrameworkOption, type Framework } from "../../maturity/index.js";
import { badgeFileName, maturityBadge, renderBadgeSvg } from "../../render/badge.js";
import { CATALOG_OPTION_HELP, openCatalog, writeFilesAtomic } from "../shared.js";
import { selectProjects } from "./maturity-shared.js";

interface BadgeOptions {
  catalog?: string;
  framework?: string;
  link?: string;
  out?: string;
  outDir?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command("badge")
    .description("write the SVG maturity badge of a project (its declared level and framework), or of several into a folder")
    .argument("[project...]", "project ids (with --out-dir, default: every project)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--framework <id|file>", "show the level in this framework rather than the one the state names")
    .option("--link <url>", "make the badge a link (e.g. to the explanation of the level)")
    .option("--out <file>", "write one project's badge to this file (default: stdout)")
    .option("--force", "replace the --out file if it exists")
    .option("--out-dir <dir>", "write <dir>/<project>.svg for each project")
    .addHelpText(
      "after",
      [
        "",
        "In the README: `upstream render readme --badges <dir>` (or --badges https://…/<dir>, where the folder",
        "is published) shows each project's badge, <dir>/<project>.svg, in its state cell; or set",
        "readme.badges in the catalog ({ image: badges/{id}.svg, link: … }) to show them in every render.",
        "",
        "Example:",
        "  upstream badge --out-dir badges && upstream render readme --badges badges --out README.md --force",
      ].join("\n"),
    )
    .action(async (ids: string[], options: BadgeOptions) => {
      if (!options.outDir && ids.length !== 1) throw new UserError("E_USAGE", "name one project, or use --out-dir to write several badges");
      // The link lands in the SVG's xlink:href, where javascript: or data: would run when clicked.
      if (options.link !== undefined && !isSafeUrl(options.link))
        throw new UserError("E_USAGE", `--link ${JSON.stringify(options.link)}: ${describeUnsafeUrl(options.link)} is not written into a badge; give an http(s) URL, a mailto: or a relative path`);
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
      if (options.outDir || options.out) process.stderr.write(`wrote ${plural(projects.length, "badge")} to ${options.outDir ?? options.out}\n`);
    });
}

/** The declared level in the project's framework (or `override`); a state of an unknown framework shows as written, grey. */
function badgeSvg(catalog: Catalog, project: Project, frameworks: ReadonlyMap<string, Framework>, override: Framework | undefined, link: string | undefined): string {
  const state = declaredState(project, frameworkAliases(catalog.program));
  const framework = override ?? (state.kind === "mapped" ? frameworks.get(state.frameworkId) : undefined);
  const alias = state.kind === "mapped" || state.kind === "unmapped" ? state : undefined;
  const label = framework?.title ?? alias?.alias ?? "maturity";
  const stage = framework ? declaredLevel(state, framework).stage : null;
  return renderBadgeSvg(maturityBadge({ label, framework, stage, written: alias?.level, link }));
}
