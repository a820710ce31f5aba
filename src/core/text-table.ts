/**
 * A plain text table with aligned columns and a rule under the header, for terminals.
 * Cells are single-line; width counts code points so non-ASCII names stay aligned.
 */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const rows = body.map((r) => r.map((c) => c.replace(/\s+/g, " ").trim()));
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
