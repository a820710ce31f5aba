import { checkReadme, renderCatalogReadme } from "../../app/index.js";
import { formatIssue, issue } from "../../core/index.js";
import { openCatalog, writeFileAtomic } from "../shared.js";

interface RenderReadmeOptions {
  catalog?: string;
  out?: string;
  check?: string;
  badges?: string;
  force?: boolean;
}

export async function run(options: RenderReadmeOptions): Promise<void> {
  const opened = await openCatalog(options);
  const markdown = renderCatalogReadme(opened, options.badges === undefined ? {} : { badges: options.badges });
  if (options.check)
    return reportCheck(options.check, markdown, options.badges === undefined ? "" : ` --badges ${options.badges}`);
  if (!options.out) return void process.stdout.write(markdown);
  await writeFileAtomic(options.out, markdown, { overwrite: options.force === true });
  process.stderr.write(`wrote ${options.out}\n`);
}

/** CI's guard that the README is the catalog's view: the first differing line, with how to bring it in step. */
function reportCheck(file: string, expected: string, extraFlags: string): void {
  const difference = checkReadme({ file, expected, cwd: process.cwd() });
  if (!difference) return void process.stderr.write(`✓ ${file} is what the catalog renders (up to white space)\n`);
  process.stderr.write(
    formatIssue(
      issue(
        "E_README_STALE",
        `differs from what the catalog renders: expected ${difference.expected}, found ${difference.found}`,
        {
          file,
          line: difference.line,
          hint:
            `run \`upstream render readme${extraFlags} --out ${file} --force\` (or change the catalog, ` +
            `if the README was edited by hand: \`upstream import ${file}\` shows its catalog)`,
        },
      ),
    ) + "\n",
  );
  process.exitCode = 1;
}
