import { BADGE_ID_PLACEHOLDER, type Catalog } from "../../catalog/schema.js";
import { readInputFile } from "../../core/input-file.js";
import { formatIssue, issue, UserError } from "../../core/errors.js";
import { renderReadme } from "../../markdown/index.js";
import { badgeFileName } from "../../render/badge.js";
import { describeUnsafeUrl, isSafeUrl } from "../../core/safe-url.js";
import { openCatalog, writeFileAtomic } from "../shared.js";

interface RenderReadmeOptions {
  catalog?: string;
  out?: string;
  check?: string;
  badges?: string;
  force?: boolean;
}

export async function run(options: RenderReadmeOptions): Promise<void> {
  const { catalog } = await openCatalog(options);
  const markdown = renderReadme(options.badges === undefined ? catalog : withBadges(catalog, options.badges));
  if (options.check)
    return checkReadme(options.check, markdown, options.badges === undefined ? "" : ` --badges ${options.badges}`);
  if (!options.out) return void process.stdout.write(markdown);
  await writeFileAtomic(options.out, markdown, { overwrite: options.force === true });
  process.stderr.write(`wrote ${options.out}\n`);
}

/** The catalog with readme.badges.image = `<prefix>/{id}.svg` (its link, if any, kept). */
function withBadges(catalog: Catalog, prefix: string): Catalog {
  const dir = prefix.replace(/\/+$/, "");
  if (dir === "" || /\s/.test(dir)) {
    throw new UserError(
      "E_USAGE",
      `--badges ${JSON.stringify(prefix)}: expected a folder or URL prefix without white ` +
        `space, e.g. --badges badges or --badges https://example.github.io/upstream/badges`,
    );
  }
  const image = `${dir}/${badgeFileName(BADGE_ID_PLACEHOLDER)}`;
  // Written as the image of every badge: javascript:, data: (any unvetted scheme) could run script.
  if (!isSafeUrl(image))
    throw new UserError(
      "E_USAGE",
      `--badges ${JSON.stringify(prefix)}: ${describeUnsafeUrl(image)} is not written ` +
        `into the README; give a folder relative to the README or an http(s) URL`,
    );
  const readme = catalog.readme ?? {};
  return { ...catalog, readme: { ...readme, badges: { ...readme.badges, image } } };
}

/**
 * CI's guard that the README is the catalog's view. Compared up to white space inside lines
 * (as `diff -w` does), the round trip's promise, so a hand-kept README passes on the day it
 * is imported. Reports the first differing line, excerpted where it differs.
 */
async function checkReadme(file: string, expected: string, extraFlags: string): Promise<void> {
  const read = readInputFile(file, { what: file });
  if ("problem" in read) {
    const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
    throw new UserError(code, read.message, {
      issues: [
        issue(code, read.problem === "not-found" ? "no such file" : read.message, {
          file,
          hint: "check the path given to --check",
        }),
      ],
    });
  }
  const actual = read.bytes.toString("utf8");
  const want = expected.split("\n");
  const have = actual.split("\n");
  const squash = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\s+/g, ""));
  let line = 0;
  while ((line < want.length || line < have.length) && squash(want[line]) === squash(have[line])) line++;
  if (line >= want.length && line >= have.length)
    return void process.stderr.write(`✓ ${file} is what the catalog renders (up to white space)\n`);
  const [shownWant, shownHave] = excerpts(want[line], have[line]);
  process.stderr.write(
    formatIssue(
      issue("E_README_STALE", `differs from what the catalog renders: expected ${shownWant}, found ${shownHave}`, {
        file,
        line: line + 1,
        hint:
          `run \`upstream render readme${extraFlags} --out ${file} --force\` (or change the catalog, ` +
          `if the README was edited by hand: \`upstream import ${file}\` shows its catalog)`,
      }),
    ) + "\n",
  );
  process.exitCode = 1;
}

/** Both lines cut to the same window around their first difference, so the difference shows. */
function excerpts(a: string | undefined, b: string | undefined): [string, string] {
  if (a === undefined || b === undefined)
    return [
      a === undefined ? "end of file" : JSON.stringify(a.slice(0, 80)),
      b === undefined ? "end of file" : JSON.stringify(b.slice(0, 80)),
    ];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s: string) => (from > 0 ? "…" : "") + s.slice(from, from + 80) + (s.length > from + 80 ? "…" : "");
  return [JSON.stringify(cut(a)), JSON.stringify(cut(b))];
}
