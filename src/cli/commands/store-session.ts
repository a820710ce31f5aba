import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { resolve } from "node:path";
import {
  cacheLocation,
  parseExport,
  storeLocation,
  type OpenedCatalog,
  type ParsedExport,
  type StoreReport,
  type StoreSession,
} from "../../app/index.js";
import { escapeTerminalLine, issue, plural, readInputFile, UserError } from "../../core/index.js";
import { DATABASE_URL_VARIABLE, openStore, type Store, type StoreTarget } from "../../store/index.js";
import { PACKAGE_ROOT } from "../shared.js";

/** The store options `collect` and `assess` share. */
export interface StoreFlags {
  database?: string;
  /** false with --no-store. */
  store?: boolean;
}

/** The tool's version, as package.json says (recorded with each run). */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** The tool's folder in the user's cache: `$XDG_CACHE_HOME/upstream-portfolio`, else `~/.cache/upstream-portfolio`. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative value is invalid and ignored.
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache"), "upstream-portfolio");
}

let toldUserCache = false;

/**
 * The store a command uses (--database, else UPSTREAM_DATABASE_URL, else the file beside the catalog; the bundled
 * example's in the user's cache, which stderr is told once).
 */
export function commandStoreTarget(opened: OpenedCatalog, flags: { readonly database?: string }): StoreTarget {
  const database = flags.database ?? process.env[DATABASE_URL_VARIABLE];
  const location = storeLocation(opened, { ...(database ? { database } : {}), userCacheDir: userCacheDir() });
  if (location.inUserCache && !toldUserCache) {
    toldUserCache = true;
    process.stderr.write(
      `upstream: the bundled example is read-only: its store is kept in your cache, ` +
        `${escapeTerminalLine(location.inUserCache)}\n`,
    );
  }
  return location.target;
}

/**
 * The cache option a use case takes: --cache-dir as given; for the bundled example a folder in the user's cache (the
 * tool's install is not the user's to write); else none (the default beside the catalog).
 */
export function commandCacheDir(opened: OpenedCatalog, cacheDir: string | undefined): { cacheDir?: string } {
  const dir = cacheLocation(opened, { ...(cacheDir ? { cacheDir } : {}), userCacheDir: userCacheDir() });
  return dir ? { cacheDir: dir } : {};
}

/**
 * Run `work` with the store the flags name (--database, else UPSTREAM_DATABASE_URL, else the file beside the
 * catalog), closed afterwards; with --no-store, without one. A store that cannot be opened is a UserError
 * (E_STORE_*) before anything is collected.
 */
export async function withStoreSession<T>(
  flags: StoreFlags,
  opened: OpenedCatalog,
  work: (session: StoreSession | undefined) => Promise<T>,
): Promise<T> {
  if (flags.store === false) return work(undefined);
  return withStore(opened, flags, (store) => work({ store, toolVersion: toolVersion() }));
}

/** Run `work` with the store the flags name, closed afterwards (commands that need one: history, store). */
export async function withStore<T>(
  opened: OpenedCatalog,
  flags: { readonly database?: string },
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(commandStoreTarget(opened, flags));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * withStoreSession for a use case that can start without the store (collect: git's reads): `work` gets a function
 * that opens the store, once, when first called; a store that cannot be opened is then `work`'s error. The store is
 * closed afterwards.
 */
export async function withStoreOpening<T>(
  flags: StoreFlags,
  opened: OpenedCatalog,
  work: (session: (() => Promise<StoreSession>) | undefined) => Promise<T>,
): Promise<T> {
  if (flags.store === false) return work(undefined);
  const target = commandStoreTarget(opened, flags);
  const version = toolVersion();
  let opening: Promise<StoreSession> | undefined;
  try {
    return await work(() => (opening ??= openStore(target).then((store) => ({ store, toolVersion: version }))));
  } finally {
    const session = await opening?.catch(() => undefined);
    await session?.store.close();
  }
}

/** One line for stderr: what the run kept in the store and what it reused. */
export function describeStoreReport(report: StoreReport & { readonly assessments?: number }): string {
  const assessed = report.assessments === undefined ? "" : `, ${plural(report.assessments, "assessment")} stored`;
  return (
    `store ${escapeTerminalLine(report.location)}: ${plural(report.written, "snapshot")} read from git and stored, ` +
    `${plural(report.reused, "repository", "repositories")} reused from the store${assessed}`
  );
}

/** A store export read and checked line by line (located errors), for `assess --evidence` and `store import`. */
export function readEvidenceExport(file: string): ParsedExport & { readonly file: string } {
  const read = readInputFile(resolve(file), { what: "the store export" });
  if ("problem" in read)
    throw new UserError("E_FILE_NOT_FOUND", `cannot read the store export ${file}`, {
      issues: [issue("E_FILE_NOT_FOUND", read.message, { file, hint: read.hint })],
    });
  return { ...parseExport(read.bytes.toString("utf8"), file), file };
}
