/**
 * Prose is stored without its surrounding blank lines (so the catalog reads cleanly) and the
 * counts are kept beside it, so the README renders back line for line (`diff -w` is blind to
 * spaces, not to blank lines).
 */
export interface Spaced {
  /** Blank lines before the text (all of them when there is no text). */
  readonly before: number;
  /** The text without leading and trailing blank lines, no final newline. */
  readonly core: string;
  /** Blank lines after the text. */
  readonly after: number;
}

/** Split source text (lines with their newlines) into blank lines, text, blank lines. */
export function trimBlankLines(text: string): Spaced {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  let b = 0;
  while (b < lines.length && lines[b]!.trim() === "") b++;
  if (b === lines.length) return { before: b, core: "", after: 0 };
  let e = lines.length;
  while (lines[e - 1]!.trim() === "") e--;
  return { before: b, core: lines.slice(b, e).join("\n"), after: lines.length - e };
}

/** The inverse of trimBlankLines. */
export function spaced(before: number, core: string, after: number): string {
  return core === "" ? "\n".repeat(before) : "\n".repeat(before) + core + "\n" + "\n".repeat(after);
}
