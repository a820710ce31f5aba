import { isRaw, type Project, type ReadmeBadges } from "../catalog/index.js";
import { isBadgeImageOf, parseBadge, renderBadge, rowBadge, settleBadgeTemplate, type RowBadge } from "./badges.js";
import { issue, type Issue } from "../core/index.js";
import {
  fallbackName,
  parseChannels,
  parseProjectCell,
  parseState,
  parseUsedIn,
  parseVersions,
  renderChannels,
  renderProjectCell,
  renderState,
  renderUsedIn,
  renderVersions,
} from "./cells.js";
import { cellMarkdown, sameIgnoringSpace, splitBr, splitRow } from "./inline.js";

/** The five columns of a project table, in order. */
export const PROJECT_COLUMNS = ["project", "goal", "state", "channels", "usedIn"] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number];

/** The form each column is understood in, for the hint of a warning. */
const EXPECTED: Record<ProjectColumn, string> = {
  project: "[Name](https://…) <br> ([releases](https://…)) <br> [Tests](https://…)",
  goal: "any markdown",
  state:
    "'CNCF: incubating <br> API: v1alpha3' (or 'APIs: Traffic Split v1alpha3; Traffic Target v1alpha1', or 'API: N/A')",
  channels: "[#channel](https://….slack.com/…) <br> [GitHub issues](https://…/issues), or free text",
  usedIn: "<ul><li>[Title](https://…)</li><li>[Title](https://…)</li></ul>, or one [Title](https://…)",
};

/** Where a row came from, to name it in warnings. */
export interface RowOrigin {
  readonly file: string;
  /** 1-based line of the row in the README. */
  readonly line: number;
  /** Index the project will have in catalog.projects. */
  readonly index: number;
  /** Header text of each column, for messages. */
  readonly headers: Readonly<Record<ProjectColumn, string>>;
}

/** The cells of one project row, in PROJECT_COLUMNS order. Raw cells are written back as they were. */
export function renderProjectRow(p: Project, badges?: ReadmeBadges): string[] {
  const raw = p.raw ?? {};
  // Cells beyond the table's columns (GFM does not show them) are written back as they were.
  const extra = raw.extra === undefined ? [] : splitRow(`| ${raw.extra} |`);
  return [
    raw.project ?? renderProjectCell(p),
    raw.goal ?? cellMarkdown(p.goal ?? ""),
    raw.state ?? renderStateCell(p, badges && rowBadge(badges, p.id)),
    raw.channels ?? (p.channels ? (isRaw(p.channels) ? cellMarkdown(p.channels.raw) : renderChannels(p.channels)) : ""),
    raw.usedIn ?? (p.usedIn ? (isRaw(p.usedIn) ? cellMarkdown(p.usedIn.raw) : renderUsedIn(p.usedIn)) : ""),
    ...extra,
  ].map(cellMarkdown);
}

/** What the state cell shows: the state, then the versions, then (for a structured state) the badge. */
type StateFields = Pick<Project, "state" | "versions">;

function renderStateCell(p: StateFields, badge?: RowBadge): string {
  const parts: string[] = [p.state ? (isRaw(p.state) ? cellMarkdown(p.state.raw) : renderState(p.state)) : ""];
  if (p.versions) parts.push(isRaw(p.versions) ? cellMarkdown(p.versions.raw) : renderVersions(p.versions));
  if (badge && p.state && !isRaw(p.state)) parts.push(renderBadge(p.state, badge));
  return parts.join(" <br> ");
}

/** A warning for a cell (or part of the state cell) kept raw. */
function unparsed(
  origin: RowOrigin,
  column: ProjectColumn,
  name: string,
  what = "cell",
  field: string = column === "project" || column === "state" ? `raw.${column}` : column,
): Issue {
  return issue(
    "E_IMPORT_UNPARSED_CELL",
    `the ${what} of '${origin.headers[column]}' for '${name}' is not ` +
      `in a form the importer understands; it is kept as raw markdown`,
    {
      severity: "warning",
      file: origin.file,
      line: origin.line,
      path: `projects[${origin.index}].${field}`,
      hint: `leave it (it renders back as written), or write it as ${EXPECTED[column]} to make it structured data`,
    },
  );
}

/**
 * The state cell as read: structured fields, or the whole cell raw; the warnings to give; the badge stripped from it.
 */
interface StateRead {
  readonly fields: StateFields;
  readonly raw?: string;
  readonly warnings: Issue[];
  readonly badge?: RowBadge;
}

/**
 * Read `CNCF: incubating <br> API: v1alpha3` (state and versions share a cell). With
 * `withBadge`, a last part that is a badge image naming the project's id is taken as the
 * row's badge, when the rest is a structured state that renders back with it.
 */
function readStateCell(cell: string, id: string, name: string, origin: RowOrigin, withBadge: boolean): StateRead {
  let parts = cell === "" ? [] : splitBr(cell);
  const last = withBadge && parts.length >= 2 ? parseBadge(parts[parts.length - 1]!) : undefined;
  const badge = last && isBadgeImageOf(last, id) ? last : undefined;
  if (badge) parts = parts.slice(0, -1);

  const fields: StateFields = {};
  const warnings: Issue[] = [];
  if (parts.length <= 2) {
    const [s = "", v] = parts;
    if (s !== "") {
      const state = parseState(s);
      if (state && sameIgnoringSpace(renderState(state), s)) fields.state = state;
      else {
        fields.state = { raw: s };
        warnings.push(unparsed(origin, "state", name, "project state", "state"));
      }
    }
    if (v !== undefined) {
      const versions = parseVersions(v);
      if (versions && sameIgnoringSpace(renderVersions(versions), v)) fields.versions = versions;
      else {
        fields.versions = { raw: v };
        warnings.push(unparsed(origin, "state", name, "version", "versions"));
      }
    }
  }
  if (badge) {
    if (fields.state && !isRaw(fields.state) && sameIgnoringSpace(renderStateCell(fields, badge), cell))
      return { fields, warnings, badge };
    return readStateCell(cell, id, name, origin, false);
  }
  if (!sameIgnoringSpace(renderStateCell(fields), cell))
    return { fields: {}, raw: cell, warnings: [unparsed(origin, "state", name)] };
  return { fields, warnings };
}

/** A row whose state cell the badge decision may still change (see settleBadges). */
export interface StateRow {
  readonly cell: string;
  readonly name: string;
  readonly origin: RowOrigin;
  /** Where the row's state warnings start in the issue list, and how many there are. */
  readonly issueAt: number;
  readonly issueCount: number;
  /** The badge stripped from the cell, if any. */
  readonly badge?: RowBadge;
  /** The state is structured (so a template, once set, would show a badge on the row). */
  readonly structured: boolean;
}

/**
 * A project from its row's cells (as written). Each cell is parsed, rendered back and
 * compared with the original up to white space; a cell (or part of the state cell) that
 * does not come back the same is kept raw, with a warning naming the line. The row's state
 * cell is recorded in `stateRows` (same index as the project) for settleBadges.
 */
export function parseProjectRow(
  cells: readonly string[],
  id: (name: string) => string,
  persona: string,
  origin: RowOrigin,
  issues: Issue[],
  stateRows: StateRow[],
): Project {
  const [projectCell = "", goal = "", stateCell = "", channelsCell = "", usedInCell = ""] = cells;
  const raw: Record<string, string> = {};
  const warn = (column: ProjectColumn, name: string) => issues.push(unparsed(origin, column, name));

  // project: name, home, artifacts
  const head = parseProjectCell(projectCell);
  const understood = head && sameIgnoringSpace(renderProjectCell(head), projectCell) ? head : undefined;
  const name = understood?.name ?? fallbackName(projectCell);
  if (!understood) {
    raw.project = projectCell;
    warn("project", name);
  }
  const project: Project = {
    id: id(name),
    name,
    persona,
    ...(understood?.home ? { home: understood.home } : {}),
    ...(understood?.artifacts ? { artifacts: understood.artifacts } : {}),
  };
  if (goal !== "") project.goal = goal;

  // state and versions, and perhaps a badge
  const state = readStateCell(stateCell, project.id, name, origin, true);
  Object.assign(project, state.fields);
  if (state.raw !== undefined) raw.state = state.raw;
  stateRows.push({
    cell: stateCell,
    name,
    origin,
    issueAt: issues.length,
    issueCount: state.warnings.length,
    ...(state.badge ? { badge: state.badge } : {}),
    structured: !!state.fields.state && !isRaw(state.fields.state),
  });
  issues.push(...state.warnings);

  const channels = parseChannels(channelsCell);
  if (channels && sameIgnoringSpace(renderChannels(channels), channelsCell)) project.channels = channels;
  else if (channelsCell !== "") {
    project.channels = { raw: channelsCell };
    warn("channels", name);
  }

  const usedIn = parseUsedIn(usedInCell);
  if (usedIn && sameIgnoringSpace(renderUsedIn(usedIn), usedInCell)) project.usedIn = usedIn;
  else if (usedInCell !== "") {
    project.usedIn = { raw: usedInCell };
    warn("usedIn", name);
  }

  if (cells.length > PROJECT_COLUMNS.length) {
    const extra = cells.slice(PROJECT_COLUMNS.length);
    raw.extra = extra.join(" | ");
    // Empty padding cells hold no words: kept so the row renders back, without a warning.
    if (extra.some((c) => c !== ""))
      issues.push(
        issue(
          "E_IMPORT_UNPARSED_CELL",
          `the row of '${name}' has ${cells.length} cells, the table ` +
            `${PROJECT_COLUMNS.length}; the extra cells are kept as raw markdown`,
          {
            severity: "warning",
            file: origin.file,
            line: origin.line,
            path: `projects[${origin.index}].raw.extra`,
            hint:
              "GitHub does not show cells beyond the header's " +
              "columns: move their text into a column, or delete them",
          },
        ),
      );
  }
  if (Object.keys(raw).length > 0) project.raw = raw;
  return project;
}

/**
 * Decide readme.badges once every row is read: the template when all rows with a structured
 * state show a badge and the badges agree on one template. Otherwise the rows that showed a
 * badge are read again without it (the badge stays in the cell, raw, with a warning), so
 * rendering still gives the README back. Replaces those projects in `projects` and their
 * warnings in `issues`, in place.
 */
export function settleBadges(
  projects: Project[],
  stateRows: readonly StateRow[],
  issues: Issue[],
): ReadmeBadges | undefined {
  const seen = stateRows.flatMap((row, i) => (row.badge ? [{ i, row, badge: row.badge }] : []));
  if (seen.length === 0) return undefined;
  const everyRow = stateRows.every((row) => !row.structured || row.badge);
  const badges = everyRow
    ? settleBadgeTemplate(seen.map((s) => ({ id: projects[s.i]!.id, badge: s.badge })))
    : undefined;
  if (badges) return badges;
  // Later rows first, so the issue positions of earlier rows stay right.
  for (const { i, row } of seen.reverse()) {
    const old = projects[i]!;
    const again = readStateCell(row.cell, old.id, row.name, row.origin, false);
    issues.splice(row.issueAt, row.issueCount, ...again.warnings);
    const { state: _s, versions: _v, channels, usedIn, raw, ...head } = old;
    const rawCells = { ...raw, ...(again.raw !== undefined ? { state: again.raw } : {}) };
    projects[i] = {
      ...head,
      ...again.fields,
      ...(channels ? { channels } : {}),
      ...(usedIn ? { usedIn } : {}),
      ...(Object.keys(rawCells).length > 0 ? { raw: rawCells } : {}),
    };
  }
  return undefined;
}
