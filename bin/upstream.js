#!/usr/bin/env node
// The compiled CLI (dist/, built by `npm ci` through `prepare`, or `npm run build`), compiled with V8's code cache
// (see runCompiled). Without a build, with a build older than the sources (in a git checkout being edited: an
// installed package, with no .git, is not checked), or with UPSTREAM_FROM_SOURCES=1 (the tests), the TypeScript
// sources run through tsx instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
// not node:crypto, which takes some 7 ms to load (crc32: node 20.15 and later; before, no cache)
import * as zlib from "node:zlib";

const compiled = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const sources = fileURLToPath(new URL("../src", import.meta.url));

/** Whether a source (not a test) under dir changed after the build; false when there are none. */
function newerSource(dir, built) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (newerSource(path, built)) return true;
    }
    // test files are not part of the build: their edits do not make it stale
    else if ((entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) || entry.name.endsWith(".yaml")) {
      if (statSync(path).mtimeMs > built) return true;
    }
  }
  return false;
}

/**
 * The cache file for this build, node and command, and the key its contents must start with. The build's path is in
 * the name (two checkouts keep their own files); main.js's size and time, node's version and the architecture in
 * the key (a rebuilt dist/ replaces its file rather than adding one). `upstream collect` compiles other functions
 * and chunks than `upstream --help`: each command word has its own file.
 */
function codeCacheFile(main) {
  const xdg = process.env.XDG_CACHE_HOME;
  // The folder src/cli/commands/store-session.ts userCacheDir names; a relative XDG value is ignored (the XDG spec).
  const root = join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache"), "upstream-portfolio", "v8");
  const word = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "";
  const command = /^[a-z][a-z0-9-]{0,31}$/.test(word) ? word : "other";
  const key = JSON.stringify([main.path, main.size, main.mtimeMs, process.version, process.arch]);
  const name = zlib.crc32(main.path).toString(16).padStart(8, "0");
  return { file: join(root, `${name}-${command}.bin`), key };
}

/** A file's size and modification time, as one string. */
function fileVersion(path) {
  const { size, mtimeMs } = statSync(path);
  return `${size}:${mtimeMs}`;
}

/** The checksum of a cache's V8 data: V8 checks its header, not its contents, and crashes on damaged contents. */
const checksum = (data) => zlib.crc32(data);

/**
 * The cache as stored: a first line `{ key, ok, crc32, files: { name: [offset, length, version] } }` (ok: that run
 * exited 0; version: the size and time of the file compiled), then the files' V8 code caches; an empty map when there
 * is none, it is another build's, it is damaged (its checksum differs) or it cannot be read.
 */
function readCodeCache(file, key) {
  try {
    const stored = readFileSync(file);
    const eol = stored.indexOf(10);
    const index = JSON.parse(stored.subarray(0, eol).toString());
    const body = stored.subarray(eol + 1);
    if (index.key !== key || index.crc32 !== checksum(body)) return { ok: false, files: new Map() };
    const files = new Map(
      Object.entries(index.files).map(([n, [at, length, version]]) => [
        n,
        { data: body.subarray(at, at + length), version },
      ]),
    );
    return { ok: index.ok === true, files };
  } catch {
    return { ok: false, files: new Map() };
  }
}

/**
 * Runs dist/cli/main.js and the chunks it requires as node would require CommonJS, each compiled with V8's code cache
 * from the last run of the same command: most of a run's start-up is compiling the bundle and the functions it
 * calls, which the cache skips. When a file had no cache, V8 rejected it, or the last run failed (and so compiled
 * less), the cache is written at exit, so it holds every function this run compiled. The cache never changes what
 * runs: any failure to read or write it (no home, a read-only folder, a damaged file) runs the code without it,
 * silently. UPSTREAM_NO_CODE_CACHE=1 turns it off; UPSTREAM_DEBUG_CODE_CACHE=1 says on stderr what it did.
 */
function runCompiled(main, stat) {
  const debug =
    process.env.UPSTREAM_DEBUG_CODE_CACHE === "1" ? (m) => process.stderr.write(`code cache: ${m}\n`) : null;
  const dir = dirname(main);
  const cache = process.env.UPSTREAM_NO_CODE_CACHE || !zlib.crc32 ? undefined : codeCacheFile({ ...stat, path: main });
  const stored = cache ? readCodeCache(cache.file, cache.key) : { ok: false, files: new Map() };
  /** The files run, by name: their module and script, and whether V8 took their cache. */
  const loaded = new Map();
  const load = (path) => {
    const name = basename(path);
    const known = loaded.get(name);
    if (known) return known.module.exports;
    // V8 checks a cache against its source's length only: a file changed since (not by a rebuild, which changes the
    // key) must not run the old code. Its version before it is read: a change meanwhile makes the next run compile.
    const version = fileVersion(path);
    const source = readFileSync(path, "utf8");
    const entry = stored.files.get(name);
    const cachedData = entry && entry.version === version ? entry.data : undefined;
    // node's own CommonJS wrapper, on the file's first line (stack traces keep the file's line numbers)
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
      filename: path,
      ...(cachedData ? { cachedData } : {}),
    });
    const module = { exports: {}, id: path, filename: path, loaded: false };
    loaded.set(name, { module, script, version, cached: cachedData !== undefined && !script.cachedDataRejected });
    const outside = createRequire(path);
    // a chunk beside it is compiled here, with its cache; the rest (node:, better-sqlite3, pg) as node requires them
    const require = Object.assign(
      (id) => (id.startsWith("./") && id.endsWith(".js") && !id.includes("/", 2) ? load(join(dir, id)) : outside(id)),
      { resolve: outside.resolve, cache: outside.cache, main: outside.main },
    );
    script.runInThisContext().call(module.exports, module.exports, require, module, path, dir);
    module.loaded = true;
    return module.exports;
  };
  if (cache)
    process.on("exit", (code) => {
      const fresh = [...loaded].filter(([, f]) => !f.cached).map(([name]) => name);
      debug?.(`${cache.file}: ${loaded.size - fresh.length} of ${loaded.size} files from the cache`);
      if (fresh.length === 0 && (stored.ok || code !== 0)) return;
      let temp;
      try {
        const files = {};
        const blobs = [];
        let at = 0;
        for (const [name, { script, version }] of loaded) {
          const data = script.createCachedData();
          files[name] = [at, data.length, version];
          blobs.push(data);
          at += data.length;
        }
        const body = Buffer.concat(blobs);
        const index = { key: cache.key, ok: code === 0, crc32: checksum(body), files };
        mkdirSync(dirname(cache.file), { recursive: true });
        // a whole file or none: another process may read it meanwhile
        temp = `${cache.file}.${process.pid}.tmp`;
        writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), body]));
        renameSync(temp, cache.file);
        debug?.(`wrote ${cache.file}`);
      } catch (error) {
        debug?.(`not written: ${error.message}`);
        try {
          if (temp) rmSync(temp, { force: true });
        } catch {
          // nothing more to do: a stray temp file is all that is left
        }
      }
    });
  load(main);
}

const built = existsSync(compiled) ? statSync(compiled) : undefined;
// Only a checkout (a .git beside src/) is edited: an installed package skips the walk of its sources (~4 ms).
const checkout = existsSync(fileURLToPath(new URL("../.git", import.meta.url)));
const stale = built && !process.env.UPSTREAM_FROM_SOURCES && checkout && newerSource(sources, built.mtimeMs);
if (built && !stale && !process.env.UPSTREAM_FROM_SOURCES) {
  runCompiled(compiled, built);
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
