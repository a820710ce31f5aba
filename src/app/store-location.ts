import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { STORE_FILE, storeTarget, type StoreTarget } from "../store/index.js";
import { BUNDLED_EXAMPLE } from "./catalog-path.js";
import type { OpenedCatalog } from "./open-catalog.js";

export interface StoreLocationInput {
  /** A PostgreSQL URL (--database, else the environment's UPSTREAM_DATABASE_URL, read by the caller). */
  readonly database?: string;
  /**
   * The user's cache folder for this tool (`$XDG_CACHE_HOME/upstream-portfolio`, else
   * `~/.cache/upstream-portfolio`): where the bundled example's store goes, as the tool's own folder is not the
   * user's to write.
   */
  readonly userCacheDir: string;
}

export interface StoreLocation {
  readonly target: StoreTarget;
  /** Set when the store is kept in the user's cache (the bundled example's): the file, to tell the user. */
  readonly inUserCache?: string;
}

const realFolder = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** Whether a catalog is the bundled example, however it was named: read-only, inside the tool's install. */
export function isBundledExample(opened: Pick<OpenedCatalog, "source" | "baseDir">): boolean {
  return opened.source === "bundled-example" || realFolder(opened.baseDir) === realFolder(dirname(BUNDLED_EXAMPLE));
}

/**
 * Which store a command uses: the PostgreSQL URL when given; else the SQLite file beside the catalog
 * (`.upstream/portfolio.db`); for the bundled example, `<userCacheDir>/<hash of its folder>/portfolio.db`, so that
 * nothing is written inside the tool (one folder per install, as two installs hold two examples).
 * @example storeLocation(opened, { userCacheDir: "/home/ann/.cache/upstream-portfolio" }).target
 */
export function storeLocation(
  opened: Pick<OpenedCatalog, "source" | "baseDir">,
  input: StoreLocationInput,
): StoreLocation {
  const target = storeTarget({ catalogDir: opened.baseDir, ...(input.database ? { database: input.database } : {}) });
  if ("url" in target || !isBundledExample(opened)) return { target };
  const file = join(bundledFolder(opened, input.userCacheDir), STORE_FILE);
  return { target: { file, makeFolder: true }, inUserCache: file };
}

/** The bundled example's folder in the user's cache: one per install, as two installs hold two examples. */
function bundledFolder(opened: Pick<OpenedCatalog, "baseDir">, userCacheDir: string): string {
  const hash = createHash("sha256").update(realFolder(opened.baseDir)).digest("hex").slice(0, 16);
  return join(resolve(userCacheDir), hash);
}

/**
 * Where clones and evidence are cached: `cacheDir` when given (--cache-dir); for the bundled example
 * `<userCacheDir>/<hash of its folder>/cache`, never inside the tool; else undefined (the collector's default,
 * `.upstream-cache` beside the catalog).
 * @example cacheLocation(opened, { userCacheDir: "/home/ann/.cache/upstream-portfolio" })
 */
export function cacheLocation(
  opened: Pick<OpenedCatalog, "source" | "baseDir">,
  input: { readonly cacheDir?: string; readonly userCacheDir: string },
): string | undefined {
  if (input.cacheDir) return input.cacheDir;
  return isBundledExample(opened) ? join(bundledFolder(opened, input.userCacheDir), "cache") : undefined;
}
