import { Document } from "yaml";
import type { Catalog, Project } from "./schema.js";

/** The first line of every generated catalog file: editors validate and complete against it. */
export function schemaComment(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}\n`;
}

/** YAML text for a value: block style, no line folding, multi-line strings as literal blocks. */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { keepUndefined: false });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, blockQuote: "literal", indentSeq: true });
}

/** One file holding the whole catalog. */
export function stringifyCatalog(catalog: Catalog, schemaRef?: string): string {
  return (schemaRef ? schemaComment(schemaRef) : "") + toYaml(dropUndefined(catalog));
}

/** The folder form: upstream.yaml listing project ids in order, and one file per project. */
export function stringifyCatalogFolder(
  catalog: Catalog,
  schemaRefs?: { catalog: string; project: string },
): Map<string, string> {
  const files = new Map<string, string>();
  const main = { ...catalog, projects: catalog.projects.map((p) => p.id) };
  files.set("upstream.yaml", (schemaRefs ? schemaComment(schemaRefs.catalog) : "") + toYaml(dropUndefined(main)));
  for (const project of catalog.projects)
    files.set(`projects/${project.id}.yaml`, stringifyProject(project, schemaRefs?.project));
  return files;
}

export function stringifyProject(project: Project, schemaRef?: string): string {
  return (schemaRef ? schemaComment(schemaRef) : "") + toYaml(dropUndefined(project));
}

function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
