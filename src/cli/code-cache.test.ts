import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { crc32 } from "node:zlib";
import { PACKAGE_ROOT } from "./shared.js";
import { UPSTREAM_BIN } from "./testing.js";

// GIVEN the build in dist/ WHEN it runs with V8's code cache (bin/upstream.js) THEN a first run writes the cache, the
// next ones use it, and whatever the cache holds (nothing, garbage, another build's) or wherever it cannot be written,
// the output and the exit code are those of a run without it.
const homes = mkdtempSync(join(tmpdir(), "upstream-code-cache-"));
after(() => rmSync(homes, { recursive: true, force: true }));
let homeCount = 0;
const newHome = () => join(homes, String(homeCount++));

const DEBUG = /^code cache: .*\n/gm;
const run = (args: string[], env: Record<string, string>, bin = UPSTREAM_BIN) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_FROM_SOURCES: "", UPSTREAM_DEBUG_CODE_CACHE: "1", ...env },
  });
  if (r.error) throw r.error;
  const debug = r.stderr.match(DEBUG)?.join("") ?? "";
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(DEBUG, ""), debug };
};
/** What the command gives without the cache: the output every run below must equal. */
const plain = (args: string[]) => run(args, { UPSTREAM_NO_CODE_CACHE: "1", XDG_CACHE_HOME: newHome() });
const same = (got: ReturnType<typeof run>, want: ReturnType<typeof run>, what: string) => {
  assert.equal(got.status, want.status, what);
  assert.equal(got.stdout, want.stdout, what);
  assert.equal(got.stderr, want.stderr, what);
};
const cacheFiles = (home: string) => {
  const dir = join(home, "upstream-portfolio", "v8");
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
};
const fromCache = (debug: string) => {
  const m = /: (\d+) of (\d+) files from the cache/.exec(debug);
  assert.ok(m, debug);
  return { used: Number(m[1]), of: Number(m[2]) };
};

describe("the compiled CLI's code cache", () => {
  it("is written by a first run into an empty cache folder and used, unchanged, by the next", () => {
    const want = plain(["validate"]);
    assert.equal(want.status, 0, want.stderr);
    assert.equal(want.debug, "", "UPSTREAM_NO_CODE_CACHE=1 neither reads nor writes");
    const home = newHome();
    const first = run(["validate"], { XDG_CACHE_HOME: home });
    same(first, want, "first run");
    assert.match(first.debug, /wrote /);
    assert.equal(fromCache(first.debug).used, 0);
    const files = cacheFiles(home);
    assert.equal(files.length, 1, files.join(", "));
    assert.match(files[0]!, /-validate\.bin$/);
    const written = statSync(files[0]!).mtimeMs;

    const second = run(["validate"], { XDG_CACHE_HOME: home });
    same(second, want, "second run");
    const { used, of } = fromCache(second.debug);
    assert.ok(of > 1 && used === of, second.debug);
    assert.doesNotMatch(second.debug, /wrote /);
    assert.equal(statSync(files[0]!).mtimeMs, written, "a run that used the whole cache leaves it as it was");
    assert.deepEqual(cacheFiles(home), files);

    // another command word has its own file; the first one stays
    const help = run(["--help"], { XDG_CACHE_HOME: home });
    same(help, plain(["--help"]), "--help");
    assert.equal(cacheFiles(home).length, 2);
  });

  it("ignores a damaged cache (garbage, or V8 data that does not fit) and replaces it", () => {
    const want = plain(["list", "--json"]);
    const home = newHome();
    run(["list", "--json"], { XDG_CACHE_HOME: home });
    const [file] = cacheFiles(home);
    assert.ok(file);
    const good = readFileSync(file);

    writeFileSync(file, Buffer.from("\u0000\u00ff garbage, no line end \u0001".repeat(50), "latin1"));
    const garbage = run(["list", "--json"], { XDG_CACHE_HOME: home });
    same(garbage, want, "garbage bytes");
    assert.equal(fromCache(garbage.debug).used, 0);
    assert.match(garbage.debug, /wrote /);
    const replaced = fromCache(run(["list", "--json"], { XDG_CACHE_HOME: home }).debug);
    assert.equal(replaced.used, replaced.of);

    // a few bytes changed inside the V8 data (V8 runs what its header accepts, and crashes: the checksum catches it)
    for (const at of [0.1, 0.5, 0.9]) {
      const flipped = Buffer.from(good);
      flipped.write("\u00de\u00ad\u00be\u00ef", Math.floor(good.length * at), "latin1");
      writeFileSync(file, flipped);
      const changed = run(["list", "--json"], { XDG_CACHE_HOME: home });
      same(changed, want, `bytes changed at ${at} of the file`);
      assert.equal(fromCache(changed.debug).used, 0, changed.debug);
    }

    // the right first line (this build's key, the checksum of what follows) before data V8 rejects
    const index = JSON.parse(good.subarray(0, good.indexOf(10)).toString()) as { crc32: number };
    const junk = Buffer.alloc(good.length - good.indexOf(10) - 1, 0x5a);
    index.crc32 = crc32(junk);
    writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), junk]));
    const rejected = run(["list", "--json"], { XDG_CACHE_HOME: home });
    same(rejected, want, "rejected V8 data");
    assert.equal(fromCache(rejected.debug).used, 0, rejected.debug);
    assert.match(rejected.debug, /wrote /);
    const again = fromCache(run(["list", "--json"], { XDG_CACHE_HOME: home }).debug);
    assert.equal(again.used, again.of);
  });

  it("runs as without it where the cache cannot be written", () => {
    for (const args of [["validate"], ["validate", "--catalog", "examples/broken-catalog.yaml"], ["nope"]]) {
      const want = plain(args);
      // a file where the cache folder would be: no folder can be made there (also for root, as in CI containers)
      const notAFolder = newHome();
      writeFileSync(notAFolder, "not a folder");
      const home = join(notAFolder, "cache");
      const got = run(args, { XDG_CACHE_HOME: home });
      same(got, want, args.join(" "));
      assert.match(got.debug, /not written: /);
    }
  });

  it("is written again when the run that wrote it failed (it compiled less) and the next succeeds", () => {
    const home = newHome();
    const broken = ["validate", "--catalog", "examples/broken-catalog.yaml"];
    const failing = run(broken, { XDG_CACHE_HOME: home });
    same(failing, plain(broken), "a failing run");
    assert.equal(failing.status, 1);
    assert.match(failing.debug, /wrote /);
    // a failing run of the same command does not write it again
    assert.doesNotMatch(run(broken, { XDG_CACHE_HOME: home }).debug, /wrote /);
    const ok = run(["validate"], { XDG_CACHE_HOME: home });
    assert.equal(ok.status, 0);
    assert.match(ok.debug, /wrote /);
    assert.doesNotMatch(run(["validate"], { XDG_CACHE_HOME: home }).debug, /wrote /);
  });

  it("does not run a file's old code when the file changed since, even at the same length", () => {
    // a copy of the installed tool (bin/ and dist/, no sources), whose chunk can be changed without a rebuild
    const pkg = mkdtempSync(join(homes, "package-"));
    cpSync(join(PACKAGE_ROOT, "bin"), join(pkg, "bin"), { recursive: true });
    cpSync(join(PACKAGE_ROOT, "dist"), join(pkg, "dist"), { recursive: true });
    const bin = join(pkg, "bin", "upstream.js");
    const args = ["validate", "--catalog", join(PACKAGE_ROOT, "examples", "azure-container-compute", "upstream.yaml")];
    const home = newHome();
    assert.match(run(args, { XDG_CACHE_HOME: home }, bin).stdout, /: valid \u2014/);
    assert.match(run(args, { XDG_CACHE_HOME: home }, bin).debug, /(\d+) of \1 files from the cache/);
    const action = readdirSync(join(pkg, "dist", "cli")).find((f) => /^validate-action-.*\.js$/.test(f));
    assert.ok(action);
    const file = join(pkg, "dist", "cli", action);
    const before = readFileSync(file, "utf8");
    const after = before.replace(": valid \\u2014", ": VALID \\u2014");
    assert.notEqual(after, before);
    writeFileSync(file, after);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = run(args, { XDG_CACHE_HOME: home }, bin);
    assert.equal(changed.status, 0, changed.stderr);
    assert.match(changed.stdout, /: VALID \u2014/);
    assert.match(changed.debug, /wrote /);
  });
});
