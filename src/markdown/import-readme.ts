import { API_VERSION, type Catalog, type Program, type Readme, type Section } from "../catalog/index.js";
import { issue, type Issue } from "../core/index.js";
import { plural } from "../core/index.js";
import { importAnnouncements } from "./announcements.js";
import { contentsPersonas } from "./contents.js";
import { ImportContext, type SectionRange } from "./import-context.js";
import { importLimitIssue } from "./import-limits.js";
import { escapeHeading, unescapeText } from "./inline.js";
import { importAreaTable } from "./layouts/area-table.js";
import { importPersonaTables } from "./layouts/persona-tables.js";
import { settleBadges } from "./project-row.js";
import { ReadmeSource } from "./readme-source.js";
import { findUnsafeMarkdown } from "./neutralize.js";
import { trimBlankLines } from "./spacing.js";

export interface ImportOptions {
  /** The README's name in issue locations. @default "README.md" */
  readonly file?: string;
}

export interface ImportResult {
  /** Present unless the README could not be imported at all (then issues hold an error). */
  readonly catalog?: Catalog;
  /** Warnings for cells kept raw (with their line), or the error that stopped the import. */
  readonly issues: readonly Issue[];
}

/** Headings that give a prose section its role (the first match of each wins). */
const ROLE_HEADINGS = [
  ["contents", /^(table of )?contents$/i],
  ["support", /support/i],
  ["contributing", /contribut/i],
  ["maturity", /maturity/i],
] as const;

/**
 * Turn a README into a catalog, keeping every word: table cells become structured fields
 * where they render back the same (else they are kept raw, with a warning naming the line),
 * prose sections are kept in order as written, and the layout is recorded so that
 * `renderReadme(importReadme(md).catalog)` gives `md` back up to white space.
 *
 * Pure: no I/O. Understands the "persona-tables" and "area-table" layouts.
 *
 * @example
 * const { catalog, issues } = importReadme(readFileSync("README.md", "utf8"), { file: "README.md" });
 */
export function importReadme(markdown: string, options: ImportOptions = {}): ImportResult {
  const file = options.file ?? "README.md";
  // Measured before remark sees it: a deep nesting would exhaust time and memory.
  const limit = importLimitIssue(markdown, file);
  if (limit) return { issues: [limit] };
  const src = new ReadmeSource(markdown);
  const ctx = new ImportContext(src, file);

  // structure: title, then sections at the shallowest heading level below it
  const first = src.headings[0];
  const title = first && first.depth === 1 && first.line === src.firstBlockLine ? first : undefined;
  const below = src.headings.filter((h) => h !== title);
  const level = below.length > 0 ? Math.min(...below.map((h) => h.depth)) : undefined;
  const heads = below.filter((h) => h.depth === level);
  const ranges: SectionRange[] = heads.map((heading, i) => ({
    heading,
    from: heading.line + 1,
    to: heads[i + 1]?.line ?? src.lines.length,
    last: i === heads.length - 1,
  }));
  const tablesIn = (r: SectionRange) => src.tables.filter((t) => t.start >= r.from && t.start < r.to);

  // projects: the first section holding project tables
  let projectsAt = -1;
  let layout: Readme["layout"] = "persona-tables";
  let projectsText: { before: string; after: string } | undefined;
  for (const [i, range] of ranges.entries()) {
    const tables = tablesIn(range);
    const area = tables.find((t) => t.kind === "area");
    const personaTables = tables.filter((t) => t.kind === "persona");
    // Persona tables first: a section can hold both layouts while a README moves from one to the other.
    if (personaTables.length > 0) projectsText = importPersonaTables(ctx, range, personaTables, area);
    if (!projectsText && area) {
      layout = "area-table";
      projectsText = importAreaTable(ctx, range, area);
    }
    if (projectsText) {
      projectsAt = i;
      break;
    }
  }
  const badges = settleBadges(ctx.projects, ctx.stateRows, ctx.issues);
  warnDuplicates(ctx);
  // A table headed like a project table but with other columns (a column added or padded) would drop its projects
  // silently.
  for (const table of src.tables.filter(
    (t) => t.kind === "other" && /project/i.test(t.header[0] ?? "") && t.header.length >= 4,
  ))
    ctx.issues.push(
      issue(
        "E_IMPORT_TABLE_SKIPPED",
        `this table is headed like a project table but has ${table.header.length} columns (a project table has ` +
          `5, or 6 with 'Project Area' first); it is kept as markdown, ` +
          `${plural(table.end - table.start - 1, "row")} not imported as projects`,
        {
          severity: "warning",
          file,
          line: table.start + 1,
          hint:
            "give it the columns | Project | Goal | Project State | " +
            "Communication | Use on … | (remove an empty or extra column)",
        },
      ),
    );
  if (projectsText) {
    for (const [i, range] of ranges.entries()) {
      if (i === projectsAt) continue;
      for (const table of tablesIn(range).filter((t) => t.kind === "persona" || t.kind === "area"))
        ctx.issues.push(
          issue(
            "E_IMPORT_TABLE_SKIPPED",
            `this project table is in section '${range.heading.text}', not in '${ranges[projectsAt]!.heading.text}' ` +
              `where the projects are read from; it is kept as markdown, ` +
              `${plural(table.end - table.start - 1, "row")} not imported as projects`,
            {
              severity: "warning",
              file,
              line: table.start + 1,
              hint: `move its rows into the tables of '${ranges[projectsAt]!.heading.text}'`,
            },
          ),
        );
    }
  }
  if (!projectsText) {
    const error = issue("E_IMPORT_NO_TABLE", `${file} has no project table the importer understands`, {
      file,
      hint:
        "expected a section with a heading per persona, each followed by a table whose header is | Project " +
        "… | Goal | Project State … | Communication | Use on … |, or one table whose first column is 'Project Area'",
    });
    return { issues: [...ctx.issues, error] };
  }

  // announcements: the first other section holding an announcements table
  let announcementsAt = -1;
  const announcementsText: { before: string; after: string } = { before: "", after: "" };
  for (const [i, range] of ranges.entries()) {
    if (i === projectsAt) continue;
    const table = tablesIn(range).find((t) => t.kind === "announcements");
    if (!table) continue;
    const found = importAnnouncements(ctx, table);
    if (found?.resolve()) {
      announcementsAt = i;
      announcementsText.before = src.slice(range.from, table.start);
      announcementsText.after = src.slice(table.end + 1, range.to);
    }
    break;
  }

  // sections, in order
  const program: Program = {
    name: title ? unescapeText(title.text) : heads[0] ? unescapeText(heads[0].text) : "Upstream program",
  };
  if (ctx.usedInTitle !== undefined) program.usedInTitle = ctx.usedInTitle;
  const taken = new Set<string>();
  const sections: Section[] = ranges.map((range, i) => {
    const section: Section = { heading: range.heading.text };
    if (range.heading.depth !== 2) section.level = range.heading.depth;
    if (i === projectsAt || i === announcementsAt) {
      const text = i === projectsAt ? projectsText! : announcementsText;
      section.role = i === projectsAt ? "projects" : "announcements";
      return withText(section, text.before, range.last, text.after);
    }
    const role = ROLE_HEADINGS.find(([r, pattern]) => !taken.has(r) && pattern.test(range.heading.text))?.[0];
    if (role) {
      taken.add(role);
      section.role = role;
    }
    const { before, core, after } = trimBlankLines(src.slice(range.from, range.to));
    if (role === "support" || role === "contributing") {
      if (core !== "") program[role] = core;
    } else if (core !== "") section.body = core;
    const personas = role === "contents" ? contentsPersonas(core, ctx.personas) : undefined;
    if (personas) section.personas = personas;
    return withSpacing(section, before, core, after, range.last ? 0 : 1);
  });

  const readme: Readme = { layout };
  const lead = title ? src.slice(0, title.line) : "";
  if (lead !== "") readme.lead = lead;
  if (!title) readme.title = "";
  else if (escapeHeading(program.name) !== title.text) readme.title = title.text;
  const preamble = src.slice(title ? title.line + 1 : 0, heads[0]?.line ?? src.lines.length);
  if (preamble !== "\n") readme.preamble = preamble;
  readme.columns = ctx.columns;
  if (ctx.announcementsEmpty !== undefined) readme.announcementsEmpty = ctx.announcementsEmpty;
  readme.sections = sections;
  if (layout === "persona-tables") readme.personaHeadingLevel = ctx.personaHeadingLevel ?? 3;
  if (Object.keys(ctx.personaTrailers).length > 0) readme.personaTrailers = ctx.personaTrailers;
  if (Object.keys(ctx.delimiters).length > 0) readme.delimiters = ctx.delimiters;
  if (Object.keys(ctx.emptyRows).length > 0) readme.emptyRows = ctx.emptyRows;
  if (badges) readme.badges = badges;

  const catalog: Catalog = { apiVersion: API_VERSION, program, readme, personas: ctx.personas, projects: ctx.projects };
  if (ctx.announcements.length > 0) catalog.announcements = ctx.announcements;
  return { catalog, issues: [...ctx.issues, ...unsafeMarkdownWarnings(src.text, file)] };
}

/**
 * One warning per README line holding HTML that could run script or a link to an unvetted
 * scheme, wherever it stands (a cell, a section, the lead): it is imported as written, so
 * nothing is lost, and rendering neutralizes it.
 */
function unsafeMarkdownWarnings(markdown: string, file: string): Issue[] {
  const byLine = new Map<number, string[]>();
  for (const f of findUnsafeMarkdown(markdown)) {
    const reasons = byLine.get(f.line) ?? [];
    if (!reasons.includes(f.reason)) reasons.push(f.reason);
    byLine.set(f.line, reasons);
  }
  return [...byLine].map(([line, reasons]) =>
    issue(
      "E_IMPORT_UNSAFE_HTML",
      `this line holds ${reasons.join(", ")}, which a browser could run; it is ` +
        `imported as written, and rendering neutralizes it so it shows as text`,
      {
        severity: "warning",
        file,
        line,
        hint:
          "remove the script, event handler or javascript:/data: URL from " +
          "the README (links may be http, https, mailto or relative)",
      },
    ),
  );
}

/**
 * The same project listed twice (same name, or same home link), as under two personas: each
 * listing stays a project of its own (so the README renders back), and a warning says so.
 */
function warnDuplicates(ctx: ImportContext): void {
  const seen = new Map<string, number>();
  ctx.projects.forEach((project, i) => {
    const keys = [
      `name:${project.name.toLowerCase()}`,
      ...(project.home ? [`home:${project.home.replace(/\/+$/, "").toLowerCase()}`] : []),
    ];
    const first = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
    for (const k of keys) if (!seen.has(k)) seen.set(k, i);
    if (first === undefined) return;
    const earlier = ctx.projects[first]!;
    const personaTitle = (id: string) => ctx.personas.find((p) => p.id === id)?.title ?? id;
    ctx.issues.push(
      issue(
        "E_IMPORT_DUPLICATE_PROJECT",
        `'${project.name}' is listed again (first at line ${ctx.stateRows[first]!.origin.line} under ` +
          `'${personaTitle(earlier.persona)}', as '${earlier.id}'); this listing under ` +
          `'${personaTitle(project.persona)}' is imported as project '${project.id}'`,
        {
          severity: "warning",
          file: ctx.file,
          line: ctx.stateRows[i]!.origin.line,
          path: `projects[${i}]`,
          hint:
            "keep both if the project belongs to both personas (each " +
            "entry is assessed on its own), or delete one of the rows",
        },
      ),
    );
  });
}

/** A table section: its text before the table (trimmed, with blank-line counts) and after it (as written). */
function withText(section: Section, before: string, last: boolean, after: string): Section {
  const t = trimBlankLines(before);
  if (t.core !== "") section.body = t.core;
  withSpacing(section, t.before, t.core, t.after, 1);
  if (after !== (last ? "" : "\n")) section.after = after;
  return section;
}

/** Record blank-line counts only where they differ from the defaults (1 before; `afterDefault` after). */
function withSpacing(section: Section, before: number, core: string, after: number, afterDefault: number): Section {
  const blankLines: { before?: number; after?: number } = {};
  if (before !== 1) blankLines.before = before;
  if (core !== "" && after !== afterDefault) blankLines.after = after;
  if (Object.keys(blankLines).length > 0) section.blankLines = blankLines;
  return section;
}
