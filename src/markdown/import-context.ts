import type { Announcement, Persona, Project } from "../catalog/index.js";
import { issue, type ErrorCode, type Issue } from "../core/index.js";
import type { HeadingBlock, ReadmeSource, TableBlock } from "./readme-source.js";
import type { StateRow } from "./project-row.js";
import { IdAllocator } from "./slug.js";
import { splitRow } from "./inline.js";

/** A section of the README being imported: its heading and the lines [from, to) it holds. */
export interface SectionRange {
  readonly heading: HeadingBlock;
  readonly from: number;
  readonly to: number;
  readonly last: boolean;
}

/** What the layout importers fill in while walking the README. */
export class ImportContext {
  readonly issues: Issue[] = [];
  readonly personas: Persona[] = [];
  readonly projects: Project[] = [];
  /** The state cell of each project, by index, until the badges are settled. */
  readonly stateRows: StateRow[] = [];
  readonly announcements: Announcement[] = [];
  readonly columns: Record<string, string> = {};
  readonly personaTrailers: Record<string, string> = {};
  /** persona id → the delimiter row of the table it starts, where it is not the default (see readme.delimiters). */
  readonly delimiters: Record<string, string> = {};
  /** persona id → its table rows with no text (see readme.emptyRows). */
  readonly emptyRows: Record<string, Array<{ at: number; row: string }>> = {};
  readonly projectIds = new IdAllocator("project");
  readonly personaIds = new IdAllocator("persona");
  personaHeadingLevel?: number;
  usedInTitle?: string;
  announcementsEmpty?: string;

  constructor(
    readonly src: ReadmeSource,
    readonly file: string,
  ) {}

  /** The cells of a table's body rows, with their 1-based line numbers and text as written. */
  rows(table: TableBlock): Array<{ line: number; cells: string[]; text: string }> {
    const out: Array<{ line: number; cells: string[]; text: string }> = [];
    for (let r = table.start + 2; r <= table.end; r++) {
      const text = this.src.lines[r] ?? "";
      out.push({ line: r + 1, cells: splitRow(text), text });
    }
    return out;
  }

  /** Keep the table's delimiter row (alignment colons) when it is not the one render writes. */
  keepDelimiter(table: TableBlock, persona: string): void {
    const row = (this.src.lines[table.start + 1] ?? "").trim();
    const plain = `|${table.header.map(() => "---").join("|")}|`;
    if (row.replace(/\s+/g, "") !== plain) this.delimiters[persona] = row;
  }

  /**
   * A row with no text in any cell is no project (it was a name-less "project" once): keep it,
   * as written, at its place in the persona's group so the README renders back.
   */
  keepEmptyRow(row: { cells: readonly string[]; text: string }, persona: string, at: number): boolean {
    if (!row.cells.every((c) => c === "")) return false;
    (this.emptyRows[persona] ??= []).push({ at, row: row.text.trim() });
    return true;
  }

  /** A warning at a README line; the code says what kind, so `import` counts raw cells apart from the rest. */
  warn(message: string, line: number, hint?: string, code: ErrorCode = "E_IMPORT_UNPARSED_CELL"): void {
    this.issues.push(issue(code, message, { severity: "warning", file: this.file, line, hint }));
  }
}
