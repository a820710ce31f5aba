import type { Command } from "commander";
import { BADGE_ID_PLACEHOLDER, type Catalog } from "../../catalog/schema.js";
import { readFile } from "node:fs/promises";
import { formatIssue, issue, UserError } from "../../core/errors.js";
import { renderReadme } from "../../markdown/index.js";
import { badgeFileName } from "../../render/badge.js";
import { CATALOG_OPTION_HELP, openCatalog, writeFileAtomic } from "../shared.js";

interface RenderReadmeOptions {
  catalog?: string;
  out?: string;
  check?: string;
  badges?: string;
}

export function register(program: Command): void {
  const render = program.command("render").description("render documents from the catalog");
  render
    .command("readme")
    .description("render the README in the layout the catalog was imported from (readme.layout)")
    .option("--catalog <path>", CATALOG_OPTION_HELP)
    .option("--out <file>", "write the README to this file (default: stdout)")
    .option("--check <file>", "write nothing; exit 1 if <file> differs from what the catalog renders (for CI)")
    .option("--badges <dir-or-url>", `show each project's maturity badge, <dir-or-url>/<project>.svg, in its state cell (for this render; sets readme.badges.image to <dir-or-url>/${badgeFileName(BADGE_ID_PLACEHOLDER)})`)
    .addHelpText(
      "after",
      [
        "",
        "Badges: `upstream badge --out-dir DIR` writes DIR/<project>.svg for every project; render with",
        "`--badges DIR` (a path relative to the README) or `--badges https://…/DIR` (where DIR is published)",
        "to show them. To keep them, set readme.badges in the catalog instead:",
        "  readme:",
        "    badges: { image: badges/{id}.svg, link: https://…/graduation_guidelines.md }",
        "",
        "Example:",
        "  upstream badge --out-dir badges && upstream render readme --badges badges --out README.md",
      ].join("\n"),
    )
    .action(async (options: RenderReadmeOptions) => {
      const { catalog } = await openCatalog(options);
      const markdown = renderReadme(options.badges === undefined ? catalog : withBadges(catalog, options.badges));
      if (options.check) return checkReadme(options.check, markdown);
      if (!options.out) return void process.stdout.write(markdown);
      await writeFileAtomic(options.out, markdown);
      process.stderr.write(`wrote ${options.out}\n`);
    });
}

/** The catalog with readme.badges.image = `<prefix>/{id}.svg` (its link, if any, kept). */
function withBadges(catalog: Catalog, prefix: string): Catalog {
  const dir = prefix.replace(/\/+$/, "");
  if (dir === "" || /\s/.test(dir)) {
    throw new UserError("E_USAGE", `--badges ${JSON.stringify(prefix)}: expected a folder or URL prefix without white space, e.g. --badges badges or --badges https://example.github.io/upstream/badges`);
  }
  const image = `${dir}/${badgeFileName(BADGE_ID_PLACEHOLDER)}`;
  const readme = catalog.readme ?? {};
  return { ...catalog, readme: { ...readme, badges: { ...readme.badges, image } } };
}

/** CI's guard that the README is the catalog's view: the first differing line, and how to fix it. */
async function checkReadme(file: string, expected: string): Promise<void> {
  const actual = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UserError("E_FILE_NOT_FOUND", `cannot read ${file}: ${error.code ?? String(error)}`);
  });
  if (actual === expected) return void process.stderr.write(`✓ ${file} is what the catalog renders\n`);
  const want = expected.split("\n");
  const have = actual.split("\n");
  let line = 0;
  while (line < want.length && want[line] === have[line]) line++;
  const show = (s: string | undefined) => (s === undefined ? "end of file" : JSON.stringify(s.length > 100 ? s.slice(0, 100) + "…" : s));
  process.stderr.write(
    formatIssue(
      issue("E_README_STALE", `differs from what the catalog renders: expected ${show(want[line])}, found ${show(have[line])}`, {
        file,
        line: line + 1,
        hint: `run \`upstream render readme --out ${file}\` (or change the catalog, if the README was edited by hand: \`upstream import ${file}\` shows its catalog)`,
      }),
    ) + "\n",
  );
  process.exitCode = 1;
}
