import { resolveAffiliation, resolveLogin, type Affiliation, type AffiliationRules } from "./affiliations.js";
import type { Maintainer } from "./model.js";
import { escapeTerminalText, escapeTerminalDeep } from "../core/index.js";
import { mentions, uniquePeople, type MaintainerName } from "./maintainers-people.js";
import { findPointer, type MaintainersPointer } from "./maintainers-pointer.js";
import { readOwners } from "./maintainers-owners.js";
import { readTextMaintainers } from "./maintainers-text.js";
import { isTomlMaintainers, readTomlMaintainers } from "./maintainers-toml.js";

export type { MaintainerName } from "./maintainers-people.js";
export { repositoryOfUrl, type MaintainersPointer, type RepositoryLink } from "./maintainers-pointer.js";
export { OWNERS_MAINTAINER_KEYS } from "./maintainers-owners.js";

/** What one maintainers file says about its people. */
export interface MaintainersReading {
  /** The people counted as maintainers, once each. */
  readonly people: MaintainerName[];
  /** What was counted, in words: which keys, groups or sections, and what was left out. */
  readonly counted: string;
  /** Names that stand for people the file does not list: teams (`@org/team`), aliases it does not define. */
  readonly unresolved: string[];
  /** For a file naming no person: where it points instead. */
  readonly pointer?: MaintainersPointer;
}

/**
 * Read the maintainers a file lists, by its kind: Kubernetes `OWNERS` (YAML), CODEOWNERS,
 * moby's TOML MAINTAINERS, or a file written for people (tables, lists, `"login","Name"` CSV
 * lines). Text from the repository is escaped (`\u001b`).
 */
export function readMaintainersFile(
  fileName: string,
  text: string,
  options: { ownersAliases?: string } = {},
): MaintainersReading {
  const r = readByKind(fileName, text, options.ownersAliases);
  const people = uniquePeople(r.people).map(escapePerson);
  const pointer =
    people.length === 0 && r.unresolved.length === 0 ? findPointer(fileName, r.lines ?? text.split("\n")) : undefined;
  return {
    people,
    counted: escapeTerminalText(r.counted),
    unresolved: r.unresolved.map((u) => escapeTerminalText(u)),
    ...(pointer ? { pointer: escapeTerminalDeep(pointer) } : {}),
  };
}

/** The people of a maintainers file (see `readMaintainersFile`). */
export function parseMaintainers(fileName: string, text: string, ownersAliases?: string): MaintainerName[] {
  return readMaintainersFile(fileName, text, { ownersAliases }).people;
}

function readByKind(
  fileName: string,
  text: string,
  ownersAliases: string | undefined,
): { people: MaintainerName[]; counted: string; unresolved: string[]; lines?: string[] } {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1).toLowerCase();
  if (/^owners(\.ya?ml)?$/.test(base)) {
    const owners = readOwners(text, ownersAliases);
    if (owners) return owners;
  }
  if (base.startsWith("codeowners")) return readCodeowners(fileName, text);
  if (isTomlMaintainers(text)) return { ...readTomlMaintainers(fileName, text), unresolved: [] };
  return { ...readTextMaintainers(fileName, text), unresolved: [] };
}

/** A comment's text: `# Evan Gilman` → `Evan Gilman`; undefined for a line that is not a comment. */
function commentText(raw: string): string | undefined {
  const trimmed = raw.trim();
  return trimmed.startsWith("#") ? trimmed.replace(/^#+/, "").trim() : undefined;
}

/**
 * Who the comments of a CODEOWNERS say its owners are, by lower-case login: a block of comment lines that ends in a
 * lone `@login`, after the person's name and, on a third line, their organization, as spiffe/spire writes them
 * (`# Evan Gilman` / `# SPIRL, Inc.` / `# @evan2645`). A block of any other shape (a heading, a note, a rule
 * commented out) says nothing.
 */
function codeownersComments(fileName: string, lines: readonly string[]): Map<string, Omit<MaintainerName, "handle">> {
  const people = new Map<string, Omit<MaintainerName, "handle">>();
  let block: { text: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const text = commentText(raw);
    // a blank comment or a rule of #'s ends a block as a blank line does
    if (text === undefined || text === "") {
      block = [];
      return;
    }
    const login = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(text)?.[1];
    if (login === undefined) {
      block.push({ text, line: i + 1 });
      return;
    }
    const about = block;
    block = [];
    // one or two lines before the login, plain text, the name first: no mention, link or rule among them
    if (about.length === 0 || about.length > 2 || about.some((b) => /[@/<>:[\]]/.test(b.text))) return;
    const [name, organization] = about;
    people.set(login.toLowerCase(), {
      name: name!.text,
      ...(organization
        ? { affiliation: { organization: organization.text, via: `${fileName}:${organization.line}` } }
        : {}),
    });
  });
  return people;
}

/**
 * CODEOWNERS: the owners after each path pattern. Individuals (`@login`, an email) are
 * people; teams (`@org/team`) are kept apart, since their members are not in the repository.
 * An owner's name and organization come from the comments, when they give them (see `codeownersComments`).
 */
function readCodeowners(
  fileName: string,
  text: string,
): { people: MaintainerName[]; counted: string; unresolved: string[] } {
  const people: MaintainerName[] = [];
  const teams: string[] = [];
  const lines = text.split("\n");
  const described = codeownersComments(fileName, lines);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const space = line.search(/\s/);
    if (space < 0) continue;
    for (const m of mentions(line.slice(space))) {
      if (m.kind === "team") teams.push(m.value);
      else if (m.kind === "login") people.push({ handle: m.value, ...described.get(m.value.toLowerCase()) });
      else if (m.kind === "email") people.push({ handle: m.value });
    }
  }
  const uniqueTeams = [...new Map(teams.map((t) => [t.toLowerCase(), t])).values()];
  return {
    people,
    counted:
      `code owners named one by one in ` +
      `CODEOWNERS${uniqueTeams.length ? `; teams not expanded: ${uniqueTeams.join(", ")}` : ""}`,
    unresolved: uniqueTeams,
  };
}

function escapePerson(p: MaintainerName): MaintainerName {
  return escapeTerminalDeep(p);
}

/** One maintainers file found in the tree, and what it says. */
export interface MaintainersCandidate {
  readonly path: string;
  readonly reading: MaintainersReading;
}

const isCodeowners = (path: string): boolean => /(^|\/)codeowners(\.[^/]*)?$/i.test(path);

/**
 * Which of several maintainers files to use: one that lists people, an OWNERS or MAINTAINERS
 * file before CODEOWNERS (code owners own paths; they are maintainers only when nothing else
 * says who is), then the one listing most people, then the order given (root, docs/,
 * .github/). With no file listing people: one that points elsewhere, then one naming teams
 * or aliases. Returns the index and why, in words.
 */
export function chooseMaintainers(candidates: readonly MaintainersCandidate[]): { index: number; why: string } {
  const rank = (c: MaintainersCandidate): number[] => [
    c.reading.people.length > 0 ? 0 : c.reading.pointer ? 1 : c.reading.unresolved.length ? 2 : 3,
    c.reading.people.length > 0 && isCodeowners(c.path) ? 1 : 0,
    -c.reading.people.length,
  ];
  let index = 0;
  candidates.forEach((c, i) => {
    const a = rank(c);
    const b = rank(candidates[index]!);
    const cmp = a.findIndex((x, k) => x !== b[k]);
    if (cmp >= 0 && a[cmp]! < b[cmp]!) index = i;
  });
  const what = (c: MaintainersCandidate): string =>
    c.reading.people.length
      ? `${c.reading.people.length} ${c.reading.people.length === 1 ? "person" : "people"}`
      : c.reading.pointer
        ? `points to ${c.reading.pointer.url}`
        : c.reading.unresolved.length
          ? `${c.reading.unresolved.every((u) => u.startsWith("@")) ? "teams" : "aliases"} ` +
            `only (${c.reading.unresolved.join(", ")})`
          : "no person";
  const chosen = candidates[index]!;
  const others = candidates.filter((_, i) => i !== index);
  const codeownersNote =
    others.some((c) => isCodeowners(c.path) && c.reading.people.length > 0) && !isCodeowners(chosen.path)
      ? " (CODEOWNERS is used only when no OWNERS or MAINTAINERS file lists people)"
      : "";
  const over = others.length ? `; over ${others.map((c) => `${c.path}: ${what(c)}`).join(", ")}${codeownersNote}` : "";
  return { index, why: `${chosen.path}: ${what(chosen)}${over}` };
}

/** Whether an organization was only guessed from an email's domain, so a file's own Company column says more. */
function guessed(a: Affiliation): boolean {
  return a.basis === "domain" || a.basis === "named-domain" || a.basis === "public" || a.basis === "none";
}

/**
 * Map maintainers to organizations with the same rules as commits: a login through
 * developers_affiliations, an email through its rules; then the organization the
 * maintainers file itself names (a Company / Affiliation column, with its line); last, the
 * email's domain.
 */
export function affiliateMaintainers(
  names: readonly (MaintainerName | string)[],
  rules: AffiliationRules,
  at: number,
  options: { organizationsSeen?: ReadonlySet<string> } = {},
): Maintainer[] {
  return names.map((n) => {
    const { handle, email, name, affiliation } = typeof n === "string" ? ({ handle: n } as MaintainerName) : n;
    const byEmail = handle.includes("@")
      ? resolveAffiliation(rules, handle, at)
      : email
        ? resolveAffiliation(rules, email, at)
        : undefined;
    const ruled = handle.includes("@") ? byEmail : (resolveLogin(rules, handle, at) ?? byEmail);
    const a = ruled && !guessed(ruled) ? ruled : (affiliation ?? ruled);
    // A bare domain no contributor shares (`gone.nl`) names a person, not an organization (as
    // the history's "(unaffiliated domain)"): the organization is unknown.
    if (
      a &&
      "basis" in a &&
      a.basis === "domain" &&
      options.organizationsSeen &&
      !options.organizationsSeen.has(a.organization)
    ) {
      return {
        handle,
        ...(email ? { email } : {}),
        ...(name ? { name } : {}),
        via: `${a.via}, which no other contributor shares: organization unknown`,
      };
    }
    return {
      handle,
      ...(email ? { email } : {}),
      ...(name ? { name } : {}),
      ...(a ? { organization: a.organization, via: a.via } : {}),
    };
  });
}
