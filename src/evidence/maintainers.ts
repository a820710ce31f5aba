import { parse as parseYaml } from "yaml";
import { resolveAffiliation, resolveLogin, type AffiliationRules } from "./affiliations.js";
import type { Maintainer } from "./model.js";
import { escapeTerminalText } from "../core/terminal-text.js";

/** A person a maintainers file names: a login or an email, and the email when both are given. */
export interface MaintainerName {
  readonly handle: string;
  readonly email?: string;
}

/**
 * The people an OWNERS / MAINTAINERS / CODEOWNERS file names. Kubernetes `OWNERS` is YAML
 * and its `approvers` are the maintainers, with aliases from the root `OWNERS_ALIASES`
 * expanded; other files are read for `@handles`, emails and GitHub profile links, whatever
 * layout (list, table, prose) they use.
 */
export function parseMaintainers(fileName: string, text: string, ownersAliases?: string): MaintainerName[] {
  // Handles come from the repository: control characters are escaped (`\u001b`).
  return unique(readMaintainers(fileName, text, ownersAliases).map((m) => ({ handle: escapeTerminalText(m.handle), ...(m.email !== undefined ? { email: escapeTerminalText(m.email) } : {}) })));
}

function readMaintainers(fileName: string, text: string, ownersAliases?: string): MaintainerName[] {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1).toLowerCase();
  if (base === "owners" || base === "owners.yaml" || base === "owners.yml") {
    try {
      const doc = parseYaml(text) as { approvers?: unknown; filters?: Record<string, { approvers?: unknown }> } | null;
      const list = Array.isArray(doc?.approvers) ? doc.approvers : Object.values(doc?.filters ?? {}).flatMap((f) => (Array.isArray(f?.approvers) ? f.approvers : []));
      const aliases = parseOwnersAliases(ownersAliases);
      const names = list.filter((a): a is string => typeof a === "string").flatMap((a) => aliases.get(a.trim().toLowerCase()) ?? [a.trim()]);
      return unique(names.map((handle) => ({ handle })));
    } catch {
      // Not YAML after all: fall through to the generic reading.
    }
  }
  const found: MaintainerName[] = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") && base === "codeowners") continue;
    // Keep the order of the line, so the list reads like the file.
    const emails: [number, string][] = [];
    const logins: [number, string][] = [];
    for (const m of line.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) emails.push([m.index, m[0].toLowerCase()]);
    for (const m of line.matchAll(/(?<![\w.+-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[\w.-]+)?)/g)) logins.push([m.index, m[1]!]);
    for (const m of line.matchAll(/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?=[)\s"'>\]]|\/?$)/g)) logins.push([m.index, m[1]!]);
    found.push(...peopleOfLine(emails, logins, base === "codeowners"));
  }
  // Teams (`@org/team`) are groups, not people.
  return unique(found.filter((h) => !h.handle.includes("/")));
}

/**
 * The people of one line. `Jane <jane@acme.io> (@jdoe)` or a table row with an email and a
 * login is one person, not two: as many emails as logins pair up in order. CODEOWNERS
 * lines list owners side by side, so there each one is a person.
 */
function peopleOfLine(emails: [number, string][], rawLogins: [number, string][], codeowners: boolean): MaintainerName[] {
  const seen = new Set<string>();
  const logins = rawLogins.filter(([, l]) => !l.includes("/")).sort((a, b) => a[0] - b[0]).filter(([, l]) => !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()));
  if (!codeowners && emails.length > 0 && emails.length === logins.length) return logins.map(([, handle], i) => ({ handle, email: emails[i]![1] }));
  return [...emails, ...rawLogins].sort((a, b) => a[0] - b[0]).map(([, handle]) => ({ handle }));
}

/** `aliases: { name: [members] }` of an OWNERS_ALIASES file, by lower-case alias. */
function parseOwnersAliases(text: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (text === undefined) return out;
  try {
    const doc = parseYaml(text) as { aliases?: Record<string, unknown> } | null;
    for (const [alias, members] of Object.entries(doc?.aliases ?? {})) {
      if (Array.isArray(members)) out.set(alias.toLowerCase(), members.filter((m): m is string => typeof m === "string").map((m) => m.trim()));
    }
  } catch {
    // An unreadable aliases file leaves the alias names as they are.
  }
  return out;
}

function unique(list: MaintainerName[]): MaintainerName[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.handle.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Map maintainers to organizations with the same rules as commits: a login through
 * developers_affiliations, an email through its rules or domain; for a person named by
 * both, the login first.
 */
export function affiliateMaintainers(names: readonly (MaintainerName | string)[], rules: AffiliationRules, at: number): Maintainer[] {
  return names.map((n) => {
    const { handle, email } = typeof n === "string" ? { handle: n, email: undefined } : n;
    const a = handle.includes("@") ? resolveAffiliation(rules, handle, at) : (resolveLogin(rules, handle, at) ?? (email ? resolveAffiliation(rules, email, at) : undefined));
    return { handle, ...(email ? { email } : {}), ...(a ? { organization: a.organization, via: a.via } : {}) };
  });
}
