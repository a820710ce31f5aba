// Scanning markdown from repositories: headings, links, sections. Everything here runs in time
// linear in the text (hand-written scanners, no pattern that can backtrack): a README is input
// from anyone, and one line of 6,000 spaces must not stop the collector.

/** An ATX heading (`## Title ##`): its level and text, or undefined when the line is none. */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  let i = 0;
  while (i < 3 && line[i] === " ") i++;
  let level = 0;
  while (line[i + level] === "#") level++;
  if (level < 1 || level > 6) return undefined;
  const rest = line.slice(i + level);
  if (rest !== "" && rest[0] !== " " && rest[0] !== "\t") return undefined;
  let text = rest.trim();
  // A closing run of #s counts only after a space (`# C#` keeps its #).
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === 0) text = "";
  else if (end < text.length && (text[end - 1] === " " || text[end - 1] === "\t")) text = text.slice(0, end).trimEnd();
  return text === "" ? undefined : { level, text };
}

/** A setext underline (`===` or `---`, up to 3 spaces of indent): 1 or 2, else 0. */
export function setextLevel(line: string): 0 | 1 | 2 {
  const t = line.trim();
  if (t === "" || line.length - line.trimStart().length > 3) return 0;
  const c = t[0];
  if (c !== "=" && c !== "-") return 0;
  for (const ch of t) if (ch !== c) return 0;
  return c === "=" ? 1 : 2;
}

/** A markdown link (or a linked image, `[![alt](logo)](url)`, with `image` set). */
export interface MarkdownLink {
  readonly text: string;
  readonly url: string;
  /** The position of the link's `[` (or `!`). */
  readonly start: number;
  /** The position after the link's closing parenthesis. */
  readonly end: number;
  readonly image?: boolean;
}

// Link texts and URLs are short: searching a bounded window keeps a line of many `[` linear.
const MAX_TEXT = 200;
const MAX_URL = 2000;

function boundedIndex(line: string, char: string, from: number, max: number): number {
  const at = line.slice(from, from + max + 1).indexOf(char);
  return at < 0 ? -1 : from + at;
}

/** `[text](url "title")` or `![alt](src)` starting at `start`; undefined when it is not one. */
function linkAt(line: string, start: number): MarkdownLink | undefined {
  const bang = line[start] === "!";
  const open = bang ? start + 1 : start;
  if (line[open] !== "[") return undefined;
  let text: string;
  let close: number;
  let image = false;
  if (!bang && line[open + 1] === "!" && line[open + 2] === "[") {
    // a linked image, `[![alt](logo)](url)`: the link text is the image's alt text
    const inner = linkAt(line, open + 1);
    if (!inner || line[inner.end] !== "]") return undefined;
    text = inner.text;
    close = inner.end;
    image = true;
  } else {
    close = boundedIndex(line, "]", open + 1, MAX_TEXT);
    if (close < 0) return undefined;
    text = line.slice(open + 1, close);
    if (text.includes("[")) return undefined;
  }
  if (line[close + 1] !== "(") return undefined;
  const shut = boundedIndex(line, ")", close + 2, MAX_URL);
  if (shut < 0) return undefined;
  let inside = line.slice(close + 2, shut).trim();
  if (inside.startsWith("<")) {
    const gt = inside.indexOf(">");
    inside = inside.slice(1, gt < 0 ? undefined : gt);
  }
  const url = inside.split(/\s/, 1)[0] ?? "";
  if (url === "") return undefined;
  return { text: text.trim(), url, start, end: shut + 1, ...(image || bang ? { image: true } : {}) };
}

/** The links of one line, in order: inline links and linked images (a plain image's source is no link). */
export function markdownLinks(line: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (let i = line.indexOf("["); i >= 0; ) {
    if (i > 0 && line[i - 1] === "!") {
      // a plain image, `![alt](src)`: its source is no link
      const img = linkAt(line, i - 1);
      i = line.indexOf("[", img ? img.end : i + 1);
      continue;
    }
    const link = linkAt(line, i);
    if (link) links.push(link);
    i = line.indexOf("[", link ? link.end : i + 1);
  }
  return links;
}

/** Bare and autolinked URLs of a line (`https://…`, `<https://…>`), trailing punctuation dropped. */
export function bareUrls(line: string): string[] {
  const urls: string[] = [];
  for (const m of line.matchAll(/https?:\/\/[^\s<>()[\]"'`]+/g)) {
    let end = m[0].length;
    while (end > 0 && ".,;:!?*_".includes(m[0][end - 1]!)) end--;
    urls.push(m[0].slice(0, end));
  }
  return urls;
}

/** A section of a markdown text: a heading and the lines up to the next heading of any level. */
export interface Section {
  readonly heading: string;
  readonly level: number;
  /** 1-based line of the heading. */
  readonly line: number;
  readonly body: readonly string[];
}

/** Lines outside fenced code blocks (``` or ~~~), with their 1-based numbers. */
export function proseLines(text: string): { line: string; n: number }[] {
  const out: { line: string; n: number }[] = [];
  let fence: string | undefined;
  for (const [i, line] of text.split("\n").entries()) {
    const t = line.trimStart();
    const marker = t.startsWith("```") ? "```" : t.startsWith("~~~") ? "~~~" : undefined;
    if (marker && (fence === undefined || fence === marker)) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined) out.push({ line, n: i + 1 });
  }
  return out;
}

/** The sections of a markdown text (ATX and setext headings; code blocks are not read). */
export function sections(text: string): Section[] {
  const lines = proseLines(text);
  const found: { heading: string; level: number; line: number; body: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { line, n } = lines[i]!;
    const atx = atxHeading(line);
    const next = lines[i + 1];
    const setext =
      !atx && next && next.n === n + 1 && line.trim() !== "" && !/^([-*+>|]|\d+[.)])/.test(line.trim())
        ? setextLevel(next.line)
        : 0;
    if (atx || setext) {
      found.push({ heading: atx ? atx.text : line.trim(), level: atx ? atx.level : setext, line: n, body: [] });
      if (setext) i++;
    } else found.at(-1)?.body.push(line);
  }
  return found;
}

/** True when a section says something: a non-empty line that is not a comment. */
export function hasContent(section: Section): boolean {
  return section.body.some((l) => l.trim() !== "" && !l.trim().startsWith("<!--"));
}

/** A line with its links replaced by their texts (images by their alt text). */
export function withoutLinks(line: string): string {
  let out = "";
  let from = 0;
  for (let i = line.indexOf("["); i >= 0; ) {
    const start = i > 0 && line[i - 1] === "!" ? i - 1 : i;
    const link = linkAt(line, start);
    if (link) {
      out += line.slice(from, start) + link.text;
      from = link.end;
    }
    i = line.indexOf("[", link ? link.end : i + 1);
  }
  return out + line.slice(from);
}
