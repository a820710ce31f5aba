#!/usr/bin/env node
// The compiled CLI (dist/, built by `npm ci` through `prepare`, or `npm run build`). Without a
// build, or with UPSTREAM_FROM_SOURCES=1 (the tests: they check the sources as edited), the
// TypeScript sources run through tsx.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (!process.env.UPSTREAM_FROM_SOURCES && existsSync(compiled)) {
  await import(compiled.href);
} else {
  if (!process.env.UPSTREAM_FROM_SOURCES) process.stderr.write("upstream: no build in dist/ (run `npm run build`); running the sources through tsx\n");
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
