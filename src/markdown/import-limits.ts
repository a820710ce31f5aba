import { issue, type Issue } from "../core/index.js";

/**
 * Limits on what the README importer hands to remark. A markdown parser's work and memory grow
 * with the nesting of containers (a 3,000-deep nested list of 9 MB ran past 600 s and 3.3 GB),
 * so the text is measured first, in one linear pass, and refused with a located error. Real
 * READMEs are far below both: the largest of the programs' READMEs are a few hundred KB and
 * nest lists a handful of levels.
 */
export const IMPORT_LIMITS = {
  /** Bytes of UTF-8 text (counted as UTF-16 code units, never fewer). */
  maxChars: 20 * 1024 * 1024,
  /** Lists and block quotes inside each other. */
  maxDepth: 100,
} as const;

/**
 * How many containers (block quotes and list items) a line opens or continues, counted from its
 * start: each `>` and each list marker (`-`, `*`, `+`, `1.`, `1)` before a space), and the
 * indentation, where every two columns can be one more level of list (a nested item is indented
 * at least two columns past its parent's marker). An over-count only refuses sooner.
 */
function lineDepth(line: string): number {
  let depth = 0;
  let columns = 0;
  let i = 0;
  for (;;) {
    const c = line[i];
    if (c === " ") columns++;
    else if (c === "\t") columns += 4 - (columns % 4);
    else if (c === ">") depth++;
    else if ((c === "-" || c === "*" || c === "+") && (line[i + 1] === " " || line[i + 1] === "\t")) depth++;
    else if (c !== undefined && c >= "0" && c <= "9") {
      let j = i;
      while (j < line.length && j - i < 9 && line[j]! >= "0" && line[j]! <= "9") j++;
      if ((line[j] === "." || line[j] === ")") && (line[j + 1] === " " || line[j + 1] === "\t")) {
        depth++;
        i = j;
      } else break;
    } else break;
    i++;
  }
  return depth + Math.floor(columns / 2);
}

/**
 * The error that stops an import before parsing, or undefined when the README is within the
 * limits. Lines inside fenced code blocks are not measured (indented code in a fence is text).
 *
 * @example importLimitIssue("- a\n".repeat(3), "R.md") // undefined
 */
export function importLimitIssue(markdown: string, file: string): Issue | undefined {
  if (markdown.length > IMPORT_LIMITS.maxChars) {
    return issue(
      "E_IMPORT_TOO_LARGE",
      `the README holds ${(markdown.length / 1024 / 1024).toFixed(1)} MB of text, ` +
        `more than the ${IMPORT_LIMITS.maxChars / 1024 / 1024} MB the importer reads`,
      {
        file,
        line: 1,
        hint: "import the part that holds the project tables, or split the README",
      },
    );
  }
  let fence: string | undefined;
  let line = 0;
  for (let start = 0; start <= markdown.length; ) {
    let end = markdown.indexOf("\n", start);
    if (end < 0) end = markdown.length;
    line++;
    const text = markdown.slice(start, end);
    const trimmed = text.trimStart();
    const marker = trimmed.startsWith("```") ? "```" : trimmed.startsWith("~~~") ? "~~~" : undefined;
    if (marker && (fence === undefined || fence === marker)) fence = fence === undefined ? marker : undefined;
    else if (fence === undefined) {
      const depth = lineDepth(text);
      if (depth > IMPORT_LIMITS.maxDepth) {
        return issue(
          "E_IMPORT_TOO_LARGE",
          `this line nests lists or block quotes about ${depth} levels ` +
            `deep, more than the ${IMPORT_LIMITS.maxDepth} the importer reads`,
          {
            file,
            line,
            col: 1,
            hint:
              "flatten the nesting (a README's lists rarely go past a " +
              "few levels), or move the text into a fenced code block",
          },
        );
      }
    }
    start = end + 1;
  }
  return undefined;
}
