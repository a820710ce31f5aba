import { decodeHtmlAttribute, htmlTokens } from "./html-tokens.js";
import { describeUnsafeUrl, isSafeUrl } from "./safe-url.js";

/**
 * The HTML a README may keep live: an allow-list of elements and attributes, the subset of
 * GitHub's README sanitizer (html-pipeline's SanitizationFilter, which rehype-sanitize's
 * default schema also follows) that READMEs use. Anything else — script, style, iframe, form,
 * svg, event handlers, style attributes — is not live: the tag is neutralized and shows as text.
 * An allow-list fails closed: an element nobody thought of is refused, not let through.
 */
const ELEMENTS = new Set(
  (
    "a abbr b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em " +
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp small " +
    "source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr"
  ).split(" "),
);

const ATTRIBUTES = new Set(
  (
    "abbr align alt aria-describedby aria-hidden aria-label aria-labelledby border cellpadding cellspacing class " +
    "clear color cols colspan compact datetime dir headers height hreflang hspace id lang loading media name " +
    "nowrap open rel rev role rows rowspan scope sizes span start " +
    "summary tabindex target title type valign value vspace width style " +
    "href src cite longdesc srcset"
  ).split(" "),
);

/**
 * `style` as READMEs write it (`text-align: center`, `font-size: 25px`, `border-bottom: none`):
 * declarations whose values are words, numbers, units, colours and commas only. No parentheses
 * (so no `url(…)`, no `expression(…)`), no backslash escapes, no `@import`: the CSS that could
 * load or run something has nowhere to go. Checked after decoding.
 */
const PLAIN_STYLE = /^\s*(?:[a-zA-Z-]{1,40}\s*:\s*[a-zA-Z0-9#%.,\s-]{0,200}(?:;\s*|$))*$/;

/** Attributes holding a URL (srcset a list of them), checked after decoding. */
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "longdesc"]);

/** A piece of HTML that must not stay live, and why. */
export interface UnsafeHtml {
  /** Offset of its `<` in the fragment. */
  readonly offset: number;
  /** In words, for a message: "a <script> element", "an onerror= attribute". */
  readonly reason: string;
}

/**
 * Every tag of an HTML fragment that the allow-list refuses: an element or attribute not on
 * it, a URL attribute whose decoded value is not http(s), mailto or relative, or a tag,
 * comment or doctype left open at the end (the browser would read on into what follows).
 *
 * @example unsafeHtml('<b>x</b><img src="x"onerror=alert(1)>') // [{ offset: 8, reason: "an onerror= attribute" }]
 */
export function unsafeHtml(html: string): UnsafeHtml[] {
  const out: UnsafeHtml[] = [];
  for (const token of htmlTokens(html)) {
    if (token.kind === "unfinished") {
      out.push({ offset: token.start, reason: "a tag or comment left open" });
      continue;
    }
    if (token.kind !== "start" && token.kind !== "end") continue;
    if (!ELEMENTS.has(token.name)) {
      out.push({ offset: token.start, reason: `a <${token.name}> element` });
      continue;
    }
    // A browser ignores an end tag's attributes.
    if (token.kind === "end") continue;
    const reason = unsafeAttribute(token.attributes);
    if (reason) out.push({ offset: token.start, reason });
  }
  return out;
}

function unsafeAttribute(attributes: readonly { name: string; value: string }[]): string | undefined {
  for (const { name, value } of attributes) {
    if (!ATTRIBUTES.has(name)) return `an ${name}= attribute`;
    const decoded = decodeHtmlAttribute(value);
    if (URL_ATTRIBUTES.has(name) && !isSafeUrl(decoded)) return `${describeUnsafeUrl(decoded)} in ${name}=`;
    // Bounded before the pattern runs, so it stays linear.
    if (name === "style" && (decoded.length > 1000 || !PLAIN_STYLE.test(decoded)))
      return "a style= attribute beyond plain declarations";
    if (name === "srcset") {
      for (const candidate of decoded.split(",")) {
        const url = candidate.trim().split(/[\t\n\f\r ]/)[0] ?? "";
        if (!isSafeUrl(url)) return `${describeUnsafeUrl(url)} in srcset=`;
      }
    }
  }
  return undefined;
}
