import { parse, postprocess, preprocess } from "micromark";
import { gfm } from "micromark-extension-gfm";
import { decodeString } from "micromark-util-decode-string";
import type { Event, Token } from "micromark-util-types";
import { unsafeHtml } from "../core/index.js";
import { describeUnsafeUrl, isSafeUrl } from "../core/index.js";

/**
 * The one neutralizer for markdown the catalog renders (goals, notes, raw cells, support,
 * contributing, persona intros, section bodies, announcement details, the README's lead and
 * trailer): no HTML that could run script and no link whose scheme is not http(s), mailto or
 * relative may stay live. The markdown is read with micromark (remark's own tokenizer, with
 * GFM), so HTML blocks, inline tags, link destinations, definitions and autolinks are found
 * exactly where a renderer finds them; each HTML fragment is then read with the WHATWG-state
 * tokenizer (core/html-tokens.ts) and checked against an allow-list (core/html-allow-list.ts),
 * URLs after decoding escapes and character references.
 *
 * A neutralized construct stays in the text, visibly: `\<script>` in a paragraph, `&lt;script>`
 * inside an HTML block (where a backslash means nothing) or right after a word (where an
 * autolink would take the backslash in), `[x]\(javascript:…)` for a link.
 */

/** Something in the markdown that must not stay live. */
export interface UnsafeMarkdown {
  /** Offset in the markdown of the character the fix works on. */
  readonly offset: number;
  /** 1-based line in the markdown. */
  readonly line: number;
  /** In words: "a <script> element", "a javascript: URL in a link". */
  readonly reason: string;
  /** `backslash`: put `\` before the character; `entity`: write the `<` as `&lt;`. */
  readonly fix: "backslash" | "entity";
}

/** Options: `inline` reads the text as the inside of a table cell or heading (no blocks). */
export interface NeutralizeOptions {
  readonly inline?: boolean;
  /** Tokenize even when the linear pre-check finds nothing that could be unsafe (for tests of that pre-check). */
  readonly exhaustive?: boolean;
}

/** A leading word keeps inline text one paragraph: "# x" or "    x" must not become a heading or code. */
const INLINE_PREFIX = "x ";

function events(markdown: string): Event[] {
  return postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(markdown, undefined, true)),
  );
}

/**
 * Everything in `markdown` that must not stay live, in order.
 *
 * @example findUnsafeMarkdown("[x](jav&#x61;script:alert(1))")[0]?.reason // "a javascript: URL in a link"
 */
export function findUnsafeMarkdown(markdown: string, options: NeutralizeOptions = {}): UnsafeMarkdown[] {
  if (!options.exhaustive && !mayHoldUnsafe(markdown)) return [];
  const shift = options.inline ? INLINE_PREFIX.length : 0;
  const text = options.inline ? INLINE_PREFIX + markdown : markdown;
  const list = events(text);
  const found: UnsafeMarkdown[] = [];
  const add = (point: { offset: number; line: number }, reason: string, fix: UnsafeMarkdown["fix"]) => {
    if (point.offset >= shift) found.push({ offset: point.offset - shift, line: point.line, reason, fix });
  };
  const slice = (token: Token) => text.slice(token.start.offset, token.end.offset);
  // Where prose text is (not code, not HTML, not an escaped character): see lenientTags below.
  const prose = new Uint8Array(text.length);
  for (let i = 0; i < list.length; i++) {
    const [kind, token] = list[i]!;
    if (kind !== "enter") continue;
    if (token.type === "data") prose.fill(1, token.start.offset, token.end.offset);
    if (token.type === "htmlFlow" || token.type === "htmlText") {
      const { html, map, end } = htmlOf(list, i, text);
      for (const bad of unsafeHtml(html))
        add(map(bad.offset), bad.reason, token.type === "htmlFlow" ? "entity" : "backslash");
      i = end;
    } else if (token.type === "resource") {
      const destination = findInside(list, i, "resourceDestinationString");
      const url = destination ? decodeString(slice(destination)) : "";
      const marker = findInside(list, i, "resourceMarker");
      if (!isSafeUrl(url) && marker) add(marker.start, `${describeUnsafeUrl(url)} in a link`, "backslash");
    } else if (token.type === "definition") {
      const destination = findInside(list, i, "definitionDestinationString");
      const marker = findInside(list, i, "definitionLabelMarker");
      const url = destination ? decodeString(slice(destination)) : "";
      if (!isSafeUrl(url) && marker) add(marker.start, `${describeUnsafeUrl(url)} in a link definition`, "backslash");
    } else if (token.type === "autolink") {
      const protocol = findInside(list, i, "autolinkProtocol");
      if (protocol && !isSafeUrl(slice(protocol)))
        add(token.start, `${describeUnsafeUrl(slice(protocol))} in an autolink`, "backslash");
    }
  }
  // A renderer less strict than CommonMark takes `<img src="x"onerror=…>` (no space before the
  // attribute, which CommonMark reads as text) for a tag: in prose, whatever an HTML tokenizer
  // reads as a refused tag is escaped too. A backslash before a `<` CommonMark reads as text changes nothing it shows.
  const lenient = unsafeHtml(text).filter((bad) => prose[bad.offset] === 1);
  if (lenient.length > 0) {
    const lineOf = lineIndex(text);
    for (const bad of lenient) add({ offset: bad.offset, line: lineOf(bad.offset) }, bad.reason, "backslash");
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Tags with no attributes that the allow-list keeps (what program READMEs write: `<br>`, `<ul><li>`). */
const PLAIN_TAG_NAMES =
  "br|p|ul|ol|li|b|i|em|strong|code|sub|sup|hr|del|s|kbd|pre|blockquote|table|thead|tbody|tr|th|td|h[1-6]";
const PLAIN_TAG = new RegExp(`</?(?:${PLAIN_TAG_NAMES})\\s*/?>`, "iy");
const LINK_DESTINATION = /\]\(\s*([^\s)]*)/g;
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]*\]:[ \t]*(\S*)/gm;
const LINK_PATTERNS = [
  [LINK_DESTINATION, "]("],
  [LINK_DEFINITION, "]:"],
] as const;

/**
 * One linear pass that rules out everything the full tokenization could find: no `<` that
 * could open a tag, comment or autolink other than an attribute-free allowed tag, and every
 * link destination and definition plain (no entity or escape to decode) and safe. Anything
 * else goes to the tokenizer. A 2,000-project README holding only `<br>` and https links then
 * renders in milliseconds rather than seconds.
 */
function mayHoldUnsafe(markdown: string): boolean {
  for (let at = markdown.indexOf("<"); at >= 0; at = markdown.indexOf("<", at + 1)) {
    const next = markdown.charCodeAt(at + 1);
    const opens =
      // a letter, / ! ?
      (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47 || next === 33 || next === 63;
    if (!opens) continue;
    PLAIN_TAG.lastIndex = at;
    if (!PLAIN_TAG.test(markdown)) return true;
  }
  // Each pattern needs its "](" or "]:": most cells hold neither, and skip the scan.
  for (const [pattern, marker] of LINK_PATTERNS) {
    if (!markdown.includes(marker)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
      const url = m[1]!;
      if (/[&\\<]/.test(url) || !isSafeUrl(url)) return true;
    }
  }
  return false;
}

/** offset → 1-based line, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The first token of `type` inside the token entered at `at`. */
function findInside(list: readonly Event[], at: number, type: string): Token | undefined {
  const outer = list[at]![1];
  for (let j = at + 1; j < list.length; j++) {
    const [kind, token] = list[j]!;
    if (token === outer) return undefined;
    if (kind === "enter" && token.type === type) return token;
  }
  return undefined;
}

/**
 * The HTML a renderer writes for the HTML token entered at `at`: its data pieces and line
 * endings, without the container prefixes (`> `, list indent) between them; `map` turns an
 * offset in it back into the markdown.
 */
function htmlOf(
  list: readonly Event[],
  at: number,
  text: string,
): { html: string; map: (offset: number) => { offset: number; line: number }; end: number } {
  const outer = list[at]![1];
  const pieces: { from: number; source: Token }[] = [];
  let html = "";
  let j = at + 1;
  for (; j < list.length; j++) {
    const [kind, token] = list[j]!;
    if (token === outer) break;
    if (
      kind !== "enter" ||
      !(token.type === "htmlFlowData" || token.type === "htmlTextData" || token.type === "lineEnding")
    )
      continue;
    pieces.push({ from: html.length, source: token });
    const written = text.slice(token.start.offset, token.end.offset);
    // A line ending's token may run over the next line's container prefix (`\n> `): only the break is HTML.
    html += token.type === "lineEnding" ? (/^\r?\n|^\r/.exec(written)?.[0] ?? "\n") : written;
  }
  const map = (offset: number) => {
    let piece = pieces[0];
    for (const p of pieces) if (p.from <= offset) piece = p;
    if (!piece) return { offset: outer.start.offset, line: outer.start.line };
    return { offset: piece.source.start.offset + (offset - piece.from), line: piece.source.start.line };
  };
  return { html, map, end: j };
}

/** Apply fixes, each at its own offset. */
function applyFixes(markdown: string, found: readonly UnsafeMarkdown[]): string {
  const sorted = [...new Map(found.map((f) => [f.offset, f])).values()].sort((a, b) => a.offset - b.offset);
  let out = "";
  let at = 0;
  for (const f of sorted) {
    out += markdown.slice(at, f.offset);
    // Right after a character a GFM autolink literal may have taken in (`https://x.example<script>`:
    // any but white space), a backslash would become part of the link's URL instead of escaping.
    const entity = f.fix === "entity" || /\S/.test(markdown[f.offset - 1] ?? " ");
    if (entity && markdown[f.offset] === "<") {
      out += "&lt;";
      at = f.offset + 1;
    } else {
      out += "\\";
      at = f.offset;
    }
  }
  return out + markdown.slice(at);
}

/**
 * Rounds of fixing before the last resort: a fix can uncover another construct (an HTML block that became a paragraph).
 */
const MAX_ROUNDS = 6;

/**
 * `markdown` with everything `findUnsafeMarkdown` finds neutralized; the rest is unchanged
 * (safe HTML such as `<br>`, `<ul><li>`, `<!-- comments -->`, and http(s) links stay live).
 *
 * @example neutralizeMarkdown('a <img src="x"onerror=alert(1)> <br>') // 'a \\<img src="x"onerror=alert(1)> <br>'
 */
export function neutralizeMarkdown(markdown: string, options: NeutralizeOptions = {}): string {
  let text = markdown;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = findUnsafeMarkdown(text, options);
    if (found.length === 0) return text;
    text = applyFixes(text, found);
  }
  // Last resort, for text built to outlast the rounds: with no `<` there is no HTML and no
  // autolink, with no `[` no link.
  return findUnsafeMarkdown(text, options).length === 0 ? text : text.replace(/</g, "&lt;").replace(/\[/g, "&#91;");
}
