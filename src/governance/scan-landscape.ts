import type { Issue } from "../core/index.js";
import { parseYamlSource } from "../catalog/index.js";
import { landscapeFromValue, publicProject, type PublicProject, type PublicRecord } from "./public-record.js";

const WANTED = new Set(["name", "project", "repo_url", "homepage_url"]);
const WANTED_EXTRA = new Set(["accepted", "incubating", "graduated", "archived", "clomonitor_name"]);

/**
 * landscape.yml read line by line for the few keys an import needs: one pass, no tree. Its
 * layout is regular (`- item:` then the item's keys one indent in); a wanted key written any
 * other way (a block or flow value, an anchor) sends the whole file to the YAML parser instead,
 * so the result is the parser's whenever the scanner is unsure.
 */
export function scanLandscape(file: string, text: string): PublicRecord | { issues: Issue[] } {
  const scanned = scan(file, text);
  if (scanned) return scanned;
  const parsed = parseYamlSource(file, text);
  if (!parsed.source) return { issues: parsed.issues };
  const value = parsed.source.value as Record<string, unknown>;
  return landscapeFromValue(file, value, parsed.source);
}

interface Item {
  line: number;
  keyIndent: number;
  fields: Record<string, string>;
  extra: Record<string, string>;
  repos: string[];
  section?: "extra" | "additional_repos";
}

function scan(file: string, text: string): PublicRecord | undefined {
  const projects: PublicProject[] = [];
  const issues: Issue[] = [];
  let item: Item | undefined;
  const finish = () => {
    if (item && item.fields.project !== undefined) {
      const entry = publicProject(
        file,
        {
          name: item.fields.name,
          level: item.fields.project,
          repositories: [item.fields.repo_url, ...item.repos],
          homepage: item.fields.homepage_url,
          clomonitorName: item.extra.clomonitor_name,
          dates: {
            accepted: item.extra.accepted,
            incubating: item.extra.incubating,
            graduated: item.extra.graduated,
            archived: item.extra.archived,
          },
        },
        item.line,
        issues,
      );
      if (entry) projects.push(entry);
    }
    item = undefined;
  };
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    lineNo++;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === "#") continue;
    if (line.startsWith("- item:", indent) && line.slice(indent + 7).trim() === "") {
      finish();
      item = { line: lineNo, keyIndent: indent + 2, fields: {}, extra: {}, repos: [] };
      continue;
    }
    if (!item) continue;
    if (indent < item.keyIndent) {
      finish();
      continue;
    }
    if (indent === item.keyIndent) {
      item.section = undefined;
      const kv = keyValue(line, indent);
      if (!kv) return undefined;
      if (kv.key === "extra" || kv.key === "additional_repos") {
        if (kv.raw !== "") return undefined;
        item.section = kv.key;
      } else if (WANTED.has(kv.key)) {
        const v = scalar(kv.raw);
        if (v === undefined) return undefined;
        item.fields[kv.key] = v;
      }
      continue;
    }
    if (item.section === "extra" && indent === item.keyIndent + 2) {
      const kv = keyValue(line, indent);
      if (!kv) return undefined;
      if (WANTED_EXTRA.has(kv.key)) {
        const v = scalar(kv.raw);
        if (v === undefined) return undefined;
        item.extra[kv.key] = v;
      }
    } else if (item.section === "additional_repos" && indent === item.keyIndent + 2) {
      if (!line.startsWith("- ", indent)) return undefined;
      const kv = keyValue(line, indent + 2);
      if (kv?.key === "repo_url") {
        const v = scalar(kv.raw);
        if (v === undefined) return undefined;
        item.repos.push(v);
      }
    }
  }
  finish();
  return { kind: "landscape", file, projects, issues };
}

/** `key: value` at `at`; the raw value after the colon, trimmed. Undefined for anything else. */
function keyValue(line: string, at: number): { key: string; raw: string } | undefined {
  const m = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(line.slice(at));
  return m ? { key: m[1]!, raw: (m[2] ?? "").trim() } : undefined;
}

/** A plain or quoted one-line scalar; undefined for any other form (block, flow, alias, anchor, tag). */
function scalar(raw: string): string | undefined {
  if (raw === "") return undefined;
  const c = raw[0]!;
  if (c === "'") {
    const m = /^'((?:[^']|'')*)'(?:\s+#.*)?$/.exec(raw);
    return m ? m[1]!.replace(/''/g, "'") : undefined;
  }
  if (c === '"') {
    const m = /^"((?:[^"\\]|\\.)*)"(?:\s+#.*)?$/.exec(raw);
    if (!m) return undefined;
    try {
      return JSON.parse(`"${m[1]!}"`) as string;
    } catch {
      return undefined;
    }
  }
  if ("|>[{&*!%@`".includes(c)) return undefined;
  const value = raw.replace(/\s+#.*$/, "");
  // `key: a: b` or a value that YAML would read as another type is left to the parser.
  if (/:\s/.test(value) || value === "~" || value === "null") return undefined;
  return value;
}
