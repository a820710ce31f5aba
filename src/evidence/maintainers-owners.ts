import { parse as parseYaml } from "yaml";
import { isLogin, mentions, peopleOf, type MaintainerName } from "./maintainers-people.js";

/**
 * Kubernetes `OWNERS` files (YAML, https://go.k8s.io/owners). Maintainers are the people of
 * `approvers`, `maintainers`, `admins` and `owners` (keys some projects add beside Prow's),
 * and the `approvers` of each `filters` pattern; `reviewers` are reviewers and
 * `emeritus_*` are former. Names defined in the root `OWNERS_ALIASES` are expanded.
 */
export const OWNERS_MAINTAINER_KEYS = ["approvers", "maintainers", "admins", "owners"] as const;

export interface OwnersReading {
  readonly people: MaintainerName[];
  readonly counted: string;
  /** Entries that look like an alias (`sig-foo-leads`) the aliases file does not define. */
  readonly unresolved: string[];
}

/**
 * Real OWNERS files are a few kilobytes of plain block YAML. The YAML parser takes seconds
 * on some small inputs (a run of `? ` complex keys, deep `[[[[` nesting), so only a file of
 * that plain shape and size is given to it; any other is read as text.
 */
const MAX_YAML = 64 * 1024;

/** Whether `text` is the plain YAML OWNERS files use: keys, list items, scalars, at most one flow list a line. */
function plainYaml(text: string): boolean {
  if (text.length > MAX_YAML) return false;
  for (const raw of text.split("\n")) {
    if (raw.length > 1000) return false;
    // Quoted text may hold any character; only the structure around it matters here.
    const bare = raw.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""');
    const hash = bare.search(/(^|\s)#/);
    const line = (hash < 0 ? bare : bare.slice(0, hash)).trim().replace(/^-\s*/, "");
    if (line === "") continue;
    // No nesting on one line: no `- - x`, no `a: b: c`.
    if (/^-(\s|$)/.test(line) || line.indexOf(": ") !== line.lastIndexOf(": ")) return false;
    if (/^[?{&*!|>%@`]/.test(line) || /\s[&*!][^\s]/.test(line) || /:\s*[|>{&*!]/.test(line) || line.includes("{"))
      return false;
    if (line.indexOf("[") !== line.lastIndexOf("[") || line.includes("[") !== line.includes("]")) return false;
  }
  return true;
}

/** Undefined when `text` is not an OWNERS YAML mapping (then it is read as text). */
export function readOwners(text: string, ownersAliases: string | undefined): OwnersReading | undefined {
  let doc: unknown;
  if (!plainYaml(text)) return undefined;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  const entries: string[] = [];
  for (const key of OWNERS_MAINTAINER_KEYS) entries.push(...strings(d[key]));
  const filters =
    typeof d.filters === "object" && d.filters !== null ? Object.values(d.filters as Record<string, unknown>) : [];
  for (const f of filters)
    if (typeof f === "object" && f !== null) entries.push(...strings((f as Record<string, unknown>).approvers));

  const aliases = parseOwnersAliases(ownersAliases);
  const emails = commentEmails(text, ownersAliases);
  const people: MaintainerName[] = [];
  const unresolved: string[] = [];
  for (const entry of entries) {
    const members = aliases.get(entry.toLowerCase());
    if (members) people.push(...members.map((m) => person(m, emails)));
    else if (looksLikeAlias(entry)) unresolved.push(entry);
    else people.push(person(entry, emails));
  }
  const aliasNote = unresolved.length
    ? `; ${unresolved.join(", ")} ${unresolved.length === 1 ? "looks like an alias" : "look like aliases"} ` +
      `${ownersAliases === undefined ? "and there is no OWNERS_ALIASES" : "that OWNERS_ALIASES does not define"}`
    : "";
  return {
    people,
    counted:
      `${OWNERS_MAINTAINER_KEYS.slice(0, 3).join(", ")} (and owners) keys and filters' approvers, ` +
      `aliases expanded from OWNERS_ALIASES; reviewers and emeritus_* not counted${aliasNote}`,
    unresolved: [...new Set(unresolved)],
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v)
    ? v
        .filter((x): x is string => typeof x === "string")
        .map((x) => x.trim())
        .filter((x) => x !== "")
    : [];
}

function person(handle: string, emails: ReadonlyMap<string, string>): MaintainerName {
  const email = emails.get(handle.toLowerCase());
  return { handle, ...(email ? { email } : {}) };
}

/** Group names Kubernetes projects give aliases: `sig-*`, `wg-*`, `*-leads`, `*-maintainers`, `*-approvers`… */
function looksLikeAlias(name: string): boolean {
  return (
    /^(sig|wg|ug|committee)-/i.test(name) ||
    /-(leads?|tech-leads|chairs?|maintainers|approvers|reviewers|admins|owners|team|emeritus)$/i.test(name)
  );
}

/** `aliases: { name: [members] }` of an OWNERS_ALIASES file, by lower-case alias. */
function parseOwnersAliases(text: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (text === undefined || !plainYaml(text)) return out;
  try {
    const doc = parseYaml(text) as { aliases?: Record<string, unknown> } | null;
    for (const [alias, members] of Object.entries(doc?.aliases ?? {})) out.set(alias.toLowerCase(), strings(members));
  } catch {
    // An unreadable aliases file defines no alias: its names stay unresolved.
  }
  return out;
}

/** `- login  # Name <email>`: the email a comment gives beside a login, by lower-case login. */
function commentEmails(...texts: (string | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    for (const line of (text ?? "").split("\n")) {
      const hash = line.indexOf("#");
      if (hash < 0) continue;
      const item = /^\s*-\s*["']?([^\s"'#]{1,39})["']?\s*$/.exec(line.slice(0, hash));
      if (!item || !isLogin(item[1]!)) continue;
      const email = peopleOf(mentions(line.slice(hash + 1))).find((p) => p.handle.includes("@"))?.handle;
      if (email && !out.has(item[1]!.toLowerCase())) out.set(item[1]!.toLowerCase(), email);
    }
  }
  return out;
}
