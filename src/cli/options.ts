/**
 * Help texts and parsers of options several commands share. Light on purpose: the command
 * specs import it, and `upstream --help` loads nothing else.
 */

export const CATALOG_OPTION_HELP = "catalog file or folder (default: ./upstream.yaml, else the bundled example)";
export const AFFILIATIONS_OPTION_HELP =
  "a gitdm developers_affiliations*.txt, email-map or company-names-mapping " +
  "file, in addition to program.affiliations (repeatable)";
export const CACHE_DIR_OPTION_HELP =
  "where clones and evidence are cached " +
  "(default: <catalog folder>/.upstream-cache; the bundled example's in your cache)";
export const MIRROR_OPTION_HELP =
  "read repositories whose URL starts with FROM from TO instead (a URL or a " +
  "local folder), as git's insteadOf; repeatable, added to program.mirrors";

/** For repeatable options (`--affiliations A --affiliations B`); no default, so --help shows none. */
export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
export const DATABASE_OPTION_HELP =
  "the store, a postgres:// URL (default: UPSTREAM_DATABASE_URL, else <catalog folder>/.upstream/portfolio.db)";
export const NO_STORE_OPTION_HELP = "keep nothing in the store and reuse nothing from it";
