import { resolve } from "node:path";
import type { Issue } from "../core/index.js";
import {
  allCriteria,
  loadFrameworks,
  parseFramework,
  readFrameworkText,
  resolveFrameworkOption,
  type Framework,
} from "../maturity/index.js";
import { catalogDir, locateCatalog, type CatalogLocation, type LocateCatalogInput } from "./catalog-path.js";

export interface FrameworkRow {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly stages: readonly string[];
  readonly criteria: number;
  readonly file: string | undefined;
}

/** The frameworks a catalog knows: the shipped ones and the team's frameworks/*.yaml beside the catalog. */
async function frameworksOf(
  input: LocateCatalogInput,
): Promise<{ location: CatalogLocation; frameworks: Map<string, Framework> }> {
  const location = locateCatalog(input);
  const frameworks = await loadFrameworks({ baseDir: catalogDir(resolve(input.cwd, location.path)) });
  return { location, frameworks };
}

/** `frameworks list`: one row per framework known to the catalog. */
export async function listFrameworks(
  input: LocateCatalogInput,
): Promise<{ location: CatalogLocation; rows: FrameworkRow[] }> {
  const { location, frameworks } = await frameworksOf(input);
  const rows = [...frameworks.values()].map((f) => ({
    id: f.id,
    version: f.version,
    title: f.title,
    stages: f.stages.map((s) => s.id),
    criteria: allCriteria(f).length,
    file: f.file,
  }));
  return { location, rows };
}

/** `frameworks show`: one framework, by id or as a .yaml file (relative to `cwd`). */
export async function showFramework(
  input: LocateCatalogInput & { readonly framework: string },
): Promise<{ location: CatalogLocation; framework: Framework }> {
  const { location, frameworks } = await frameworksOf(input);
  const value = /\.ya?ml$/.test(input.framework) ? resolve(input.cwd, input.framework) : input.framework;
  return { location, framework: await resolveFrameworkOption(value, frameworks) };
}

/** `frameworks validate`: every file checked (a missing one included), so one run shows every problem. */
export async function validateFrameworkFiles(input: {
  readonly files: readonly string[];
  readonly cwd: string;
}): Promise<{ file: string; issues: Issue[] }[]> {
  const checked: { file: string; issues: Issue[] }[] = [];
  for (const file of input.files) {
    const path = resolve(input.cwd, file);
    const read = await readFrameworkText(path);
    // read from the caller's folder, named as the caller named it
    const named = (i: Issue): Issue => (i.file === path ? { ...i, file } : i);
    checked.push({ file, issues: read.issue ? [named(read.issue)] : parseFramework(read.text, file).issues });
  }
  return checked;
}
