import {
  Url,
  type CHANNEL_KINDS,
  type Artifact,
  type Channel,
  type ProjectState,
  type UsedIn,
  type Versions,
} from "../catalog/index.js";
import {
  cellMarkdown,
  escapeText,
  indexOfUnescaped,
  parseLinkAt,
  parseWholeLink,
  renderLink,
  splitBr,
  splitUnescaped,
  unescapeText,
} from "./inline.js";
import { webUrlParts } from "./url-parts.js";

/**
 * One parse/render pair per kind of project-table cell. A parser returns undefined when the
 * text is not in its form; the caller then checks that rendering the result gives the cell
 * back (up to white space) before trusting it, and keeps the cell raw otherwise.
 */

const BR = " <br> ";

/** slack, mailing-list, forum, issues, board or other. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

function isUrl(url: string): boolean {
  return Url.safeParse(url).success;
}

// ---- project: [Name](home) <br> ([releases](url)) <br> [Tests](url) -------------------

/** What the first column shows: the name, linked to home, then artifact links. */
export interface ProjectCell {
  readonly name: string;
  readonly home?: string;
  readonly artifacts?: Artifact[];
}

/** `[Name](home) <br> ([releases](…)) <br> [Tests](…)`. */
export function renderProjectCell(p: ProjectCell): string {
  const head = p.home ? renderLink(p.name, p.home) : escapeText(p.name);
  const artifacts = (p.artifacts ?? []).map((a) =>
    a.parenthesized ? `(${renderLink(a.label, a.url)})` : renderLink(a.label, a.url),
  );
  return [head, ...artifacts].join(BR);
}

/** The inverse of renderProjectCell; undefined when a part is not a link to an absolute URL. */
export function parseProjectCell(cell: string): ProjectCell | undefined {
  const [head = "", ...rest] = splitBr(cell);
  const link = parseWholeLink(head);
  if (link && !isUrl(link.url)) return undefined;
  const name = unescapeText(link ? link.label : head).trim();
  if (name === "") return undefined;
  const artifacts: Artifact[] = [];
  for (const part of rest) {
    const parenthesized = part.startsWith("(") && part.endsWith(")");
    const a = parseWholeLink(parenthesized ? part.slice(1, -1).trim() : part);
    if (!a || !isUrl(a.url)) return undefined;
    artifacts.push(
      parenthesized
        ? { label: unescapeText(a.label), url: a.url, parenthesized: true }
        : { label: unescapeText(a.label), url: a.url },
    );
  }
  return { name, ...(link ? { home: link.url } : {}), ...(artifacts.length > 0 ? { artifacts } : {}) };
}

/** A readable name for a project whose cell could not be understood. */
export function fallbackName(cell: string): string {
  const head = splitBr(cell)[0] ?? "";
  const link = parseLinkAt(head);
  const text = link ? link.label : head.replace(/<[^>]*>/g, "");
  return unescapeText(text).trim() || "project";
}

// ---- project state: CNCF: sandbox ([pending](…)) ----------------------------------------

/** `CNCF: sandbox ([pending](…))`: framework and level escaped, the note as markdown. */
export function renderState(s: ProjectState): string {
  const to = s.foundation ? ` to ${escapeText(s.foundation, "(")}` : "";
  return `${escapeText(s.framework, ":")}: ${escapeText(s.level, "(")}${to}${s.note ? " " + cellMarkdown(s.note) : ""}`;
}

/** `Framework: level (note)`; undefined without a `:` after a non-empty framework. */
export function parseState(text: string): ProjectState | undefined {
  const colon = indexOfUnescaped(text, ":");
  if (colon <= 0) return undefined;
  const framework = unescapeText(text.slice(0, colon)).trim();
  if (framework === "") return undefined;
  const rest = text.slice(colon + 1).trim();
  const paren = indexOfUnescaped(rest, "(");
  const level = unescapeText(paren < 0 ? rest : rest.slice(0, paren)).trim();
  const note = paren < 0 ? "" : rest.slice(paren).trim();
  return note ? { framework, level, note } : { framework, level };
}

// ---- versions: API: v1alpha3 | APIs: Traffic Split v1alpha3; Traffic Target v1alpha1 ----

/** What counts as a version token: v1, v1beta2, 1.2.3, alpha, beta, stable, GA. */
export const VERSION_TOKEN = /^(v\d[\w.+-]*|\d[\w.+-]*|alpha|beta|stable|ga|deprecated)$/i;

const SEPARATORS = ["; ", " and ", ", "] as const;
const DEFAULT_SEPARATOR = "; ";

/** `API: v1`, `APIs: Traffic Split v1alpha3; Traffic Target v1alpha1`, or `API: N/A` (free text). */
export function renderVersions(v: Versions): string {
  const label = `${escapeText(v.label, ":")}:`;
  if (!v.items) return `${label} ${cellMarkdown(v.text ?? "")}`.trimEnd();
  const items = v.items.map((i) => (i.name ? `${escapeText(i.name, ";,")} ${i.version}` : i.version));
  return `${label} ${items.join(v.separator ?? DEFAULT_SEPARATOR)}`;
}

/** Items when every piece ends in a version token (separators `; `, ` and `, `, `), else free text. */
export function parseVersions(text: string): Versions | undefined {
  const colon = indexOfUnescaped(text, ":");
  if (colon <= 0) return undefined;
  const label = unescapeText(text.slice(0, colon)).trim();
  if (label === "") return undefined;
  const rest = text.slice(colon + 1).trim();
  const items = parseVersionItems(rest);
  return items ? { label, ...items } : { label, text: rest };
}

function parseVersionItems(rest: string): Pick<Versions, "items" | "separator"> | undefined {
  for (const separator of SEPARATORS) {
    const pieces = splitUnescaped(rest, separator);
    if (pieces.length < 2) continue;
    const items = pieces.map(parseVersionItem);
    if (items.every((i) => i !== undefined))
      return {
        items: items as NonNullable<Versions["items"]>,
        ...(separator === DEFAULT_SEPARATOR ? {} : { separator }),
      };
  }
  const single = parseVersionItem(rest);
  return single ? { items: [single] } : undefined;
}

function parseVersionItem(piece: string): { name?: string; version: string } | undefined {
  const m = /^(.*?)\s*(\S+)$/s.exec(piece.trim());
  if (!m || !VERSION_TOKEN.test(m[2]!)) return undefined;
  const name = unescapeText(m[1]!).trim();
  return name ? { name, version: m[2]! } : { version: m[2]! };
}

// ---- communication: [#x](slack) <br> [a@b](groups) <br> same slack and email ------------

/** Channels joined by `<br>`: links, or free text as written. */
export function renderChannels(channels: readonly Channel[]): string {
  return channels.map((c) => ("text" in c ? cellMarkdown(c.text) : renderLink(c.label, c.url))).join(BR);
}

/** One channel per `<br>` part, its kind inferred; undefined for an empty cell or a link to a non-absolute URL. */
export function parseChannels(cell: string): Channel[] | undefined {
  if (cell === "") return undefined;
  const out: Channel[] = [];
  for (const part of splitBr(cell)) {
    const link = parseWholeLink(part);
    if (link && !isUrl(link.url)) return undefined;
    if (!link) out.push({ text: part });
    else {
      const label = unescapeText(link.label);
      out.push({ kind: inferChannelKind(label, link.url), label, url: link.url });
    }
  }
  return out;
}

/**
 * The kind of a channel, from its URL and label: slack.com → slack; an e-mail-like label,
 * mailto: or Google Groups → mailing-list; forum/discuss → forum; /issues → issues;
 * /projects → board; else other.
 */
export function inferChannelKind(label: string, url: string): ChannelKind {
  let host = "";
  let path = "";
  try {
    const u = webUrlParts(url) ?? new URL(url);
    host = u.hostname.toLowerCase();
    path = (u.pathname + u.search + u.hash).toLowerCase();
  } catch {
    // the schema rejects such URLs; classify by label alone
  }
  if (/(^|\.)slack\.com$/.test(host)) return "slack";
  if (
    url.toLowerCase().startsWith("mailto:") ||
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(label) ||
    host === "groups.google.com" ||
    host.startsWith("lists.")
  )
    return "mailing-list";
  if (/forum|discuss/.test(host) || /\/(forum|forums|discuss)(\/|$)/.test(path)) return "forum";
  if (/\/issues(\/|\?|$)/.test(path) || /\/labels\//.test(path)) return "issues";
  if (/\/projects(\/|$)/.test(path)) return "board";
  return "other";
}

// ---- where it is used: <ul><li>[t](u)</li>…</ul> | [t](u) | text ------------------------

/** One place as a bare link or text; several as `<ul><li>…</li></ul>`. */
export function renderUsedIn(items: readonly UsedIn[]): string {
  const one = (i: UsedIn) => (i.url ? renderLink(i.title, i.url) : escapeText(i.title));
  if (items.length === 1) return one(items[0]!);
  return `<ul>${items.map((i) => `<li>${one(i)}</li>`).join("")}</ul>`;
}

/**
 * The items of `<ul><li>…</li>…</ul>`, or undefined when the cell is not such a list. Scanned by
 * hand: the pattern it replaces backtracked exponentially on `<ul><li>a</li><li>a</li>…x`.
 */
function listItems(cell: string): string[] | undefined {
  const lower = cell.toLowerCase();
  if (!lower.startsWith("<ul>") || !lower.endsWith("</ul>")) return undefined;
  const end = cell.length - "</ul>".length;
  const items: string[] = [];
  let at = "<ul>".length;
  for (;;) {
    while (at < end && /\s/.test(cell[at]!)) at++;
    if (at >= end) break;
    if (!lower.startsWith("<li>", at)) return undefined;
    const close = lower.indexOf("</li>", at + 4);
    if (close < 0 || close + 5 > end) return undefined;
    items.push(cell.slice(at + 4, close).trim());
    at = close + 5;
  }
  return items.length > 0 ? items : undefined;
}

/** The inverse of renderUsedIn; undefined for an empty cell or a link to a non-absolute URL. */
export function parseUsedIn(cell: string): UsedIn[] | undefined {
  if (cell === "") return undefined;
  const texts = listItems(cell) ?? [cell];
  const items: UsedIn[] = [];
  for (const text of texts) {
    const link = parseWholeLink(text);
    if (link && !isUrl(link.url)) return undefined;
    if (text === "") return undefined;
    items.push(link ? { title: unescapeText(link.label), url: link.url } : { title: unescapeText(text) });
  }
  return items;
}
