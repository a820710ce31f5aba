import { resolve, sep } from "node:path";
import type { Catalog } from "../catalog/index.js";
import { UserError, type Issue } from "../core/index.js";
import { loadAffiliations, type AffiliationOptions, type AffiliationRules } from "../evidence/index.js";
import type { OpenedCatalog } from "./open-catalog.js";

/** What a caller adds to the catalog's own evidence sources (the CLI's --affiliations and --mirror). */
export interface EvidenceSourceOptions {
  /** Affiliation files beyond program.affiliations; relative ones resolve against `cwd`. */
  readonly affiliations?: readonly string[];
  /** FROM=TO rewrites beyond program.mirrors (for the same prefix these win); a relative local TO is from `cwd`. */
  readonly mirrors?: readonly string[];
  readonly cwd: string;
}

/** What the program adds to the affiliation files: its organizations with their domains, and its bots. */
export function affiliationOptions(catalog: Catalog): AffiliationOptions {
  return { organizations: catalog.program.organizations ?? [], bots: catalog.program.bots ?? [] };
}

/** The catalog's affiliation files (relative to it), then the caller's (relative to `cwd`). */
export function affiliationFiles(opened: OpenedCatalog, options: EvidenceSourceOptions): string[] {
  return [
    ...(opened.catalog.program.affiliations ?? []).map((f) => resolve(opened.baseDir, f)),
    ...(options.affiliations ?? []).map((f) => resolve(options.cwd, f)),
  ];
}

/**
 * The one way collect and assess read who works where: the catalog's and the caller's affiliation files plus the
 * program's organizations and bots, loaded once. A file that cannot be read is an error (nothing is collected);
 * what it could read with problems comes back as warnings.
 */
export function programAffiliations(
  opened: OpenedCatalog,
  options: EvidenceSourceOptions,
): { rules: AffiliationRules; issues: Issue[] } {
  const { rules, issues } = loadAffiliations(affiliationFiles(opened, options), affiliationOptions(opened.catalog));
  const fatal = issues.find((i) => i.severity === "error");
  if (fatal) throw new UserError(fatal.code, "cannot read the affiliations files; nothing was collected", { issues });
  return { rules, issues };
}

/**
 * program.mirrors, then the caller's FROM=TO (a caller's wins over the catalog for the same prefix). A local folder
 * of the catalog is relative to the catalog, one of the caller to `cwd`; both become absolute here.
 */
export function mirrorsOf(opened: OpenedCatalog, options: EvidenceSourceOptions): Map<string, string> {
  const local = (to: string, dir: string): string =>
    /^[a-z][a-z0-9+.-]*:\/\//i.test(to) || /^[^/\\]+@[^/\\]+:/.test(to)
      ? to
      : resolve(dir, to) + (/[/\\]$/.test(to) ? sep : "");
  const mirrors = new Map<string, string>();
  for (const [from, to] of Object.entries(opened.catalog.program.mirrors ?? {}))
    mirrors.set(from, local(to, opened.baseDir));
  for (const flag of options.mirrors ?? []) {
    const eq = flag.indexOf("=");
    if (eq <= 0 || eq === flag.length - 1)
      throw new UserError(
        "E_USAGE",
        `--mirror expects FROM=TO (e.g. --mirror https://github.com/=/srv/mirrors/github/), got '${flag}'`,
      );
    mirrors.set(flag.slice(0, eq), local(flag.slice(eq + 1), options.cwd));
  }
  return mirrors;
}
