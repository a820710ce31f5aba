import type { Catalog, Persona, Project } from "../../catalog/index.js";
import { columnTitle, headerRecord, projectHeaders } from "../columns.js";
import type { ImportContext, SectionRange } from "../import-context.js";
import { escapeText, unescapeText } from "../inline.js";
import { plainText } from "../plain-text.js";
import { parseProjectRow, PROJECT_COLUMNS, renderProjectRow } from "../project-row.js";
import type { TableBlock } from "../readme-source.js";
import { renderTable, withEmptyRows, type TableRow } from "../table.js";

/**
 * Layout "area-table": one table whose first column is "Project Area". A row with only the
 * area filled starts a persona's group; the project rows below it leave the area empty.
 */

export function renderAreaTable(
  catalog: Catalog,
  personas: readonly Persona[],
  projectsOf: (p: Persona) => readonly Project[],
  columns?: Readonly<Record<string, string>>,
): string {
  const headers = projectHeaders(catalog);
  const header = [columnTitle(catalog, "area"), ...PROJECT_COLUMNS.map((c) => columns?.[c] ?? headers[c])];
  const rows: TableRow[] = [];
  for (const persona of personas) {
    const group: TableRow[] = [[persona.heading ?? escapeText(persona.title), "", "", "", "", ""]];
    for (const project of projectsOf(persona)) group.push(["", ...renderProjectRow(project, catalog.readme?.badges)]);
    rows.push(...withEmptyRows(group, catalog.readme?.emptyRows?.[persona.id], 1));
  }
  return renderTable(header, rows, personas[0] && catalog.readme?.delimiters?.[personas[0].id]);
}

/**
 * Read the area table; returns the section text before and after it. `amid` persona tables
 * (a README between layouts), the persona tables' headers stay the README's columns.
 */
export function importAreaTable(
  ctx: ImportContext,
  range: SectionRange,
  table: TableBlock,
  amid = false,
): { before: string; after: string } {
  const [area = "", ...rest] = table.header;
  const headers = headerRecord(rest);
  ctx.columns.area = area;
  if (!amid) {
    Object.assign(ctx.columns, {
      project: headers.project,
      goal: headers.goal,
      state: headers.state,
      channels: headers.channels,
    });
    ctx.usedInTitle = headers.usedIn;
  }

  let persona: Persona | undefined;
  const firstPersona = ctx.personas.length;
  // Project rows of the current group so far, to place its empty rows.
  let count = 0;
  // Empty rows before the first area row stand before it.
  const early: Array<{ cells: string[]; text: string }> = [];
  for (const row of ctx.rows(table)) {
    if (row.cells.every((c) => c === "")) {
      if (persona) ctx.keepEmptyRow(row, persona.id, count);
      else early.push(row);
      continue;
    }
    const [areaCell = "", ...cells] = row.cells;
    const areaRow = areaCell !== "" && cells.every((c) => c === "");
    if (areaRow || !persona || areaCell !== "") {
      if (!areaRow)
        ctx.warn(
          `a project row ${areaCell !== "" ? "that also names an area" : "before any area row"}; ` +
            `the area is given a row of its own when rendered`,
          row.line,
          undefined,
          "E_IMPORT_AREA_ROW",
        );
      // A project row before any area row, or one that also names an area, gets a group of its own.
      persona = areaPersona(ctx, areaCell !== "" ? areaCell : "Projects");
      if (ctx.personas.length === firstPersona + 1) ctx.keepDelimiter(table, persona.id);
      for (const e of early.splice(0)) ctx.keepEmptyRow(e, persona.id, -1);
      count = 0;
      if (areaRow) continue;
    }
    count++;
    const origin = { file: ctx.file, line: row.line, index: ctx.projects.length, headers };
    ctx.projects.push(
      parseProjectRow(cells, (n) => ctx.projectIds.next(n), persona.id, origin, ctx.issues, ctx.stateRows),
    );
  }
  return { before: ctx.src.slice(range.from, table.start), after: ctx.src.slice(table.end + 1, range.to) };
}

/** A persona from an area cell as written; markdown the plain title cannot show is kept in `heading`. */
function areaPersona(ctx: ImportContext, cell: string): Persona {
  // A cell that is more than escaped text keeps its markdown in `heading`; the title is what a reader sees.
  const holdsMarkdown = escapeText(unescapeText(cell)) !== cell;
  const title = holdsMarkdown ? plainText(cell) || unescapeText(cell) : unescapeText(cell);
  const persona: Persona = { id: ctx.personaIds.next(title), title, order: ctx.personas.length + 1 };
  if (holdsMarkdown) persona.heading = cell;
  ctx.personas.push(persona);
  return persona;
}
