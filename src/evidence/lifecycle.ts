import { escapeTerminalLine } from "../core/index.js";
import type { Lifecycle, Source } from "./model.js";

/**
 * Whether a repository says it is archived or deprecated. Projects say it at the top of the
 * README: in the title ("# Key Vault FlexVolume [DEPRECATED]", "# AKS Engine - Deprecated
 * tool …"), in a banner ("> # ⚠️ … repo has been archived and is no longer maintained"), or in
 * the first paragraphs or a "Project status" section ("This project is deprecated for …").
 * Only the top is read, and prose counts only when it says the project itself is ("this
 * repository is archived"), so "the --old flag is deprecated" further down is not a lifecycle.
 * Scanning is by words and fixed phrases over bounded lines: linear in the text read.
 */

/** How much of the README is looked at. */
const MAX_BYTES = 16 * 1024;
const MAX_LINES = 80;
const MAX_LINE = 500;
/** Prose paragraphs read from the top (badges and images do not count). */
const TOP_PARAGRAPHS = 3;

type Stated = "archived" | "deprecated";

// What the project calls itself, and how it says what became of it. "repo" and "project" name
// the repository whatever comes before ("AAD Pod Identity repo has been archived"); other
// nouns only after "this" or "the", so "the in-tree cloud provider has been deprecated" (a
// README's note about something else) is not the project deprecating itself.
const NOUNS = [
  "solution",
  "tool",
  "library",
  "module",
  "package",
  "component",
  "plugin",
  "driver",
  "provider",
  "operator",
  "controller",
  "sdk",
  "cli",
  "extension",
  "spec",
  "specification",
  "codebase",
  "action",
  "chart",
];
const SUBJECTS = ["project", "repository", "repo", "this", ...NOUNS.flatMap((n) => [`this ${n}`, `the ${n}`])];
const VERBS = [
  "is",
  "is now",
  "has been",
  "has now been",
  "was",
  "was officially",
  "has been officially",
  "is officially",
];
const NO_LONGER = [
  "maintained",
  "actively maintained",
  "supported",
  "developed",
  "actively developed",
  "being maintained",
  "under active development",
];

/** Lower-case words separated by single spaces: markdown, punctuation and emoji become spaces. */
function words(line: string): string {
  let out = "";
  let space = true;
  for (const ch of line.toLowerCase()) {
    const letter = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") || ch === "'";
    if (letter) {
      out += ch;
      space = false;
    } else if (!space) {
      out += " ";
      space = true;
    }
  }
  return out.trim();
}

const PHRASES: ReadonlyArray<readonly [string, Stated]> = [
  ...SUBJECTS.flatMap((s) =>
    VERBS.flatMap((v) => [
      [`${s} ${v} archived`, "archived"] as const,
      [`${s} ${v} deprecated`, "deprecated"] as const,
    ]),
  ),
  ...SUBJECTS.flatMap((s) =>
    ["is no longer", "no longer"].flatMap((v) => NO_LONGER.map((n) => [`${s} ${v} ${n}`, "deprecated"] as const)),
  ),
  ...SUBJECTS.flatMap((s) => [
    [`${s} is unmaintained`, "deprecated"] as const,
    [`${s} is not maintained`, "deprecated"] as const,
    [`${s} is not maintained anymore`, "deprecated"] as const,
  ]),
];

/** A title or banner heading that names the state: whole words, so "Archive" is not "archived". */
function headingState(text: string): Stated | undefined {
  const w = ` ${words(text)} `;
  if (w.includes(" archived ")) return "archived";
  if (
    w.includes(" deprecated ") ||
    w.includes(" deprecation notice ") ||
    w.includes(" unmaintained ") ||
    w.includes(" no longer maintained ")
  )
    return "deprecated";
  return undefined;
}

/** Prose that says the project itself is archived or deprecated, or a shouted "DEPRECATED". */
function proseState(raw: string): Stated | undefined {
  const w = ` ${words(raw)} `;
  let found: Stated | undefined;
  for (const [phrase, state] of PHRASES) {
    if (!w.includes(` ${phrase} `)) continue;
    if (state === "archived") return "archived";
    found = state;
  }
  if (found) return found;
  if (/\bARCHIVED\b/.test(raw)) return "archived";
  if (/\bDEPRECATED\b/.test(raw)) return "deprecated";
  return undefined;
}

/** A line holding only badges, images or HTML tags: decoration, not a paragraph. */
function decoration(line: string): boolean {
  return (
    line.startsWith("![") ||
    line.startsWith("[![") ||
    line.startsWith("<") ||
    line.startsWith("---") ||
    line.startsWith("===") ||
    line.startsWith("[//]:")
  );
}

/** What a README says of its project's lifecycle: the state, the README's path and the 1-based line. */
export interface ReadmeLifecycle {
  readonly state: Stated;
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

/** The README's statement of an archived or deprecated project: the state and the 1-based line. */
export function readmeLifecycle(text: string): { state: Stated; line: number; text: string } | undefined {
  const lines = text.slice(0, MAX_BYTES).split("\n", MAX_LINES);
  let paragraphs = 0;
  let inParagraph = false;
  let headings = 0;
  let inComment = false;
  let statusSection = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.slice(0, MAX_LINE).trim();
    if (inComment) {
      if (line.includes("-->")) inComment = false;
      continue;
    }
    if (line.startsWith("<!--")) {
      inComment = !line.includes("-->");
      continue;
    }
    while (line.startsWith(">")) line = line.slice(1).trimStart(); // a banner in a blockquote
    if (line === "") {
      if (inParagraph) {
        paragraphs++;
        inParagraph = false;
        statusSection = false;
      }
      if (paragraphs >= TOP_PARAGRAPHS && !statusSection) break;
      continue;
    }
    if (line.startsWith("#")) {
      const title = line.replace(/^#+/, "");
      headings++;
      // the title, and headings before the first paragraph (banners), name the state outright
      const state = headings === 1 || paragraphs === 0 ? headingState(title) : undefined;
      if (state) return { state, line: i + 1, text: line };
      const w = ` ${words(title)} `;
      statusSection =
        w.includes(" status ") || w.includes(" notice ") || w.includes(" announcement ") || w.includes(" important ");
      continue;
    }
    if (decoration(line)) continue;
    inParagraph = true;
    if (paragraphs < TOP_PARAGRAPHS || statusSection) {
      const state = proseState(line);
      if (state) return { state, line: i + 1, text: line };
    }
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/**
 * The lifecycle of one repository as of a day: what its README says, else whether it had a
 * commit in the 12 months (365 days) ending that day.
 */
export function lifecycleOf(input: {
  readme?: ReadmeLifecycle;
  lastCommitDate: string;
  asOf: string;
  source: Source;
  folder?: string;
  governance?: boolean;
}): Lifecycle {
  const stated = input.readme;
  if (stated) {
    const quoted = escapeTerminalLine(stated.text.length > 160 ? `${stated.text.slice(0, 157)}…` : stated.text);
    return {
      state: stated.state,
      reason: `${stated.path}:${stated.line} says ${stated.state}: ${quoted}`,
      source: { ...input.source, path: stated.path, line: stated.line },
    };
  }
  const last = Date.parse(input.lastCommitDate);
  const end = Date.parse(`${input.asOf}T00:00:00Z`) + DAY_MS;
  const where = input.folder ? ` touching ${input.folder}` : "";
  const lastDay = Number.isNaN(last) ? "?" : new Date(last).toISOString().slice(0, 10);
  // An org-level governance repository changes when the rules do: quiet is not inactive.
  if (!input.governance && !Number.isNaN(last) && end - last > 365 * DAY_MS) {
    return {
      state: "inactive",
      reason: `no commit${where} in the 12 months to ${input.asOf} (none since ${lastDay})`,
      source: input.source,
    };
  }
  return {
    state: "active",
    reason: `last commit${where} on ${lastDay}; the README does not say archived or deprecated`,
    source: input.source,
  };
}
