/*
 * A reader for the YAML the catalog writer prints (write-catalog.ts): block mappings and lists, indented by two,
 * plain and one-line quoted scalars, `[]` and `{}`, full-line comments. It reads such a file in one pass over its
 * lines, several times faster than js-yaml, and gives exactly js-yaml's value (YAML 1.2 core schema). Anything
 * else (flow collections, block scalars, anchors, tags, multi-line scalars, tabs, CR, duplicate keys, a number
 * form beyond plain decimals, a key that is not a plain word) makes it give up (undefined), and the file goes to
 * js-yaml as before: this reader never decides an error, and never reads a value js-yaml would read differently.
 * yaml-fast.test.ts compares both on random catalogs and texts.
 */

/** Characters js-yaml refuses anywhere, plus CR, tab and BOM, which this reader leaves to it. */
const LEAVE_TO_JS_YAML = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;
/** A key this reader takes: a plain word that the core schema reads as a string equal to itself. */
const PLAIN_KEY = /^[A-Za-z_$][\w$.-]{0,200}$/;
/** Plain words the core schema reads as null or a boolean (as a key, null would become "null"). */
const NOT_A_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/**
 * Plain scalars this reader leaves to js-yaml: an indicator first (`?` only when a space follows it: `??` is a
 * level's text), a start that may read as a number or null, or a `: ` or ` #` inside.
 */
const PLAIN_NEEDS_JS_YAML = /^[-:,[\]{}#&*!|>'"%@`+.~0-9]|^\?(?: |$)|:$|: | #/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  "0": "\0",
  e: "\x1b",
  a: "\x07",
  v: "\v",
  " ": " ",
};

/** Thrown inside the reader to give up; never escapes it. */
const GIVE_UP = Symbol("give up");

interface Line {
  readonly indent: number;
  /** The text after the indentation. */
  readonly text: string;
}

/**
 * The value js-yaml's `load(text, { schema: CORE_SCHEMA })` gives, for the text forms described above; undefined
 * for anything else (then ask js-yaml).
 */
export function readWrittenYaml(text: string): { value: unknown } | undefined {
  if (LEAVE_TO_JS_YAML.test(text)) return undefined;
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    // blank and comment-only lines hold nothing (this reader takes no block scalar, where they would)
    if (indent < end && text.charCodeAt(indent) !== 35) {
      const content = text.slice(indent, end);
      // document markers and directives
      if (indent === start && (content.startsWith("---") || content.startsWith("...") || content[0] === "%"))
        return undefined;
      lines.push({ indent: indent - start, text: content.endsWith(" ") ? content.trimEnd() : content });
    }
    start = end + 1;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.block(0);
    if (reader.at !== lines.length) return undefined;
    return { value };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class Reader {
  at = 0;
  constructor(private readonly lines: readonly Line[]) {}

  /** The mapping or list whose lines start at `indent`. */
  block(indent: number): unknown {
    const line = this.lines[this.at]!;
    return line.text === "-" || line.text.startsWith("- ") ? this.list(indent) : this.mapping(indent, undefined);
  }

  /** A mapping at `indent`; `first` is its first pair's text when it starts on a list item's line. */
  mapping(indent: number, first: string | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let pair = first;
    for (;;) {
      if (pair === undefined) {
        const line = this.lines[this.at];
        if (!line || line.indent < indent) return out;
        if (line.indent > indent) throw GIVE_UP;
        pair = line.text;
      }
      this.at++;
      const colon = pair.indexOf(":");
      if (colon <= 0) throw GIVE_UP;
      const key = pair.slice(0, colon);
      if (!PLAIN_KEY.test(key) || NOT_A_STRING.test(key) || key === "__proto__" || Object.hasOwn(out, key))
        throw GIVE_UP;
      if (colon === pair.length - 1) out[key] = this.nested(indent);
      else if (pair.charCodeAt(colon + 1) !== 32) throw GIVE_UP;
      else {
        out[key] = scalar(pair.slice(colon + 2).trimStart());
        this.noContinuation(indent);
      }
      pair = undefined;
    }
  }

  /** A list at `indent`: `- ` items, each a scalar or a mapping whose first pair is on the item's line. */
  list(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at];
      if (!line || line.indent < indent) return out;
      if (line.indent > indent || !line.text.startsWith("- ")) throw GIVE_UP;
      const item = line.text.slice(2);
      if (item.startsWith(" ")) throw GIVE_UP;
      if (/^[A-Za-z_$][\w$.-]{0,200}:(?: |$)/.test(item)) out.push(this.mapping(indent + 2, item));
      else {
        this.at++;
        out.push(scalar(item));
        this.noContinuation(indent);
      }
    }
  }

  /** The value of `key:` with nothing after it: a block on the lines below, more indented, or null. */
  private nested(indent: number): unknown {
    const next = this.lines[this.at];
    if (!next || next.indent < indent) return null;
    if (next.indent === indent) {
      // `key:` then `- item` at the key's own indentation is a list in YAML: not what the writer prints
      if (next.text === "-" || next.text.startsWith("- ")) throw GIVE_UP;
      return null;
    }
    return this.block(next.indent);
  }

  /** A scalar's next line must not be more indented: that would continue it (or be an error). */
  private noContinuation(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) throw GIVE_UP;
  }
}

/** A value written on one line: plain, double- or single-quoted, `[]` or `{}`. */
function scalar(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 34) return doubleQuoted(text);
  if (c === 39) return singleQuoted(text);
  if (text === "[]") return [];
  if (text === "{}") return {};
  if (PLAIN_NEEDS_JS_YAML.test(text)) {
    if (DECIMAL.test(text)) return Number(text);
    throw GIVE_UP;
  }
  switch (text) {
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  return text;
}

/** `"…"` alone on its line, with the escapes JSON knows and a few more of YAML's. */
function doubleQuoted(text: string): string {
  let out = "";
  let from = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (i !== text.length - 1) throw GIVE_UP;
      return out + text.slice(from, i);
    }
    if (c !== "\\") continue;
    out += text.slice(from, i);
    const e = text[++i];
    if (e === undefined) throw GIVE_UP;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) out += simple;
    else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      const code = Number.parseInt(text.slice(i + 1, i + 5), 16);
      // a surrogate half: js-yaml's joining of pairs is left to it
      if (code >= 0xd800 && code <= 0xdfff) throw GIVE_UP;
      out += String.fromCharCode(code);
      i += 4;
    } else throw GIVE_UP;
    from = i + 1;
  }
  throw GIVE_UP;
}

/** `'…'` alone on its line, `''` standing for one quote. */
function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith("'")) throw GIVE_UP;
  const inner = text.slice(1, -1);
  if (inner.replaceAll("''", "").includes("'")) throw GIVE_UP;
  return inner.replaceAll("''", "'");
}
