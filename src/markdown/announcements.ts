import { DateString, type Announcement, type Catalog } from "../catalog/index.js";
import { columnTitle } from "./columns.js";
import type { ImportContext } from "./import-context.js";
import { cellMarkdown, escapeText, sameIgnoringSpace, unescapeText } from "./inline.js";
import type { TableBlock } from "./readme-source.js";
import { renderTable } from "./table.js";

const KEYS = ["date", "announcedProject", "announcement", "details"] as const;

/** The announcements table: one row per announcement, or the catalog's "none" row. */
export function renderAnnouncements(catalog: Catalog): string {
  const header = KEYS.map((k) => columnTitle(catalog, k));
  const names = new Map(catalog.projects.map((p) => [p.id, p.name]));
  const list = catalog.announcements ?? [];
  const rows = list.map((a) => [
    a.date,
    escapeText(names.get(a.project) ?? a.project),
    cellMarkdown(a.announcement),
    cellMarkdown(a.details ?? ""),
  ]);
  const empty = catalog.readme?.announcementsEmpty;
  if (list.length === 0 && empty !== undefined) rows.push(["", "", cellMarkdown(empty), ""]);
  return renderTable(header, rows);
}

interface PendingRow {
  readonly date: string;
  readonly project: string;
  /** The project cell as written. */
  readonly projectCell: string;
  readonly announcement: string;
  readonly details: string;
  readonly line: number;
}

/**
 * Read an announcements table. Project names are resolved once the projects are known, by
 * `resolve`. Returns undefined (and warns) when a row is not understood: the table then stays
 * in the section's text as written, so nothing is lost.
 */
export function importAnnouncements(ctx: ImportContext, table: TableBlock): { resolve: () => boolean } | undefined {
  const [date = "", project = "", announcement = "", details = ""] = table.header;
  const pending: PendingRow[] = [];
  let empty: string | undefined;
  for (const row of ctx.rows(table)) {
    const [d = "", p = "", a = "", x = ""] = row.cells;
    if (d === "" && p === "" && x === "" && a !== "" && empty === undefined && pending.length === 0) empty = a;
    else if (DateString.safeParse(d).success && row.cells.length <= 4 && empty === undefined)
      pending.push({ date: d, project: unescapeText(p), projectCell: p, announcement: a, details: x, line: row.line });
    else {
      ctx.warn(
        `this announcement row is not understood (expected | YYYY-MM-DD | ` +
          `project name | announcement | details |); the table is kept as markdown`,
        row.line,
      );
      return undefined;
    }
  }
  return {
    resolve: () => {
      const out: Announcement[] = [];
      for (const row of pending) {
        const project =
          ctx.projects.find((p) => p.name === row.project) ?? ctx.projects.find((p) => p.id === row.project);
        if (!project) {
          ctx.warn(
            `announcement names '${row.project}', which is not a project of the README; the table is kept as markdown`,
            row.line,
          );
          return false;
        }
        // The cell is rendered from the project's name: it must come back as written.
        if (!sameIgnoringSpace(escapeText(project.name), row.projectCell)) {
          ctx.warn(
            `announcement names '${row.project}' with markdown that its ` +
              `project's plain name cannot show; the table is kept as markdown`,
            row.line,
            "write the project's name as plain text in the announcement",
          );
          return false;
        }
        out.push({
          date: row.date,
          project: project.id,
          announcement: row.announcement,
          ...(row.details !== "" ? { details: row.details } : {}),
        });
      }
      Object.assign(ctx.columns, { date, announcedProject: project, announcement, details });
      ctx.announcements.push(...out);
      if (empty !== undefined) ctx.announcementsEmpty = empty;
      return true;
    },
  };
}
