/**
 * Inline markdown helpers shared by import and render: escaping of plain text and URLs,
 * the inverse unescaping, and scanners that respect backslash escapes (a `\|` or `\<br>`
 * in a name must never split a cell).
 *
 * The contract that makes render → import the identity: every escape function only puts a
 * backslash before ASCII punctuation, and `unescapeText` removes exactly those backslashes.
 */

import { neutralizeMarkdown } from "./neutralize.js";

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Escape plain text (a name, a label, a title) so it reads as the same characters in a
 * table cell: no table break (`|`), no HTML (`<`), no link (`[`), no code or strike.
 * `_` is escaped only where it could start or end emphasis, so `snake_case` stays as is.
 * `extra` lists further characters that are separators in the cell's own grammar.
 *
 * @example escapeText("a|b <script>") // "a\\|b \\<script\\>"
 */
export function escapeText(text: string, extra = ""): string {
  if (!/[\\`*_[\]<>|~&]/.test(text) && (extra === "" || ![...extra].some((c) => text.includes(c)))) return text;
  let out = "";
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "_") {
      const before = chars[i - 1] ?? "";
      const after = chars[i + 1] ?? "";
      out += /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after) ? c : "\\_";
    } else if ("\\`*[]<>|~".includes(c) || (extra !== "" && extra.includes(c))) out += "\\" + c;
    else if (c === "&" && /^&#?[A-Za-z0-9]+;/.test(chars.slice(i, i + 40).join(""))) out += "\\&";
    else out += c;
  }
  return out;
}

/** Escape text for an ATX heading: as a cell, plus a trailing `#` that would close the heading. */
export function escapeHeading(text: string): string {
  return escapeText(text).replace(/#+$/, (m) => m.replace(/#/g, "\\#"));
}

/** Remove backslash escapes (CommonMark: a backslash before ASCII punctuation). */
export function unescapeText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && ASCII_PUNCT.test(text[i + 1]!)) {
      out += text[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

/**
 * Escape a URL as a link destination. Parentheses stay as they are when balanced (as
 * CommonMark allows, so `…/Upstream_(software)` is kept) and are escaped otherwise.
 */
export function escapeUrl(url: string): string {
  let depth = 0;
  let balanced = true;
  for (const c of url) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) balanced = false;
  }
  if (depth !== 0) balanced = false;
  return url.replace(balanced ? /[\\<>|]/g : /[\\<>|()]/g, "\\$&");
}

/** Escape every `|` not already escaped, so markdown written by hand cannot break a table row. */
function escapeBarePipes(markdown: string): string {
  if (!markdown.includes("|")) return markdown;
  let out = "";
  let backslashes = 0;
  for (const c of markdown) {
    if (c === "|" && backslashes % 2 === 0) out += "\\";
    out += c;
    backslashes = c === "\\" ? backslashes + 1 : 0;
  }
  return out;
}

/**
 * Markdown for a single-line cell: no newline may survive (it would end the row). Unsafe HTML and links are neutralized
 * over the whole README (renderReadme).
 */
export function cellMarkdown(markdown: string): string {
  return escapeBarePipes(markdown.includes("\n") ? markdown.replace(/\s*\r?\n\s*/g, " ") : markdown);
}

/**
 * Neutralize, in cell markdown (a goal, a free-text channel, a raw cell), HTML that could run
 * script and links to a scheme other than http(s), mailto or relative, so they show as text;
 * other HTML (`<br>`, `<ul><li>`, `<b>`) is kept, as READMEs use it. See neutralize.ts.
 *
 * @example neutralizeUnsafeHtml("a <script>x</script> <br>") // "a \\<script>x\\</script> <br>"
 */
export function neutralizeUnsafeHtml(markdown: string): string {
  return neutralizeMarkdown(markdown, { inline: true });
}

/** Split on `sep` where it is not escaped by a backslash; `first` is the character every match starts with. */
export function splitUnescaped(
  text: string,
  sep: string | RegExp,
  first = typeof sep === "string" ? sep[0] : undefined,
): string[] {
  const parts: string[] = [];
  let start = 0;
  // Character codes, not one-character strings: this runs for every character of a README's cells.
  // -1: no first character to check
  const firstCode = first === undefined ? -1 : first.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92 /* \\ */) {
      i++;
      continue;
    }
    // Cheap first-character check before the (sticky) match: this runs for every character.
    if (firstCode !== -1 && code !== firstCode) continue;
    const len = matchAt(text, i, sep);
    if (len > 0) {
      parts.push(text.slice(start, i));
      start = i + len;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the first unescaped occurrence of `ch`, or -1. */
export function indexOfUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(ch, i)) return i;
  }
  return -1;
}

function matchAt(text: string, i: number, sep: string | RegExp): number {
  if (typeof sep === "string") return text.startsWith(sep, i) ? sep.length : 0;
  sep.lastIndex = i;
  const m = sep.exec(text);
  return m && m.index === i ? m[0].length : 0;
}

const BR = /<br\s*\/?>/giy;

/** The parts of a cell separated by `<br>` (any case, `<br/>`, `<br />`), trimmed. */
export function splitBr(cell: string): string[] {
  return splitUnescaped(cell, BR, "<").map((p) => p.trim());
}

/**
 * The cells of a table row, as written (trimmed). The row splits on every `|` that is not
 * backslash-escaped, inside code spans too, as GFM does.
 */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  const cells = splitUnescaped(s, "|");
  // A closing pipe leaves an empty last piece: it ends the row, it is not a cell.
  if (cells.length > 1 && cells[cells.length - 1]!.trim() === "") cells.pop();
  return cells.map((c) => c.trim());
}

/** A markdown link `[text](url)` found at the start of `text`. */
export interface LinkMatch {
  /** The link text as written (still escaped). */
  readonly label: string;
  /** The destination, unescaped. */
  readonly url: string;
  /** Index just after the closing `)`. */
  readonly end: number;
}

/** Parse `[label](url)` at `from`; undefined when the text there is not such a link. */
export function parseLinkAt(text: string, from = 0): LinkMatch | undefined {
  if (text[from] !== "[") return undefined;
  let i = from + 1;
  let depth = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (depth !== 0 || text[i + 1] !== "(") return undefined;
  const label = text.slice(from + 1, i);
  let j = i + 2;
  let parens = 0;
  let escaped = false;
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (c === "\\" && j + 1 < text.length && ASCII_PUNCT.test(text[j + 1]!)) {
      escaped = true;
      j++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n") return undefined;
    if (c === "(") parens++;
    else if (c === ")") {
      if (parens === 0) break;
      parens--;
    }
  }
  if (text[j] !== ")" || j === i + 2) return undefined;
  const written = text.slice(i + 2, j);
  return { label, url: escaped ? unescapeText(written) : written, end: j + 1 };
}

/** `text` is exactly one link. */
export function parseWholeLink(text: string): LinkMatch | undefined {
  const link = parseLinkAt(text);
  return link && link.end === text.length ? link : undefined;
}

/** `[label](url)` with the label escaped as plain text. */
export function renderLink(label: string, url: string): string {
  return `[${escapeText(label)}](${escapeUrl(url)})`;
}

/** Equal up to white space, the way `diff -w` compares. */
export function sameIgnoringSpace(a: string, b: string): boolean {
  // the usual case on import: the cell is exactly what rendering gives
  return a === b || a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
}
