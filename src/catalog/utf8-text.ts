import { issue, type Issue } from "../core/index.js";

const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * Decode a file's bytes as UTF-8, or say where the first byte that is not UTF-8 is.
 * Reading such a file leniently would turn those bytes into U+FFFD, losing words silently.
 *
 * @example decodeUtf8("upstream.yaml", await readFile("upstream.yaml"))
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { issue: Issue } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, at));
    const lines = before.split("\n");
    return {
      issue: issue(
        "E_FILE_NOT_UTF8",
        `byte 0x${bytes[at]!.toString(16).padStart(2, "0")} is not UTF-8 (the ` +
          `file seems to be in another encoding, such as Latin-1 or UTF-16)`,
        {
          file,
          line: lines.length,
          col: lines[lines.length - 1]!.length + 1,
          hint: "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        },
      ),
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      strict.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return Math.min(i, bytes.length - 1);
}
