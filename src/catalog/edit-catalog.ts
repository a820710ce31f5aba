import { statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import type { z } from "zod";
import { didYouMean, issue, type Issue } from "../core/index.js";
import { readInputFile } from "../core/index.js";
import {
  acquireLock,
  changedSince,
  snapshotOf,
  writeFilesAtomically,
  yamlFilesIn,
  type FileSnapshot,
} from "./atomic-files.js";
import { CATALOG_FILE, loadCatalog, PROJECTS_DIR } from "./load-catalog.js";
import type { Project } from "./schema.js";
import { decodeUtf8 } from "./utf8-text.js";
import { DEFAULT_RULES, formatPath, locateIssue, type CatalogRule, type RuleIssue } from "./validate-catalog.js";
import { toYaml } from "./write-catalog.js";
import { parseYamlSource } from "./yaml-source.js";
import { describeEditPath, plainValue, spliceYaml, type EditSegment, type YamlEdit } from "./yaml-splice.js";

/**
 * The catalog editor: changes fields of an existing catalog (one file, or the folder form) and
 * of the other YAML files kept with it (governance records), in place. Only the lines an edit
 * changes differ (see yaml-splice.ts); the edited catalog is validated by the loader before
 * anything is written; writes take the catalog's lock, refuse files changed since they were
 * read, and replace every file of a commit or none. Newlines (LF or CRLF), a final newline and
 * a byte-order mark stay as each file had them.
 *
 * @example
 * const r = await editCatalog("catalog/", [
 *   { op: "set", project: "aks-engine", path: ["state", "level"], value: "graduated" },
 *   { op: "append", path: ["announcements"], value: { date: "2026-10-01",
 *     project: "aks-engine", announcement: "…" } },
 * ]);
 * if (!r.ok) report(r.issues);
 */

/**
 * One change. `project` addresses a project by id wherever it is written (inline in
 * upstream.yaml or in projects/<id>.yaml), its path starting inside the project; `file` a
 * document opened with the editor (e.g. governance/toc.yaml); neither, upstream.yaml from its root.
 */
export type CatalogEdit =
  | (YamlEdit & { readonly project?: string; readonly file?: string })
  /** A new project: in the folder form a new projects/<id>.yaml (its id listed in upstream.yaml if ids are). */
  | { readonly op: "add-project"; readonly value: Project; readonly after?: string };

/** Another YAML file of the catalog folder the editor may change, and how it is validated. */
export interface CatalogDocument {
  /** Relative to the catalog's folder, e.g. governance/toc.yaml; it need not exist yet. */
  readonly file: string;
  /** The file's value must parse with it (a zod schema). */
  readonly schema?: z.ZodType;
  /** More checks of the file's value; issues are placed by their paths. */
  readonly validate?: (value: unknown) => readonly RuleIssue[];
}

export interface OpenCatalogEditorOptions {
  /** Catalog rules the edited catalog must pass (default: the loader's). */
  readonly rules?: readonly CatalogRule[];
  readonly documents?: readonly CatalogDocument[];
  /** Shown to a second writer refused by the lock, e.g. "review close 2026-Q4". */
  readonly purpose?: string;
}

export interface FileChange {
  /** Absolute path. */
  readonly path: string;
  /** As shown in messages (relative to the working folder when inside it). */
  readonly display: string;
  /** Text before the edits; undefined for a new file. */
  readonly before?: string;
  readonly after: string;
}

export interface EditOutcome {
  readonly ok: boolean;
  /** Errors when not ok; notices (a stale lock taken over) otherwise. */
  readonly issues: readonly Issue[];
}

export interface CommitOutcome extends EditOutcome {
  /** The files written, absolute paths. */
  readonly written: readonly string[];
}

export interface CatalogEditor {
  /** The main catalog file (upstream.yaml, or the single catalog file). */
  readonly mainFile: string;
  readonly form: "file" | "folder";
  /** Apply edits in memory, all or none, and validate the result; nothing is written. */
  apply(edits: readonly CatalogEdit[]): Promise<EditOutcome>;
  /** What a commit would write (for a preview or a dry run). */
  changes(): readonly FileChange[];
  /** Write every changed file, under the catalog's lock, all or none. */
  commit(): CommitOutcome;
}

interface EditedFile {
  readonly path: string;
  readonly display: string;
  readonly kind: "main" | "project" | "document";
  /** The text read (without a BOM); undefined for a file that did not exist. */
  original?: string;
  /** The text as edited so far. */
  text?: string;
  bom: boolean;
  snapshot: FileSnapshot;
  readonly document?: CatalogDocument;
}

/** Open a catalog (file or folder) for editing; read problems come back as located issues. */
export async function openCatalogEditor(
  path: string,
  options: OpenCatalogEditorOptions = {},
): Promise<{ editor: CatalogEditor; issues: readonly Issue[] } | { editor?: undefined; issues: readonly Issue[] }> {
  const absolute = resolve(path);
  let folder: string | undefined;
  try {
    if (statSync(absolute).isDirectory()) folder = absolute;
  } catch {
    return {
      issues: [
        issue("E_FILE_NOT_FOUND", `no catalog at ${path}`, {
          hint: "pass a catalog file, or a folder with upstream.yaml",
        }),
      ],
    };
  }
  const mainFile = folder ? join(folder, CATALOG_FILE) : absolute;
  const base = dirname(mainFile);
  const files = new Map<string, EditedFile>();
  const issues: Issue[] = [];
  const read = (file: string, kind: EditedFile["kind"], document?: CatalogDocument, optional = false) => {
    const r = readEditable(file, kind, document, optional);
    if ("issue" in r) issues.push(r.issue);
    else files.set(file, r);
  };
  read(mainFile, "main");
  const projectsDir = join(base, PROJECTS_DIR);
  const listing = folder ? yamlFilesIn(projectsDir) : [];
  for (const name of listing) read(join(projectsDir, name), "project");
  for (const document of options.documents ?? []) {
    const file = documentPath(base, document.file);
    if (typeof file !== "string") issues.push(file);
    else if (files.has(file))
      issues.push(issue("E_CATALOG_EDIT", `${document.file} is a catalog file, not a separate document`, {}));
    else read(file, "document", document, true);
  }
  if (issues.length > 0) return { issues };
  return { editor: new Editor(mainFile, folder ? "folder" : "file", files, listing, options), issues: [] };
}

/** Open, apply and commit in one step. */
export async function editCatalog(
  path: string,
  edits: readonly CatalogEdit[],
  options: OpenCatalogEditorOptions = {},
): Promise<CommitOutcome> {
  const opened = await openCatalogEditor(path, options);
  if (!opened.editor) return { ok: false, issues: opened.issues, written: [] };
  const applied = await opened.editor.apply(edits);
  if (!applied.ok) return { ...applied, written: [] };
  return opened.editor.commit();
}

class Editor implements CatalogEditor {
  private readonly base: string;

  constructor(
    readonly mainFile: string,
    readonly form: "file" | "folder",
    private readonly files: Map<string, EditedFile>,
    private listing: readonly string[],
    private readonly options: OpenCatalogEditorOptions,
  ) {
    this.base = dirname(mainFile);
  }

  async apply(edits: readonly CatalogEdit[]): Promise<EditOutcome> {
    // Work on a copy of the texts: a batch that fails leaves the editor as it was.
    const texts = new Map([...this.files].map(([path, f]) => [path, f.text]));
    const created = new Map<string, EditedFile>();
    const fileOf = (path: string) => this.files.get(path) ?? created.get(path);
    for (const [index, edit] of edits.entries()) {
      const where = `edit ${index + 1} of ${edits.length} (${describeEdit(edit)})`;
      const targets = this.targetsOf(edit, texts, created);
      if ("issue" in targets) return refused([withPrefix(targets.issue, where)]);
      for (const target of targets) {
        const file = fileOf(target.path)!;
        const text = texts.get(target.path) ?? "";
        const result = spliceYaml(text, target.edit);
        if ("problem" in result) {
          const at = result.offset !== undefined ? positionOf(text, result.offset) : {};
          return refused([
            issue("E_CATALOG_EDIT", `${where}: ${result.problem}`, {
              file: file.display,
              ...at,
              path: describeEditPath(target.edit.path),
              hint: result.hint,
            }),
          ]);
        }
        texts.set(target.path, result.text);
      }
    }
    const changed = [...texts].filter(([path, text]) => text !== fileOf(path)?.text);
    const catalogChanged = changed.some(([path]) => fileOf(path)!.kind !== "document");
    const problems: Issue[] = [];
    if (catalogChanged) {
      const overlay = new Map<string, string | null>();
      for (const [path, text] of texts)
        if (fileOf(path)!.kind !== "document" && text !== undefined) overlay.set(path, text);
      const loaded = await loadCatalog(this.form === "folder" ? this.base : this.mainFile, this.rules(), { overlay });
      problems.push(...loaded.issues.filter((i) => i.severity === "error"));
    }
    for (const [path, text] of changed) {
      const file = fileOf(path)!;
      if (file.kind === "document") problems.push(...validateDocument(file, text ?? ""));
    }
    if (problems.length > 0)
      return refused([
        issue(
          "E_CATALOG_EDIT",
          `the edits were not applied: the edited files would not validate (${problems.length} ` +
            `${problems.length === 1 ? "error" : "errors"} below; their lines are those of the edited text)`,
          { file: displayPath(this.mainFile), hint: "change the edits so the catalog stays valid" },
        ),
        ...problems,
      ]);
    for (const [path, file] of created) this.files.set(path, file);
    for (const [path, text] of texts) this.files.get(path)!.text = text;
    return { ok: true, issues: [] };
  }

  changes(): readonly FileChange[] {
    return [...this.files.values()]
      .filter((f) => f.text !== undefined && f.text !== f.original)
      .map((f) => ({
        path: f.path,
        display: f.display,
        ...(f.original !== undefined ? { before: f.original } : {}),
        after: f.text!,
      }));
  }

  commit(): CommitOutcome {
    const changes = this.changes();
    if (changes.length === 0) return { ok: true, issues: [], written: [] };
    const lockPath = `${this.mainFile}.lock`;
    const lock = acquireLock(lockPath, this.options.purpose);
    if ("refused" in lock)
      return {
        ok: false,
        written: [],
        issues: [
          issue("E_CATALOG_LOCKED", `${lock.refused}; nothing was written`, {
            file: displayPath(lockPath),
            hint: lock.hint,
          }),
        ],
      };
    const notices: Issue[] = [];
    if (lock.tookOver)
      notices.push(
        issue(
          "E_CATALOG_STALE_LOCK",
          `took over the lock left by pid ${lock.tookOver.pid} on ${lock.tookOver.host} ` +
            `(since ${lock.tookOver.time}), ` +
            "which no longer runs",
          { file: displayPath(lockPath), severity: "warning", hint: "nothing to do; its edit, if any, did not finish" },
        ),
      );
    try {
      const stale = this.changedOnDisk();
      if (stale.length > 0) return { ok: false, written: [], issues: [...notices, ...stale] };
      const failure = writeFilesAtomically(
        changes.map((c) => {
          const file = this.files.get(c.path)!;
          return { path: c.path, bytes: Buffer.from((file.bom ? "\uFEFF" : "") + c.after, "utf8") };
        }),
      );
      if (failure)
        return {
          ok: false,
          written: [],
          issues: [
            ...notices,
            issue("E_CATALOG_WRITE", `the edited catalog could not be written: ${failure}; every file is as it was`, {
              file: displayPath(this.mainFile),
              hint: "make the catalog's folder and files writable (and the disk not full), then run the command again",
            }),
          ],
        };
      for (const c of changes) {
        const file = this.files.get(c.path)!;
        file.original = c.after;
        file.snapshot = snapshotOf(Buffer.from((file.bom ? "\uFEFF" : "") + c.after, "utf8"), c.path);
      }
      this.listing = this.form === "folder" ? yamlFilesIn(join(this.base, PROJECTS_DIR)) : [];
      return { ok: true, written: changes.map((c) => c.path), issues: notices };
    } finally {
      lock.held.release();
    }
  }

  private rules(): readonly CatalogRule[] {
    return this.options.rules ?? DEFAULT_RULES;
  }

  /** Every file read when opened that is not as it was, and project files added or removed since. */
  private changedOnDisk(): Issue[] {
    const out: Issue[] = [];
    for (const file of this.files.values()) {
      const why = changedSince(file.path, file.snapshot);
      if (why)
        out.push(
          issue(
            "E_CATALOG_CHANGED",
            `${file.display} changed on disk since it was read for this edit (${why}); ` +
              "it was not overwritten, and nothing was written",
            {
              file: file.display,
              hint: "run the command again: it reads the catalog anew and applies its edit to what is there now",
            },
          ),
        );
    }
    if (this.form === "folder") {
      const now = yamlFilesIn(join(this.base, PROJECTS_DIR));
      const added = now.filter((n) => !this.listing.includes(n) && !this.files.has(join(this.base, PROJECTS_DIR, n)));
      for (const name of added)
        out.push(
          issue(
            "E_CATALOG_CHANGED",
            `${PROJECTS_DIR}/${name} appeared on disk since the catalog was read; nothing was written`,
            {
              file: displayPath(join(this.base, PROJECTS_DIR, name)),
              hint: "run the command again: it reads the catalog anew",
            },
          ),
        );
    }
    return out;
  }

  /** Where an edit lands: a file and a path inside it (two for a new project of the folder form). */
  private targetsOf(
    edit: CatalogEdit,
    texts: Map<string, string | undefined>,
    created: Map<string, EditedFile>,
  ): { path: string; edit: YamlEdit }[] | { issue: Issue } {
    const main = this.mainFile;
    if (edit.op === "add-project") return this.addProjectTargets(edit, texts, created);
    if (edit.file !== undefined) {
      const path = documentPath(this.base, edit.file);
      if (typeof path !== "string") return { issue: path };
      const file = this.files.get(path);
      if (!file || file.kind !== "document")
        return {
          issue: issue("E_CATALOG_EDIT", `${edit.file} is not a document this editor was opened with`, {
            hint: `open the editor with documents: [{ file: "${edit.file}", schema }] so its edits are validated`,
          }),
        };
      return [{ path, edit: stripTarget(edit, edit.path) }];
    }
    if (edit.project === undefined) return [{ path: main, edit: stripTarget(edit, edit.path) }];
    const found = this.findProject(edit.project, texts, created);
    if ("issue" in found) return found;
    return [{ path: found.path, edit: stripTarget(edit, [...found.prefix, ...edit.path]) }];
  }

  private findProject(
    id: string,
    texts: Map<string, string | undefined>,
    created: Map<string, EditedFile>,
  ): { path: string; prefix: EditSegment[] } | { issue: Issue } {
    const inline = projectEntries(texts.get(this.mainFile));
    if (inline.some((p) => typeof p === "object" && p !== null && (p as { id?: unknown }).id === id))
      return { path: this.mainFile, prefix: ["projects", { id }] };
    if (this.form === "folder") {
      const dir = join(this.base, PROJECTS_DIR);
      for (const ext of [".yaml", ".yml", ".YAML", ".YML"]) {
        const path = join(dir, id + ext);
        if ((this.files.has(path) || created.has(path)) && texts.get(path) !== undefined) return { path, prefix: [] };
      }
    }
    const known = this.projectIds(texts, created);
    const guess = didYouMean(id, known);
    return {
      issue: issue("E_CATALOG_UNKNOWN_PROJECT", `no project '${id}' in the catalog`, {
        file: displayPath(this.mainFile),
        hint: guess ? `did you mean '${guess}'?` : `the catalog's projects: ${known.slice(0, 10).join(", ") || "none"}`,
      }),
    };
  }

  private projectIds(texts: Map<string, string | undefined>, created: Map<string, EditedFile>): string[] {
    const ids = projectEntries(texts.get(this.mainFile)).flatMap((p) =>
      typeof p === "object" && p !== null && typeof (p as { id?: unknown }).id === "string"
        ? [(p as { id: string }).id]
        : [],
    );
    for (const file of [...this.files.values(), ...created.values()])
      if (file.kind === "project" && texts.get(file.path) !== undefined)
        ids.push(basename(file.path, extname(file.path)));
    return ids;
  }

  private addProjectTargets(
    edit: Extract<CatalogEdit, { op: "add-project" }>,
    texts: Map<string, string | undefined>,
    created: Map<string, EditedFile>,
  ): { path: string; edit: YamlEdit }[] | { issue: Issue } {
    const id = edit.value.id;
    if (this.projectIds(texts, created).includes(id))
      return {
        issue: issue("E_CATALOG_DUPLICATE_ID", `the catalog already has a project '${id}'`, {
          file: displayPath(this.mainFile),
          hint: "give the new project another id, or edit the existing one",
        }),
      };
    const entries = projectEntries(texts.get(this.mainFile));
    const after = edit.after;
    if (after !== undefined && !this.projectIds(texts, created).includes(after))
      return {
        issue: issue("E_CATALOG_UNKNOWN_PROJECT", `no project '${after}' to add '${id}' after`, {
          hint: "name an existing project",
        }),
      };
    const project = JSON.parse(JSON.stringify(edit.value)) as Project;
    const afterIndex = (match: (entry: unknown) => boolean) => {
      if (after === undefined) return undefined;
      const index = entries.findIndex(match);
      return index >= 0 ? index : undefined;
    };
    if (this.form === "file" || entries.some((p) => typeof p === "object" && p !== null)) {
      // Projects written inline stay inline: the new one joins them.
      const at = afterIndex((p) => (p as { id?: unknown } | null)?.id === after || p === after);
      return [
        {
          path: this.mainFile,
          edit: { op: "append", path: ["projects"], value: project, ...(at !== undefined ? { after: at } : {}) },
        },
      ];
    }
    const path = join(this.base, PROJECTS_DIR, `${id}.yaml`);
    const main = this.files.get(this.mainFile)!;
    const newline = (main.text ?? "").includes("\r\n") ? "\r\n" : "\n";
    const header = schemaHeaderOfProjects([...this.files.values()], texts);
    const file: EditedFile = {
      path,
      display: displayPath(path),
      kind: "project",
      bom: false,
      snapshot: { exists: false, size: 0, mtimeMs: 0, sha256: "" },
    };
    created.set(path, file);
    texts.set(path, (header + toYaml(project)).replace(/\n/g, newline));
    if (!Array.isArray(projectsValue(texts.get(this.mainFile)))) return [];
    const at = afterIndex((p) => p === after);
    return [
      {
        path: this.mainFile,
        edit: { op: "append", path: ["projects"], value: id, ...(at !== undefined ? { after: at } : {}) },
      },
    ];
  }
}

function refused(issues: Issue[]): EditOutcome {
  return { ok: false, issues };
}

function withPrefix(i: Issue, where: string): Issue {
  return { ...i, message: `${where}: ${i.message}` };
}

function stripTarget(edit: YamlEdit, path: readonly EditSegment[]): YamlEdit {
  if (edit.op === "set") return { op: "set", path, value: edit.value };
  if (edit.op === "delete") return { op: "delete", path };
  return { op: "append", path, value: edit.value, ...(edit.after !== undefined ? { after: edit.after } : {}) };
}

function describeEdit(edit: CatalogEdit): string {
  if (edit.op === "add-project") return `add project ${edit.value.id}`;
  const where =
    edit.project !== undefined ? `project ${edit.project}: ` : edit.file !== undefined ? `${edit.file}: ` : "";
  return `${edit.op} ${where}${describeEditPath(edit.path)}`;
}

function projectsValue(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const value = plainValue(text);
  return value && typeof value === "object" ? (value as { projects?: unknown }).projects : undefined;
}

function projectEntries(text: string | undefined): unknown[] {
  const projects = projectsValue(text);
  return Array.isArray(projects) ? projects : [];
}

/** A new project file starts with the `$schema` comment its siblings have, so editors check it too. */
function schemaHeaderOfProjects(files: readonly EditedFile[], texts: Map<string, string | undefined>): string {
  for (const file of files) {
    if (file.kind !== "project") continue;
    const first = (texts.get(file.path) ?? "").split(/\r?\n/, 1)[0]!;
    if (first.startsWith("# yaml-language-server:")) return `${first}\n`;
  }
  return "";
}

function readEditable(
  path: string,
  kind: EditedFile["kind"],
  document: CatalogDocument | undefined,
  optional: boolean,
): EditedFile | { issue: Issue } {
  const display = displayPath(path);
  const read = readInputFile(path, { what: display });
  if ("problem" in read) {
    if (read.problem === "not-found" && optional)
      return {
        path,
        display,
        kind,
        bom: false,
        snapshot: snapshotOf(undefined, path),
        ...(document ? { document } : {}),
      };
    return {
      issue: issue(read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE", read.message, {
        file: display,
        hint: read.hint,
      }),
    };
  }
  const decoded = decodeUtf8(display, read.bytes);
  if ("issue" in decoded) return decoded;
  const bom = read.bytes[0] === 0xef && read.bytes[1] === 0xbb && read.bytes[2] === 0xbf;
  return {
    path,
    display,
    kind,
    original: decoded.text,
    text: decoded.text,
    bom,
    snapshot: snapshotOf(read.bytes, path),
    ...(document ? { document } : {}),
  };
}

/** A document's absolute path, refused when it is absolute or climbs out of the catalog's folder. */
function documentPath(base: string, file: string): string | Issue {
  const normalized = normalize(file);
  if (isAbsolute(file) || normalized === ".." || normalized.startsWith(`..${sep}`) || !/\.ya?ml$/i.test(file))
    return issue("E_CATALOG_EDIT", `a document must be a .yaml file inside the catalog's folder, not ${file}`, {
      hint: "name it relative to the catalog's folder, e.g. governance/toc.yaml",
    });
  return join(base, normalized);
}

function validateDocument(file: EditedFile, text: string): Issue[] {
  const parsed = parseYamlSource(file.display, text);
  if (!parsed.source) return parsed.issues;
  const source = parsed.source;
  const found: RuleIssue[] = [];
  const schema = file.document?.schema;
  if (schema) {
    const result = schema.safeParse(source.value);
    if (!result.success) found.push(...result.error.issues.flatMap((i) => fromZodIssue(i, source.value)));
  }
  if (file.document?.validate) found.push(...file.document.validate(source.value));
  return found.map((r) => locateIssue(r, (at, options) => source.locate(at, options)));
}

/** A zod issue of a document's schema, in the catalog's codes. */
function fromZodIssue(i: z.core.$ZodIssue, value: unknown): RuleIssue[] {
  const at = i.path.filter((s): s is string | number => typeof s !== "symbol");
  if (i.code === "unrecognized_keys")
    return i.keys.map((key) => ({
      code: "E_CATALOG_UNKNOWN_KEY" as const,
      message: `unknown key '${key}'`,
      at: [...at, key],
      key: true,
      hint: "remove it, or check its spelling",
    }));
  let received: unknown = value;
  for (const s of at)
    received = received && typeof received === "object" ? (received as Record<string | number, unknown>)[s] : undefined;
  if (received === undefined && i.code === "invalid_type")
    return [
      {
        code: "E_CATALOG_MISSING_FIELD",
        message: `missing required field '${String(at[at.length - 1])}'`,
        at,
        hint: `add '${String(at[at.length - 1])}:' at ${formatPath(at.slice(0, -1)) || "the top"}`,
      },
    ];
  return [
    { code: "E_CATALOG_INVALID_VALUE", message: i.message, at, hint: "see the document's reference for its form" },
  ];
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}
