import type { Heading, Root, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { splitRow, unescapeText } from "./inline.js";

/** A top-level heading of the README (lines are 0-based). */
export interface HeadingBlock {
  readonly line: number;
  readonly depth: number;
  /** The heading's text as written, without the `#`s. */
  readonly text: string;
}

export type TableKind = "persona" | "area" | "announcements" | "other";

/** A top-level table: header at `start`, delimiter row at `start + 1`, body rows to `end`. */
export interface TableBlock {
  readonly start: number;
  readonly end: number;
  readonly kind: TableKind;
  readonly header: readonly string[];
}

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * The README as lines, with its top-level headings and tables located. Text is always taken
 * from the source by line, so every word, link and piece of HTML is kept as written; remark
 * only finds the structure (it knows code fences, HTML blocks, setext headings …).
 */
export class ReadmeSource {
  readonly text: string;
  readonly lines: readonly string[];
  readonly headings: readonly HeadingBlock[];
  readonly tables: readonly TableBlock[];
  /** Which top-level node comes first (the title must be the very first block). */
  readonly firstBlockLine: number | undefined;
  private readonly starts: number[];

  constructor(markdown: string) {
    this.text = markdown.replace(/\r\n?/g, "\n");
    this.lines = this.text.split("\n");
    this.starts = [];
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
    this.starts.push(this.text.length);
    const root = parser.parse(skeleton(this.lines)) as Root;
    const headings: HeadingBlock[] = [];
    const tables: TableBlock[] = [];
    for (const node of root.children) {
      const start = (node.position?.start.line ?? 1) - 1;
      if (node.type === "heading")
        headings.push({ line: start, depth: (node as Heading).depth, text: headingText(this.lines[start] ?? "") });
      else if (node.type === "table") {
        // The skeleton blanks body rows, so the table runs on while the source lines are rows.
        let end = ((node as Table).position?.end.line ?? start + 1) - 1;
        while (end + 1 < this.lines.length && ROW.test(this.lines[end + 1]!)) end++;
        const header = splitRow(this.lines[start] ?? "");
        tables.push({ start, end, header, kind: tableKind(header) });
      }
    }
    this.headings = headings;
    this.tables = tables;
    this.firstBlockLine = root.children[0]?.position ? root.children[0].position.start.line - 1 : undefined;
  }

  /** The exact source of lines [from, to), newlines included. */
  slice(from: number, to: number): string {
    const a = this.starts[Math.min(from, this.lines.length)]!;
    const b = this.starts[Math.min(to, this.lines.length)]!;
    return this.text.slice(a, Math.max(a, b));
  }
}

/**
 * remark's inline parsing of big tables is slow (seconds for 2,000 rows), and only the block
 * structure is needed here: table rows become tiny rows on the same lines before parsing.
 */
function skeleton(lines: readonly string[]): string {
  const out: string[] = [];
  let inBody = false;
  for (const line of lines) {
    const row = ROW.test(line);
    const delimiter = row && /^[\s|:-]+$/.test(line) && line.includes("-");
    // Body rows (after a delimiter row) become blank lines: the table ends at its delimiter
    // for remark, which then never tokenizes thousands of rows; the constructor extends it.
    out.push(!row ? line : inBody ? "" : delimiter ? "|-|" : "|a|");
    inBody = row && (inBody || (delimiter && ROW.test(out[out.length - 2] ?? "")));
  }
  return out.join("\n");
}

/** A line that starts like a table row. */
const ROW = /^ {0,3}\|/;

/** `## Text ##` → `Text` (as written). A setext heading's first line is its text. */
function headingText(line: string): string {
  return line
    .replace(/^ {0,3}#{1,6}(?=\s|$)/, "")
    .replace(/(^|\s)#+\s*$/, "")
    .trim();
}

function tableKind(header: readonly string[]): TableKind {
  const first = unescapeText(header[0] ?? "")
    .trim()
    .toLowerCase();
  if (/^project area$/.test(first) && header.length === 6) return "area";
  if (first.includes("project") && header.length === 5) return "persona";
  if (first === "date" && header.length === 4) return "announcements";
  return "other";
}
