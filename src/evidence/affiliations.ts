import { createHash } from "node:crypto";
import { readInputFile } from "../core/index.js";
import { basename } from "node:path";
import { isCalendarDate } from "../core/index.js";
import { issue, type Issue } from "../core/index.js";
import { githubNoreplyLogin } from "./bots.js";
import {
  isCompanyNamesMapping,
  isHostLocalDomain,
  NAME_RANK,
  organizationKey,
  OrganizationNames,
  ownerLabel,
  parseCompanyNamesMapping,
} from "./organization-names.js";

/**
 * Who works for whom, from the files CNCF's gitdm keeps:
 *
 * - `developers_affiliations*.txt`: a header `login: email1, email2` (each `@` written `!`),
 *   then tab-indented lines `Org`, `Org until YYYY-MM-DD`, `Org from YYYY-MM-DD` or
 *   `Org from D until D`.
 * - `email-map`: `[user!]domain Employer [< YYYY-MM-DD]`; a bare domain maps everyone on it,
 *   `< D` means "until D" (later lines for the same key take over after it).
 * - `*company-names-mapping*`: `Alias Name -> Canonical Name` (see organization-names.ts).
 *
 * The program adds its own organizations with their domains (`program.organizations`) and
 * its bots (`program.bots`). Every organization name is normalised, so one organization has
 * one name however a source writes it.
 *
 * Anything else falls back to the email's domain: public mail domains count as independent,
 * host-local domains (`*.local`, bare host names) as unknown; a domain whose owner label
 * names a known organization (`microsoft.com` when "Microsoft" is known) is that
 * organization; any other domain is itself (history-evidence.ts calls a domain of one
 * person an "unaffiliated domain").
 */

/** Shown for people on public mail domains or marked independent in a file. */
export const INDEPENDENT = "(independent)";
/** Shown when an identity has no usable email. */
export const UNKNOWN = "(unknown)";
/** Shown for people whose email domain is theirs alone and no affiliation source names. */
export const UNAFFILIATED = "(unaffiliated domain)";

/** An organization of the program, as `program.organizations` lists it. */
export type ProgramOrganization = string | { readonly name: string; readonly domains?: readonly string[] };

/** What the program adds to the affiliation files. */
export interface AffiliationOptions {
  readonly organizations?: readonly ProgramOrganization[];
  /** `program.bots`: names, logins or emails; `*` matches any run of characters. */
  readonly bots?: readonly string[];
}

/** One employment period; bounds are unix seconds, `until` exclusive. */
export interface AffiliationPeriod {
  readonly organization: string;
  readonly from?: number;
  readonly until?: number;
  /** Where it was read: `developers_affiliations1.txt:12`. */
  readonly via: string;
}

/** Rules loaded from affiliation files, by lower-case email, login and domain. */
export interface AffiliationRules {
  readonly byEmail: ReadonlyMap<string, readonly AffiliationPeriod[]>;
  readonly byLogin: ReadonlyMap<string, readonly AffiliationPeriod[]>;
  readonly byDomain: ReadonlyMap<string, readonly AffiliationPeriod[]>;
  /** Lower-case email → the login whose developers_affiliations header lists it, and where. */
  readonly loginOfEmail?: ReadonlyMap<string, { readonly login: string; readonly via: string }>;
  /** Lower-case login → the emails its header lists, first first. */
  readonly emailsOfLogin?: ReadonlyMap<string, readonly string[]>;
  /** Organization key → display name, for every organization a source names. */
  readonly organizationsByKey?: ReadonlyMap<string, string>;
  /** `program.bots` patterns. */
  readonly bots?: readonly string[];
  /** Hash of the files' contents and the program's additions: evidence cached under other rules is not reused. */
  readonly hash: string;
}

export interface Affiliation {
  readonly organization: string;
  readonly via: string;
  /**
   * How it was found: a file's or the program's rule, else only the email's domain (named like a known organization, or
   * bare), a public or host-local domain, or nothing.
   */
  readonly basis?: "rule" | "named-domain" | "domain" | "public" | "host-local" | "none";
}

/** Domains of public mail services: their users count as independent. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "users.noreply.github.com",
  "noreply.github.com",
  "users.noreply.gitlab.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "outlook.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.jp",
  "yahoo.co.uk",
  "yahoo.fr",
  "ymail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "protonmail.com",
  "protonmail.ch",
  "proton.me",
  "pm.me",
  "tutanota.com",
  "fastmail.com",
  "fastmail.fm",
  "hey.com",
  "zoho.com",
  "gmx.de",
  "gmx.net",
  "gmx.com",
  "web.de",
  "mail.ru",
  "yandex.ru",
  "yandex.com",
  "qq.com",
  "163.com",
  "126.com",
  "foxmail.com",
  "naver.com",
  "localhost",
  "localhost.localdomain",
  "example.com",
  "users.sourceforge.net",
]);

const INDEPENDENT_NAMES = new Set([
  "independent",
  "(independent)",
  "self",
  "self-employed",
  "unemployed",
  "hobbyist",
  "student",
]);
const UNKNOWN_NAMES = new Set(["notfound", "(unknown)", "unknown", "?"]);

function dateToSeconds(s: string): number | undefined {
  return isCalendarDate(s) ? Date.parse(s + "T00:00:00Z") / 1000 : undefined;
}

/** `jdoe!example.com` → `jdoe@example.com`, lower-cased. */
function unbang(s: string): string {
  return s.trim().replaceAll("!", "@").toLowerCase();
}

interface MutableRules {
  byEmail: Map<string, AffiliationPeriod[]>;
  byLogin: Map<string, AffiliationPeriod[]>;
  byDomain: Map<string, AffiliationPeriod[]>;
  loginOfEmail: Map<string, { login: string; via: string }>;
  emailsOfLogin: Map<string, string[]>;
}

function add(map: Map<string, AffiliationPeriod[]>, key: string, p: AffiliationPeriod): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

/** Parse an organization line `Org [from D] [until D]`; undefined when a date is malformed. */
function parseOrgLine(text: string, via: string): AffiliationPeriod | string {
  let rest = text.trim();
  let from: number | undefined;
  let until: number | undefined;
  const untilMatch = / until (\S+)$/.exec(rest);
  if (untilMatch) {
    until = dateToSeconds(untilMatch[1]!);
    if (until === undefined) return "the date after 'until' is not written YYYY-MM-DD";
    rest = rest.slice(0, untilMatch.index);
  }
  const fromMatch = / from (\S+)$/.exec(rest);
  if (fromMatch) {
    from = dateToSeconds(fromMatch[1]!);
    if (from === undefined) return "the date after 'from' is not written YYYY-MM-DD";
    rest = rest.slice(0, fromMatch.index);
  }
  const organization = normalizeOrganization(rest.trim());
  if (!organization) return "the organization name is empty";
  // An empty period would silently never match: say so instead.
  if (from !== undefined && until !== undefined && from >= until)
    return "its 'from' date is not before its 'until' date";
  return { organization, ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}), via };
}

function normalizeOrganization(name: string): string {
  const lower = name.trim().toLowerCase();
  if (INDEPENDENT_NAMES.has(lower)) return INDEPENDENT;
  if (UNKNOWN_NAMES.has(lower)) return UNKNOWN;
  return name;
}

/** Parse a developers_affiliations file into `rules`; malformed lines become issues. */
function parseDevelopersAffiliations(text: string, file: string, rules: MutableRules, issues: Issue[]): void {
  const name = basename(file);
  let emails: string[] | undefined;
  let login: string | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    const lineNo = i + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    if (raw.startsWith("\t") || raw.startsWith(" ")) {
      if (!emails) {
        issues.push(
          issue("E_AFFILIATIONS_SYNTAX", "an organization line comes before any `login: email` line", {
            severity: "warning",
            file,
            line: lineNo,
            hint: "start each block with `login: user!example.com`",
          }),
        );
        continue;
      }
      const period = parseOrgLine(raw, `${name}:${lineNo}`);
      if (typeof period === "string") {
        issues.push(
          issue("E_AFFILIATIONS_SYNTAX", `malformed organization line: ${period}`, {
            severity: "warning",
            file,
            line: lineNo,
            hint: "write `\tOrg`, `\tOrg until 2020-01-01`, `\tOrg from 2020-01-01` or `\tOrg from D until D`",
          }),
        );
        continue;
      }
      if (period.organization === UNKNOWN) continue;
      for (const e of emails) add(rules.byEmail, e, period);
      if (login) add(rules.byLogin, login, period);
      continue;
    }
    const colon = raw.indexOf(":");
    const list =
      colon > 0
        ? raw
            .slice(colon + 1)
            .split(",")
            .map(unbang)
            .filter((e) => e.length > 0)
        : [];
    if (colon <= 0 || list.length === 0 || list.some((e) => !e.includes("@") || /\s/.test(e))) {
      emails = undefined;
      // The line is not quoted: a file named here by mistake may hold secrets.
      issues.push(
        issue(
          "E_AFFILIATIONS_SYNTAX",
          "this line is neither a `login: email` header nor an indented organization line",
          {
            severity: "warning",
            file,
            line: lineNo,
            hint: "write `login: user!example.com, other!example.org` (each @ written as !)",
          },
        ),
      );
      continue;
    }
    login = raw.slice(0, colon).trim().toLowerCase();
    emails = list;
    // The header says these addresses are one person's: the history merges them.
    const known = rules.emailsOfLogin.get(login) ?? [];
    for (const e of list) {
      if (!rules.loginOfEmail.has(e)) rules.loginOfEmail.set(e, { login, via: `${name}:${lineNo}` });
      if (!known.includes(e)) known.push(e);
    }
    rules.emailsOfLogin.set(login, known);
  }
}

/** Parse a gitdm `email-map` file into `rules`; malformed lines become issues. */
function parseEmailMap(text: string, file: string, rules: MutableRules, issues: Issue[]): void {
  const name = basename(file);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    // A rule is one short line; a bound keeps the pattern's backtracking small on any input.
    const m = line.length <= MAX_RULE_LINE ? /^(\S+)\s+(.+?)(?:\s+<\s*(\S+))?$/.exec(line) : null;
    const until = m?.[3] !== undefined ? dateToSeconds(m[3]) : undefined;
    if (!m || (m[3] !== undefined && until === undefined)) {
      issues.push(
        issue("E_AFFILIATIONS_SYNTAX", "this line is not an email-map rule", {
          severity: "warning",
          file,
          line: i + 1,
          hint: "write `[user!]domain Employer [< YYYY-MM-DD]`",
        }),
      );
      continue;
    }
    const key = unbang(m[1]!);
    const organization = normalizeOrganization(m[2]!.trim());
    if (organization === UNKNOWN) continue;
    const period: AffiliationPeriod = {
      organization,
      ...(until !== undefined ? { until } : {}),
      via: `${name}:${i + 1}`,
    };
    add(key.includes("@") ? rules.byEmail : rules.byDomain, key, period);
  }
}

/** The longest email-map line read as a rule. */
const MAX_RULE_LINE = 1000;

/** Sort `< D` periods so the earliest end date is tried first, as gitdm does. */
function sortPeriods(map: Map<string, AffiliationPeriod[]>): void {
  for (const list of map.values()) list.sort((a, b) => (a.until ?? Infinity) - (b.until ?? Infinity));
}

/**
 * Load affiliation files. A file named `*email-map*` is read as gitdm's email-map; anything
 * else as developers_affiliations. Never throws for bad content: each bad line is an issue.
 *
 * @example
 * const { rules, issues } = loadAffiliations(["developers_affiliations1.txt", "email-map"]);
 */
export function loadAffiliations(
  paths: readonly string[],
  options: AffiliationOptions = {},
): { rules: AffiliationRules; issues: Issue[] } {
  const rules: MutableRules = {
    byEmail: new Map(),
    byLogin: new Map(),
    byDomain: new Map(),
    loginOfEmail: new Map(),
    emailsOfLogin: new Map(),
  };
  const issues: Issue[] = [];
  const names = new OrganizationNames();
  const hash = createHash("sha256");
  for (const path of paths) {
    const read = readInputFile(path, { what: `affiliations file ${path}` });
    if ("problem" in read) {
      issues.push(
        issue(read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE", read.message, {
          file: path,
          hint: read.hint,
        }),
      );
      continue;
    }
    const text = read.bytes.toString("utf8");
    hash.update(basename(path)).update("\0").update(text).update("\0");
    const format = isCompanyNamesMapping(path)
      ? "company-names-mapping"
      : /email-map/i.test(basename(path))
        ? "email-map"
        : "developers_affiliations";
    const fileIssues: Issue[] = [];
    if (format === "company-names-mapping") parseCompanyNamesMapping(text, path, names, fileIssues);
    else if (format === "email-map") parseEmailMap(text, path, rules, fileIssues);
    else parseDevelopersAffiliations(text, path, rules, fileIssues);
    // A file with no line in the format is the wrong file (a path mistyped, a secret named by
    // mistake): one error, and nothing of its content echoed.
    const meaningful = text.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#")).length;
    if (meaningful > 0 && fileIssues.length >= meaningful) {
      issues.push(
        issue(
          "E_AFFILIATIONS_FORMAT",
          `${basename(path)} is not a gitdm ${format} file: none of its ${meaningful} lines is in that format`,
          { file: path, hint: `name a ${format} file (see docs/evidence.md), or remove the entry` },
        ),
      );
      continue;
    }
    issues.push(...fileIssues);
  }
  sortPeriods(rules.byEmail);
  sortPeriods(rules.byDomain);
  sortPeriods(rules.byLogin);
  const program = (options.organizations ?? []).map((o) =>
    typeof o === "string" ? { name: o, domains: [] as readonly string[] } : { name: o.name, domains: o.domains ?? [] },
  );
  for (const o of program) names.add(o.name, NAME_RANK.program);
  for (const map of [rules.byEmail, rules.byLogin, rules.byDomain])
    for (const list of map.values())
      for (const p of list) if (p.organization !== INDEPENDENT) names.add(p.organization, NAME_RANK.seen);
  // Every period names its organization the one way chosen for it.
  for (const map of [rules.byEmail, rules.byLogin, rules.byDomain]) {
    for (const [key, list] of map)
      map.set(
        key,
        list.map((p) => (p.organization === INDEPENDENT ? p : { ...p, organization: names.nameOf(p.organization) })),
      );
  }
  // The program's own domains come before the files' rules for a domain: the program declares them.
  for (const o of program) {
    for (const d of o.domains) {
      const domain = d.trim().toLowerCase().replace(/^@/, "");
      if (domain)
        rules.byDomain.set(domain, [
          { organization: names.nameOf(o.name), via: "program.organizations" },
          ...(rules.byDomain.get(domain) ?? []),
        ]);
    }
  }
  const bots = (options.bots ?? []).map((b) => b.trim()).filter((b) => b !== "");
  const extras = program.length || bots.length;
  if (extras) hash.update(JSON.stringify({ program, bots, names: names.entries() }));
  const organizationsByKey = new Map(names.entries());
  return {
    rules: {
      ...rules,
      organizationsByKey,
      bots,
      hash: paths.length || extras ? hash.digest("hex").slice(0, 16) : "none",
    },
    issues,
  };
}

/** Rules with no files: everything from email domains. */
export const NO_AFFILIATIONS: AffiliationRules = {
  byEmail: new Map(),
  byLogin: new Map(),
  byDomain: new Map(),
  hash: "none",
};

/**
 * The key that identifies a person by email: an address a developers_affiliations header
 * lists, or the GitHub noreply address of that login, is known by the header's first
 * address; any other noreply address by its login (`12345+jdoe@…` and `jdoe@…` are one);
 * any other address by itself, lower-cased. `why` says what merged it, when it was merged.
 */
export function personKey(rules: AffiliationRules, email: string): { key: string; why?: string } {
  const lower = email.toLowerCase();
  const listed = rules.loginOfEmail?.get(lower);
  const login = listed?.login ?? githubNoreplyLogin(lower);
  if (login === undefined) return { key: lower };
  const first = rules.emailsOfLogin?.get(login)?.[0];
  if (first !== undefined && first !== lower)
    return {
      key: first,
      why: listed
        ? `listed for ${login} in ${listed.via}`
        : `GitHub login ${login}, listed in ${rules.loginOfEmail?.get(first)?.via ?? "the affiliation files"}`,
    };
  if (first !== undefined) return { key: first };
  const key = `${login}@users.noreply.github.com`;
  return key === lower ? { key } : { key, why: `GitHub login ${login}` };
}

function pick(periods: readonly AffiliationPeriod[] | undefined, at: number): AffiliationPeriod | undefined {
  if (!periods) return undefined;
  for (const p of periods)
    if ((p.from === undefined || at >= p.from) && (p.until === undefined || at < p.until)) return p;
  return undefined;
}

/** True when the email's organization depends on the date (so it cannot be cached per email). */
export function dependsOnDate(rules: AffiliationRules, email: string): boolean {
  const lower = email.toLowerCase();
  const login = githubNoreplyLogin(lower);
  return [
    rules.byEmail.get(lower),
    login ? rules.byLogin.get(login) : undefined,
    domainPeriods(rules, domainOf(lower)),
  ].some((periods) => periods?.some((p) => p.from !== undefined || p.until !== undefined));
}

function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1);
}

/**
 * The email-map rules of a domain or, as gitdm does, of the domain it is part of
 * (`us.ibm.com` → `ibm.com`), the most specific first; never a bare top-level domain.
 */
function domainPeriods(rules: AffiliationRules, domain: string): readonly AffiliationPeriod[] | undefined {
  for (let d = domain; d.includes("."); d = d.slice(d.indexOf(".") + 1)) {
    const periods = rules.byDomain.get(d);
    if (periods) return periods;
  }
  return undefined;
}

/**
 * The organization an email belongs to at `at` (unix seconds): a developers_affiliations or
 * email-map rule for the address, then for its domain, then the domain itself.
 */
export function resolveAffiliation(rules: AffiliationRules, email: string, at: number): Affiliation {
  const lower = email.toLowerCase();
  const byEmail = pick(rules.byEmail.get(lower), at);
  if (byEmail) return { organization: byEmail.organization, via: byEmail.via, basis: "rule" };
  // A GitHub noreply address is its login's: the login's developers_affiliations lines apply.
  const login = githubNoreplyLogin(lower);
  const byLogin = login ? pick(rules.byLogin.get(login), at) : undefined;
  if (byLogin) return { organization: byLogin.organization, via: byLogin.via, basis: "rule" };
  const domain = domainOf(lower);
  if (!domain) return { organization: UNKNOWN, via: "no email domain", basis: "none" };
  const byDomain = pick(domainPeriods(rules, domain), at);
  if (byDomain) return { organization: byDomain.organization, via: byDomain.via, basis: "rule" };
  if (isHostLocalDomain(domain))
    return { organization: UNKNOWN, via: `host-local domain ${domain}`, basis: "host-local" };
  if (PUBLIC_MAIL_DOMAINS.has(domain) || domain.endsWith(".noreply.github.com"))
    return { organization: INDEPENDENT, via: `public domain ${domain}`, basis: "public" };
  const label = ownerLabel(domain);
  const named = label ? rules.organizationsByKey?.get(organizationKey(label)) : undefined;
  if (named) return { organization: named, via: `domain ${domain} (named like ${named})`, basis: "named-domain" };
  return { organization: domain, via: `domain ${domain}`, basis: "domain" };
}

/** The organization of a login (from developers_affiliations) at `at`, if known. */
export function resolveLogin(rules: AffiliationRules, login: string, at: number): Affiliation | undefined {
  const p = pick(rules.byLogin.get(login.replace(/^@/, "").toLowerCase()), at);
  return p ? { organization: p.organization, via: p.via } : undefined;
}
