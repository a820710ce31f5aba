import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { schemaRefFrom, starterCatalog } from "../../app/index.js";
import { CATALOG_FILE, stringifyCatalog } from "../../catalog/index.js";
import { UserError } from "../../core/index.js";
import { writeFileAtomic } from "../shared.js";

export async function run(dir: string, options: { name: string; force?: boolean }): Promise<void> {
  const file = join(resolve(dir), CATALOG_FILE);
  if (existsSync(file) && !options.force)
    throw new UserError("E_OUTPUT_WRITE", `${file} already exists; pass --force to overwrite it`);
  await writeFileAtomic(file, stringifyCatalog(starterCatalog(options.name), schemaRefFrom(resolve(dir))));
  process.stderr.write(`wrote ${file}\nnext: edit it, then run \`upstream validate\`\n`);
}
