/** README import (markdown → catalog) and render (catalog → markdown). */
export { importReadme, type ImportOptions, type ImportResult } from "./import-readme.js";
export { renderReadme } from "./render-readme.js";
export { inferChannelKind, type ChannelKind } from "./cells.js";
export { escapeText, escapeUrl, unescapeText, sameIgnoringSpace } from "./inline.js";
export { slugify } from "./slug.js";
export { repositoriesFromLinks, withRepositoriesFromLinks } from "./repositories.js";
export { neutralizeMarkdown, findUnsafeMarkdown, type UnsafeMarkdown } from "./neutralize.js";
export { unsafeMarkdownRule } from "./unsafe-fields.js";
