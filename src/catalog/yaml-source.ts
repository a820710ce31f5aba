import jsYaml from "js-yaml";
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Node } from "yaml";
import { issue, type Issue, type Location } from "../core/errors.js";

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
 * syntax errors are always reported by one parser, in one style.
 */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; issues: Issue[] } {
  let fastValue: unknown;
  try {
    fastValue = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch {
    return parseWithPositions(file, text);
  }
  // js-yaml shares aliased nodes, but everything after it (validation, JSON, rendering) walks
  // them as a tree: a few lines of nested aliases ("billion laughs") would expand to billions.
  if (expandsBeyond(fastValue, text.length + ALIAS_EXPANSION_SLACK)) {
    return { issues: [issue("E_YAML_SYNTAX", "its aliases (*name) expand to more values than the file could hold written out", { file, line: 1, col: 1, hint: "write the values out instead of nesting aliases of aliases" })] };
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

/** Whether `value`, with shared nodes counted each time they appear, has more than `limit` values. */
function expandsBeyond(value: unknown, limit: number): boolean {
  const sizes = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== "object") return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    let n = 1;
    for (const child of Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    sizes.set(v, n);
    return n;
  };
  return size(value) > limit;
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
      hint: e.code === "DUPLICATE_KEY" ? "remove or rename the repeated key" : "fix the YAML syntax at this position (indentation, quotes, brackets)",
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
    // yaml refuses documents whose aliases expand too far ("billion laughs").
    return { issues: [issue("E_YAML_SYNTAX", firstLine((error as Error).message), { file, line: 1, col: 1, hint: "write the values out instead of nesting aliases of aliases" })] };
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
