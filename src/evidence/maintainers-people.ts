import { INDEPENDENT } from "./affiliations.js";

/**
 * The pieces every maintainers reader shares: finding logins, emails and links in a piece of
 * text, telling a person from a mailing list or a team, and what a heading says about the
 * people under it. Everything here scans by tokens or with anchored patterns on bounded
 * tokens, so a 300 KB line costs linear time.
 */

/** A person a maintainers file names: a login or an email, and the email when both are given. */
export interface MaintainerName {
  readonly handle: string;
  readonly email?: string;
  /** The person's name as the file writes it, when it gives one. */
  readonly name?: string;
  /**
   * The organization the file itself names for the person (a Company / Affiliation column, `Name, Company`), and where.
   */
  readonly affiliation?: { readonly organization: string; readonly via: string };
}

/** One thing found in a text, at its position: a person's login, an email, a team, a link. */
export interface Mention {
  readonly kind: "login" | "email" | "team" | "url";
  readonly value: string;
  readonly at: number;
  /** For a login: taken from a profile link (`https://github.com/ann`) rather than written `@ann`. */
  readonly link?: boolean;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const EMAIL = /^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/;
const TEAM = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([\w.-]{1,100})$/;
/** Characters that end a token: space and the brackets, pipes, quotes and separators around names. */
const BREAK = new Set([..." \t\r<>()[]{}|,;\"'`"]);
/** First path segments of github.com that are no user. */
const GITHUB_PAGES = new Set([
  "orgs",
  "sponsors",
  "features",
  "about",
  "settings",
  "topics",
  "marketplace",
  "apps",
  "enterprise",
  "pricing",
  "login",
  "join",
  "notifications",
  "explore",
  "issues",
  "pulls",
  "search",
  "collections",
  "trending",
  "site",
  "security",
  "contact",
  "team",
  "teams",
  "users",
  "readme",
]);
const MAX_TOKEN = 320;

/** The tokens of `text` with their offsets: runs of characters between `BREAK`s. */
function* tokens(text: string): Generator<[string, number]> {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i]! : " ";
    if (BREAK.has(c)) {
      if (start >= 0) yield [text.slice(start, i), start];
      start = -1;
    } else if (start < 0) start = i;
  }
}

/** A token without the punctuation prose puts around it (`@ann.`, `*@ann*`, `mailto:`). */
function trimToken(t: string): string {
  let s = 0;
  let e = t.length;
  while (s < e && "*_~".includes(t[s]!)) s++;
  while (e > s && ".:!?*_~".includes(t[e - 1]!)) e--;
  const out = t.slice(s, e);
  return out.toLowerCase().startsWith("mailto:") ? out.slice(7) : out;
}

/** The login a GitHub profile link names (`https://github.com/ann`, `github.com/ann/`), if it is one. */
export function loginOfProfileUrl(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([^/?#]{1,40})\/?$/i.exec(url);
  if (!m || !LOGIN.test(m[1]!) || GITHUB_PAGES.has(m[1]!.toLowerCase())) return undefined;
  return m[1];
}

/** Logins, emails, teams and links in `text`, in order. */
export function mentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const [raw, at] of tokens(text)) {
    if (raw.length > MAX_TOKEN) continue;
    const t = trimToken(raw);
    if (t === "") continue;
    if (/^https?:\/\//i.test(t) || /^(www\.)?github\.com\//i.test(t)) {
      out.push({ kind: "url", value: t, at });
      const login = loginOfProfileUrl(t);
      if (login) out.push({ kind: "login", value: login, at, link: true });
    } else if (t.startsWith("@")) {
      const name = t.slice(1);
      if (LOGIN.test(name)) out.push({ kind: "login", value: name, at });
      else if (TEAM.test(name)) out.push({ kind: "team", value: t, at });
    } else if (t.includes("@") && EMAIL.test(t)) out.push({ kind: "email", value: t.toLowerCase(), at });
  }
  return out;
}

/** Whether `login` has the shape of a GitHub login. */
export function isLogin(login: string): boolean {
  return LOGIN.test(login);
}

/** Whether `email` has the shape of an email address. */
export function isEmail(email: string): boolean {
  return email.length <= 200 && EMAIL.test(email);
}

/** The local part of a role address: `maintainers@`, `k8s-security@`, `dev@`. */
const ROLE_ADDRESS = new RegExp(
  "(^|[-_.])(maintainers|owners|committers|approvers|reviewers|dev|devel|developers|security|team|announce|" +
    "users|discuss|info|help|support|noreply|no-reply|community|steering|toc)$",
);

/**
 * A list, not a person: Google Groups, `lists.*` hosts, groups.io, and role addresses such as
 * `maintainers@`, `*-maintainers@`, `security@`, `dev@`.
 */
export function isMailingList(email: string): boolean {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).toLowerCase();
  const domain = email.slice(at + 1).toLowerCase();
  if (
    domain === "googlegroups.com" ||
    domain === "groups.io" ||
    domain.endsWith(".groups.io") ||
    domain.startsWith("lists.") ||
    domain.includes(".lists.")
  )
    return true;
  return ROLE_ADDRESS.test(local);
}

/**
 * The people of one line or table row. `Jane <jane@acme.io> (@jdoe)` is one person, not two:
 * an email pairs with the login right after it, or else right before it. A login named twice
 * (`[@ann](https://github.com/ann)`) is one person. Mailing lists are dropped.
 */
export function peopleOf(found: readonly Mention[]): MaintainerName[] {
  const items: Mention[] = [];
  const seen = new Set<string>();
  for (const m of found) {
    if (m.kind !== "login" && m.kind !== "email") continue;
    if (m.kind === "email" && isMailingList(m.value)) continue;
    const key = `${m.kind}:${m.value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(m);
  }
  const emailOfLogin = new Map<number, string>();
  const used = new Set<number>();
  items.forEach((m, i) => {
    if (m.kind !== "email") return;
    const partner =
      items[i + 1]?.kind === "login" && !used.has(i + 1)
        ? i + 1
        : items[i - 1]?.kind === "login" && !used.has(i - 1)
          ? i - 1
          : -1;
    if (partner < 0) return;
    emailOfLogin.set(partner, m.value);
    used.add(partner).add(i);
  });
  return items.flatMap((m, i): MaintainerName[] => {
    if (m.kind === "login")
      return [{ handle: m.value, ...(emailOfLogin.has(i) ? { email: emailOfLogin.get(i)! } : {}) }];
    return used.has(i) ? [] : [{ handle: m.value }];
  });
}

/** Words that put a section's people out of the count, whatever else the heading says. */
const FORMER = /emerit|former|alumni|retired|\bpast\b|inactive|previous|stepped down/i;
/** Roles that are not maintainers. */
const OTHER_ROLE =
  /reviewer|director|steering|committee|coordinator|triag|curator|sponsor|advisor|security contact|shadow/i;
const MAINTAINER_ROLE = /maintainer|committer|approver|\bowners?\b|\bleads?\b|admin|core team|\bchairs?\b/i;

/**
 * What a heading (or a `Label:` line, a table's first header cell, a TOML group) says about
 * the people under it: "counted", "excluded", or nothing (it names no role, or both kinds).
 */
export function roleOf(heading: string): "counted" | "excluded" | undefined {
  if (FORMER.test(heading)) return "excluded";
  const maintainer = MAINTAINER_ROLE.test(heading);
  const other = OTHER_ROLE.test(heading);
  if (maintainer && other) return undefined;
  return maintainer ? "counted" : other ? "excluded" : undefined;
}

/** Whether a status or role cell says the person is no longer active. */
export function isFormer(text: string): boolean {
  return FORMER.test(text);
}

/**
 * An organization as a file writes it, or undefined when the cell says nothing; "Independent" and the like are no
 * organization.
 */
export function organizationOf(text: string): string | undefined {
  const s = stripMarkdown(text).trim();
  if (s === "" || s.length > 100 || /^[-–—?]+$/.test(s) || /^(n\/?a|tbd|none)$/i.test(s)) return undefined;
  if (/^(independent|individual|self|self-employed|unaffiliated|personal|freelance(r)?)( contributor)?$/i.test(s))
    return INDEPENDENT;
  return s;
}

/** Markdown link text instead of the link, without emphasis and code marks; bounded and linear. */
export function stripMarkdown(text: string): string {
  const s = text.length > 1000 ? text.slice(0, 1000) : text;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "]" && s[i + 1] === "(") {
      const close = s.indexOf(")", i + 2);
      if (close >= 0) {
        i = close;
        continue;
      }
    }
    if ("[]*_`!".includes(c) && !(c === "!" && s[i + 1] !== "[")) continue;
    out += c;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** `list` without repeats, by lower-case handle, first kept; a later repeat adds what the first lacked. */
export function uniquePeople(list: readonly MaintainerName[]): MaintainerName[] {
  const byKey = new Map<string, MaintainerName>();
  for (const p of list) {
    const key = p.handle.toLowerCase();
    const prior = byKey.get(key);
    if (!prior) byKey.set(key, p);
    else
      byKey.set(key, {
        ...p,
        ...prior,
        ...((prior.email ?? p.email) ? { email: prior.email ?? p.email } : {}),
        ...((prior.affiliation ?? p.affiliation) ? { affiliation: prior.affiliation ?? p.affiliation } : {}),
      });
  }
  // An email-only entry is the same person as a login entry with that email.
  const emails = new Set([...byKey.values()].flatMap((p) => (p.email ? [p.email.toLowerCase()] : [])));
  return [...byKey.values()].filter((p) => !(p.handle.includes("@") && emails.has(p.handle.toLowerCase())));
}
