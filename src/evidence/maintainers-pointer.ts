import { posix } from "node:path";
import { mentions } from "./maintainers-people.js";

/**
 * A maintainers file that lists no one but points elsewhere ("moved to …", "see <link>",
 * "as listed in https://github.com/org/community/blob/main/MAINTAINERS"): where it points.
 */
export interface MaintainersPointer {
  /** The link as written. */
  readonly url: string;
  /** 1-based line of the link. */
  readonly line: number;
  /** The repository a link into another repository names: "github.com/org/community". */
  readonly repository?: string;
  /** The file it names: inside `repository`, or, for a relative link, inside this repository. */
  readonly path?: string;
}

/** Where a repository link leads: which repository, at which ref, which path. */
export interface RepositoryLink {
  /** Host and repository path: "github.com/containerd/project". */
  readonly repository: string;
  /** The repository's URL: "https://github.com/containerd/project". */
  readonly url: string;
  readonly ref?: string;
  readonly path?: string;
}

/**
 * The repository and path a GitHub or GitLab URL names: `…/blob|tree/<ref>/<path>`,
 * raw.githubusercontent.com, or the repository itself. Undefined for other sites and for
 * links that name no repository (a user, an organization). A ref holding `/` is not told
 * from the path: the first segment is taken as the ref.
 */
export function repositoryOfUrl(url: string): RepositoryLink | undefined {
  const m = /^https?:\/\/(?:www\.)?(github\.com|gitlab\.com|raw\.githubusercontent\.com)\/([^?#]*)/i.exec(url.trim());
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  const segs = m[2]!.split("/").filter((s) => s !== "");
  const link = (repoPath: string[], ref?: string, path?: string[]): RepositoryLink => {
    const name = repoPath.join("/").replace(/\.git$/i, "");
    const h = host === "raw.githubusercontent.com" ? "github.com" : host;
    return {
      repository: `${h}/${name}`,
      url: `https://${h}/${name}`,
      ...(ref ? { ref } : {}),
      ...(path?.length ? { path: path.join("/") } : {}),
    };
  };
  if (host === "gitlab.com") {
    const dash = segs.indexOf("-");
    const repoPath = dash < 0 ? segs : segs.slice(0, dash);
    if (repoPath.length < 2) return undefined;
    const rest = dash < 0 ? [] : segs.slice(dash + 1);
    return ["blob", "tree", "raw"].includes(rest[0] ?? "") ? link(repoPath, rest[1], rest.slice(2)) : link(repoPath);
  }
  if (segs.length < 2 || ["orgs", "sponsors", "users", "topics", "features"].includes(segs[0]!.toLowerCase()))
    return undefined;
  if (host === "raw.githubusercontent.com") return link(segs.slice(0, 2), segs[2], segs.slice(3));
  return ["blob", "tree", "raw", "edit"].includes(segs[2] ?? "")
    ? link(segs.slice(0, 2), segs[3], segs.slice(4))
    : link(segs.slice(0, 2));
}

/** Chat and invitation sites: a link there is how to reach the maintainers, not where they are listed. */
const CHAT = new RegExp(
  String.raw`^https?:\/\/([^/]*\.)?(slack\.com|slack\.cncf\.io|discord\.(gg|com)|gitter\.im|zoom\.us|` +
    String.raw`meet\.google\.com|groups\.google\.com|lists\.[^/]+|matrix\.to|x\.com|twitter\.com)(\/|$)`,
  "i",
);
const NAMES_PEOPLE = /maintainer|owner|committer|governance|team|people/i;
const POINTS = /\b(moved|see|listed|managed|maintained|kept|found|lives|located|refer|defined|available)\b/i;

/** Relative targets of markdown links on a line (`[text](docs/MAINTAINERS.md)`), with their link text. */
function relativeLinks(line: string): { target: string; text: string }[] {
  const out: { target: string; text: string }[] = [];
  let from = 0;
  for (;;) {
    const mid = line.indexOf("](", from);
    if (mid < 0) return out;
    const close = line.indexOf(")", mid + 2);
    if (close < 0) return out;
    const open = line.lastIndexOf("[", mid);
    const target =
      line
        .slice(mid + 2, close)
        .trim()
        .split(/\s/)[0] ?? "";
    if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#"))
      out.push({ target, text: open >= from ? line.slice(open + 1, mid) : "" });
    from = close + 1;
  }
}

/**
 * Where a file that names no person points: the first link whose target (or link text)
 * names maintainers or owners, else the first link on a line saying "see", "moved",
 * "listed"… Chat and invitation links are never the list.
 */
export function findPointer(fileName: string, lines: readonly string[]): MaintainersPointer | undefined {
  let best: { score: number; pointer: MaintainersPointer } | undefined;
  lines.forEach((raw, i) => {
    if (best?.score === 2) return;
    const line = raw.length > 10_000 ? raw.slice(0, 10_000) : raw;
    const candidates: { url: string; text: string }[] = [
      ...mentions(line)
        .filter((m) => m.kind === "url")
        .map((m) => ({ url: m.value, text: "" })),
      ...relativeLinks(line).map((l) => ({ url: l.target, text: l.text })),
    ];
    for (const c of candidates) {
      if (CHAT.test(c.url)) continue;
      const file = c.url.split(/[?#]/)[0]!.replace(/\/+$/, "");
      const last = file.slice(file.lastIndexOf("/") + 1);
      const score = NAMES_PEOPLE.test(last) || NAMES_PEOPLE.test(c.text) ? 2 : POINTS.test(line) ? 1 : 0;
      if (score === 0 || (best && best.score >= score)) continue;
      best = { score, pointer: pointerTo(fileName, c.url, i + 1) };
      if (score === 2) break;
    }
  });
  return best?.pointer;
}

function pointerTo(fileName: string, url: string, line: number): MaintainersPointer {
  if (/^https?:\/\//i.test(url)) {
    const repo = repositoryOfUrl(url);
    return { url, line, ...(repo ? { repository: repo.repository } : {}), ...(repo?.path ? { path: repo.path } : {}) };
  }
  // A relative link: a file of this repository, resolved against the linking file's folder.
  const target = url.split(/[?#]/)[0]!;
  const joined = posix.normalize(
    target.startsWith("/") ? target.slice(1) : posix.join(posix.dirname(fileName), target),
  );
  return { url, line, ...(joined.startsWith("..") || joined === "." ? {} : { path: joined.replace(/\/+$/, "") }) };
}
