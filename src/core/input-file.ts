import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { describeFsError } from "./fs-errors.js";

/**
 * Reading a file a user or a catalog names, safely: only a regular file is read (a FIFO would
 * block, `/dev/zero` never ends, a folder is no file), opened without blocking, and never more
 * than `maxBytes`. Every refusal is a reason in words, for a located issue.
 */

/** Large enough for a 2,000-project catalog or README many times over. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type InputFileProblem = "not-found" | "is-directory" | "not-regular" | "too-large" | "unreadable";

export type InputFile =
  | { readonly bytes: Buffer }
  | { readonly problem: InputFileProblem; readonly message: string; readonly hint: string };

/**
 * Read `path` whole if it is a regular file of at most `maxBytes`.
 * @example const r = readInputFile("upstream.yaml"); if ("problem" in r) report(r.message, r.hint);
 */
export function readInputFile(path: string, options: { maxBytes?: number; what?: string } = {}): InputFile {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const what = options.what ?? path;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failure(error, what);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory())
      return { problem: "is-directory", message: `${what} is a folder, not a file`, hint: "name a file" };
    if (!info.isFile())
      return {
        problem: "not-regular",
        message: `${what} is not a regular file (a ${kindOf(info)}); only regular files are read`,
        hint: "name a regular file (not a pipe, device or socket)",
      };
    if (info.size > maxBytes) return tooLarge(what, maxBytes);
    // Read to the end rather than trusting st_size (files in /proc report 0), up to the limit, into a buffer of the
    // size st_size gives plus one byte (to see the end without another buffer; a 1 MiB one per file made reading a
    // folder of 2,000 small project files allocate 4 GB), grown when the file is longer than it said.
    let buffer = Buffer.allocUnsafe(Math.min(info.size > 0 ? info.size + 1 : 1 << 16, maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return tooLarge(what, maxBytes);
      // A regular file that gave the st_size bytes it said it has, and not the byte more asked for, is at its end:
      // no second read to hear so (a syscall per file of a 2,000-file catalog).
      if (info.size > 0 && total === info.size && total < buffer.length) break;
    }
    return { bytes: buffer.subarray(0, total) };
  } catch (error) {
    return failure(error, what);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(what: string, maxBytes: number): InputFile {
  return {
    problem: "too-large",
    message:
      `${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} ` +
      `MB, more than a file of this kind can reasonably hold`,
    hint: "check that the path names the intended file",
  };
}

function kindOf(info: import("node:fs").Stats): string {
  if (info.isFIFO()) return "named pipe";
  if (info.isCharacterDevice()) return "character device";
  if (info.isBlockDevice()) return "block device";
  if (info.isSocket()) return "socket";
  return "special file";
}

function failure(error: unknown, what: string): InputFile {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return { problem: "not-found", message: `no such file: ${what}`, hint: "check the path" };
  if (code === "EISDIR")
    return { problem: "is-directory", message: `${what} is a folder, not a file`, hint: "name a file" };
  if (code === "ENOTDIR")
    return {
      problem: "not-found",
      message: `no such file: ${what} (a part of the path is a file, not a folder)`,
      hint: "check the path",
    };
  return { problem: "unreadable", message: `cannot read ${what}: ${describeFsError(error)}`, hint: "check the path" };
}
