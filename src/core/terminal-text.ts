/**
 * Text from untrusted sources (git author names, file paths, tag names, files of a
 * repository) made safe to print on a terminal, on one line.
 *
 * Unsafe characters are the C0 controls U+0000–U+001F (newline and tab included: values are
 * one-line), DEL and the C1 controls U+007F–U+009F (ESC, CSI, OSC… start terminal escape
 * sequences), and the bidirectional overrides and isolates U+202A–U+202E, U+2066–U+2069
 * ("Trojan Source": they reorder what the reader sees). Each is replaced by a visible,
 * ASCII escape `\uXXXX` (four lower-case hex digits): `\x1b[31m` becomes `\u001b[31m`.
 * The result holds none of them, so escaping twice changes nothing.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `s` with every unsafe character written as `\uXXXX`. */
export function escapeTerminalText(s: string): string {
  return UNSAFE_TEST.test(s) ? s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : s;
}

/** `s` on one line (runs of line breaks and tabs become a space, ends trimmed), then escaped. */
export function escapeTerminalLine(s: string): string {
  return escapeTerminalText(s.replace(/[\r\n\t]+/g, " ").trim());
}

/** Whether `s` holds a character `escapeTerminalText` would escape. */
export function hasTerminalControl(s: string): boolean {
  return UNSAFE_TEST.test(s);
}

/**
 * A copy of `value` with every string in it (object keys included) escaped with
 * `escapeTerminalText`. Arrays and plain objects are copied; numbers, booleans, null and
 * undefined are kept. Values already safe come back as they were.
 */
export function escapeTerminalDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === "string") return escapeTerminalText(value);
  if (Array.isArray(value)) return value.map(deep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[escapeTerminalText(k)] = deep(v);
    return out;
  }
  return value;
}
