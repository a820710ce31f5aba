import { roleOf, type MaintainerName } from "./maintainers-people.js";

/**
 * The TOML MAINTAINERS file of moby and the projects that copied it: `[Org."Core
 * maintainers"]` groups with `people = ["key", …]`, and a `[people.key]` table per person with
 * `Name`, `Email` and `GitHub`. The maintainers are the people of the groups that are not
 * curators, reviewers or alumni; with no group, everyone of `[people]`.
 */
export function isTomlMaintainers(text: string): boolean {
  return /^\s*\[(people|Org)[.\]]/m.test(text.length > 200_000 ? text.slice(0, 200_000) : text);
}

export function readTomlMaintainers(fileName: string, text: string): { people: MaintainerName[]; counted: string } {
  const people = new Map<string, { Name?: string; Email?: string; GitHub?: string }>();
  const groups: { name: string; keys: string[] }[] = [];
  let section = "";
  let list: string[] | undefined;
  for (const raw of text.split("\n")) {
    const line = stripComment(raw).trim();
    if (line === "") continue;
    if (list) {
      list.push(...quoted(line));
      if (line.includes("]")) list = undefined;
      continue;
    }
    const header = /^\[([^\]]{1,200})\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const kv = /^([A-Za-z]{1,20})\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv as unknown as [string, string, string];
    if (/^org\b/i.test(section) && key === "people") {
      const group = { name: unquote(section.replace(/^org\.?/i, "")), keys: quoted(value) };
      groups.push(group);
      if (!value.includes("]")) list = group.keys;
    } else if (/^people\./i.test(section) && ["Name", "Email", "GitHub"].includes(key)) {
      const id = unquote(section.slice(7)).toLowerCase();
      people.set(id, { ...people.get(id), [key]: quoted(value)[0] ?? value.trim() });
    }
  }
  const counted = groups.filter((g) => roleOf(g.name) !== "excluded");
  const keys = groups.length ? counted.flatMap((g) => g.keys) : [...people.keys()];
  const out = keys.map((k): MaintainerName => {
    const p = people.get(k.toLowerCase());
    const handle = p?.GitHub?.trim() || k;
    return { handle, ...(p?.Email ? { email: p.Email.toLowerCase() } : {}), ...(p?.Name ? { name: p.Name } : {}) };
  });
  const skipped = groups.filter((g) => roleOf(g.name) === "excluded").map((g) => g.name);
  return {
    people: out,
    counted: groups.length
      ? `the people of ${counted.map((g) => `[Org.${g.name}]`).join(", ") || "no group"} ` +
        `in ${fileName}${skipped.length ? `; ${skipped.join(", ")} not counted` : ""}`
      : `every [people.*] entry of ${fileName}`,
  };
}

/** A line without its `# comment` (a `#` inside quotes stays). */
function stripComment(line: string): string {
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuote = !inQuote;
    else if (line[i] === "#" && !inQuote) return line.slice(0, i);
  }
  return line;
}

/** The double-quoted strings of `s`, in order. */
function quoted(s: string): string[] {
  return [...s.matchAll(/"([^"]{0,200})"/g)].map((m) => m[1]!);
}

function unquote(s: string): string {
  return s.trim().replace(/^"([^"]*)"$/, "$1");
}
