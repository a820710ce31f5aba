import { cellMarkdown } from "./inline.js";

/** A body row: its cells, or a row kept as written (an empty row). */
export type TableRow = readonly string[] | { readonly verbatim: string };

/** A GFM table: header row, `|---|` delimiter row, body rows; each line ends with a newline. */
export function renderTable(header: readonly string[], rows: readonly TableRow[], delimiter?: string): string {
  const line = (cells: TableRow) =>
    "verbatim" in cells ? `${cells.verbatim}\n` : `| ${cells.map(cellMarkdown).join(" | ")} |\n`;
  return line(header) + `${delimiter ?? `|${header.map(() => "---").join("|")}|`}\n` + rows.map(line).join("");
}

/**
 * The rows with the group's empty rows put back where they stood: each after `at` of the
 * group's rows (`offset` rows that are not projects, such as an area row, come first).
 */
export function withEmptyRows(
  rows: readonly TableRow[],
  empty: ReadonlyArray<{ at: number; row: string }> | undefined,
  offset = 0,
): TableRow[] {
  if (!empty?.length) return [...rows];
  const out: TableRow[] = [];
  const at = (i: number) => empty.filter((e) => e.at + offset === i).map((e) => ({ verbatim: e.row }));
  rows.forEach((row, i) => out.push(...at(i), row));
  // Those after the last row (or beyond it, once projects were removed) close the group.
  out.push(...empty.filter((e) => e.at + offset >= rows.length).map((e) => ({ verbatim: e.row })));
  return out;
}
