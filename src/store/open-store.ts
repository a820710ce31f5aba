import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeDirectory } from "../core/index.js";
import { describeFsError } from "../core/index.js";
import { storeError } from "./store-error.js";
import type { Store } from "./store.js";

/** Where a store is: beside a catalog (the default), an explicit SQLite file, or a PostgreSQL URL. */
export type StoreTarget =
  | { readonly catalogDir: string }
  | {
      readonly file: string;
      /** Make the file's folder (and its parents) when missing: a store kept in the user's cache. */
      readonly makeFolder?: boolean;
    }
  | { readonly url: string; readonly schema?: string };

/** The SQLite file beside a catalog: `<catalog folder>/.upstream/portfolio.db`. */
export const STORE_FOLDER = ".upstream";
export const STORE_FILE = "portfolio.db";

/** The environment variable naming a PostgreSQL store when `--database` does not. */
export const DATABASE_URL_VARIABLE = "UPSTREAM_DATABASE_URL";

/**
 * Which store a command uses: `--database URL`, else UPSTREAM_DATABASE_URL, else the file beside the catalog.
 * @example storeTarget({ catalogDir: "examples/demo", env: process.env }) // { catalogDir: "examples/demo" }
 */
export function storeTarget(options: {
  readonly catalogDir: string;
  readonly database?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}): StoreTarget {
  const url = options.database ?? options.env?.[DATABASE_URL_VARIABLE];
  return url ? { url } : { catalogDir: options.catalogDir };
}

/**
 * Open the store (creating and migrating it on first use). The engines load only when used, so a
 * command that needs no PostgreSQL loads no `pg`.
 * @example const store = await openStore({ catalogDir: "." }); await store.listRuns(); await store.close();
 */
export async function openStore(target: StoreTarget): Promise<Store> {
  if ("url" in target) {
    const { openPostgresStore } = await import("./postgres/postgres-store.js");
    return openPostgresStore(target);
  }
  const { openSqliteStore } = await import("./sqlite/sqlite-store.js");
  if ("file" in target) {
    if (target.makeFolder) makeStoreFolder(dirname(target.file));
    return openSqliteStore(target.file);
  }
  return openSqliteStore(join(storeFolderOf(target.catalogDir), STORE_FILE));
}

/** `<catalogDir>/.upstream`, made when missing; the catalog folder itself must exist (nothing is made elsewhere). */
function storeFolderOf(catalogDir: string): string {
  const folder = join(catalogDir, STORE_FOLDER);
  let isFolder: boolean;
  try {
    isFolder = statSync(catalogDir).isDirectory();
  } catch (error) {
    throw storeError("E_STORE_UNAVAILABLE", {
      store: folder,
      message: `cannot open the store in ${folder}: the catalog folder ${catalogDir} ${describeFsError(error)}`,
      fix: "name the catalog's folder with --catalog",
    });
  }
  if (!isFolder)
    throw storeError("E_STORE_UNAVAILABLE", {
      store: folder,
      message: `cannot open the store in ${folder}: ${catalogDir} is not a folder`,
      fix: "pass the catalog's folder, not its file",
    });
  makeStoreFolder(folder, "make the catalog folder writable, or name a PostgreSQL store with --database");
  return folder;
}

function makeStoreFolder(folder: string, fix = "make the folder writable, or name a PostgreSQL store with --database") {
  try {
    makeDirectory(folder);
  } catch (error) {
    throw storeError("E_STORE_UNAVAILABLE", {
      store: folder,
      message: `cannot make the store's folder ${folder}: ${describeFsError(error)}`,
      fix,
    });
  }
}
