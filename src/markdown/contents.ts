import type { Persona } from "../catalog/index.js";
import { escapeText, parseLinkAt, unescapeText } from "./inline.js";
import { plainText } from "./plain-text.js";

/**
 * The Contents section's persona entries (`  * [Cluster Management](#cluster-management)`).
 * The body is kept as written; import records the persona titles it was written for
 * (section.personas), and render writes the persona entries anew only when the catalog's
 * personas are no longer those: a new persona gets an entry, a dropped one loses its entry, a
 * renamed one gets its new title, and every other line (and every entry of a persona still
 * there under its title) stays as written.
 */

/** One list item that is only a link to an anchor of this page. */
interface Entry {
  readonly indent: string;
  readonly bullet: string;
  readonly text: string;
  readonly anchor: string;
}

/** `  * [Text](#anchor)` → its parts; undefined for any other line. */
function entryOf(line: string): Entry | undefined {
  const bullet = /^([ \t]*)([*+-]|\d{1,9}[.)])[ \t]+/.exec(line);
  if (!bullet) return undefined;
  const rest = line.slice(bullet[0].length);
  const link = parseLinkAt(rest);
  if (!link?.url.startsWith("#") || rest.slice(link.end).trim() !== "") return undefined;
  return { indent: bullet[1]!, bullet: bullet[2]!, text: link.label, anchor: link.url.slice(1) };
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a '-'. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** What a persona's heading shows (its anchor comes from this). */
function shownHeading(persona: Pick<Persona, "title" | "heading">): string {
  return persona.heading ? plainText(persona.heading) : persona.title;
}

/** An entry links to the persona when it names its anchor, or shows its title. */
function isEntryOf(entry: Entry, persona: Pick<Persona, "title" | "heading">): boolean {
  return entry.anchor === headingAnchor(shownHeading(persona)) || unescapeText(entry.text).trim() === persona.title;
}

/** At import: the titles of the catalog's personas when the body lists at least one of them. */
export function contentsPersonas(body: string, personas: readonly Persona[]): string[] | undefined {
  const entries = body.split("\n").flatMap((line) => entryOf(line) ?? []);
  return personas.some((p) => entries.some((e) => isEntryOf(e, p))) ? personas.map((p) => p.title) : undefined;
}

/**
 * At render: the body as written while the personas are the ones it was written for;
 * otherwise with its run of persona entries written for `personas` (see the module comment).
 */
export function renderContentsBody(
  body: string,
  writtenFor: readonly string[] | undefined,
  personas: readonly Persona[],
): string {
  if (
    !writtenFor ||
    sameList(
      writtenFor,
      personas.map((p) => p.title),
    )
  )
    return body;
  const lines = body.split("\n");
  const old = writtenFor.map((title) => ({ title }));
  // The persona entries: from the first line that links to one of the old personas to the last.
  const isOld = (line: string) => {
    const entry = entryOf(line);
    return !!entry && old.some((p) => isEntryOf(entry, p));
  };
  const first = lines.findIndex(isOld);
  if (first < 0) return body;
  let last = first;
  for (let i = first + 1; i < lines.length && entryOf(lines[i]!); i++) if (isOld(lines[i]!)) last = i;
  const model = entryOf(lines[first]!)!;
  const written = new Map<string, string>();
  for (const line of lines.slice(first, last + 1)) {
    const entry = entryOf(line)!;
    const persona = old.find((p) => isEntryOf(entry, p));
    if (persona && !written.has(persona.title)) written.set(persona.title, line);
  }
  const entries = personas.map(
    (p) =>
      (writtenFor.includes(p.title) && written.get(p.title)) ||
      `${model.indent}${model.bullet} [${escapeText(shownHeading(p))}](#${headingAnchor(shownHeading(p))})`,
  );
  // Lines inside the run that are not persona entries (another link) stay, after the entries.
  const others = lines.slice(first, last + 1).filter((line) => !isOld(line));
  return [...lines.slice(0, first), ...entries, ...others, ...lines.slice(last + 1)].join("\n");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
