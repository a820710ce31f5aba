/**
 * Which link targets may be written into an output (README, badge, later the dashboard):
 * http, https, mailto, and relative links. Everything else — javascript:, data:, vbscript:,
 * and any scheme nobody vetted — is refused, because a browser may run it.
 */

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * The URL as a browser's URL parser sees its scheme: ASCII white space and control characters
 * removed (browsers drop tab and newline anywhere and controls or spaces at the ends, so
 * `java\tscript:` is `javascript:`); removing them everywhere is stricter, never looser.
 * Character references must already be decoded (see decodeHtmlAttribute).
 */
function compact(url: string): string {
  let out = "";
  for (const c of url) if (c > " " && !(c >= "\u007f" && c <= "\u009f")) out += c;
  return out;
}

/**
 * The scheme of a URL, lower-case, or undefined for a relative link (`badges/x.svg`,
 * `#anchor`, `/path`, `//host/path`), following the WHATWG URL parser's scheme state: an
 * ASCII letter, then letters, digits, `+`, `-` or `.`, then `:`.
 *
 * @example urlScheme("JaVa\tScRiPt:alert(1)") // "javascript"
 */
export function urlScheme(url: string): string | undefined {
  // The characters compact drops are never `:`, so the first colon is the same before and after: only what stands
  // before it is compacted (a README's thousands of links are not copied whole).
  const colon = url.indexOf(":");
  if (colon < 0) return undefined;
  const scheme = compact(url.slice(0, colon));
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) ? scheme.toLowerCase() : undefined;
}

/**
 * A link target that may be written: http(s), mailto, or relative.
 *
 * @example isSafeUrl("https://x.example") // true
 * @example isSafeUrl("javascript:alert(1)") // false
 */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme);
}

/** The words for a refused URL in a message: "a javascript: URL". */
export function describeUnsafeUrl(url: string): string {
  return `a ${urlScheme(url) ?? "?"}: URL`;
}
