/** Core: ids, dates, words, the error-code registry and the small text and file helpers every folder shares. */
export * from "./dates.js";
export * from "./errors.js";
export * from "./fs-errors.js";
export * from "./html-allow-list.js";
export * from "./html-tokens.js";
export * from "./input-file.js";
export * from "./make-directory.js";
export * from "./safe-url.js";
export * from "./terminal-text.js";
export * from "./text-table.js";
export * from "./words.js";
