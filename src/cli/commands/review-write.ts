import { join, relative } from "node:path";
import { formatIssue, issue, UserError, type Issue } from "../../core/index.js";
import { plural } from "../../core/index.js";
import {
  DEFAULT_RULES,
  loadCatalog,
  openCatalogEditor,
  type CatalogEdit,
  type CatalogEditor,
} from "../../catalog/index.js";
import { escapeText } from "../../markdown/index.js";
import { escapeUrl } from "../../markdown/index.js";
import {
  checkGovernance,
  DECISIONS_FILE,
  DecisionsFile,
  GOVERNANCE_DIR,
  governanceContext,
  locateAll,
  REVIEWS_DIR,
  ReviewFile,
  sortIssues,
  TOC_FILE,
  TocFile,
  withDocument,
  type GovernanceCheck,
  type GovernanceContext,
  type MarkdownEscapes,
  type Overlaid,
} from "../../governance/index.js";
import { extraCatalogRules } from "../../app/index.js";
import { resolveCatalogPath, type CatalogOptions } from "../shared.js";
import type { openCatalogGovernance } from "./decisions-shared.js";

const SCHEMAS = { toc: TocFile, review: ReviewFile, decisions: DecisionsFile } as const;

export type OpenedProgram = Awaited<ReturnType<typeof openCatalogGovernance>>;

/** Markdown escapes for what the write-back puts in the catalog (announcements). */
export const MARKDOWN_ESCAPES: MarkdownEscapes = { text: (s) => escapeText(s), url: (s) => escapeUrl(s) };

/** The governance files the writer edits. */
type DocumentKind = "toc" | "review" | "decisions";

/** governance/decisions.yaml: decisions recorded from elsewhere (the public record). */
export const decisionsDocument = (): { file: string; kind: "decisions" } => ({
  file: `${GOVERNANCE_DIR}/${DECISIONS_FILE}`,
  kind: "decisions",
});

export const tocDocument = (): { file: string; kind: "toc" } => ({
  file: `${GOVERNANCE_DIR}/${TOC_FILE}`,
  kind: "toc",
});
export const reviewDocument = (id: string): { file: string; kind: "review" } => ({
  file: `${GOVERNANCE_DIR}/${REVIEWS_DIR}/${id}.yaml`,
  kind: "review",
});

/**
 * Writes governance records (and, for `review close`, the catalog) through the catalog editor:
 * edits are applied in memory, the result is checked with every governance check as if it were on
 * disk, and only then written, under the catalog's lock, all files or none.
 */
export class GovernanceWriter {
  private constructor(
    private readonly program: OpenedProgram,
    private readonly editor: CatalogEditor,
    private readonly documents: readonly { file: string; kind: DocumentKind }[],
    private readonly rules: Awaited<ReturnType<typeof extraCatalogRules>>["rules"],
    private readonly catalogPath: string,
  ) {}

  static async open(
    program: OpenedProgram,
    options: CatalogOptions,
    documents: readonly { file: string; kind: DocumentKind }[],
    purpose: string,
  ): Promise<GovernanceWriter> {
    // The bundled example is the tool's own file: a decision recorded there would be lost on the next install.
    if (program.source === "bundled-example")
      throw new UserError(
        "E_USAGE",
        `${purpose} writes governance records, and no catalog was given: the bundled example is read-only; ` +
          "pass --catalog PATH (upstream init DIR starts one)",
      );
    // The path as given: a folder opens in the folder form (projects/<id>.yaml), a file in the one-file form.
    const catalogPath = resolveCatalogPath(options);
    const extra = await extraCatalogRules(catalogPath);
    const rules = [...DEFAULT_RULES, ...extra.rules];
    const opened = await openCatalogEditor(catalogPath, {
      purpose,
      rules,
      documents: documents.map((d) => ({ file: d.file, schema: SCHEMAS[d.kind] })),
    });
    if (!opened.editor)
      throw new UserError(opened.issues[0]?.code ?? "E_CATALOG_EDIT", "the catalog cannot be edited", {
        issues: opened.issues,
      });
    return new GovernanceWriter(program, opened.editor, documents, extra.rules, catalogPath);
  }

  /** Apply edits in memory (all or none); a failure stops the command, nothing written. */
  async apply(edits: readonly CatalogEdit[], refusal: string): Promise<void> {
    const applied = await this.editor.apply(edits);
    if (!applied.ok)
      throw new UserError(applied.issues[0]?.code ?? "E_CATALOG_EDIT", `${refusal}; nothing was written`, {
        issues: applied.issues,
      });
  }

  /** The governance records and catalog as they would be after the edits so far, checked. */
  async check(): Promise<{ check: GovernanceCheck; overlaid: Overlaid; context: GovernanceContext; issues: Issue[] }> {
    const base = this.program.baseDir;
    const changes = this.editor.changes();
    const texts = this.documents.flatMap((d) => {
      const change = changes.find((c) => c.path === join(base, d.file));
      return change ? [{ file: shown(change.path), kind: d.kind, text: change.after }] : [];
    });
    const overlaid = withDocument(this.program.governance.loaded, texts);
    let context = this.program.governance.context;
    const catalogChanges = changes.filter((c) => !this.documents.some((d) => c.path === join(base, d.file)));
    if (catalogChanges.length > 0) {
      const overlay = new Map<string, string | null>(catalogChanges.map((c) => [c.path, c.after]));
      const loaded = await loadCatalog(this.catalogPath, [...DEFAULT_RULES, ...this.rules], { overlay });
      if (!loaded.catalog) throw new UserError("E_CATALOG_EDIT", "the edited catalog does not load", loaded);
      context = governanceContext(loaded.catalog, context.frameworks, this.program.aliases);
    }
    const check = checkGovernance(overlaid.records, context);
    const issues = sortIssues([...overlaid.issues, ...locateAll(check.issues, overlaid.locate)]);
    return { check, overlaid, context, issues };
  }

  /** Check, then write; errors of the check stop it with `refusal` and every issue, located in the edited text. */
  async commit(refusal: string): Promise<{ written: string[]; check: GovernanceCheck }> {
    const { check, issues } = await this.check();
    const errors = issues.filter((i) => i.severity !== "warning");
    if (errors.length > 0)
      throw new UserError(errors[0]!.code, `${refusal}: ${plural(errors.length, "error")}; nothing was written`, {
        issues: errors,
      });
    for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
    const committed = this.editor.commit();
    if (!committed.ok)
      throw new UserError(committed.issues[0]?.code ?? "E_CATALOG_WRITE", `${refusal}; nothing was written`, {
        issues: committed.issues,
      });
    for (const i of committed.issues) process.stderr.write(formatIssue(i) + "\n");
    return { written: committed.written.map(shown), check };
  }
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** A usage-free bad-input error naming where: the CLI argument and what to do. */
export function badInput(code: Parameters<typeof issue>[0], message: string, hint: string, file?: string): UserError {
  return new UserError(code, `${message}; nothing was written`, {
    issues: [issue(code, message, { hint, ...(file ? { file } : {}) })],
  });
}
