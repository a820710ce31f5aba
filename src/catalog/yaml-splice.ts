import jsYaml from "js-yaml";
import {
  Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  visit,
  type CST,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";

/**
 * Edits of one YAML text that change only the lines they must: each edit is a splice of the
 * original text (a scalar rewritten where it stands, a key or list item inserted after its
 * last sibling, a key's lines removed), never a re-serialization of the whole document, so
 * comments, key order, quoting, flow or block style and blank lines elsewhere stay byte for
 * byte. Every result is checked: the edited text must parse to exactly the value the edit
 * means, or the edit is refused (a splice this module cannot do in place says so).
 */

/** A step of a path: a mapping key, a list index, or the list item whose fields equal these. */
export type EditSegment = string | number | { readonly [field: string]: string | number | boolean };

export type YamlEdit =
  /** Set the value at `path`, creating missing mappings on the way. */
  | { readonly op: "set"; readonly path: readonly EditSegment[]; readonly value: unknown }
  /** Remove the key or list item at `path`. */
  | { readonly op: "delete"; readonly path: readonly EditSegment[] }
  /**
   * Add `value` to the list at `path` (created when missing): at its end, or after the item
   * `after` names (an index or fields to match).
   */
  | {
      readonly op: "append";
      readonly path: readonly EditSegment[];
      readonly value: unknown;
      readonly after?: number | { readonly [field: string]: string | number | boolean };
    };

export type SpliceResult =
  | { readonly text: string; readonly value: unknown }
  | { readonly problem: string; readonly hint: string; readonly offset?: number };

/** `projects[id=alpha].state.level`, for messages. */
export function describeEditPath(path: readonly EditSegment[]): string {
  let out = "";
  for (const s of path) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string") out += /^[\w$-]+$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    else
      out += `[${Object.entries(s)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(",")}]`;
  }
  return out || "(the whole file)";
}

/** The edit applied to `text`, with the value the edited text holds; or why it cannot be done in place. */
export function spliceYaml(text: string, edit: YamlEdit): SpliceResult {
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    return { problem: `the file does not parse: ${doc.errors[0]!.message.split("\n")[0]}`, hint: "fix it first" };
  const before = plainValue(text);
  if (before instanceof Error) return { problem: `the file does not parse: ${before.message}`, hint: "fix it first" };
  const concrete = resolvePath(before, edit.path, edit.op !== "delete");
  if ("problem" in concrete) return concrete;
  const expected = applyToValue(before, edit, concrete.path);
  if ("problem" in expected) return expected;
  const splice = new Splicer(text, doc);
  let spliced: string | Problem;
  try {
    spliced = splice.apply(edit, concrete.path, expected.value);
  } catch (error) {
    if (error instanceof RefusedEdit) spliced = error.problem;
    else throw error;
  }
  if (typeof spliced !== "string") return spliced;
  // The check that makes splicing safe: the new text must mean exactly the intended value.
  const afterValue = plainValue(spliced);
  if (afterValue instanceof Error || JSON.stringify(afterValue) !== JSON.stringify(expected.value))
    return {
      problem: `the edit of ${describeEditPath(edit.path)} cannot be written in place in this layout`,
      hint: "make this change by hand, or write the value in block style (key: value lines) and retry",
    };
  return { text: spliced, value: afterValue };
}

/**
 * The value a text means, read as the catalog loader reads it (js-yaml, YAML 1.2 core schema):
 * several times faster than `yaml`'s Document, which only the splice itself needs.
 */
export function plainValue(text: string): unknown {
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null;
  } catch (error) {
    return new Error(String((error as Error).message).split("\n")[0]);
  }
}

type Problem = { readonly problem: string; readonly hint: string; readonly offset?: number };
type Concrete = readonly (string | number)[];

class RefusedEdit extends Error {
  constructor(readonly problem: Problem) {
    super(problem.problem);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function matches(item: unknown, fields: { readonly [field: string]: unknown }): boolean {
  return isPlainObject(item) && Object.entries(fields).every(([k, v]) => item[k] === v);
}

/**
 * Turn match segments into indices over the plain value. With `allowMissing`, the path may end
 * in mapping keys that do not exist yet (a set creates them); a missing list item is an error.
 */
function resolvePath(root: unknown, path: readonly EditSegment[], allowMissing: boolean): { path: Concrete } | Problem {
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const [i, segment] of path.entries()) {
    const where = describeEditPath(path.slice(0, i));
    if (node === undefined || node === null) {
      if (allowMissing && typeof segment === "string") {
        out.push(segment);
        continue;
      }
      return { problem: `${describeEditPath(path.slice(0, i + 1))} does not exist`, hint: "check the path" };
    }
    if (typeof segment === "string") {
      if (!isPlainObject(node))
        return {
          problem:
            `${where} is ${Array.isArray(node) ? "a list" : "a single value"}, ` +
            `not a mapping with key '${segment}'`,
          hint: "check the path",
        };
      if (!Object.hasOwn(node, segment) && !allowMissing)
        return { problem: `${describeEditPath(path.slice(0, i + 1))} does not exist`, hint: "check the path" };
      out.push(segment);
      node = node[segment];
      continue;
    }
    if (!Array.isArray(node))
      return {
        problem: `${where} is not a list, so it has no item ${describeEditPath([segment])}`,
        hint: "check the path",
      };
    if (typeof segment === "number") {
      if (!Number.isInteger(segment) || segment < 0 || segment >= node.length)
        return { problem: `${where} has no item [${segment}] (it has ${node.length})`, hint: "check the index" };
      out.push(segment);
      node = node[segment];
      continue;
    }
    const found = node.flatMap((item, index) => (matches(item, segment) ? [index] : []));
    if (found.length !== 1)
      return {
        problem:
          found.length === 0
            ? `${where} has no item with ${describeEditPath([segment]).slice(1, -1)}`
            : `${where} has ${found.length} items with ${describeEditPath([segment]).slice(1, -1)}`,
        hint: found.length === 0 ? "check the value you match on" : "match on a field that tells them apart",
      };
    out.push(found[0]!);
    node = node[found[0]!];
  }
  return { path: out };
}

/** What the document means after the edit: the oracle the spliced text is checked against. */
function applyToValue(root: unknown, edit: YamlEdit, path: Concrete): { value: unknown } | Problem {
  const copy = structuredClone(root) as unknown;
  if (path.length === 0) {
    if (edit.op === "set") return { value: structuredClone(edit.value) };
    if (edit.op === "delete") return { problem: "the whole file cannot be deleted by an edit", hint: "delete a key" };
  }
  let holder: Record<string | number, unknown> | undefined;
  let node: unknown = copy;
  const parentPath = edit.op === "append" ? path : path.slice(0, -1);
  const wrapper: Record<string, unknown> = { root: copy };
  holder = wrapper;
  let key: string | number = "root";
  for (const segment of parentPath) {
    let next = (node as Record<string | number, unknown>)[segment];
    if (next === undefined || next === null) {
      if (edit.op === "append" && segment === parentPath[parentPath.length - 1]) {
        next = [];
      } else next = {};
      (node as Record<string | number, unknown>)[segment] = next;
    }
    holder = node as Record<string | number, unknown>;
    key = segment;
    node = next;
  }
  if (edit.op === "append") {
    if (node === null || node === undefined) holder[key] = node = [];
    if (!Array.isArray(node))
      return { problem: `${describeEditPath(edit.path)} is not a list`, hint: "append to a list, or set the value" };
    const at = afterIndex(node, edit.after);
    if (typeof at !== "number") return at;
    node.splice(at + 1, 0, structuredClone(edit.value));
    return { value: wrapper.root };
  }
  const last = path[path.length - 1]!;
  if (node === null || typeof node !== "object") {
    return { problem: `${describeEditPath(edit.path.slice(0, -1))} is not a mapping or list`, hint: "check the path" };
  }
  if (edit.op === "set") (node as Record<string | number, unknown>)[last] = structuredClone(edit.value);
  else if (Array.isArray(node)) node.splice(last as number, 1);
  else delete (node as Record<string, unknown>)[last as string];
  return { value: wrapper.root };
}

function afterIndex(list: readonly unknown[], after: Extract<YamlEdit, { op: "append" }>["after"]): number | Problem {
  if (after === undefined) return list.length - 1;
  if (typeof after === "number") {
    if (Number.isInteger(after) && after >= -1 && after < list.length) return after;
    return { problem: `the list has no item [${after}] to insert after`, hint: "check the index" };
  }
  const found = list.findIndex((item) => matches(item, after));
  if (found < 0)
    return { problem: `the list has no item with ${describeEditPath([after]).slice(1, -1)}`, hint: "check the match" };
  return found;
}

/** How the file lays out what it writes, so inserted lines look like their neighbours. */
interface Layout {
  readonly newline: string;
  readonly indent: number;
  readonly indentSeq: boolean;
}

class Splicer {
  private readonly layout: Layout;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.layout = detectLayout(text, doc);
  }

  apply(edit: YamlEdit, path: Concrete, expectedRoot: unknown): string {
    if (path.length === 0 && edit.op === "set") return this.replaceRoot(edit.value);
    const chain = this.walk(edit.op === "append" ? path : path.slice(0, -1));
    if (edit.op === "append") {
      const list = valueAt(expectedRoot, path);
      if (chain.missing) {
        const missing = chain.missing;
        const above = { ...chain, missing: missing.length > 1 ? missing.slice(0, -1) : undefined };
        return this.setAt(above, missing[missing.length - 1]!, list);
      }
      const node = chain.node;
      const parentIsBlock = !!chain.parentChain && isCollection(chain.parentChain.node) && !chain.parentChain.node.flow;
      if (isSeq(node) && !(node.flow && node.items.length === 0 && parentIsBlock))
        return this.insertItem(node, edit.value, edit);
      // null, or an empty flow list in block style: the key is written with a block list
      if (!chain.parentChain || chain.segment === undefined) throw refuse("the file's root is not a list");
      return this.setAt(chain.parentChain, chain.segment, list);
    }
    const last = path[path.length - 1]!;
    if (edit.op === "delete") return this.deleteAt(chain, last);
    return this.setAt(chain, last, edit.value);
  }

  // ---- walking ----

  private walk(path: Concrete): Chain {
    let chain: Chain = { node: this.doc.contents as Node | null };
    for (const [index, segment] of path.entries()) {
      const node = chain.node;
      if (isAlias(node)) throw refuse(`${segment} lies inside an alias (*${node.source})`, node.range?.[0]);
      let next: Node | null | undefined;
      let pair: Pair<Node, Node | null> | undefined;
      if (isMap(node)) {
        pair = findPair(node, String(segment));
        next = pair ? (pair.value as Node | null) : undefined;
      } else if (isSeq(node) && typeof segment === "number") next = node.items[segment] as Node | undefined;
      // A missing step of a set: the chain stops at the deepest node that exists.
      if (next === undefined && !pair) return { ...chain, missing: path.slice(index) };
      chain = { node: next ?? null, parentChain: chain, segment, pair };
    }
    return chain;
  }

  // ---- set ----

  private setAt(chain: Chain, key: string | number, value: unknown): string {
    if (chain.missing) {
      // Create the missing mappings on the way: one new key at the deepest existing mapping.
      const [first, ...rest] = chain.missing;
      const nested = [...rest, key].reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
      return this.setAt({ ...chain, missing: undefined }, first!, nested);
    }
    const holder = chain.node;
    if (isMap(holder)) {
      const pair = findPair(holder, String(key));
      if (!pair) return this.insertPair(holder, String(key), value);
      const old = pair.value as Node | null;
      if (isScalar(old) && !isEmptyNull(old, this.text) && isScalarValue(value))
        return this.rewriteScalar(old, value, holder);
      if (holder.flow) return this.replaceRange(rangeOf(old ?? pair.key), this.renderFlow(value));
      return this.replacePair(pair, value);
    }
    if (isSeq(holder) && typeof key === "number") {
      const old = holder.items[key] as Node;
      if (isScalar(old) && isScalarValue(value)) return this.rewriteScalar(old, value, holder);
      if (holder.flow) return this.replaceRange(rangeOf(old), this.renderFlow(value));
      return this.replaceItem(holder, key, value);
    }
    if ((holder === null || isEmptyNull(holder, this.text)) && chain.pair && chain.parentChain) {
      // `key:` with no value becomes `key:` with the value
      return this.setAt(chain.parentChain, chain.segment!, { [key]: value });
    }
    throw refuse(`the value holding '${key}' is not a mapping or list`, holder?.range?.[0]);
  }

  private replaceRoot(value: unknown): string {
    const contents = this.doc.contents as Node | null;
    const rendered = this.renderBlock(value).join(this.layout.newline) + this.layout.newline;
    if (!contents || !contents.range || isEmptyNull(contents, this.text)) {
      const base = this.text.length === 0 || this.text.endsWith("\n") ? this.text : this.text + this.layout.newline;
      return base + rendered;
    }
    const start = contents.range[0];
    return this.text.slice(0, start) + rendered + this.text.slice(afterLine(this.text, contents.range[1]));
  }

  /** A scalar rewritten where it stands, in its own quoting style. */
  private rewriteScalar(old: Scalar, value: unknown, holder: YAMLMap | YAMLSeq): string {
    const [start, end] = rangeOf(old);
    const type = scalarType(old, value);
    if (holder.flow) return this.replaceRange([start, end], this.renderFlow(value, type));
    const scalar = new Scalar(value);
    if (type) scalar.type = type;
    const doc = new Document(isSeq(holder) ? [null] : { k: null });
    if (isSeq(doc.contents)) doc.contents.items[0] = scalar;
    else (doc.contents as YAMLMap).items[0]!.value = scalar;
    const lines = this.stringify(doc);
    const first = lines[0]!.slice(isSeq(holder) ? 2 : 3);
    // continuation lines (a block scalar's body) are indented from the column of the key or dash
    const column = isSeq(holder)
      ? dashColumn(this.text, holder, holder.items.indexOf(old))
      : pairColumn(this.text, holder, old);
    const body = lines.slice(1).map((l) => (l ? " ".repeat(column) + l : l));
    const isBlockScalar = this.text[end - 1] === "\n";
    const replacement = [first, ...body].join(this.layout.newline) + (isBlockScalar ? this.layout.newline : "");
    // A block scalar replaced by a one-line value: its line end stays.
    return this.replaceRange([start, end], replacement);
  }

  private insertPair(map: YAMLMap, key: string, value: unknown): string {
    if (map.flow) {
      const items = map.items;
      const entry = `${this.renderFlowKey(key)}: ${this.renderFlow(value)}`;
      if (items.length === 0) return this.replaceRange(rangeOf(map), `{ ${entry} }`);
      const lastItem = items[items.length - 1]!;
      return this.insertAt(pairEnd(lastItem), `, ${entry}`);
    }
    const first = map.items[0];
    if (!first) throw refuse("an empty block mapping has no place for a new key", map.range?.[0]);
    const column = columnOf(this.text, rangeOf(first.key as Node)[0]);
    const lines = this.renderPair(this.renderFlowKey(key), value);
    return this.insertLines(afterLine(this.text, pairEnd(map.items[map.items.length - 1]!)), lines, column);
  }

  /** A key and its value written anew, at the key's place (its comment on the key line goes). */
  private replacePair(pair: Pair, value: unknown): string {
    const keyNode = pair.key as Node;
    const [keyStart, keyEnd] = rangeOf(keyNode);
    const column = columnOf(this.text, keyStart);
    const keySource = this.text.slice(keyStart, keyEnd);
    const lines = this.renderPair(keySource, value);
    const end = afterLine(this.text, pairEnd(pair));
    const replacement = [lines[0]!, ...lines.slice(1).map((l) => " ".repeat(column) + l)].join(this.layout.newline);
    return this.text.slice(0, keyStart) + replacement + this.lineEndOf(end) + this.text.slice(end);
  }

  private replaceItem(seq: YAMLSeq, index: number, value: unknown): string {
    const item = seq.items[index] as Node;
    const [start] = rangeOf(item);
    const column = dashColumn(this.text, seq, index);
    const lines = this.renderBlock([value]);
    const replacement = [lines[0]!.slice(2), ...lines.slice(1).map((l) => " ".repeat(column) + l)].join(
      this.layout.newline,
    );
    const end = afterLine(this.text, rangeOf(item)[1]);
    return this.text.slice(0, start) + replacement + this.lineEndOf(end) + this.text.slice(end);
  }

  // ---- append ----

  private insertItem(seq: YAMLSeq, value: unknown, edit: Extract<YamlEdit, { op: "append" }>): string {
    const at = afterIndex(seq.items, edit.after);
    if (typeof at !== "number") throw new RefusedEdit(at);
    if (seq.flow) {
      const rendered = this.renderFlow(value);
      if (seq.items.length === 0) return this.replaceRange(rangeOf(seq), `[${rendered}]`);
      if (at === -1) return this.insertAt(rangeOf(seq.items[0] as Node)[0], `${rendered}, `);
      return this.insertAt(rangeOf(seq.items[at] as Node)[1], `, ${rendered}`);
    }
    const column = dashColumn(this.text, seq, 0);
    const lines = this.renderBlock([value]);
    const position =
      at === -1 ? lineStart(this.text, dashOffset(seq, 0)) : afterLine(this.text, rangeOf(seq.items[at] as Node)[1]);
    return this.insertLines(position, lines, column);
  }

  // ---- delete ----

  private deleteAt(chain: Chain, key: string | number): string {
    if (chain.missing) throw refuse(`${String(chain.missing[0])} does not exist`);
    const holder = chain.node;
    if (isMap(holder)) {
      const index = holder.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === String(key));
      const pair = holder.items[index]!;
      if (holder.flow)
        return this.deleteFlowEntry(
          holder.items.map((p) => [rangeOf(p.key as Node)[0], pairEnd(p)]),
          index,
        );
      if (holder.items.length === 1) return this.emptyCollection(chain, "{}");
      const keyStart = rangeOf(pair.key as Node)[0];
      const end = afterLine(this.text, pairEnd(pair));
      if (this.text.slice(lineStart(this.text, keyStart), keyStart).trim() === "")
        return this.text.slice(0, lineStart(this.text, keyStart)) + this.text.slice(end);
      // the first key of a list item, on the dash's line: the next key moves up to it
      const next = holder.items[index + 1];
      const nextStart = next ? rangeOf(next.key as Node)[0] : -1;
      if (next && this.text.slice(end, nextStart).trim() === "")
        return this.text.slice(0, keyStart) + this.text.slice(nextStart);
      throw refuse(`'${String(key)}' cannot be removed in place here`, keyStart);
    }
    if (isSeq(holder) && typeof key === "number") {
      if (holder.flow)
        return this.deleteFlowEntry(
          holder.items.map((n) => rangeOf(n as Node)),
          key,
        );
      if (holder.items.length === 1) return this.emptyCollection(chain, "[]");
      const dash = dashOffset(holder, key);
      if (this.text.slice(lineStart(this.text, dash), dash).trim() !== "")
        throw refuse(`item [${key}] shares its line with another list's dash`, dash);
      const end = afterLine(this.text, rangeOf(holder.items[key] as Node)[1]);
      return this.text.slice(0, lineStart(this.text, dash)) + this.text.slice(end);
    }
    throw refuse(`the value holding '${String(key)}' is not a mapping or list`, holder?.range?.[0]);
  }

  private deleteFlowEntry(ranges: readonly (readonly [number, number])[], index: number): string {
    const [start, end] = ranges[index]!;
    if (index < ranges.length - 1) return this.text.slice(0, start) + this.text.slice(ranges[index + 1]![0]);
    if (index > 0) return this.text.slice(0, ranges[index - 1]![1]) + this.text.slice(end);
    return this.text.slice(0, start) + this.text.slice(end);
  }

  /** The last key or item removed: the collection stays, written empty (`key: {}`). */
  private emptyCollection(chain: Chain, empty: "{}" | "[]"): string {
    const parent = chain.parentChain;
    if (!parent || chain.segment === undefined) throw refuse("the whole file cannot be emptied by an edit");
    return this.setAt(parent, chain.segment, empty === "{}" ? {} : []);
  }

  // ---- rendering ----

  private stringify(doc: Document): string[] {
    const text = doc.toString({
      indent: this.layout.indent,
      indentSeq: this.layout.indentSeq,
      lineWidth: 0,
      minContentWidth: 0,
      blockQuote: "literal",
    });
    return text.replace(/\n$/, "").split("\n");
  }

  /** A value in block style at column 0. */
  private renderBlock(value: unknown): string[] {
    return this.stringify(new Document(value));
  }

  /** `key: value` in block style at column 0, the key as given (its source text). */
  private renderPair(keySource: string, value: unknown): string[] {
    const lines = this.stringify(new Document({ k: value }));
    return [keySource + lines[0]!.slice(1), ...lines.slice(1)];
  }

  private renderFlow(value: unknown, type?: Scalar.Type): string {
    const doc = new Document([value]);
    const item = (doc.contents as YAMLSeq).items[0];
    if (type && isScalar(item)) item.type = type;
    visit(doc, {
      Map: (_k, n) => void (n.flow = true),
      Seq: (_k, n) => void (n.flow = true),
    });
    const text = doc.toString({ lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, "");
    return text.slice(2, -2); // "[ value ]"
  }

  private renderFlowKey(key: string): string {
    return this.renderFlow(key);
  }

  // ---- text ----

  private replaceRange([start, end]: readonly [number, number], replacement: string): string {
    return this.text.slice(0, start) + replacement + this.text.slice(end);
  }

  private insertAt(offset: number, insertion: string): string {
    return this.text.slice(0, offset) + insertion + this.text.slice(offset);
  }

  /** Whole lines inserted at a line start, indented to `column`. */
  private insertLines(position: number, lines: readonly string[], column: number): string {
    const nl = this.layout.newline;
    const block = lines.map((l) => (l ? " ".repeat(column) + l : l)).join(nl);
    if (position >= this.text.length && this.text.length > 0 && !this.text.endsWith("\n"))
      return this.text + nl + block; // the file had no final newline: it still has none
    return this.text.slice(0, position) + block + nl + this.text.slice(position);
  }

  /** The newline a replaced region ended with (none at the end of a file without one). */
  private lineEndOf(end: number): string {
    if (end > 0 && this.text[end - 1] === "\n") return this.text[end - 2] === "\r" ? "\r\n" : "\n";
    return "";
  }
}

interface Chain {
  readonly node: Node | null;
  readonly parentChain?: Chain;
  readonly segment?: string | number;
  readonly pair?: Pair<Node, Node | null>;
  /** The path steps below `node` that do not exist yet. */
  readonly missing?: Concrete;
}

function refuse(problem: string, offset?: number): RefusedEdit {
  return new RefusedEdit({
    problem,
    hint: "make this change by hand, or write this part of the file in block style (key: value lines)",
    offset,
  });
}

function valueAt(root: unknown, path: Concrete): unknown {
  let v = root;
  for (const s of path) v = (v as Record<string | number, unknown>)[s];
  return v;
}

function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as
    | Pair<Node, Node | null>
    | undefined;
}

function isScalarValue(v: unknown): boolean {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

/** `key:` with nothing after it. */
function isEmptyNull(node: Node, text: string): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1] && text !== "";
}

/** The quoting style a new value keeps from the old one, where it can hold it. */
function scalarType(old: Scalar, value: unknown): Scalar.Type | undefined {
  const type = old.type;
  if (typeof value !== "string") return undefined; // a number or boolean is written plain
  const multiline = value.includes("\n");
  if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") return "BLOCK_LITERAL";
  if (multiline) return "QUOTE_DOUBLE"; // stays on its line
  if (typeof old.value !== "string" && type === "PLAIN") return undefined;
  return type;
}

function rangeOf(node: Node | null | undefined): [number, number] {
  if (!node?.range) throw refuse("a value without a place in the file");
  return [node.range[0], node.range[1]];
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range ? value.range[1] : rangeOf(pair.key as Node)[1];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The start of the line after the one where a value ends (a block value's range already ends there). */
function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === "\n") return end;
  const newline = text.indexOf("\n", end);
  return newline < 0 ? text.length : newline + 1;
}

function dashOffset(seq: YAMLSeq, index: number): number {
  const token = seq.srcToken as CST.BlockSequence | undefined;
  const dash = token?.items?.[index]?.start.find((t) => t.type === "seq-item-ind");
  if (!dash) throw refuse("a list item without its dash");
  return dash.offset;
}

function dashColumn(text: string, seq: YAMLSeq, index: number): number {
  return columnOf(text, dashOffset(seq, index));
}

/** The column of the key whose value `value` is. */
function pairColumn(text: string, map: YAMLMap, value: Node): number {
  const pair = map.items.find((p) => p.value === value);
  return pair ? columnOf(text, rangeOf(pair.key as Node)[0]) : 0;
}

function detectLayout(text: string, doc: Document.Parsed): Layout {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  visit(doc, {
    Pair(_k, pair) {
      const value = pair.value as Node | null;
      if (!isCollection(value) || value.flow || !isScalar(pair.key) || !pair.key.range || !value.range) return;
      const keyColumn = columnOf(text, pair.key.range[0]);
      if (isMap(value) && indent === undefined && value.items[0]) {
        const child = columnOf(text, rangeOf(value.items[0].key as Node)[0]);
        if (child > keyColumn) indent = child - keyColumn;
      }
      if (isSeq(value) && indentSeq === undefined && value.items.length > 0) {
        try {
          indentSeq = dashColumn(text, value, 0) > keyColumn;
        } catch {
          // no dash: not a block list
        }
      }
      if (indent !== undefined && indentSeq !== undefined) return visit.BREAK;
      return undefined;
    },
  });
  return { newline: crlf > lf ? "\r\n" : "\n", indent: indent ?? 2, indentSeq: indentSeq ?? true };
}
