import type { Catalog, Persona, Project, Section } from "../catalog/index.js";
import { renderAnnouncements } from "./announcements.js";
import { renderContentsBody } from "./contents.js";
import { escapeHeading } from "./inline.js";
import { renderAreaTable } from "./layouts/area-table.js";
import { renderPersonaTables } from "./layouts/persona-tables.js";
import { neutralizeMarkdown } from "./neutralize.js";
import { spaced } from "./spacing.js";

/**
 * Render the catalog's README, in the layout it was imported from (readme.layout) or
 * persona-tables by default. Pure. Structured fields are escaped (a `|` or `<script>` in a
 * name can break neither the table nor the page); markdown fields are written as they are,
 * with only bare `|` escaped and newlines folded inside table cells. Last, the whole document
 * goes through the neutralizer (neutralize.ts), where every field is read in the context it
 * ends up in: no HTML that runs script and no javascript:, data: or other unvetted link survives.
 *
 * @example writeFileSync("README.md", renderReadme(catalog));
 */
export function renderReadme(catalog: Catalog): string {
  const readme = catalog.readme ?? {};
  const sections = withProjectsSection(readme.sections ?? defaultSections(catalog));
  let out = readme.lead ?? "";
  out += readme.title === "" ? "" : `# ${readme.title ?? escapeHeading(catalog.program.name)}\n`;
  out += readme.preamble ?? "\n";
  sections.forEach((section, i) => {
    out += renderSection(catalog, section, i === sections.length - 1);
  });
  // Controls first: the neutralizer must see the text as it is written out.
  return neutralizeMarkdown((out + (readme.trailer ?? "")).replace(CONTROL, "\ufffd"));
}

/**
 * Control characters (tab and line breaks excepted) and bidirectional overrides: `validate`
 * refuses them in a catalog (E_CATALOG_CONTROL_CHARACTER); should one reach the renderer all the
 * same, it is written as U+FFFD, never raw into a README someone will `cat`.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function renderSection(catalog: Catalog, section: Section, last: boolean): string {
  const heading = `${"#".repeat(section.level ?? 2)} ${section.heading}\n`;
  const before = section.blankLines?.before ?? 1;
  const role = section.role ?? "prose";
  if (role === "projects" || role === "announcements") {
    const table = role === "projects" ? renderProjects(catalog) : renderAnnouncements(catalog);
    const text = spaced(before, section.body ?? "", section.blankLines?.after ?? 1);
    return heading + text + table + (section.after ?? (last ? "" : "\n"));
  }
  let body = role === "support" || role === "contributing" ? (catalog.program[role] ?? "") : (section.body ?? "");
  if (role === "contents") body = renderContentsBody(body, section.personas, sortedPersonas(catalog.personas));
  return heading + spaced(before, body, section.blankLines?.after ?? (last ? 0 : 1));
}

function renderProjects(catalog: Catalog): string {
  const personas = sortedPersonas(catalog.personas);
  const byPersona = new Map<string, Project[]>();
  for (const project of catalog.projects) {
    const list = byPersona.get(project.persona) ?? [];
    list.push(project);
    byPersona.set(project.persona, list);
  }
  const projectsOf = (p: Persona) => byPersona.get(p.id) ?? [];
  return catalog.readme?.layout === "area-table"
    ? renderAreaTable(catalog, personas, projectsOf)
    : renderPersonaTables(catalog, personas, projectsOf);
}

/** By `order`, then as listed. */
function sortedPersonas(personas: readonly Persona[]): Persona[] {
  return personas
    .map((persona, i) => ({ persona, i, key: persona.order ?? i + 1 }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.persona);
}

/** A catalog written by hand, without readme.sections, still renders a complete README. */
function defaultSections(catalog: Catalog): Section[] {
  const sections: Section[] = [];
  if (catalog.announcements?.length || catalog.readme?.announcementsEmpty !== undefined)
    sections.push({ heading: "Announcements", role: "announcements" });
  if (catalog.program.support) sections.push({ heading: "Support", role: "support" });
  sections.push({ heading: "Projects", role: "projects" });
  if (catalog.program.contributing) sections.push({ heading: "Contributing", role: "contributing" });
  return sections;
}

/** The projects are always shown: add their section when the catalog's sections lack one. */
function withProjectsSection(sections: readonly Section[]): readonly Section[] {
  return sections.some((s) => s.role === "projects")
    ? sections
    : [...sections, { heading: "Projects", role: "projects" }];
}
