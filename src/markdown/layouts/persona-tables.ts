import type { Catalog, Persona, Project } from "../../catalog/index.js";
import { projectHeaders, headerRecord } from "../columns.js";
import type { ImportContext, SectionRange } from "../import-context.js";
import { escapeHeading, unescapeText } from "../inline.js";
import { plainText } from "../plain-text.js";
import { parseProjectRow, PROJECT_COLUMNS, renderProjectRow } from "../project-row.js";
import type { TableBlock } from "../readme-source.js";
import { renderTable, withEmptyRows } from "../table.js";

/**
 * Layout "persona-tables": under the projects section, one heading per persona, each
 * followed by its own project table (as in the Azure Container Compute README).
 */

/** The projects as the section shows them: a heading and a table per persona. */
export function renderPersonaTables(catalog: Catalog, personas: readonly Persona[], projectsOf: (p: Persona) => readonly Project[]): string {
  const level = catalog.readme?.personaHeadingLevel ?? 3;
  const trailers = catalog.readme?.personaTrailers ?? {};
  const headers = projectHeaders(catalog);
  const row = (project: Project) => renderProjectRow(project, catalog.readme?.badges);
  return personas
    .map((persona, i) => {
      const trailer = i < personas.length - 1 ? (trailers[persona.id] ?? "\n") : "";
      const header = PROJECT_COLUMNS.map((c) => persona.columns?.[c] ?? headers[c]);
      const rows = withEmptyRows(projectsOf(persona).map(row), catalog.readme?.emptyRows?.[persona.id]);
      return `${"#".repeat(level)} ${persona.heading ?? escapeHeading(persona.title)}\n${persona.intro ?? "\n"}${renderTable(header, rows)}${trailer}`;
    })
    .join("");
}

/**
 * Read the persona tables of a section. A table counts when a heading deeper than the
 * section's stands between it and the previous table; one without is left in the text.
 * Returns the text before the first persona heading and after the last table, or
 * undefined when no table has a persona heading.
 */
export function importPersonaTables(ctx: ImportContext, range: SectionRange, tables: readonly TableBlock[]): { before: string; after: string } | undefined {
  const headings = ctx.src.headings.filter((h) => h.line > range.heading.line && h.line < range.to && h.depth > range.heading.depth);
  const groups: Array<{ heading: (typeof headings)[number]; table: TableBlock }> = [];
  let boundary = range.heading.line;
  for (const table of tables) {
    const heading = headings.filter((h) => h.line > boundary && h.line < table.start).pop();
    if (!heading) {
      ctx.warn(`this project table has no persona heading above it; it is kept as markdown, its projects are not imported`, table.start + 1, "put a heading (e.g. ### Cluster Management) above each project table");
      continue;
    }
    groups.push({ heading, table });
    boundary = table.end;
  }
  if (groups.length === 0) return undefined;

  ctx.personaHeadingLevel = groups[0]!.heading.depth;
  const headers = headerRecord(groups[0]!.table.header);
  Object.assign(ctx.columns, { project: headers.project, goal: headers.goal, state: headers.state, channels: headers.channels });
  ctx.usedInTitle = headers.usedIn;

  groups.forEach(({ heading, table }, g) => {
    // Markdown in the heading (code, HTML, a link) is kept as written in `heading`; the title is what a reader sees.
    const holdsMarkdown = escapeHeading(unescapeText(heading.text)) !== heading.text;
    const title = holdsMarkdown ? plainText(heading.text) || unescapeText(heading.text) : unescapeText(heading.text);
    const persona: Persona = { id: ctx.personaIds.next(title), title, order: g + 1 };
    const intro = ctx.src.slice(heading.line + 1, table.start);
    if (intro !== "\n") persona.intro = intro;
    if (holdsMarkdown) persona.heading = heading.text;
    const own = headerRecord(table.header);
    const columns = Object.fromEntries(PROJECT_COLUMNS.filter((c) => own[c] !== headers[c]).map((c) => [c, own[c]]));
    if (Object.keys(columns).length > 0) persona.columns = columns;
    ctx.personas.push(persona);
    const next = groups[g + 1];
    if (next) {
      const trailer = ctx.src.slice(table.end + 1, next.heading.line);
      if (trailer !== "\n") ctx.personaTrailers[persona.id] = trailer;
    }
    let count = 0;
    for (const row of ctx.rows(table)) {
      if (ctx.keepEmptyRow(row, persona.id, count)) continue;
      count++;
      const origin = { file: ctx.file, line: row.line, index: ctx.projects.length, headers };
      ctx.projects.push(parseProjectRow(row.cells, (n) => ctx.projectIds.next(n), persona.id, origin, ctx.issues, ctx.stateRows));
    }
  });
  const last = groups[groups.length - 1]!;
  return { before: ctx.src.slice(range.from, groups[0]!.heading.line), after: ctx.src.slice(last.table.end + 1, range.to) };
}
