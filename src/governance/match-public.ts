import type { ProgramProject } from "./model.js";
import type { PublicProject, PublicRecord } from "./public-record.js";
import type { RecordedDecision } from "./schema.js";

/** How a catalog project was found in a public record, or why it was not. */
export type PublicMatch =
  | {
      readonly project: string;
      readonly matched: true;
      readonly by: "repository" | "name";
      readonly entry: PublicProject;
      readonly decisions: readonly RecordedDecision[];
      /** What the record lacks or disagrees with, in words. */
      readonly notes: readonly string[];
    }
  | { readonly project: string; readonly matched: false; readonly why: string };

export interface MatchReport {
  readonly file: string;
  readonly kind: PublicRecord["kind"];
  /** Foundation projects the file lists. */
  readonly listed: number;
  readonly matches: readonly PublicMatch[];
}

/** `https://github.com/Owner/Repo.git/` → `github.com/owner/repo`; undefined for what is no web URL. */
export function repositoryKey(url: string): string | undefined {
  const m = /^(?:https?:\/\/|git@)(?:www\.)?([^/:]+)[/:]([^/?#]+)\/([^/?#]+?)(?:\.git)?\/?(?:[?#].*)?$/i.exec(
    url.trim(),
  );
  return m ? `${m[1]}/${m[2]}/${m[3]}`.toLowerCase() : undefined;
}

/** "Service Mesh Interface (SMI) Spec" and "service-mesh-interface-smi-spec" compare equal. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * Match a public record's projects to the catalog's: by repository (the whole repository, listed
 * by one catalog project only: a folder of a monorepo, or a repository several catalog projects
 * share, is a part of the foundation project, not it), else by name or CLOMonitor id. Each match
 * carries the decisions the record dates, in `framework` (the catalog's id for the foundation's).
 */
export function matchPublicRecord(
  record: PublicRecord,
  projects: readonly ProgramProject[],
  framework: string,
): MatchReport {
  const byRepo = new Map<string, PublicProject[]>();
  const byName = new Map<string, PublicProject[]>();
  const add = (map: Map<string, PublicProject[]>, key: string | undefined, p: PublicProject) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    if (!list.includes(p)) list.push(p);
    map.set(key, list);
  };
  for (const p of record.projects) {
    for (const r of p.repositories) add(byRepo, repositoryKey(r), p);
    add(byName, nameKey(p.name), p);
    if (p.clomonitorName) add(byName, nameKey(p.clomonitorName), p);
  }
  const repoUsers = new Map<string, string[]>();
  for (const project of projects)
    for (const r of project.repositories) {
      const key = repositoryKey(r.url);
      if (key) repoUsers.set(key, [...(repoUsers.get(key) ?? []), project.id]);
    }

  const matches = projects.map((project): PublicMatch => {
    const whole = project.repositories.filter((r) => !r.folder);
    const shared: string[] = [];
    const found = new Set<PublicProject>();
    for (const r of whole) {
      const key = repositoryKey(r.url);
      if (!key) continue;
      const users = repoUsers.get(key) ?? [];
      if (users.length > 1) {
        if (byRepo.has(key)) shared.push(`${key} (also listed by ${users.filter((u) => u !== project.id).join(", ")})`);
        continue;
      }
      for (const p of byRepo.get(key) ?? []) found.add(p);
    }
    const entry = (p: PublicProject, by: "repository" | "name"): PublicMatch => {
      const found = decisionsOf(p, project.id, framework, record);
      const main = repositoryKey(p.repositories[0] ?? "");
      if (by === "repository" && !whole.some((r) => repositoryKey(r.url) === main))
        found.notes.push(`matched on one of ${p.name}'s other repositories, not its main one: a subproject of it?`);
      if (project.frameworkId === framework && project.level && project.level.toLowerCase() !== p.level)
        found.notes.push(`the catalog declares ${project.level}; the record says ${p.level}`);
      return { project: project.id, matched: true, by, entry: p, ...found };
    };
    if (found.size === 1) return entry([...found][0]!, "repository");
    if (found.size > 1)
      return {
        project: project.id,
        matched: false,
        why: `its repositories are those of ${found.size} entries (${[...found].map((p) => p.name).join(", ")})`,
      };
    const named = new Set([...(byName.get(nameKey(project.name)) ?? []), ...(byName.get(nameKey(project.id)) ?? [])]);
    if (named.size === 1) return entry([...named][0]!, "name");
    const folders = project.repositories.filter((r) => r.folder && byRepo.has(repositoryKey(r.url) ?? ""));
    const why =
      named.size > 1
        ? `its name matches ${named.size} entries`
        : folders.length > 0
          ? `it is a folder of ${folders.map((r) => `${r.url}`).join(", ")}, a part of ${
              byRepo.get(repositoryKey(folders[0]!.url)!)![0]!.name
            }, not the project itself`
          : shared.length > 0
            ? `its repository ${shared.join(", ")} belongs to ` +
              `${byRepo.get(shared[0]!.split(" ")[0]!)![0]!.name}, which several catalog projects are parts of`
            : `no entry has its repository (${whole.map((r) => r.url).join(", ") || "none listed"}) or its name`;
    return { project: project.id, matched: false, why };
  });
  return { file: record.file, kind: record.kind, listed: record.projects.length, matches };
}

/** The decisions a public entry dates, oldest first, with what it leaves out. */
function decisionsOf(
  p: PublicProject,
  project: string,
  framework: string,
  record: PublicRecord,
): { decisions: RecordedDecision[]; notes: string[] } {
  const source = `${record.file}:${p.line}`;
  const by = "CNCF TOC";
  const decisions: RecordedDecision[] = [];
  const notes: string[] = [];
  const base = { project, framework, by, source };
  if (record.kind === "clomonitor") {
    if (p.level === "sandbox" && p.accepted)
      decisions.push({ ...base, kind: "admit", level: "sandbox", date: p.accepted });
    else
      notes.push(
        `CLOMonitor gives the level now (${p.level})${p.accepted ? ` and the day accepted (${p.accepted})` : ""}, ` +
          "not the level it was accepted at nor when it moved: import landscape.yml for those dates",
      );
    return { decisions, notes };
  }
  if (p.accepted) {
    const at = p.graduated === p.accepted ? "graduated" : p.incubating === p.accepted ? "incubating" : "sandbox";
    decisions.push({ ...base, kind: "admit", level: at, date: p.accepted });
  } else notes.push(`no accepted date: the admission (level ${p.level} now) is not dated`);
  if (p.incubating && p.incubating !== p.accepted)
    decisions.push({ ...base, kind: "promote", level: "incubating", date: p.incubating });
  if (p.graduated && p.graduated !== p.accepted) {
    if (!p.incubating && p.accepted)
      notes.push("graduated without an incubating date: the promotion to incubating is not dated");
    decisions.push({ ...base, kind: "promote", level: "graduated", date: p.graduated });
  }
  if (p.archived) decisions.push({ ...base, kind: "archive", date: p.archived });
  else if (p.level === "archived") notes.push("archived, without an archived date");
  decisions.sort((a, b) => a.date.localeCompare(b.date));
  return { decisions, notes };
}
