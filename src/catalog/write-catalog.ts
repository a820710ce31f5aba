import { Document, stringify } from "yaml";
import type { Catalog, Project } from "./schema.js";

/** The first line of every generated catalog file: editors validate and complete against it. */
export function schemaComment(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}\n`;
}

const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, blockQuote: "literal", indentSeq: true } as const;

/** YAML text for a value: block style, no line folding, multi-line strings as literal blocks. */
export function toYaml(value: unknown): string {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    // Each top-level pair is written on its own (the yaml library writes them one after another, nothing between),
    // so one value the direct writer leaves to the library costs only its own pair.
    let out = "";
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out += directPair(key, v, "") ?? documentYaml({ [key]: v });
    }
    return out;
  }
  return documentYaml(value);
}

/** The yaml library's own writer: a Document of the value, printed. */
function documentYaml(value: unknown): string {
  return new Document(value, { keepUndefined: false }).toString(YAML_OPTIONS);
}

/*
 * A direct writer for what catalogs hold (maps, lists, single-line strings, integers, booleans), several times faster
 * than building a Document, printing exactly what the library prints: each function returns undefined for anything
 * it does not know to write the same way (multi-line strings, other numbers, a list in a list, ...), and the caller
 * then leaves that top-level pair to the library. write-catalog.test.ts compares both on the shapes catalogs have.
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

// The library's plain-scalar rules (yaml's stringifyString.js, plainString): control characters force double quotes;
// these starts, ends and pairs force quotes.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Tags of the default (YAML 1.2 core) schema other than str: a plain string one of them reads must be quoted. */
const OTHER_TAGS = (new Document().schema.tags as { default?: boolean; tag: string; test?: RegExp }[]).filter(
  (t) => t.default && t.tag !== "tag:yaml.org,2002:str" && t.test,
);
/**
 * Every string one of OTHER_TAGS reads (null, booleans, numbers) is empty or starts with one of these: the others
 * skip those tests (write-catalog.test.ts checks the claim on random strings).
 */
export const MAY_READ_AS_OTHER_TAG = /^(?:$|[-+.~0-9nNtTfF])/;

/** Whether the yaml library's core schema reads the plain string `s` as something other than a string. */
export function readsAsOtherTag(s: string): boolean {
  return OTHER_TAGS.some((t) => t.test!.test(s));
}
const quoted = new Map<string, string>();

/** A single-line string as the library writes it in block context (a key or a value), or undefined. */
function directString(s: string): string | undefined {
  // multi-line (block literals depend on their place) and document markers (`---`, `...`): left to the library
  if (s.includes("\n") || s.includes("\r") || /^(?:---|\.\.\.)/.test(s) || s.length > 1000) return undefined;
  if (!CONTROL.test(s) && !NOT_PLAIN.test(s) && !(MAY_READ_AS_OTHER_TAG.test(s) && readsAsOtherTag(s))) return s;
  // Quoted, single line: the same in any place (lines are not folded), so the library's top-level text is it.
  let text = quoted.get(s);
  if (text === undefined) {
    text = stringify(s, YAML_OPTIONS).replace(/\n$/, "");
    if (quoted.size >= 10_000) quoted.clear(); // a long-lived process writes many catalogs
    quoted.set(s, text);
  }
  return text.includes("\n") ? undefined : text;
}

/** A scalar value's text, or undefined. */
function directScalar(v: unknown): string | undefined {
  if (typeof v === "string") return directString(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : undefined;
  if (v === null) return "null";
  return undefined;
}

/** `key: value` at `indent`, with a newline after each line; undefined when the library must write it. */
function directPair(key: string, value: unknown, indent: string): string | undefined {
  const k = directString(key);
  if (k === undefined || k === "" || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${k}: []\n`;
    const items = directSeq(value, `${indent}  `);
    return items === undefined ? undefined : `${indent}${k}:\n${items}`;
  }
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) return `${indent}${k}: {}\n`;
    const body = directMap(value, `${indent}  `);
    return body === undefined ? undefined : `${indent}${k}:\n${body}`;
  }
  const s = directScalar(value);
  return s === undefined ? undefined : `${indent}${k}: ${s}\n`;
}

/** A map's pairs at `indent`; undefined when the library must write it. */
function directMap(map: Record<string, unknown>, indent: string): string | undefined {
  let out = "";
  for (const [key, v] of Object.entries(map)) {
    if (v === undefined) return undefined;
    const pair = directPair(key, v, indent);
    if (pair === undefined) return undefined;
    out += pair;
  }
  return out;
}

/** A list's items at `indent` (`- ` then the item; a map's later pairs two further in); undefined as above. */
function directSeq(items: readonly unknown[], indent: string): string | undefined {
  let out = "";
  for (const item of items) {
    if (isPlainObject(item) && Object.keys(item).length > 0) {
      const body = directMap(item, `${indent}  `);
      if (body === undefined) return undefined;
      out += `${indent}- ${body.slice(indent.length + 2)}`;
      continue;
    }
    const s = item === undefined || typeof item === "object" ? undefined : directScalar(item);
    if (s === undefined && item !== null) return undefined;
    out += `${indent}- ${s ?? "null"}\n`;
  }
  return out;
}

/** One file holding the whole catalog. */
export function stringifyCatalog(catalog: Catalog, schemaRef?: string): string {
  return (schemaRef ? schemaComment(schemaRef) : "") + toYaml(dropUndefined(catalog));
}

/** The folder form: upstream.yaml listing project ids in order, and one file per project. */
export function stringifyCatalogFolder(
  catalog: Catalog,
  schemaRefs?: { catalog: string; project: string },
): Map<string, string> {
  const files = new Map<string, string>();
  const main = { ...catalog, projects: catalog.projects.map((p) => p.id) };
  files.set("upstream.yaml", (schemaRefs ? schemaComment(schemaRefs.catalog) : "") + toYaml(dropUndefined(main)));
  for (const project of catalog.projects)
    files.set(`projects/${project.id}.yaml`, stringifyProject(project, schemaRefs?.project));
  return files;
}

export function stringifyProject(project: Project, schemaRef?: string): string {
  return (schemaRef ? schemaComment(schemaRef) : "") + toYaml(dropUndefined(project));
}

function dropUndefined<T>(value: T): T {
  // A value JSON would give back as it is (an imported catalog) is not copied: the copy was a tenth of an import.
  return isJsonAsIs(value) ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Whether `JSON.parse(JSON.stringify(value))` would equal `value` key for key, in order: only strings, booleans,
 * null, finite numbers other than -0, arrays without holes or undefined, and plain objects without undefined values
 * or a toJSON.
 */
export function isJsonAsIs(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonAsIs(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0)
        return false;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) return false;
        if (key === "toJSON" || !isJsonAsIs(record[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
