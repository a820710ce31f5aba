import type { Catalog, Persona, Project } from "../../catalog/index.js";
import { projectHeaders, headerRecord } from "../columns.js";
import type { ImportContext, SectionRange } from "../import-context.js";
import { escapeHeading, unescapeText } from "../inline.js";
import { plainText } from "../plain-text.js";
import { parseProjectRow, PROJECT_COLUMNS, renderProjectRow } from "../project-row.js";
import type { TableBlock } from "../readme-source.js";
import { renderTable, withEmptyRows } from "../table.js";
import { importAreaTable, renderAreaTable } from "./area-table.js";

/**
 * Layout "persona-tables": under the projects section, one heading per persona, each
 * followed by its own project table (as in the Azure Container Compute README).
 */

/**
 * The projects as the section shows them: a heading and a table per persona (and the area table of those marked
 * `areaTable`).
 */
export function renderPersonaTables(
  catalog: Catalog,
  personas: readonly Persona[],
  projectsOf: (p: Persona) => readonly Project[],
): string {
  const level = catalog.readme?.personaHeadingLevel ?? 3;
  const trailers = catalog.readme?.personaTrailers ?? {};
  const headers = projectHeaders(catalog);
  const row = (project: Project) => renderProjectRow(project, catalog.readme?.badges);
  let out = "";
  for (let i = 0; i < personas.length; i++) {
    const persona = personas[i]!;
    if (persona.areaTable) {
      // A run of personas kept in one area table, as a README moving between layouts has them.
      let j = i;
      while (j + 1 < personas.length && personas[j + 1]!.areaTable) j++;
      out += renderAreaTable(catalog, personas.slice(i, j + 1), projectsOf, persona.columns);
      i = j;
    } else {
      const header = PROJECT_COLUMNS.map((c) => persona.columns?.[c] ?? headers[c]);
      const rows = withEmptyRows(projectsOf(persona).map(row), catalog.readme?.emptyRows?.[persona.id]);
      const heading = `${"#".repeat(level)} ${persona.heading ?? escapeHeading(persona.title)}`;
      const table = renderTable(header, rows, catalog.readme?.delimiters?.[persona.id]);
      out += `${heading}\n${persona.intro ?? "\n"}${table}`;
    }
    if (i < personas.length - 1) out += trailers[personas[i]!.id] ?? "\n";
  }
  return out;
}

/**
 * Read the persona tables of a section. A table counts when a heading deeper than the
 * section's stands between it and the previous table; one without is left in the text.
 * With `area`, the section also holds a "Project Area" table (a README moving from one
 * layout to the other): its groups become personas marked `areaTable`, in their place.
 * Returns the text before the first persona heading and after the last table, or
 * undefined when no table has a persona heading.
 */
export function importPersonaTables(
  ctx: ImportContext,
  range: SectionRange,
  tables: readonly TableBlock[],
  area?: TableBlock,
): { before: string; after: string } | undefined {
  const headings = ctx.src.headings.filter(
    (h) => h.line > range.heading.line && h.line < range.to && h.depth > range.heading.depth,
  );
  type Item = { start: number; end: number; heading?: (typeof headings)[number]; table: TableBlock };
  const items: Item[] = [];
  let boundary = range.heading.line;
  for (const table of [...tables, ...(area ? [area] : [])].sort((a, b) => a.start - b.start)) {
    if (table === area) {
      items.push({ start: table.start, end: table.end, table });
      boundary = table.end;
      continue;
    }
    const heading = headings.filter((h) => h.line > boundary && h.line < table.start).pop();
    if (!heading) {
      ctx.warn(
        `this project table has no persona heading above it; it is kept as markdown, its projects are not imported`,
        table.start + 1,
        "put a heading (e.g. ### Cluster Management) above each project table",
        "E_IMPORT_TABLE_SKIPPED",
      );
      continue;
    }
    items.push({ start: heading.line, end: table.end, heading, table });
    boundary = table.end;
  }
  const groups = items.filter((item) => item.heading);
  if (groups.length === 0) return undefined;

  ctx.personaHeadingLevel = groups[0]!.heading!.depth;
  const headers = headerRecord(groups[0]!.table.header);
  Object.assign(ctx.columns, {
    project: headers.project,
    goal: headers.goal,
    state: headers.state,
    channels: headers.channels,
  });
  ctx.usedInTitle = headers.usedIn;
  // Headers of a table that differ from the first table's, by column key.
  const ownColumns = (header: readonly string[]) => {
    const own = headerRecord(header);
    return Object.fromEntries(PROJECT_COLUMNS.filter((c) => own[c] !== headers[c]).map((c) => [c, own[c]]));
  };

  items.forEach((item, g) => {
    const { heading, table } = item;
    const next = items[g + 1];
    let last: Persona | undefined;
    if (!heading) {
      // The area table: its groups are personas as in the area layout, its headers their own.
      const first = ctx.personas.length;
      importAreaTable(ctx, range, table, true);
      const columns = ownColumns(table.header.slice(1));
      for (const persona of ctx.personas.slice(first)) {
        persona.areaTable = true;
        if (Object.keys(columns).length > 0) persona.columns = columns;
      }
      last = ctx.personas.length > first ? ctx.personas[ctx.personas.length - 1] : undefined;
    } else {
      // Markdown in the heading (code, HTML, a link) is kept as written in `heading`; the title is what a reader sees.
      const holdsMarkdown = escapeHeading(unescapeText(heading.text)) !== heading.text;
      const written = holdsMarkdown
        ? plainText(heading.text) || unescapeText(heading.text)
        : unescapeText(heading.text);
      // An empty heading still groups its table: the persona gets a title to show, and the
      // heading renders back as written (empty).
      const untitled = written.trim() === "";
      const title = untitled ? `Untitled persona ${ctx.personas.length + 1}` : written;
      if (untitled)
        ctx.warn(
          `this heading is empty; its projects are imported under a persona titled '${title}'`,
          heading.line + 1,
          "write the persona's name in the heading (e.g. ### Cluster Management)",
          "E_IMPORT_EMPTY_HEADING",
        );
      const persona: Persona = { id: ctx.personaIds.next(title), title, order: ctx.personas.length + 1 };
      const intro = ctx.src.slice(heading.line + 1, table.start);
      if (intro !== "\n") persona.intro = intro;
      if (holdsMarkdown || untitled) persona.heading = heading.text;
      const columns = ownColumns(table.header);
      if (Object.keys(columns).length > 0) persona.columns = columns;
      ctx.personas.push(persona);
      ctx.keepDelimiter(table, persona.id);
      let count = 0;
      for (const row of ctx.rows(table)) {
        if (ctx.keepEmptyRow(row, persona.id, count)) continue;
        count++;
        const origin = { file: ctx.file, line: row.line, index: ctx.projects.length, headers };
        ctx.projects.push(
          parseProjectRow(row.cells, (n) => ctx.projectIds.next(n), persona.id, origin, ctx.issues, ctx.stateRows),
        );
      }
      last = persona;
    }
    if (next && last) {
      const trailer = ctx.src.slice(item.end + 1, next.start);
      if (trailer !== "\n") ctx.personaTrailers[last.id] = trailer;
    }
  });
  return {
    before: ctx.src.slice(range.from, items[0]!.start),
    after: ctx.src.slice(items[items.length - 1]!.end + 1, range.to),
  };
}
