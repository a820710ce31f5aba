import { BADGE_ID_PLACEHOLDER, type ProjectState, type ReadmeBadges } from "../catalog/index.js";
import { escapeText, escapeUrl, parseLinkAt, parseWholeLink } from "./inline.js";

/**
 * Maturity badges in the state cell (readme.badges): the last `<br>` part of a structured
 * state shows `[![CNCF: incubating](badges/<id>.svg)](link)`. On import the badges of all rows
 * must agree on one template, or each is left where it was (the raw path, with a warning).
 */

/** One project's badge: the templates with its id filled in. */
export interface RowBadge {
  readonly image: string;
  readonly link?: string;
}

/** The badge of project `id` under the catalog's templates. */
export function rowBadge(badges: ReadmeBadges, id: string): RowBadge {
  const image = badges.image.replaceAll(BADGE_ID_PLACEHOLDER, id);
  return badges.link === undefined ? { image } : { image, link: badges.link.replaceAll(BADGE_ID_PLACEHOLDER, id) };
}

/**
 * `[![Framework: level](image)](link)`, or `![Framework: level](image)` without a link; the alt text escaped as plain
 * text.
 */
export function renderBadge(state: ProjectState, badge: RowBadge): string {
  const alt = `${escapeText(state.framework)}: ${escapeText(state.level)}`.trimEnd();
  // Brackets are escaped too: the image may sit inside a link's text.
  const image = `![${alt}](${escapeUrl(badge.image).replace(/[[\]]/g, "\\$&")})`;
  return badge.link === undefined ? image : `[${image}](${escapeUrl(badge.link)})`;
}

/** A `<br>` part that is exactly an image, or a link around exactly an image; undefined otherwise. */
export function parseBadge(part: string): RowBadge | undefined {
  const link = parseWholeLink(part);
  const inner = link ? link.label.trim() : part;
  if (!inner.startsWith("!")) return undefined;
  const image = parseLinkAt(inner, 1);
  if (!image || image.end !== inner.length) return undefined;
  return link ? { image: image.url, link: link.url } : { image: image.url };
}

/** How often `id` occurs in `text`. */
function occurrences(text: string, id: string): number {
  let n = 0;
  for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + 1)) n++;
  return n;
}

/** The image of a row is understood when it holds the row's id exactly once (and no literal placeholder). */
export function isBadgeImageOf(badge: RowBadge, id: string): boolean {
  return occurrences(badge.image, id) === 1 && !badge.image.includes(BADGE_ID_PLACEHOLDER);
}

/** A badge seen on a row whose project has the given id. */
export interface BadgeSighting {
  readonly id: string;
  readonly badge: RowBadge;
}

/**
 * The one template that gives every sighting back, or undefined when the rows disagree.
 * The image always names the id; the link does when it differs from row to row (or, on a
 * single row, when it holds the id once), else it is the same URL for all.
 */
export function settleBadgeTemplate(sightings: readonly BadgeSighting[]): ReadmeBadges | undefined {
  if (sightings.length === 0) return undefined;
  const templated = (text: string, id: string) =>
    occurrences(text, id) === 1 && !text.includes(BADGE_ID_PLACEHOLDER)
      ? text.replace(id, BADGE_ID_PLACEHOLDER)
      : undefined;
  const agreed = (values: ReadonlyArray<string | undefined>) =>
    values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;

  const image = agreed(sightings.map((s) => templated(s.badge.image, s.id)));
  if (image === undefined) return undefined;

  const links = sightings.map((s) => s.badge.link);
  if (links.every((l) => l === undefined)) return { image };
  if (links.some((l) => l === undefined)) return undefined;
  const same = agreed(links);
  const perRow = agreed(sightings.map((s) => templated(s.badge.link!, s.id)));
  const link = same !== undefined && (sightings.length > 1 || perRow === undefined) ? same : (perRow ?? same);
  if (link === undefined) return undefined;

  const badges: ReadmeBadges = { image, link };
  // The template must give each row's badge back exactly (e.g. a link that holds the id only by chance).
  return sightings.every((s) => sameBadge(rowBadge(badges, s.id), s.badge)) ? badges : undefined;
}

function sameBadge(a: RowBadge, b: RowBadge): boolean {
  return a.image === b.image && a.link === b.link;
}
