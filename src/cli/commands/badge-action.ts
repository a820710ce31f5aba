import { join } from "node:path";

import { makeBadges } from "../../app/index.js";
import { UserError } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { openCatalog, writeFilesAtomic } from "../shared.js";

interface BadgeOptions {
  catalog?: string;
  framework?: string;
  link?: string;
  out?: string;
  outDir?: string;
  force?: boolean;
}

export async function run(ids: string[], options: BadgeOptions): Promise<void> {
  if (!options.outDir && ids.length !== 1)
    throw new UserError("E_USAGE", "name one project, or use --out-dir to write several badges");
  const opened = await openCatalog(options);
  const badges = await makeBadges(opened, {
    cwd: process.cwd(),
    ids,
    ...(options.framework ? { framework: options.framework } : {}),
    ...(options.link !== undefined ? { link: options.link } : {}),
  });
  // Every badge is made first, then written all or none: a full disk leaves the old badges.
  const files = new Map<string, string>();
  for (const badge of badges) {
    if (options.outDir) files.set(join(options.outDir, badge.fileName), badge.svg);
    else if (options.out) files.set(options.out, badge.svg);
    else process.stdout.write(badge.svg);
  }
  // --out-dir holds the tool's own <id>.svg files, rewritten each run; --out names any file.
  if (options.outDir) await writeFilesAtomic(files);
  else if (options.out) await writeFilesAtomic(files, { overwrite: options.force === true });
  if (options.outDir || options.out)
    process.stderr.write(`wrote ${plural(badges.length, "badge")} to ${options.outDir ?? options.out}\n`);
}
