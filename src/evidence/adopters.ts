import { parse as parseYaml } from "yaml";
import { atxHeading, bareUrls, markdownLinks, proseLines, withoutLinks } from "./markdown-text.js";
import { escapeTerminalText } from "../core/index.js";

// Counting the organizations an ADOPTERS / USERS file names, in the shapes projects keep:
// lists, tables, one `##`/`###` heading per adopter (etcd), bold-led paragraphs (containerd),
// logo walls, and website data files (adopters.yaml). Prose is not a list of adopters.

/** What an adopters file lists: `count` and `items` when it lists any; otherwise the links it points to. */
export interface AdoptersListed {
  readonly count?: number;
  readonly items: string[];
  /** For a file that lists none: the URLs it points to ("see the list at …"). */
  readonly links?: string[];
}

/** Headings that group or introduce adopters rather than name one. */
const GROUP_HEADING = new RegExp(
  String.raw`adopt|\busers?\b|who (is )?using|how to|\badd(ing)? |contents|\bothers?\b|vendors|organi[sz]ations|` +
    String.raw`companies|\blist\b|about|contribut|get listed|\bjoin|instructions|case stud|production|logos?\b`,
  "i",
);
/** Headings whose lists are instructions, not adopters. */
const INSTRUCTION_HEADING = /how to|\badd(ing)? |instructions|contribut|get listed|\bjoin/i;
/** `- *Application*: …` under an adopter's heading is a field of it, as are these plain keys. */
const FIELD_KEYS = new Set([
  "application",
  "applications",
  "launched",
  "cluster size",
  "order of data size",
  "operator",
  "environment",
  "environments",
  "backups",
  "use case",
  "usage",
  "website",
  "url",
  "contact",
  "description",
  "status",
  "since",
  "version",
]);

/** An entry's text, one line, without markdown links and emphasis; control characters escaped (`\u001b`). */
export function cleanEntry(s: string): string {
  return escapeTerminalText(withoutLinks(s.slice(0, 1000)).replace(/[*_`]/g, "").trim()).slice(0, 200);
}

function isField(content: string): boolean {
  const colon = content.slice(0, 60).indexOf(":");
  if (colon < 1) return false;
  const key = content.slice(0, colon);
  if (key.includes("[") || key.includes("http")) return false;
  const bare = key.replace(/[*_]/g, "").trim().toLowerCase();
  return /^[*_]/.test(key.trim()) ? bare.length > 0 && bare.length <= 40 : FIELD_KEYS.has(bare);
}

/** A list item: its indent and content, or undefined. */
function listItem(line: string): { indent: number; content: string } | undefined {
  const indent = line.length - line.trimStart().length;
  const t = line.trimStart();
  let i = 0;
  if (t[0] === "-" || t[0] === "*" || t[0] === "+") i = 1;
  else {
    while (i < 9 && t[i]! >= "0" && t[i]! <= "9") i++;
    if (i === 0 || (t[i] !== "." && t[i] !== ")")) return undefined;
    i++;
  }
  if (t[i] !== " " && t[i] !== "\t") return undefined;
  const content = t.slice(i).trim();
  return content === "" ? undefined : { indent, content };
}

/** `**Name** - what they do` (or `__Name__`): the name in bold at the start of a paragraph. */
function boldLead(line: string): string | undefined {
  const t = line.trim();
  const mark = t.startsWith("**") ? "**" : t.startsWith("__") ? "__" : undefined;
  if (!mark) return undefined;
  const close = t.slice(2, 302).indexOf(mark);
  if (close < 0) return undefined;
  const name = cleanEntry(t.slice(2, close + 2));
  // a lead-in ("**Acme** - uses it …") or a name alone, not a sentence in bold
  const rest = t.slice(close + 4).trimStart();
  const lead = rest === "" ? nameLike(name) : /^[-–—:]/.test(rest);
  return name === "" || !lead ? undefined : name;
}

/** Organizations named by logos on a line: `[![Org](logo)](url)` and `<img alt="Org">`. */
function logoNames(line: string): string[] {
  const names = markdownLinks(line)
    .filter((l) => l.image && l.text !== "")
    .map((l) => cleanEntry(l.text));
  for (let i = line.indexOf("<img"); i >= 0; i = line.indexOf("<img", i + 4)) {
    const end = line.indexOf(">", i);
    const tag = line.slice(i, end < 0 ? i + 1000 : Math.min(end, i + 1000));
    const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i.exec(tag);
    const name = alt ? cleanEntry(alt[1] ?? alt[2] ?? alt[3] ?? "") : "";
    if (name) names.push(name);
  }
  return names;
}

/** The text without YAML front matter and HTML comments (which may span lines). */
function visibleText(text: string): string {
  let t = text;
  if (t.startsWith("---\n") || t.startsWith("---\r\n")) {
    const end = t.indexOf("\n---", 3);
    if (end >= 0) t = t.slice(t.indexOf("\n", end + 1) + 1 || t.length);
  }
  let out = "";
  for (let from = 0; ; ) {
    const open = t.indexOf("<!--", from);
    if (open < 0) return out + t.slice(from);
    out += t.slice(from, open);
    const close = t.indexOf("-->", open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
}

interface Heading {
  readonly level: number;
  readonly text: string;
  /** Names listed in its section (list items, rows, bold leads, logos). */
  named: number;
}

/** A plain line that reads as a name ("Acme Corp"), not a sentence. */
function nameLike(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && t.split(/\s+/).length <= 6 && !/[.,:;!?]$/.test(t);
}

/**
 * Count the organizations an ADOPTERS-like markdown file names: list items, table rows (header
 * and separator rows excluded), bold-led paragraphs, logos, and one per `##`/`###` heading when
 * the headings are the adopters (their lists are fields: `- *Launched*: 2016`). A file of plain
 * name lines counts line by line; a file of prose lists none (`count` absent, its links kept).
 */
export function countListed(text: string): AdoptersListed {
  const items: string[] = [];
  const headings: Heading[] = [];
  const plain: string[] = [];
  let tableRow = -1; // rows seen in the current table (0 = header)
  let section: Heading | undefined;
  const name = (n: string) => {
    if (section && INSTRUCTION_HEADING.test(section.text)) return;
    items.push(n);
    if (section) section.named++;
  };
  for (const { line: raw } of proseLines(visibleText(text))) {
    const line = raw.trim();
    if (!line.startsWith("|")) tableRow = -1;
    const heading = atxHeading(raw);
    if (heading) {
      section = { level: heading.level, text: heading.text, named: 0 };
      headings.push(section);
      continue;
    }
    if (line === "") continue;
    if (line.startsWith("|")) {
      if (/^\|?[\s:|-]+\|?$/.test(line) && line.includes("-")) continue; // separator
      if (++tableRow === 0) continue; // header row
      const first = splitTableRow(line).find((c) => c !== "");
      const entry = first ? cleanEntry(first) : "";
      if (entry) name(entry);
      continue;
    }
    const item = listItem(raw);
    if (item) {
      if (item.indent < 2 && !isField(item.content)) {
        const entry = cleanEntry(item.content);
        if (entry) name(entry);
      }
      continue;
    }
    const logos = logoNames(line);
    if (logos.length) {
      for (const l of logos) name(l);
      continue;
    }
    const bold = boldLead(line);
    if (bold) {
      if (!/^others?\b/i.test(bold)) name(bold);
      continue;
    }
    if (!line.startsWith("<")) plain.push(line);
  }
  // Headings are the adopters when there are several at one level (below the title) whose
  // sections name no one: etcd's `## Acme` with `- *Application*: …` fields under it.
  const adopterHeadings = (level: number) =>
    headings.filter((h) => h.level === level && h.named === 0 && !GROUP_HEADING.test(h.text));
  const level = [6, 5, 4, 3, 2].find((l) => adopterHeadings(l).length >= 2);
  if (level) items.unshift(...adopterHeadings(level).map((h) => cleanEntry(h.text)));
  if (items.length > 0) return { count: items.length, items: items.slice(0, 50) };
  if (plain.length > 0 && plain.every(nameLike))
    return { count: plain.length, items: plain.slice(0, 50).map(cleanEntry) };
  // prose: no list; say where it points instead
  const links = [...new Set(plain.flatMap((l) => [...markdownLinks(l).map((k) => k.url), ...bareUrls(l)]))];
  return { items: [], links: links.slice(0, 5).map((l) => escapeTerminalText(l)) };
}

/**
 * The trimmed cells of a markdown table row, split as GitHub does: a `|` after a backslash
 * is part of the cell (and unescaped), so `| Hooli \| Inc | prod |` is `["Hooli | Inc", "prod"]`.
 * The outer pipes are optional.
 */
export function splitTableRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\" && line[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (c === "|") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  const trimmed = cells.map((x) => x.trim());
  if (trimmed.length > 1 && trimmed[0] === "" && /^\s*\|/.test(line)) trimmed.shift();
  if (trimmed.length > 1 && trimmed.at(-1) === "" && /(^|[^\\])\|\s*$/.test(line)) trimmed.pop();
  return trimmed;
}

const NAME_KEYS = ["name", "organization", "organisation", "org", "company", "title", "displayName"] as const;
const LIST_KEYS = [
  "adopters",
  "users",
  "organizations",
  "organisations",
  "companies",
  "items",
  "entries",
  "list",
] as const;

/**
 * Count the entries of a website's adopters data file (`adopters.yaml`, `adopters.json`): a list
 * of names or of objects with a name (`name`, `organization`, `company`, …), at the top or under
 * a key such as `adopters`. Undefined when the file holds no such list or does not parse.
 */
export function countAdopterData(text: string, path: string): AdoptersListed | undefined {
  let data: unknown;
  try {
    data = path.toLowerCase().endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const listOf = (v: unknown, depth: number): unknown[] | undefined => {
    if (Array.isArray(v)) return v;
    if (!v || typeof v !== "object" || depth > 2) return undefined;
    const o = v as Record<string, unknown>;
    for (const k of LIST_KEYS) if (Array.isArray(o[k])) return o[k] as unknown[];
    for (const value of Object.values(o)) {
      const inner = listOf(value, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  };
  const list = listOf(data, 0);
  if (!list) return undefined;
  const names = list.flatMap((e): string[] => {
    if (typeof e === "string") return [e];
    if (!e || typeof e !== "object") return [];
    const o = e as Record<string, unknown>;
    const key = NAME_KEYS.find((k) => typeof o[k] === "string" && (o[k] as string).trim() !== "");
    return key ? [o[key] as string] : [];
  });
  if (names.length === 0) return undefined;
  return { count: names.length, items: names.slice(0, 50).map(cleanEntry) };
}
