import { resolve } from "node:path";
import { BADGE_ID_PLACEHOLDER, decodeUtf8, validateCatalogDocument, type Catalog } from "../catalog/index.js";
import { issue, UserError, type Issue } from "../core/index.js";
import { readInputFile } from "../core/index.js";
import { describeUnsafeUrl, isSafeUrl } from "../core/index.js";
import { importReadme, renderReadme, withRepositoriesFromLinks } from "../markdown/index.js";
import { badgeFileName } from "../render/index.js";
import type { FileRead, OpenedCatalog } from "./open-catalog.js";

export interface ImportedReadme {
  readonly catalog: Catalog;
  /** Warnings: cells kept as raw markdown, HTML that could run, … */
  readonly issues: readonly Issue[];
  /** Cells kept as raw markdown, and the other warnings. */
  readonly rawCells: number;
  readonly otherWarnings: number;
  readonly input: FileRead;
}

/**
 * `import`: a README (one table per persona, or one 'Project Area' table) as a catalog, every word kept, each project's
 * repositories filled from its git hosting links. A README that cannot be read or imported throws, with the line.
 * @example const { catalog } = importReadmeFile({ readme: "README.md", cwd })
 */
export function importReadmeFile(input: { readonly readme: string; readonly cwd: string }): ImportedReadme {
  const { readme } = input;
  const read = readInputFile(resolve(input.cwd, readme), { what: "the README" });
  if ("problem" in read) {
    const what =
      read.problem === "not-found"
        ? "no such file"
        : read.problem === "is-directory"
          ? "it is a folder, not a README file"
          : read.message;
    const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
    throw new UserError(code, `${readme} could not be imported; nothing was written`, {
      issues: [
        issue(code, what, {
          file: readme,
          hint: "give the path of a markdown README, e.g. upstream import README.md --out upstream.yaml",
        }),
      ],
    });
  }
  const decoded = decodeUtf8(readme, read.bytes);
  if ("issue" in decoded)
    throw new UserError("E_FILE_NOT_UTF8", `${readme} could not be imported; nothing was written`, {
      issues: [decoded.issue],
    });
  const imported = importReadme(decoded.text, { file: readme });
  const issues = imported.issues;
  const catalog = imported.catalog && withRepositoriesFromLinks(imported.catalog);
  if (!catalog)
    throw new UserError(
      issues.find((i) => i.severity === "error")?.code ?? "E_IMPORT_NO_TABLE",
      `${readme} could not be imported; nothing was written`,
      { issues },
    );
  // The importer only builds valid catalogs; checking here keeps a bug from writing a broken file.
  const invalid = validateCatalogDocument(catalog).issues.filter((i) => i.severity !== "warning");
  if (invalid.length > 0)
    throw new UserError(
      "E_INTERNAL",
      `the imported catalog does not validate (${invalid[0]!.message} ` +
        `at ${invalid[0]!.at.join(".")}); nothing was written`,
    );
  const rawCells = issues.filter((i) => i.code === "E_IMPORT_UNPARSED_CELL").length;
  return {
    catalog,
    issues,
    rawCells,
    otherWarnings: issues.length - rawCells,
    input: { path: resolve(input.cwd, readme), what: "the README being imported" },
  };
}

/** Whether `out` names a catalog file (.yaml) rather than a folder. */
export function isCatalogFileName(out: string): boolean {
  return /\.ya?ml$/i.test(out);
}

/**
 * `render readme`: the README in the layout the catalog was imported from; with `badges`, each project's badge
 * `<badges>/<id>.svg` in its state cell (a folder or URL prefix; a scheme that could run script is refused).
 */
export function renderCatalogReadme(
  opened: Pick<OpenedCatalog, "catalog">,
  options: { readonly badges?: string } = {},
) {
  return renderReadme(options.badges === undefined ? opened.catalog : withBadges(opened.catalog, options.badges));
}

/** The catalog with readme.badges.image = `<prefix>/{id}.svg` (its link, if any, kept). */
function withBadges(catalog: Catalog, prefix: string): Catalog {
  const dir = prefix.replace(/\/+$/, "");
  if (dir === "" || /\s/.test(dir)) {
    throw new UserError(
      "E_USAGE",
      `--badges ${JSON.stringify(prefix)}: expected a folder or URL prefix without white ` +
        `space, e.g. --badges badges or --badges https://example.github.io/upstream/badges`,
    );
  }
  const image = `${dir}/${badgeFileName(BADGE_ID_PLACEHOLDER)}`;
  // Written as the image of every badge: javascript:, data: (any unvetted scheme) could run script.
  if (!isSafeUrl(image))
    throw new UserError(
      "E_USAGE",
      `--badges ${JSON.stringify(prefix)}: ${describeUnsafeUrl(image)} is not written ` +
        `into the README; give a folder relative to the README or an http(s) URL`,
    );
  const readme = catalog.readme ?? {};
  return { ...catalog, readme: { ...readme, badges: { ...readme.badges, image } } };
}

/** Where a README differs from what the catalog renders: the first line (1-based), excerpted where it differs. */
export interface ReadmeDifference {
  readonly line: number;
  readonly expected: string;
  readonly found: string;
}

/**
 * `render readme --check`: whether `file` is what the catalog renders, compared up to white space inside lines (as
 * `diff -w` does, the round trip's promise), so a hand-kept README passes on the day it is imported. A file that
 * cannot be read throws.
 */
export function checkReadme(input: {
  readonly file: string;
  readonly expected: string;
  readonly cwd: string;
}): ReadmeDifference | undefined {
  const { file } = input;
  const read = readInputFile(resolve(input.cwd, file), { what: file });
  if ("problem" in read) {
    const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
    throw new UserError(code, read.message, {
      issues: [
        issue(code, read.problem === "not-found" ? "no such file" : read.message, {
          file,
          hint: "check the path given to --check",
        }),
      ],
    });
  }
  const want = input.expected.split("\n");
  const have = read.bytes.toString("utf8").split("\n");
  const squash = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\s+/g, ""));
  let line = 0;
  while ((line < want.length || line < have.length) && squash(want[line]) === squash(have[line])) line++;
  if (line >= want.length && line >= have.length) return undefined;
  const [expected, found] = excerpts(want[line], have[line]);
  return { line: line + 1, expected, found };
}

/** Both lines cut to the same window around their first difference, so the difference shows. */
function excerpts(a: string | undefined, b: string | undefined): [string, string] {
  if (a === undefined || b === undefined)
    return [
      a === undefined ? "end of file" : JSON.stringify(a.slice(0, 80)),
      b === undefined ? "end of file" : JSON.stringify(b.slice(0, 80)),
    ];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s: string) => (from > 0 ? "…" : "") + s.slice(from, from + 80) + (s.length > from + 80 ? "…" : "");
  return [JSON.stringify(cut(a)), JSON.stringify(cut(b))];
}
