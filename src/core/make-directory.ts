import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p` that always ends. Node's own recursive mkdir loops forever under `/proc` (it
 * retries on ENOENT), so this walks up to the nearest folder that exists, then creates each
 * missing one in turn, and throws the first error with a `code` (ENOENT, EACCES, ENOTDIR,
 * EROFS …) for the caller to word.
 * @example makeDirectory("/tmp/a/b/c")
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const info = statOrUndefined(at);
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: "ENOTDIR", path: at });
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // made meanwhile
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && statOrUndefined(dir)?.isDirectory()) continue;
      throw error;
    }
  }
}

function statOrUndefined(path: string): import("node:fs").Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
