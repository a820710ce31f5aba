import jsYaml from "js-yaml";
import { LineCounter, parseDocument, isMap, isPair, isScalar, visit, type Node } from "yaml";
import { issue, type Issue, type Location } from "../core/index.js";
import { readWrittenYaml } from "./yaml-fast.js";

export type PathSegment = string | number;

/** One parsed YAML file that remembers where every value was written. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** Position of the value at `path` (or of its nearest written ancestor); of the key itself with `key: true`. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): Location;
}

/**
 * Parse YAML text; syntax errors come back as located issues, not exceptions.
 *
 * Values come from js-yaml (YAML 1.2 core schema, like `yaml`'s default), about 7× faster on
 * a large catalog than building `yaml`'s position-keeping Document. That Document is built only
 * when something must be located (an invalid catalog), or when js-yaml rejects the text, so
 * syntax errors are always reported by one parser, in one style. Text in the forms the catalog writer prints is
 * read by readWrittenYaml (yaml-fast.ts) instead, to the value js-yaml would give, about 5× faster again.
 */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; issues: Issue[] } {
  // Both parsers recurse per level: a file nested thousands deep would overflow the stack.
  const deep = mayNestTooDeep(text) ? tooDeep(text) : undefined;
  if (deep) {
    return {
      issues: [
        issue("E_YAML_TOO_DEEP", `values are nested more than ${MAX_NESTING} levels deep`, {
          file,
          line: deep.line,
          col: deep.col,
          hint: `a catalog needs a few levels; flatten the structure (at most ${MAX_NESTING} levels)`,
        }),
      ],
    };
  }
  let fastValue: unknown;
  // The writer's own forms are read directly; anything else by js-yaml (the same value either way).
  const written = readWrittenYaml(text);
  if (written) fastValue = written.value;
  else
    try {
      fastValue = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
    } catch {
      return parseWithPositions(file, text);
    }
  // js-yaml shares aliased nodes, but everything after it (validation, JSON, rendering) walks
  // them as a tree: a few lines of nested aliases ("billion laughs") would expand to billions,
  // and an alias inside its own anchor (`a: &a [*a]`) forever.
  // Without a '*' the text holds no alias: no value is shared, so the tree holds no more values than the text has
  // characters (each needs at least one: an indicator, a bracket, a comma), and none can contain itself.
  const expansion = text.includes("*") ? expandsBeyond(fastValue, text.length + ALIAS_EXPANSION_SLACK) : false;
  if (expansion === "cycle") return { issues: [aliasCycleIssue(file, text)] };
  if (expansion) {
    return {
      issues: [
        issue("E_YAML_SYNTAX", "its aliases (*name) expand to more values than the file could hold written out", {
          file,
          line: 1,
          col: 1,
          hint: "write the values out instead of nesting aliases of aliases",
        }),
      ],
    };
  }
  // A key reads "<<" only when the text holds "<<", or a backslash (an escape such as "\x3c<").
  if ((text.includes("<<") || text.includes("\\")) && hasMergeKey(fastValue)) {
    const merge = mergeKeyIssue(file, text);
    if (merge) return { issues: [merge] };
  }
  let located: YamlSource | undefined;
  return {
    issues: [],
    source: {
      file,
      value: fastValue,
      locate(path, options) {
        located ??= parseWithPositions(file, text, false).source;
        return located ? located.locate(path, options) : { file };
      },
    },
  };
}

/** Values an alias-free file can hold is at most its length; this much more is allowed for aliases. */
const ALIAS_EXPANSION_SLACK = 100_000;

/**
 * Whether `value`, with shared nodes counted each time they appear, has more than `limit`
 * values (true), refers to itself ("cycle"), or neither (false). Iterative, so no depth of
 * nesting can overflow the stack.
 */
export function expandsBeyond(value: unknown, limit: number): boolean | "cycle" {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  // Post-order walk: a frame's children are sized before the frame itself.
  const stack: { node: object; children: unknown[]; next: number; size: number }[] = [];
  const enter = (v: object): void => {
    onPath.add(v);
    stack.push({ node: v, children: Object.values(v), next: 0, size: 1 });
  };
  if (value === null || typeof value !== "object") return false;
  enter(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length && frame.size <= limit) {
      const child = frame.children[frame.next++];
      if (child === null || typeof child !== "object") {
        frame.size += 1;
        continue;
      }
      if (onPath.has(child)) return "cycle";
      const known = sizes.get(child);
      if (known !== undefined) frame.size += known;
      else enter(child);
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    sizes.set(frame.node, frame.size);
    if (frame.size > limit) return true;
    const parent = stack[stack.length - 1];
    if (parent) parent.size += frame.size;
  }
  return false;
}

/** The error for an alias used inside the value it names, located at that alias. */
function aliasCycleIssue(file: string, text: string): Issue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  let at: { line: number; col: number; name: string } | undefined;
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target as never) && node.range) {
        at = { ...lineCounter.linePos(node.range[0]), name: node.source };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const where = at ? { line: at.line, col: at.col } : { line: 1, col: 1 };
  return issue(
    "E_YAML_ALIAS_CYCLE",
    `the alias *${at?.name ?? "…"} is used inside the value its anchor ` +
      `&${at?.name ?? "…"} names, so the value would contain itself forever`,
    {
      file,
      ...where,
      hint: "write the value out, or move the alias outside the anchored value",
    },
  );
}

/** An alias (`*name`) with no anchor `&name` before it, located at the alias; undefined when every alias resolves. */
function unresolvedAliasIssue(
  file: string,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
): Issue | undefined {
  let found: Issue | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      const pos = node.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
      found = issue("E_YAML_SYNTAX", `the alias *${node.source} names no anchor: no &${node.source} is set before it`, {
        file,
        line: pos.line,
        col: pos.col,
        hint:
          `mark the value it stands for with &${node.source} earlier in the file ` +
          `(an anchor must come before its aliases), or write the value out`,
      });
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The first YAML merge key (`<<: *base`), located. The catalog's YAML (1.2 core schema) has no
 * merge keys, so `<<` would be read as a key named "<<" and reported as a typo of another key.
 */
function mergeKeyIssue(file: string, text: string): Issue | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  let found: Issue | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "<<") return undefined;
      const pos = pair.key.range ? lineCounter.linePos(pair.key.range[0]) : { line: 1, col: 1 };
      found = issue("E_YAML_MERGE_KEY", "merge keys (<<: *anchor) are not supported in a catalog", {
        file,
        line: pos.line,
        col: pos.col,
        hint: "write the keys out in this mapping (an alias for a whole value, key: *anchor, works)",
      });
      return visit.BREAK;
    },
  });
  return found;
}

/** Whether a loaded value holds a `<<` key anywhere (a bounded tree: aliases were checked before). */
function hasMergeKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      if (Object.hasOwn(v, "<<")) return true;
      stack.push(...Object.values(v));
    }
  }
  return false;
}

/** How deep a catalog or framework may nest; real ones need fewer than ten levels. */
const MAX_NESTING = 64;

/**
 * False when `text` cannot nest more than MAX_NESTING levels as `tooDeep` counts them: each level it counts is
 * opened by a line, a `- ` or a bracket, so fewer of those together than the limit means no place is too deep.
 * Counted with indexOf, stopping at the limit: a project file of a few dozen lines is done here.
 */
export function mayNestTooDeep(text: string): boolean {
  let openers = 1; // the first line
  for (const opener of ["\n", "- ", "[", "{"]) {
    for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at + 1))
      if (++openers > MAX_NESTING) return true;
  }
  return false;
}

/**
 * The first place where `text` nests more than MAX_NESTING levels: flow brackets (`[`, `{`)
 * outside quotes and comments, plus block indentation levels (each deeper indentation or
 * `- ` entry opens one). One linear pass; a rough count is enough, since real files sit far
 * below the limit.
 */
export function tooDeep(text: string): { line: number; col: number } | undefined {
  let line = 1;
  let lineStart = 0;
  let flow = 0;
  let quote = "";
  const indents: number[] = []; // indentation columns of the open block levels
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      if (quote === "'" || quote === '"') continue; // multi-line quoted scalar
      continue;
    }
    if (atLineStart && flow === 0 && quote === "") {
      // measure this line's block depth: indentation, then each "- " opens one more level
      let j = i;
      while (j < text.length && text[j] === " ") j++;
      if (j < text.length && text[j] !== "\n" && text[j] !== "#") {
        let col = j - lineStart;
        while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
        indents.push(col);
        while (text[j] === "-" && text[j + 1] === " ") {
          j += 2;
          while (text[j] === " ") j++;
          col = j - lineStart;
          indents.push(col);
        }
        if (indents.length > MAX_NESTING) return { line, col: col + 1 };
      }
      atLineStart = false;
    }
    atLineStart = false;
    if (quote) {
      if (c === quote && (quote === "'" || text[i - 1] !== "\\")) quote = "";
      continue;
    }
    if (c === "#" && (i === lineStart || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if ((c === '"' || c === "'") && (i === lineStart || /[\s[{,:]/.test(text[i - 1]!))) quote = c;
    else if (c === "[" || c === "{") {
      flow++;
      if (flow + indents.length > MAX_NESTING) return { line, col: i - lineStart + 1 };
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
  }
  return undefined;
}

/** Parse with `yaml`, which keeps positions; `withValue: false` when only locating (the value is known). */
function parseWithPositions(file: string, text: string, withValue = true): { source?: YamlSource; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: Issue[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return issue("E_YAML_SYNTAX", firstLine(e.message), {
      file,
      line: pos.line,
      col: pos.col,
      hint:
        e.code === "DUPLICATE_KEY"
          ? "remove or rename the repeated key"
          : "fix the YAML syntax at this position (indentation, quotes, brackets)",
    });
  });
  if (issues.length > 0) return { issues };
  const at = (offset: number): Location => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  let value: unknown;
  try {
    if (withValue) value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const undefinedAlias = unresolvedAliasIssue(file, doc, lineCounter);
    if (undefinedAlias) return { issues: [undefinedAlias] };
    // yaml refuses documents whose aliases expand too far ("billion laughs").
    return {
      issues: [
        issue("E_YAML_SYNTAX", firstLine((error as Error).message), {
          file,
          line: 1,
          col: 1,
          hint: "write the values out instead of nesting aliases of aliases",
        }),
      ],
    };
  }
  const source: YamlSource = {
    file,
    value,
    locate(path, options = {}) {
      let node: unknown = doc.contents;
      let best: Location = node && (node as Node).range ? at((node as Node).range![0]) : { file, line: 1, col: 1 };
      for (let i = 0; i < path.length; i++) {
        const segment = path[i]!;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) break;
          const isLast = i === path.length - 1;
          const keyNode = pair.key as Node;
          if (isLast && options.key && keyNode.range) return at(keyNode.range[0]);
          node = pair.value;
          const target = (node as Node | null)?.range ? (node as Node) : keyNode;
          if (target.range) best = at(target.range[0]);
        } else if (node && typeof node === "object" && "items" in node && typeof segment === "number") {
          const item = (node as { items: unknown[] }).items[segment];
          if (!item) break;
          node = item;
          if ((item as Node).range) best = at((item as Node).range![0]);
        } else break;
      }
      return best;
    },
  };
  return { source, issues };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
