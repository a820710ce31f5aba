// Regenerates the checked-in files derived from code: the JSON Schemas and docs/errors.md.
// Run `npm run docs` after changing the catalog schema or the error registry; a test fails until you do.
import { writeFileSync } from "node:fs";
import { generatedFiles } from "../src/cli/generated-files.js";

for (const [path, text] of generatedFiles()) {
  writeFileSync(path, text);
  process.stderr.write(`wrote ${path}\n`);
}
