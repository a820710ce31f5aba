import type { Framework } from "./framework.js";

/**
 * The shipped frameworks (src/maturity/frameworks/*.yaml), parsed and validated when the CLI is built:
 * scripts/build.mjs replaces this module in the bundle with their models, in file-name order, each without its
 * `file` (the loader sets it to where the copy beside the bundle is). Reading and checking them is most of what a
 * small command does otherwise. From the sources (tests, tsx) it is undefined and the files are read instead.
 */
export const PRECOMPILED_FRAMEWORKS: readonly { readonly name: string; readonly framework: Framework }[] | undefined =
  undefined;
