import { decodeNamedCharacterReference } from "decode-named-character-reference";

/**
 * An HTML tokenizer for the fragments a README holds (its raw HTML blocks and inline tags),
 * following the WHATWG tokenizer's states for data, tags, attributes, comments, doctypes and
 * bogus comments (HTML Living Standard §13.2.5). It reads a fragment the way a browser does,
 * so a check over its tokens cannot be fooled by what a pattern would miss: `"onerror=` right
 * after a quoted value is an attribute (the "missing whitespace between attributes" error),
 * `<img/src=x/onerror=…>` too. parse5 would do the same, but is not a dependency here; the
 * states below are the subset that decides where tags, attributes and comments are.
 *
 * One pass, no backtracking: linear in the input.
 */

/** An attribute as the browser sees it: name lower-cased, value with its character references still written. */
export interface HtmlAttribute {
  readonly name: string;
  readonly value: string;
}

export type HtmlToken =
  | {
      readonly kind: "start" | "end";
      readonly name: string;
      readonly attributes: readonly HtmlAttribute[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: "comment" | "doctype"; readonly start: number; readonly end: number }
  /** The fragment ends inside a tag, comment or doctype: the browser would go on reading what follows as part of it. */
  | { readonly kind: "unfinished"; readonly start: number; readonly end: number };

const isSpace = (c: string) => c === "\t" || c === "\n" || c === "\f" || c === " " || c === "\r";
const isAlpha = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");

/**
 * The tags, comments and doctypes of an HTML fragment, with their offsets (start: the `<`;
 * end: just after the `>`). Text between them is not returned.
 *
 * @example htmlTokens('<img src="x"onerror=alert(1)>')[0] // { kind: "start", name: "img", attributes:
 * [{name:"src",value:"x"},{name:"onerror",value:"alert(1)"}], … }
 */
export function htmlTokens(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? "";
    if (next === "!") {
      i = markupDeclaration(html, lt, tokens);
    } else if (next === "/") {
      const c = html[lt + 2] ?? "";
      if (isAlpha(c)) i = tag(html, lt, lt + 2, "end", tokens);
      else if (c === ">") i = lt + 3;
      else if (c === "") {
        i = n;
      } else i = bogusComment(html, lt, lt + 2, tokens);
    } else if (isAlpha(next)) {
      i = tag(html, lt, lt + 1, "start", tokens);
    } else if (next === "?") {
      i = bogusComment(html, lt, lt + 1, tokens);
    } else i = lt + 1;
  }
  return tokens;
}

/** `<!--…-->`, `<!DOCTYPE …>`, or anything else after `<!` (a bogus comment, up to the next `>`). */
function markupDeclaration(html: string, lt: number, tokens: HtmlToken[]): number {
  if (html.startsWith("--", lt + 2)) {
    // The comment ends at the first "-->" or "--!>" counted from its own dashes, which also
    // covers the abrupt `<!-->` and `<!--->`: never later than a browser ends it.
    const from = lt + 2;
    const a = html.indexOf("-->", from);
    const b = html.indexOf("--!>", from);
    const end = a < 0 ? (b < 0 ? -1 : b + 4) : b < 0 || a < b ? a + 3 : b + 4;
    if (end < 0) {
      tokens.push({ kind: "unfinished", start: lt, end: html.length });
      return html.length;
    }
    tokens.push({ kind: "comment", start: lt, end });
    return end;
  }
  if (html.slice(lt + 2, lt + 9).toLowerCase() === "doctype") {
    const gt = html.indexOf(">", lt + 9);
    if (gt < 0) {
      tokens.push({ kind: "unfinished", start: lt, end: html.length });
      return html.length;
    }
    tokens.push({ kind: "doctype", start: lt, end: gt + 1 });
    return gt + 1;
  }
  return bogusComment(html, lt, lt + 2, tokens);
}

function bogusComment(html: string, lt: number, from: number, tokens: HtmlToken[]): number {
  const gt = html.indexOf(">", from);
  // At the end of the fragment the browser would read on into what follows.
  if (gt < 0) {
    tokens.push({ kind: "unfinished", start: lt, end: html.length });
    return html.length;
  }
  tokens.push({ kind: "comment", start: lt, end: gt + 1 });
  return gt + 1;
}

/** A start or end tag whose name begins at `from`; the tag-name and attribute states. */
function tag(html: string, lt: number, from: number, kind: "start" | "end", tokens: HtmlToken[]): number {
  const n = html.length;
  const attributes: HtmlAttribute[] = [];
  let i = from;
  let name = "";
  const unfinished = () => {
    tokens.push({ kind: "unfinished", start: lt, end: n });
    return n;
  };
  const emit = (end: number) => {
    tokens.push({ kind, name, attributes, start: lt, end });
    return end;
  };
  // tag name state
  for (; i < n; i++) {
    const c = html[i]!;
    if (isSpace(c) || c === "/" || c === ">") break;
    name += c === "\0" ? "\ufffd" : c.toLowerCase();
  }
  // before attribute name state (and the states it leads to)
  for (;;) {
    while (i < n && isSpace(html[i]!)) i++;
    if (i >= n) return unfinished();
    let c = html[i]!;
    if (c === ">") return emit(i + 1);
    if (c === "/") {
      // self-closing start tag state: `/` not followed by `>` is read as white space.
      i++;
      continue;
    }
    // attribute name state: a leading `=` belongs to the name.
    let attrName = c === "=" ? "=" : "";
    if (c === "=") i++;
    for (; i < n; i++) {
      c = html[i]!;
      if (isSpace(c) || c === "/" || c === ">" || c === "=") break;
      attrName += c === "\0" ? "\ufffd" : c.toLowerCase();
    }
    // after attribute name state
    while (i < n && isSpace(html[i]!)) i++;
    if (i >= n) return unfinished();
    if (html[i] !== "=") {
      attributes.push({ name: attrName, value: "" });
      continue;
    }
    i++;
    // before attribute value state
    while (i < n && isSpace(html[i]!)) i++;
    if (i >= n) return unfinished();
    c = html[i]!;
    if (c === '"' || c === "'") {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return unfinished();
      attributes.push({ name: attrName, value: html.slice(i + 1, close) });
      // after attribute value (quoted) state: anything but white space, `/` or `>` starts the
      // next attribute at once (missing-whitespace-between-attributes).
      i = close + 1;
      continue;
    }
    if (c === ">") {
      attributes.push({ name: attrName, value: "" });
      return emit(i + 1);
    }
    // attribute value (unquoted) state
    let value = "";
    for (; i < n; i++) {
      c = html[i]!;
      if (isSpace(c) || c === ">") break;
      value += c;
    }
    attributes.push({ name: attrName, value });
  }
}

/**
 * An attribute value with its character references decoded as a browser decodes them: numeric
 * (`&#106;`, `&#x6A`, with or without `;`) and named (`&Tab;`, `&colon;`). A name without `;`
 * is decoded too when it is a known reference, which is looser than the standard (it decodes
 * only the legacy ones), so a check over the result is never fooled, only stricter.
 *
 * @example decodeHtmlAttribute("jav&#x61;script&colon;") // "javascript:"
 */
export function decodeHtmlAttribute(value: string): string {
  if (!value.includes("&")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    const amp = value.indexOf("&", i);
    if (amp < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, amp);
    const decoded = characterReference(value, amp + 1);
    if (decoded) {
      out += decoded.text;
      i = decoded.end;
    } else {
      out += "&";
      i = amp + 1;
    }
  }
  return out;
}

function characterReference(value: string, from: number): { text: string; end: number } | undefined {
  if (value[from] === "#") {
    const hex = value[from + 1] === "x" || value[from + 1] === "X";
    let j = from + (hex ? 2 : 1);
    const digitsStart = j;
    while (j < value.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(value[j]!)) j++;
    if (j === digitsStart) return undefined;
    const digits = value.slice(digitsStart, j).replace(/^0+(?=.)/, "");
    const code = digits.length > 7 ? Infinity : parseInt(digits, hex ? 16 : 10);
    if (value[j] === ";") j++;
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return { text: valid ? String.fromCodePoint(code) : "\ufffd", end: j };
  }
  let j = from;
  while (j < value.length && j - from < 40 && /[A-Za-z0-9]/.test(value[j]!)) j++;
  if (j === from) return undefined;
  // The longest known name wins (`&notin;` over `&not`), as in the standard's table lookup.
  for (let k = j; k > from; k--) {
    const decoded = decodeNamedCharacterReference(value.slice(from, k));
    if (decoded !== false) return { text: decoded, end: value[k] === ";" ? k + 1 : k };
  }
  return undefined;
}
