#!/usr/bin/env node
// The compiled CLI (dist/, built by `npm ci` through `prepare`, or `npm run build`). Without a
// build, with a build older than the sources (a checkout being edited), or with
// UPSTREAM_FROM_SOURCES=1 (the tests), the TypeScript sources run through tsx instead.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
const sources = fileURLToPath(new URL("../src", import.meta.url));

/** The newest modification time of the sources, or 0 when there are none (an installed package). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    // test files are not part of the build: their edits do not make it stale
    else if ((entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) || entry.name.endsWith(".yaml"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync(compiled) ? statSync(compiled).mtimeMs : 0;
const stale = built > 0 && !process.env.UPSTREAM_FROM_SOURCES && newestSource(sources) > built;
if (built > 0 && !stale && !process.env.UPSTREAM_FROM_SOURCES) {
  await import(compiled.href);
} else {
  if (!process.env.UPSTREAM_FROM_SOURCES)
    process.stderr.write(
      `upstream: ${built ? "the build in dist/ is older than src/" : "no build in dist/"} ` +
        `(run \`npm run build\`); running the sources through tsx\n`,
    );
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
