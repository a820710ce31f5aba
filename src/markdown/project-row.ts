import { isRaw, type Project } from "../catalog/index.js";
import { issue, type Issue } from "../core/errors.js";
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
import { cellMarkdown, sameIgnoringSpace, splitBr } from "./inline.js";

/** The five columns of a project table, in order. */
export const PROJECT_COLUMNS = ["project", "goal", "state", "channels", "usedIn"] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number];

/** The form each column is understood in, for the hint of a warning. */
const EXPECTED: Record<ProjectColumn, string> = {
  project: "[Name](https://…) <br> ([releases](https://…)) <br> [Tests](https://…)",
  goal: "any markdown",
  state: "'CNCF: incubating <br> API: v1alpha3' (or 'APIs: Traffic Split v1alpha3; Traffic Target v1alpha1', or 'API: N/A')",
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
export function renderProjectRow(p: Project): string[] {
  const raw = p.raw ?? {};
  return [
    raw.project ?? renderProjectCell(p),
    raw.goal ?? cellMarkdown(p.goal ?? ""),
    raw.state ?? renderStateCell(p),
    raw.channels ?? (p.channels ? (isRaw(p.channels) ? cellMarkdown(p.channels.raw) : renderChannels(p.channels)) : ""),
    raw.usedIn ?? (p.usedIn ? (isRaw(p.usedIn) ? cellMarkdown(p.usedIn.raw) : renderUsedIn(p.usedIn)) : ""),
  ].map(cellMarkdown);
}

function renderStateCell(p: Project): string {
  const state = p.state ? (isRaw(p.state) ? cellMarkdown(p.state.raw) : renderState(p.state)) : "";
  if (!p.versions) return state;
  return `${state} <br> ${isRaw(p.versions) ? cellMarkdown(p.versions.raw) : renderVersions(p.versions)}`;
}

/**
 * A project from its row's cells (as written). Each cell is parsed, rendered back and
 * compared with the original up to white space; a cell (or part of the state cell) that
 * does not come back the same is kept raw, with a warning naming the line.
 */
export function parseProjectRow(cells: readonly string[], id: (name: string) => string, persona: string, origin: RowOrigin, issues: Issue[]): Project {
  const [projectCell = "", goal = "", stateCell = "", channelsCell = "", usedInCell = ""] = cells;
  const raw: Record<string, string> = {};
  const warn = (column: ProjectColumn, name: string, what = "cell", field: string = column === "project" || column === "state" ? `raw.${column}` : column) =>
    issues.push(
      issue("E_IMPORT_UNPARSED_CELL", `README line ${origin.line}: the ${what} of '${origin.headers[column]}' for '${name}' is not in a form the importer understands; it is kept as raw markdown`, {
        severity: "warning",
        file: origin.file,
        line: origin.line,
        path: `projects[${origin.index}].${field}`,
        hint: `leave it (it renders back as written), or write it as ${EXPECTED[column]} to make it structured data`,
      }),
    );

  // project: name, home, artifacts
  const head = parseProjectCell(projectCell);
  const understood = head && sameIgnoringSpace(renderProjectCell(head), projectCell) ? head : undefined;
  const name = understood?.name ?? fallbackName(projectCell);
  if (!understood) {
    raw.project = projectCell;
    warn("project", name);
  }
  const project: Project = { id: id(name), name, persona, ...(understood?.home ? { home: understood.home } : {}), ...(understood?.artifacts ? { artifacts: understood.artifacts } : {}) };
  if (goal !== "") project.goal = goal;

  // state and versions share a cell: `CNCF: incubating <br> API: v1alpha3`
  const parts = stateCell === "" ? [] : splitBr(stateCell);
  if (parts.length <= 2) {
    const [s = "", v] = parts;
    if (s !== "") {
      const state = parseState(s);
      if (state && sameIgnoringSpace(renderState(state), s)) project.state = state;
      else {
        project.state = { raw: s };
        warn("state", name, "project state", "state");
      }
    }
    if (v !== undefined) {
      const versions = parseVersions(v);
      if (versions && sameIgnoringSpace(renderVersions(versions), v)) project.versions = versions;
      else {
        project.versions = { raw: v };
        warn("state", name, "version", "versions");
      }
    }
  }
  if (!sameIgnoringSpace(renderStateCell(project), stateCell)) {
    delete project.state;
    delete project.versions;
    raw.state = stateCell;
    warn("state", name);
  }

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

  if (Object.keys(raw).length > 0) project.raw = raw;
  return project;
}
