import { readdir, stat } from "node:fs/promises";
import { describeFsError } from "../core/index.js";
import { readInputFile } from "../core/index.js";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { issue, type Issue, type Location } from "../core/index.js";
import type { Catalog } from "./schema.js";
import {
  DEFAULT_RULES,
  describeRoot,
  locateIssue,
  validateCatalogDocument,
  type CatalogRule,
} from "./validate-catalog.js";
import { decodeUtf8 } from "./utf8-text.js";
import { parseYamlSource, type PathSegment, type YamlSource } from "./yaml-source.js";

export const CATALOG_FILE = "upstream.yaml";
export const PROJECTS_DIR = "projects";

export interface LoadedCatalog {
  /** Present when the catalog has no errors (warnings allowed). */
  readonly catalog?: Catalog;
  /** Every problem found, located. */
  readonly issues: readonly Issue[];
  /** The main catalog file. */
  readonly path: string;
  /** Relative repository paths resolve against this folder. */
  readonly baseDir: string;
  /** Every file read. */
  readonly files: readonly string[];
}

/** Loader options beyond the rules. */
export interface LoadCatalogOptions {
  /**
   * Files to read from memory instead of disk (absolute path → text; null: as if absent), so an edit
   * can be validated by this loader before anything is written. Project files here count as listed.
   */
  readonly overlay?: ReadonlyMap<string, string | null>;
}

/**
 * Load a catalog from a file, or a folder holding `upstream.yaml` and optionally
 * `projects/<id>.yaml` (one project per file). In the folder form, `projects:` in the main
 * file may list ids (strings) to set the order; files it does not list follow, by name.
 *
 * Never throws for bad content: every problem comes back as a located issue.
 */
export async function loadCatalog(
  path: string,
  rules: readonly CatalogRule[] = DEFAULT_RULES,
  options: LoadCatalogOptions = {},
): Promise<LoadedCatalog> {
  const overlay = options.overlay ?? new Map<string, string | null>();
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    return {
      issues: [
        issue("E_FILE_NOT_FOUND", `no catalog at ${path}`, {
          hint: "pass --catalog PATH (a file or a folder with upstream.yaml), or run `upstream init`",
        }),
      ],
      path: absolute,
      baseDir: dirname(absolute),
      files: [],
    };
  }
  const folder = info.isDirectory() ? absolute : undefined;
  const mainFile = folder ? join(folder, CATALOG_FILE) : absolute;
  const baseDir = dirname(mainFile);
  // Paths in messages: relative to where the user is, unless that means climbing out of it.
  // The folder's relative path is worked out once for its thousands of files: relative(cwd, dir/name) is
  // relative(cwd, dir)/name.
  const cwd = process.cwd();
  const relativeDirs = new Map<string, string>();
  const display = (f: string) => {
    const dir = dirname(f);
    const name = basename(f);
    let rel: string;
    if (name === "" || name === "." || name === ".." || dir === f) rel = relative(cwd, f);
    else {
      let relDir = relativeDirs.get(dir);
      if (relDir === undefined) relativeDirs.set(dir, (relDir = relative(cwd, dir)));
      rel = relDir === "" ? name : join(relDir, name);
    }
    return rel && !rel.startsWith("..") ? rel : f;
  };

  // read
  const main = await readSource(mainFile, display(mainFile), overlay);
  if (!main.source) return { issues: main.issues, path: mainFile, baseDir, files: [mainFile] };
  const listed = folder
    ? await listProjectFiles(join(folder, PROJECTS_DIR), display, overlay)
    : { files: [], issues: [] };
  const projectSources: Array<{ source: YamlSource; id: string }> = [];
  const fileIds = new Set<string>();
  const issues: Issue[] = [...main.issues, ...listed.issues];
  for (const { file, id } of listed.files) {
    fileIds.add(id);
    const r = await readSource(file, display(file), overlay);
    issues.push(...r.issues);
    if (r.source) projectSources.push({ source: r.source, id });
  }
  // A project file that does not parse is reported and left out; the others are still checked.

  // merge: remember which file each merged project came from, to locate its issues
  const document = structuredClone(main.source.value) as Record<string, unknown> | null;
  const origin: Array<{ source: YamlSource; prefix: PathSegment[] }> = [];
  if (document && typeof document === "object" && (projectSources.length > 0 || Array.isArray(document.projects))) {
    const written = Array.isArray(document.projects) ? (document.projects as unknown[]) : [];
    // A file that does not hold a mapping is reported below and left out of the merge.
    const holdsProject = (source: YamlSource) =>
      !!source.value && typeof source.value === "object" && !Array.isArray(source.value);
    const byId = new Map<string, YamlSource>();
    for (const { source, id } of projectSources) if (holdsProject(source)) byId.set(id, source);
    const merged: unknown[] = [];
    const used = new Set<string>();
    written.forEach((entry, index) => {
      if (typeof entry === "string" && folder) {
        const source = byId.get(entry);
        // its file is reported on its own
        if (!source && fileIds.has(entry)) return;
        if (!source) {
          issues.push(
            issue(
              "E_CATALOG_PROJECT_FILE",
              `projects[${index}] names '${entry}', but there is no ${PROJECTS_DIR}/${entry}.yaml`,
              {
                ...main.source!.locate(["projects", index]),
                hint: `create ${PROJECTS_DIR}/${entry}.yaml or remove the entry`,
              },
            ),
          );
          return;
        }
        used.add(entry);
        origin.push({ source, prefix: [] });
        merged.push(source.value);
      } else {
        origin.push({ source: main.source!, prefix: ["projects", index] });
        merged.push(entry);
      }
    });
    for (const { source, id } of projectSources) {
      if (used.has(id) || !holdsProject(source)) continue;
      origin.push({ source, prefix: [] });
      merged.push(source.value);
    }
    for (const { source, id } of projectSources) {
      const value = source.value as { id?: unknown } | null;
      if (!holdsProject(source))
        issues.push(
          issue(
            "E_CATALOG_PROJECT_FILE",
            `${source.file} must hold one project (a mapping with id, name, persona …), but it ${describeRoot(value)}`,
            {
              file: source.file,
              line: 1,
              col: 1,
              hint: `write the project's keys (id: ${id}, name, persona …), or delete the file`,
            },
          ),
        );
      else if (value!.id !== id)
        issues.push(
          issue("E_CATALOG_PROJECT_FILE", `project id '${String(value!.id)}' does not match its file name '${id}'`, {
            ...source.locate(["id"]),
            hint: `rename the file to ${String(value!.id)}.yaml or set id: ${id}`,
          }),
        );
    }
    document.projects = merged;
  }

  const locate = (at: readonly PathSegment[], options?: { key?: boolean }): Location => {
    if (at[0] === "projects" && typeof at[1] === "number" && origin[at[1]]) {
      const o = origin[at[1]]!;
      return o.source.locate([...o.prefix, ...at.slice(2)], options);
    }
    return main.source!.locate(at, options);
  };

  // validate
  const result = validateCatalogDocument(document, rules);
  issues.push(...result.issues.map((r) => locateIssue(r, locate)));
  const hasError = issues.some((i) => i.severity === "error");
  return {
    catalog: hasError ? undefined : result.catalog,
    issues: sortIssues(issues),
    path: mainFile,
    baseDir,
    files: [mainFile, ...listed.files.map((f) => f.file)],
  };
}

/**
 * A project file's id: its name without the extension, as `basename(name, extname(name))` gives it for a name
 * ending in .yaml or .yml (a name that is only the extension keeps it), without path's work per file.
 */
export function projectFileId(name: string): string {
  const ext = /\.ya?ml$/i.exec(name);
  return ext && ext.index > 0 ? name.slice(0, ext.index) : basename(name, extname(name));
}

async function readSource(
  file: string,
  display: string,
  overlay: ReadonlyMap<string, string | null>,
): Promise<{ source?: YamlSource; issues: Issue[] }> {
  const text = overlay.get(file);
  if (typeof text === "string") return parseYamlSource(display, text);
  const read =
    text === null
      ? ({ problem: "not-found", message: `no such file: ${display}`, hint: "check the path" } as const)
      : readInputFile(file, { what: display });
  if ("problem" in read) {
    const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
    return {
      issues: [
        issue(code, read.message, {
          file: display,
          hint: read.problem === "not-found" ? "check the path given to --catalog" : read.hint,
        }),
      ],
    };
  }
  const decoded = decodeUtf8(display, read.bytes);
  return "issue" in decoded ? { issues: [decoded.issue] } : parseYamlSource(display, decoded.text);
}

/**
 * The project files of the folder form, each with its id (its name without the extension, worked out once: with
 * thousands of files, path.basename per use was a tenth of a validate), and a warning for each id written twice
 * (`x.yaml` and `x.yml`): the first by name is used.
 */
async function listProjectFiles(
  dir: string,
  display: (f: string) => string,
  overlay: ReadonlyMap<string, string | null>,
): Promise<{ files: Array<{ file: string; id: string }>; issues: Issue[] }> {
  let names: string[];
  const inOverlay = [...overlay].filter(([file]) => dirname(file) === dir);
  const withOverlay = (onDisk: string[]) => {
    const all = new Set(onDisk);
    for (const [file, text] of inOverlay) {
      if (text === null) all.delete(basename(file));
      else all.add(basename(file));
    }
    return [...all];
  };
  try {
    names = withOverlay(await readdir(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") {
      const why = code === "ENOTDIR" ? "it is a file, not a folder" : describeFsError(error);
      return {
        files: [],
        issues: [
          issue("E_FILE_UNREADABLE", `cannot read the projects folder ${display(dir)}: ${why}`, {
            file: display(dir),
            hint: `make ${PROJECTS_DIR}/ a readable folder of <id>.yaml files, or remove it`,
          }),
        ],
      };
    }
    names = withOverlay([]);
  }
  const issues: Issue[] = [];
  const byId = new Map<string, string>();
  for (const name of names.filter((n) => /\.ya?ml$/i.test(n)).sort()) {
    const id = projectFileId(name);
    const first = byId.get(id);
    if (first) {
      issues.push(
        issue(
          "E_CATALOG_PROJECT_FILE",
          `${display(join(dir, name))} is ignored: project '${id}' is already read from ${first}`,
          {
            file: display(join(dir, name)),
            severity: "warning",
            hint: `keep one of ${first} and ${name}, and delete the other`,
          },
        ),
      );
      continue;
    }
    byId.set(id, name);
  }
  return { files: [...byId].map(([id, name]) => ({ file: join(dir, name), id })), issues };
}

function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}
