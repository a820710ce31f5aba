import { isSafeUrl } from "../core/index.js";
import type { Framework } from "../maturity/index.js";

/** A flat, shields-style two-part badge: "AzCNU | incubating". */
export interface Badge {
  /** Left part: the framework's short title. */
  readonly label: string;
  /** Right part: the level. */
  readonly message: string;
  /** Right part's background, a CSS colour. */
  readonly color: string;
  /** Accessible description; default "label: message". */
  readonly title?: string;
  /** Wrap the badge in a link (e.g. to the explanation of the level). */
  readonly link?: string;
}

/** Colours per stage: sandbox grey-blue, incubating amber, graduated green, anything else light grey. */
export const STAGE_COLORS = {
  sandbox: "#5c7d9f",
  incubating: "#d9822b",
  graduated: "#2e8540",
  unknown: "#9f9f9f",
} as const;

const LABEL_COLOR = "#555";

/** The colour for a stage: by id for the usual names, else by position (first, last, middle). */
export function stageColor(framework: Pick<Framework, "stages"> | undefined, stage: string | null): string {
  if (!stage || !framework) return STAGE_COLORS.unknown;
  if (stage in STAGE_COLORS) return STAGE_COLORS[stage as keyof typeof STAGE_COLORS];
  const i = framework.stages.findIndex((s) => s.id === stage);
  if (i < 0) return STAGE_COLORS.unknown;
  return i === 0
    ? STAGE_COLORS.sandbox
    : i === framework.stages.length - 1
      ? STAGE_COLORS.graduated
      : STAGE_COLORS.incubating;
}

/**
 * The badge for a project's level in a framework. A level that is not a stage ("stable", "??")
 * is shown as written, in light grey.
 * @example maturityBadge({ label: "AzCNU", framework: azcnu, stage: "incubating" })
 */
export function maturityBadge(input: {
  label: string;
  framework?: Pick<Framework, "stages" | "name" | "version">;
  stage: string | null;
  written?: string;
  link?: string;
}): Badge {
  const stageTitle = input.framework?.stages.find((s) => s.id === input.stage)?.title;
  const message = (stageTitle ?? input.written ?? "unknown").toLowerCase() || "unknown";
  const what = input.framework ? `${input.framework.name} ${input.framework.version}` : input.label;
  const why = input.stage
    ? what
    : input.framework
      ? `not a stage of ${what}`
      : `${input.label} is not a known framework`;
  const title = `${input.label} maturity: ${message} (${why})`;
  return {
    label: input.label,
    message,
    color: stageColor(input.framework, input.stage),
    title,
    ...(input.link ? { link: input.link } : {}),
  };
}

/**
 * Characters XML 1.0 does not allow even as references (NUL, ESC, VT and the other C0
 * controls but tab and line breaks, lone surrogates, U+FFFE, U+FFFF): one would make the
 * badge a document no parser reads. DEL, the C1 controls and the bidirectional overrides are
 * allowed by XML but are never meant in a badge (they reorder or hide text): replaced too.
 */
const NOT_XML_CHARACTER =
  "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff]";
const LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const NOT_XML = new RegExp(`${NOT_XML_CHARACTER}|${LONE_SURROGATE}`, "g");

/** XML-escape text and attribute values; characters XML cannot hold become U+FFFD, so the badge stays well-formed. */
export function escapeXml(s: string): string {
  return s
    .replace(NOT_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

// Approximate Verdana 11px advance widths (shields.io measures the same font); good to a pixel or two.
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if ("iljI.,:;'|!".includes(ch)) w += 3.5;
    else if ("mwMW".includes(ch)) w += 10;
    else if (/[A-Z0-9]/.test(ch)) w += 7.5;
    else if (ch === " ") w += 3.9;
    else w += 6.3;
  }
  return Math.round(w);
}

/** Render a badge as a standalone SVG document (role="img", aria-label and <title> for screen readers). */
export function renderBadgeSvg(badge: Badge): string {
  const left = textWidth(badge.label) + 12;
  const right = textWidth(badge.message) + 12;
  const width = left + right;
  const title = escapeXml(badge.title ?? `${badge.label}: ${badge.message}`);
  const text = (s: string, x: number) =>
    `<text aria-hidden="true" x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" ` +
    `transform="scale(.1)" textLength="${textWidth(s) * 10}">${escapeXml(s)}</text>` +
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff" ` +
    `textLength="${textWidth(s) * 10}">${escapeXml(s)}</text>`;
  const body = [
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" ` +
      `stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" ` +
      `fill="${LABEL_COLOR}"/><rect x="${left}" width="${right}" ` +
      `height="20" fill="${escapeXml(badge.color)}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu ` +
      `Sans,sans-serif" text-rendering="geometricPrecision" ` +
      `font-size="110">${text(badge.label, left / 2)}${text(badge.message, left + right / 2)}</g>`,
  ].join("");
  // The CLI refuses such a link (`badge --link`); a renderer never writes one, whoever calls it.
  const inner = badge.link && isSafeUrl(badge.link) ? `<a xlink:href="${escapeXml(badge.link)}">${body}</a>` : body;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" ` +
    `height="20" role="img" aria-label="${title}"><title>${title}</title>${inner}</svg>\n`
  );
}

/** Where `upstream badge --out-dir DIR` writes a project's badge, so the README can link `badges/<id>.svg`. */
export function badgeFileName(projectId: string): string {
  return `${projectId}.svg`;
}
