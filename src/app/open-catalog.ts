import { resolve } from "node:path";
import {
  catalogModel,
  DEFAULT_RULES,
  loadCatalog,
  repositoriesListed,
  type Catalog,
  type CatalogModel,
  type CatalogRule,
} from "../catalog/index.js";
import { hasErrors, UserError, type Issue } from "../core/index.js";
import { plural } from "../core/index.js";
import type { Framework } from "../maturity/index.js";
import { locateCatalog, type CatalogSource, type LocateCatalogInput } from "./catalog-path.js";
import { extraCatalogRules } from "./catalog-rules.js";

/** A file a use case read, with what it is: a front end that writes files must not write over one. */
export interface FileRead {
  readonly path: string;
  readonly what: string;
}

export interface OpenedCatalog {
  /** The catalog as written: what the README renderer and the editor need. */
  readonly catalog: Catalog;
  /** The normalized, read-only model every other part reads (assessment, governance, the store). */
  readonly model: CatalogModel;
  /** The catalog as named (or found): for messages. */
  readonly path: string;
  /** Whether it was named, found in the working folder, or is the bundled example. */
  readonly source: CatalogSource;
  /** Relative repository, affiliation and mirror paths of the catalog resolve against this folder. */
  readonly baseDir: string;
  /** Warnings (a catalog with errors does not open). */
  readonly issues: readonly Issue[];
  /** The shipped frameworks and the team's frameworks/*.yaml, as loaded to check the catalog. */
  readonly frameworks: ReadonlyMap<string, Framework>;
  /** The catalog's files and the team's framework files. */
  readonly inputs: readonly FileRead[];
}

export type OpenCatalogInput = LocateCatalogInput;

/**
 * Load and validate a catalog with every rule commands rely on (frameworks for attestations, files it names).
 * Errors throw a UserError listing every issue; warnings are returned in `issues`.
 * @example const opened = await openCatalog({ catalog: "catalog/", cwd: "/srv/program" })
 */
export async function openCatalog(input: OpenCatalogInput): Promise<OpenedCatalog> {
  const checked = await checkCatalog(input, DEFAULT_RULES);
  if (!checked.catalog || hasErrors(checked.issues)) {
    const errors = checked.issues.filter((i) => i.severity === "error").length;
    throw new UserError(
      checked.issues[0]?.code ?? "E_CATALOG_INVALID_VALUE",
      `${checked.path}: ${plural(errors, "error")}; nothing was done`,
      { issues: checked.issues },
    );
  }
  const inputs: FileRead[] = [
    ...checked.files.map((path) => ({ path, what: "the catalog this command reads" })),
    ...[...checked.frameworks.values()].flatMap((f) =>
      f.file ? [{ path: f.file, what: "a framework this command reads" }] : [],
    ),
  ];
  return {
    catalog: checked.catalog,
    model: catalogModel(checked.catalog),
    path: checked.path,
    source: checked.source,
    baseDir: checked.baseDir,
    issues: checked.issues,
    frameworks: checked.frameworks,
    inputs,
  };
}

export interface CatalogCheck {
  /** Present when the catalog has no errors. */
  readonly catalog?: Catalog;
  readonly valid: boolean;
  /** The catalog as named (or found): for messages. */
  readonly path: string;
  /** The main catalog file, absolute. */
  readonly file: string;
  readonly source: CatalogSource;
  readonly baseDir: string;
  /** Every file read. */
  readonly files: readonly string[];
  /** Every problem, errors and warnings, located. */
  readonly issues: readonly Issue[];
  readonly frameworks: ReadonlyMap<string, Framework>;
}

/**
 * `validate`: every problem of the catalog at once, including the checks only a review needs (projects without
 * repositories, markdown that would not render safely). Never throws for a bad catalog: `valid` says.
 */
export async function validateCatalog(input: OpenCatalogInput): Promise<CatalogCheck> {
  // Loaded here only, while the frameworks are read: the markdown parser it runs is no part of opening a catalog
  // (collect, assess…).
  const unsafe = (async () => {
    const { unsafeMarkdownRule } = await import("../markdown/index.js");
    return [unsafeMarkdownRule];
  })();
  unsafe.catch(() => undefined); // awaited by checkCatalog
  return checkCatalog(input, [...DEFAULT_RULES, repositoriesListed], unsafe);
}

async function checkCatalog(
  input: OpenCatalogInput,
  rules: readonly CatalogRule[],
  moreRules: Promise<readonly CatalogRule[]> = Promise.resolve([]),
): Promise<CatalogCheck> {
  const { path, source } = locateCatalog(input);
  const absolute = resolve(input.cwd, path);
  const extra = await extraCatalogRules(absolute);
  const loaded = await loadCatalog(absolute, [...rules, ...(await moreRules), ...extra.rules]);
  const issues = [...extra.issues, ...loaded.issues];
  return {
    ...(loaded.catalog ? { catalog: loaded.catalog } : {}),
    valid: !hasErrors(issues),
    path,
    file: loaded.path,
    source,
    baseDir: loaded.baseDir,
    files: loaded.files,
    issues,
    frameworks: extra.frameworks,
  };
}
