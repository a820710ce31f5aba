import { splitTableRow } from "./repository-files.js";
import {
  isEmail,
  isFormer,
  isLogin,
  mentions,
  organizationOf,
  peopleOf,
  roleOf,
  stripMarkdown,
  type MaintainerName,
  type Mention,
} from "./maintainers-people.js";

/**
 * MAINTAINERS / MAINTAINERS.md / OWNERS.md written for people: markdown tables (one person
 * per row, with name, GitHub, e-mail and company columns), lists and lines (`- Name
 * (@login), Company`, `Name, Company <email> (github: @login)`), and quoted CSV lines
 * (`"login","Name","email"`). Headings and `Label:` lines decide which people count: those
 * under emeritus, former, reviewer, director or steering sections do not.
 */
export interface TextReading {
  readonly people: MaintainerName[];
  readonly counted: string;
  /** The lines read, HTML comments and code blocks blanked, for finding a pointer. */
  readonly lines: string[];
}

type Role = "counted" | "excluded" | undefined;

interface Table {
  readonly title: string;
  readonly role: Role;
  readonly handle: number;
  readonly email: number;
  readonly name: number;
  readonly affiliation: number;
  readonly affiliationHeader: string;
  readonly status: number;
}

/** At most this much of a line is read: a person's entry is never longer. */
const MAX_LINE = 20_000;

export function readTextMaintainers(fileName: string, text: string): TextReading {
  const markdown = /\.(md|markdown|mdx)$/i.test(fileName);
  const people: MaintainerName[] = [];
  const skipped = new Set<string>();
  const headings: { level: number; role: Role; text: string }[] = [];
  let label: { role: Role; text: string } | undefined;
  let table: Table | undefined;
  let inComment = false;
  let inFence = false;
  const lines = text.split("\n").map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l));

  const sectionRole = (): { role: Role; text?: string } => {
    if (label?.role) return label;
    for (let i = headings.length - 1; i >= 0; i--) if (headings[i]!.role) return headings[i]!;
    return { role: undefined };
  };

  lines.forEach((raw, index) => {
    // HTML comments and fenced code hold no list of people.
    let line = raw;
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) return void (lines[index] = "");
      inComment = false;
      line = line.slice(end + 3);
    }
    line = withoutComments(line, (open) => (inComment = open));
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      return void (lines[index] = "");
    }
    if (inFence) return void (lines[index] = "");
    lines[index] = line;
    const trimmed = line.trim();
    if (trimmed === "") return void (table = undefined);

    const heading = /^\s{0,3}(#{1,6})(?:\s+(.*))?$/.exec(line.length > 300 ? "" : line);
    if (heading) {
      const title = (heading[2] ?? "").replace(/#+\s*$/, "").trim();
      const role = roleOf(title);
      table = undefined;
      if (markdown) {
        const level = heading[1]!.length;
        while (headings.length && headings.at(-1)!.level >= level) headings.pop();
        headings.push({ level, role, text: title });
        label = undefined;
      } else if (role) label = { role, text: title }; // a `# COMMITTERS` comment in a plain file
      return;
    }

    if (trimmed.startsWith("|") || (table && trimmed.includes("|"))) {
      const cells = splitTableRow(trimmed);
      if (cells.every((c) => /^:?-+:?$/.test(c) || c === "")) return; // separator
      if (!table) {
        table = tableOf(cells, lines[index + 1] ?? "");
        if (table) return;
      }
      const role = table?.role ?? sectionRole().role;
      if (role === "excluded")
        return void skipped.add(table?.role ? `${table.title} table` : (sectionRole().text ?? ""));
      if (table && table.status >= 0 && isFormer(cells[table.status] ?? ""))
        return void skipped.add("former (status column)");
      people.push(...rowPeople(fileName, index + 1, cells, table));
      return;
    }
    table = undefined;

    // `General maintainers:`, `Former maintainers include:` — a label for the lines below.
    const isItem = /^([-*+]|\d+[.)])\s/.test(trimmed);
    if (!isItem && trimmed.endsWith(":") && trimmed.length <= 100) {
      const role = roleOf(trimmed);
      if (role) label = { role, text: trimmed.slice(0, -1) };
      return;
    }
    const { role, text: section } = sectionRole();
    if (role === "excluded") {
      if (mentions(trimmed).some((m) => m.kind === "login" || m.kind === "email")) skipped.add(section ?? "");
      return;
    }
    const csv = csvPerson(trimmed);
    if (csv) return void people.push(csv);
    people.push(...linePeople(fileName, index + 1, trimmed));
  });
  const notCounted = [...skipped].filter((s) => s !== "");
  return {
    people,
    counted:
      `people in ` +
      `${fileName}${notCounted.length ? `; not counted: ${notCounted.map((s) => `'${s}'`).join(", ")}` : ""}`,
    lines,
  };
}

/** `line` without `<!-- … -->`; `open(true)` when a comment starts and does not end on it. */
function withoutComments(line: string, open: (o: boolean) => void): string {
  let out = "";
  let from = 0;
  for (;;) {
    const start = line.indexOf("<!--", from);
    if (start < 0) return out + line.slice(from);
    out += line.slice(from, start);
    const end = line.indexOf("-->", start + 4);
    if (end < 0) {
      open(true);
      return out;
    }
    from = end + 3;
  }
}

/** A table's columns by their header, when the next line is a separator row. */
function tableOf(header: string[], next: string): Table | undefined {
  if (!/^\s*\|?\s*:?-{2,}/.test(next)) return undefined;
  const names = header.map((h) => stripMarkdown(h).toLowerCase());
  const find = (re: RegExp, not?: RegExp): number => names.findIndex((n) => re.test(n) && !not?.test(n));
  const affiliation = find(/compan|employer|affiliation|organi[sz]ation|^org$/);
  return {
    title: stripMarkdown(header[0] ?? ""),
    role: roleOf(names[0] ?? ""),
    handle: find(/github|gitlab|handle|login|user ?name|^id$|^user$/, /slack|discord|twitter/),
    email: find(/e-?mail/),
    name: find(/name|maintainer|person|reviewer|member|who/, /github|user ?name|handle|login/),
    affiliation,
    affiliationHeader: affiliation >= 0 ? stripMarkdown(header[affiliation]!) : "",
    status: find(/status|role|position/),
  };
}

/** The people of a table row: the handle and e-mail cells (or every cell but the company), else the name. */
function rowPeople(fileName: string, line: number, cells: string[], table: Table | undefined): MaintainerName[] {
  const cell = (i: number | undefined): string => (i !== undefined && i >= 0 ? (cells[i] ?? "") : "");
  const found: Mention[] = [];
  if (table && (table.handle >= 0 || table.email >= 0)) {
    for (const i of [table.name, table.handle, table.email].filter((i) => i >= 0).sort((a, b) => a - b)) {
      const c = cell(i);
      const got = mentions(c);
      // A bare login in the GitHub column: `| annex |`.
      const bare = stripMarkdown(c).replace(/^@/, "");
      if (i === table.handle && !got.some((m) => m.kind === "login") && isLogin(bare))
        got.push({ kind: "login", value: bare, at: 0 });
      if (i === table.email && !got.some((m) => m.kind === "email") && isEmail(bare.toLowerCase()))
        got.push({ kind: "email", value: bare.toLowerCase(), at: 0 });
      found.push(...got.map((m) => ({ ...m, at: m.at + i * MAX_LINE })));
    }
  } else
    cells.forEach(
      (c, i) => i !== table?.affiliation && found.push(...mentions(c).map((m) => ({ ...m, at: m.at + i * MAX_LINE }))),
    );
  let people = peopleOf(found);
  const name =
    table && table.name >= 0
      ? stripMarkdown(cell(table.name))
          .replace(/<[^>]*>/g, "")
          .trim()
      : "";
  if (people.length === 0 && table && table.name >= 0 && name !== "" && name.length <= 100 && !/^[-–—?]+$/.test(name))
    people = [{ handle: name }];
  const org = table && table.affiliation >= 0 ? organizationOf(cell(table.affiliation)) : undefined;
  return people.map((p) => ({
    ...p,
    ...(people.length === 1 && name && name !== p.handle ? { name } : {}),
    ...(org
      ? { affiliation: { organization: org, via: `${fileName}:${line} (${table!.affiliationHeader} column)` } }
      : {}),
  }));
}

/** `"login","Name","email",…` as moby and containerd keep MAINTAINERS. */
function csvPerson(line: string): MaintainerName | undefined {
  if (!line.startsWith('"') || line.length > 2000) return undefined;
  const fields = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.trim());
  if (fields.length < 2 || !isLogin(fields[0]!)) return undefined;
  const email = fields
    .slice(1)
    .find((f) => isEmail(f.toLowerCase()))
    ?.toLowerCase();
  return {
    handle: fields[0]!,
    ...(email ? { email } : {}),
    ...(fields[1] && !isEmail(fields[1]) ? { name: fields[1] } : {}),
  };
}

/**
 * The people of a list item or line; with one person, the rest of the line gives the name
 * and the company: `Name, Company <email> (github: @login)`, `Name (@login), Company`,
 * `Name (Company) @login`.
 */
function linePeople(fileName: string, line: number, text: string): MaintainerName[] {
  // In a sentence, a profile link names an organization or a page ("repositories under
  // https://github.com/org, as noted…"); in a list item or a short line, a person.
  const prose = !/^([-*+]|\d+[.)])\s/.test(text) && text.split(/\s+/).length > 6;
  const people = peopleOf(mentions(text).filter((m) => !(prose && m.link)));
  if (people.length !== 1) return people;
  const { rest, aside } = residue(text.replace(/^([-*+]|\d+[.)])\s+/, ""));
  const parts = rest.split(",").map((s) => s.trim());
  const name = stripMarkdown(parts[0]!.replace(/^.*:\s+/, "")).trim();
  const company = organizationOf(parts.length >= 2 && parts[1]!.length <= 60 ? parts[1]! : (aside ?? ""));
  return [
    {
      ...people[0]!,
      ...(name && name.length <= 80 && /\p{L}/u.test(name) ? { name } : {}),
      ...(company ? { affiliation: { organization: company, via: `${fileName}:${line}` } } : {}),
    },
  ];
}

/**
 * A line without its logins, emails, links and the `<…>` / `(…)` groups holding them; `aside`
 * is the first `(…)` group that holds none of them (`(Hooli)`).
 */
function residue(text: string): { rest: string; aside?: string } {
  let rest = "";
  let aside: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "<" || c === "(") {
      const close = text.indexOf(c === "<" ? ">" : ")", i + 1);
      if (close < 0) break;
      const inner = text.slice(i + 1, close);
      if (
        c === "(" &&
        aside === undefined &&
        !inner.includes("@") &&
        !/https?:|github/i.test(inner) &&
        inner.trim() !== ""
      )
        aside = inner.trim();
      i = close;
      continue;
    }
    rest += c;
  }
  const words = rest.split(/\s+/).filter((w) => !w.includes("@") && !/^https?:/i.test(w) && !/^\[?@/.test(w));
  return { rest: words.join(" "), ...(aside !== undefined ? { aside } : {}) };
}
