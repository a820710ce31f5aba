import { cellMarkdown } from "./inline.js";

/** A GFM table: header row, `|---|` delimiter row, body rows; each line ends with a newline. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cellMarkdown).join(" | ")} |\n`;
  return line(header) + `|${header.map(() => "---").join("|")}|\n` + rows.map(line).join("");
}
