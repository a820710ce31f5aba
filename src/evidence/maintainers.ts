import { parse as parseYaml } from "yaml";
import { resolveAffiliation, resolveLogin, type AffiliationRules } from "./affiliations.js";
import type { Maintainer } from "./model.js";

/**
 * The people an OWNERS / MAINTAINERS / CODEOWNERS file names. Kubernetes `OWNERS` is YAML
 * and its `approvers` are the maintainers; other files are read for `@handles`, emails and
 * GitHub profile links, whatever layout (list, table, prose) they use.
 */
export function parseMaintainers(fileName: string, text: string): string[] {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1).toLowerCase();
  if (base === "owners" || base === "owners.yaml" || base === "owners.yml") {
    try {
      const doc = parseYaml(text) as { approvers?: unknown; filters?: Record<string, { approvers?: unknown }> } | null;
      const list = Array.isArray(doc?.approvers) ? doc.approvers : Object.values(doc?.filters ?? {}).flatMap((f) => (Array.isArray(f?.approvers) ? f.approvers : []));
      return unique(list.filter((a): a is string => typeof a === "string").map((a) => a.trim()));
    } catch {
      // Not YAML after all: fall through to the generic reading.
    }
  }
  const found: string[] = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") && base === "codeowners") continue;
    // Keep the order of the line, so the list reads like the file.
    const inLine: [number, string][] = [];
    for (const m of line.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) inLine.push([m.index, m[0].toLowerCase()]);
    for (const m of line.matchAll(/(?<![\w.+-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[\w.-]+)?)/g)) inLine.push([m.index, m[1]!]);
    for (const m of line.matchAll(/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?=[)\s"'>\]]|\/?$)/g)) inLine.push([m.index, m[1]!]);
    found.push(...inLine.sort((a, b) => a[0] - b[0]).map(([, v]) => v));
  }
  // Teams (`@org/team`) are groups, not people.
  return unique(found.filter((h) => !h.includes("/")));
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Map maintainers to organizations with the same rules as commits: a login through
 * developers_affiliations, an email through its rules or domain.
 */
export function affiliateMaintainers(handles: readonly string[], rules: AffiliationRules, at: number): Maintainer[] {
  return handles.map((handle) => {
    const a = handle.includes("@") ? resolveAffiliation(rules, handle, at) : resolveLogin(rules, handle, at);
    return a ? { handle, organization: a.organization, via: a.via } : { handle };
  });
}
