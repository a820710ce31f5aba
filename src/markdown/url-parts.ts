/**
 * The parts `new URL` gives of a plain web URL, without parsing it: an http(s) URL whose host is a DNS name of ASCII
 * letters, digits and hyphens (last label starting with a letter, no "xn--") and whose rest holds only characters the
 * WHATWG parser keeps as they are, with no dot segment, empty query or empty fragment it would drop or resolve. A
 * README's thousands of links are such; for any other URL this gives undefined, and the caller asks `new URL`.
 * url-parts.test.ts compares both on random URLs.
 */
export interface WebUrlParts {
  readonly protocol: "http:" | "https:";
  /** Lower-case, as URL.hostname. */
  readonly hostname: string;
  /** As URL.pathname, URL.search and URL.hash. */
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

const PLAIN = /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)([/?#][A-Za-z0-9\-._~!$&()*+,;=:@/?#]*)?$/i;

export function webUrlParts(url: string): WebUrlParts | undefined {
  const m = PLAIN.exec(url);
  if (!m) return undefined;
  const host = m[2]!;
  const rest = m[3] ?? "";
  if (/xn--/i.test(host) || rest.endsWith("?") || rest.endsWith("#") || rest.includes("?#")) return undefined;
  const query = rest.indexOf("?");
  const fragment = rest.indexOf("#");
  const pathEnd = Math.min(query < 0 ? rest.length : query, fragment < 0 ? rest.length : fragment);
  const pathname = rest.slice(0, pathEnd);
  // "." and ".." segments are resolved by the parser
  if (/(?:^|\/)\.\.?(?:\/|$)/.test(pathname)) return undefined;
  const hasQuery = query >= 0 && (fragment < 0 || query < fragment);
  return {
    protocol: m[1]!.toLowerCase() === "https" ? "https:" : "http:",
    hostname: host.toLowerCase(),
    pathname: pathname === "" ? "/" : pathname,
    search: hasQuery ? rest.slice(query, fragment < 0 ? rest.length : fragment) : "",
    hash: fragment >= 0 ? rest.slice(fragment) : "",
  };
}
