import type { Catalog, CatalogRule, PathSegment, RuleIssue } from "../catalog/index.js";
import { findUnsafeMarkdown } from "./neutralize.js";

/** A markdown field of the catalog that the README shows, and whether it stands inside a line (a cell, a heading). */
interface MarkdownField {
  readonly at: readonly PathSegment[];
  readonly text: string;
  readonly inline: boolean;
}

/** Every markdown field the README renders, with its path. */
export function markdownFields(catalog: Catalog): MarkdownField[] {
  const out: MarkdownField[] = [];
  const add = (at: readonly PathSegment[], text: unknown, inline: boolean) => {
    if (typeof text === "string" && text !== "") out.push({ at, text, inline });
  };
  const record = (at: readonly PathSegment[], value: unknown, inline: boolean) => {
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) add([...at, k], v, inline);
  };
  const raw = (at: readonly PathSegment[], value: unknown) => {
    if (value && typeof value === "object" && "raw" in value)
      add([...at, "raw"], (value as { raw: unknown }).raw, true);
  };
  add(["program", "support"], catalog.program?.support, false);
  add(["program", "contributing"], catalog.program?.contributing, false);
  const readme = catalog.readme;
  if (readme) {
    for (const key of ["lead", "preamble", "trailer"] as const) add(["readme", key], readme[key], false);
    add(["readme", "title"], readme.title, true);
    add(["readme", "announcementsEmpty"], readme.announcementsEmpty, true);
    record(["readme", "columns"], readme.columns, true);
    record(["readme", "personaTrailers"], readme.personaTrailers, false);
    (readme.sections ?? []).forEach((s, i) => {
      add(["readme", "sections", i, "heading"], s?.heading, true);
      add(["readme", "sections", i, "body"], s?.body, false);
      add(["readme", "sections", i, "after"], s?.after, false);
    });
  }
  (catalog.personas ?? []).forEach((p, i) => {
    add(["personas", i, "intro"], p?.intro, false);
    add(["personas", i, "heading"], p?.heading, true);
    record(["personas", i, "columns"], p?.columns, true);
  });
  (catalog.announcements ?? []).forEach((a, i) => {
    add(["announcements", i, "announcement"], a?.announcement, true);
    add(["announcements", i, "details"], a?.details, true);
  });
  (catalog.projects ?? []).forEach((p, i) => {
    if (!p) return;
    const at = ["projects", i] as const;
    add([...at, "goal"], p.goal, true);
    if (p.state && !("raw" in p.state)) add([...at, "state", "note"], p.state.note, true);
    if (p.versions && !("raw" in p.versions)) add([...at, "versions", "text"], p.versions.text, true);
    if (Array.isArray(p.channels))
      p.channels.forEach((c, j) => add([...at, "channels", j, "text"], c && "text" in c ? c.text : undefined, true));
    for (const key of ["state", "versions", "channels", "usedIn"] as const) raw([...at, key], p[key]);
    record([...at, "raw"], p.raw, true);
  });
  return out;
}

/**
 * `validate`: a warning, located at the field, for each markdown field holding HTML that could
 * run script (a `<script>`, an `on…=` handler, a tag outside the allow-list) or a link whose
 * scheme is not http(s), mailto or relative. Not an error: the README import keeps such text
 * as written, and rendering neutralizes it.
 */
export const unsafeMarkdownRule: CatalogRule = (catalog) =>
  markdownFields(catalog).flatMap((field): RuleIssue[] => {
    const found = findUnsafeMarkdown(field.text, { inline: field.inline });
    if (found.length === 0) return [];
    const reasons = [...new Set(found.map((f) => f.reason))];
    const where = field.text.includes("\n") ? ` (line ${found[0]!.line} of the text)` : "";
    return [
      {
        code: "E_CATALOG_UNSAFE_MARKDOWN",
        message:
          `this markdown holds ${reasons.slice(0, 3).join(", ")}${reasons.length > 3 ? ", …" : ""}${where}, ` +
          `which a browser could run; the README shows it as text`,
        at: field.at,
        hint:
          "remove it: HTML is limited to README tags such as <br>, <b>, <ul><li>, " +
          "<img src>, <a href>; links may be http, https, mailto or relative",
        severity: "warning",
      },
    ];
  });
