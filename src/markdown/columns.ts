import type { Catalog, ReadmeColumns } from "../catalog/index.js";
import type { ProjectColumn } from "./project-row.js";

/** Column headers used when the catalog does not set them (readme.columns). */
const DEFAULT_COLUMNS: Readonly<Required<ReadmeColumns>> = {
  area: "Project Area",
  project: "Project & (artifacts)",
  goal: "Goal",
  state: "Project State & <br> API Version",
  channels: "Communication",
  date: "Date",
  announcedProject: "Project",
  announcement: "Announcement",
  details: "Details",
};

/** Title of the "where it is used" column when program.usedInTitle is not set. */
const DEFAULT_USED_IN_TITLE = "Use on Azure";

/** A column header as the catalog sets it, else the default. */
export function columnTitle(catalog: Catalog, key: keyof ReadmeColumns | "usedIn"): string {
  if (key === "usedIn") return catalog.program.usedInTitle ?? DEFAULT_USED_IN_TITLE;
  return catalog.readme?.columns?.[key] ?? DEFAULT_COLUMNS[key];
}

/** The project columns' headers, in order. */
export function projectHeaders(catalog: Catalog): Record<ProjectColumn, string> {
  return {
    project: columnTitle(catalog, "project"),
    goal: columnTitle(catalog, "goal"),
    state: columnTitle(catalog, "state"),
    channels: columnTitle(catalog, "channels"),
    usedIn: columnTitle(catalog, "usedIn"),
  };
}

/**
 * Headers as read from a table: the first four project columns go to readme.columns, the last to program.usedInTitle.
 */
export function headerRecord(header: readonly string[]): Record<ProjectColumn, string> {
  const [project = "", goal = "", state = "", channels = "", usedIn = ""] = header;
  return { project, goal, state, channels, usedIn };
}
