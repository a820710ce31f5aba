import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { runUpstream, UPSTREAM_BIN } from "./testing.js";

const README = resolve(import.meta.dirname, "../../examples/azure-container-compute/README.md");
const CATALOG = resolve(import.meta.dirname, "../../examples/azure-container-compute/upstream.yaml");
const dir = mkdtempSync(join(tmpdir(), "output-safety-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `root` (relative path → text), to compare a folder before and after. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else files.set(name, readFileSync(join(root, name), "utf8"));
    }
  };
  walk("");
  return files;
}

/** Run the CLI until the folder writer reaches `stage`, then kill it with SIGKILL, as a dying machine would. */
async function killAt(stage: string, args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, [UPSTREAM_BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", UPSTREAM_TEST_PAUSE_WRITE: stage },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`never paused at ${stage}: ${stderr}`)), 60_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`paused at ${stage}`)) {
        clearTimeout(timer);
        child.kill("SIGKILL");
      }
    });
    child.on("exit", () =>
      stderr.includes(`paused at ${stage}`) ? done() : fail(new Error(`exited before ${stage}: ${stderr}`)),
    );
  });
}

describe("a folder write is all or nothing", () => {
  it("import --force killed while writing over a catalog leaves the old catalog whole, at every stage", async () => {
    for (const stage of ["folder-built", "old-aside"]) {
      const out = join(dir, `over-${stage}`);
      assert.equal(runUpstream(["import", README, "--out", out]).code, 0);
      // Hand edits since the import: the old catalog differs from what a new import writes.
      for (const name of readdirSync(join(out, "projects")))
        writeFileSync(
          join(out, "projects", name),
          readFileSync(join(out, "projects", name), "utf8") + "# edited by hand\n",
        );
      writeFileSync(
        join(out, "upstream.yaml"),
        readFileSync(join(out, "upstream.yaml"), "utf8") + "# edited by hand\n",
      );
      const before = snapshot(out);
      await killAt(stage, ["import", README, "--force", "--out", out]);
      if (stage === "old-aside") {
        // Between the two renames the folder is gone; validate says where the whole old one is.
        const r = runUpstream(["validate", "--catalog", out]);
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          /a write into it was interrupted, and the catalog as it was before is whole at .*\.upstream-old.*mv /,
        );
        // The next write puts it back first, then replaces it whole.
        const again = runUpstream(["import", README, "--out", out]);
        assert.equal(again.code, 1, "the restored catalog is refused without --force, as before");
        assert.match(again.stderr, /put back as it was before an interrupted write/);
      }
      assert.deepEqual(snapshot(out), before, stage);
      assert.equal(runUpstream(["validate", "--catalog", out]).code, 0);
      assert.equal(runUpstream(["import", README, "--force", "--out", out]).code, 0);
      assert.ok(!readFileSync(join(out, "upstream.yaml"), "utf8").includes("edited by hand"));
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.includes("upstream-")),
        [],
        "no temp folder is left",
      );
    }
  });

  it("import killed while writing a fresh folder leaves no catalog at all, never part of one", async () => {
    const out = join(dir, "fresh");
    await killAt("folder-built", ["import", README, "--out", out]);
    assert.ok(!existsSync(out));
    assert.equal(runUpstream(["import", README, "--out", out]).code, 0);
    assert.equal(runUpstream(["validate", "--catalog", out]).code, 0);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes("fresh.upstream-")),
      [],
    );
  });

  it("a folder holding other things (a README, .git) keeps them: its catalog files are written in place", () => {
    const out = join(dir, "mixed");
    mkdirSync(join(out, ".git"), { recursive: true });
    writeFileSync(join(out, "README.md"), "kept\n");
    assert.equal(runUpstream(["import", README, "--out", out]).code, 0);
    assert.equal(readFileSync(join(out, "README.md"), "utf8"), "kept\n");
    assert.ok(existsSync(join(out, ".git")));
    assert.equal(runUpstream(["import", README, "--force", "--out", out]).code, 0);
    assert.equal(readFileSync(join(out, "README.md"), "utf8"), "kept\n");
  });
});

describe("no output is written over an input or an existing file by surprise", () => {
  const catalogDir = join(dir, "inputs");
  const setup = (): void => {
    if (existsSync(catalogDir)) return;
    assert.equal(runUpstream(["import", README, "--out", catalogDir]).code, 0);
    symlinkSync(join(catalogDir, "upstream.yaml"), join(dir, "link.yaml"));
  };

  it("render readme / badge --out over the catalog or a project file it reads is refused, even with --force", () => {
    setup();
    const project = join(catalogDir, "projects", readdirSync(join(catalogDir, "projects"))[0]!);
    const before = snapshot(catalogDir);
    const targets = [
      join(catalogDir, "upstream.yaml"),
      project,
      join(catalogDir, "projects", "..", "upstream.yaml"),
      join(dir, "link.yaml"),
    ];
    for (const target of targets) {
      for (const args of [
        ["render", "readme", "--catalog", catalogDir, "--out", target, "--force"],
        ["render", "readme", "--catalog", catalogDir, "--out", target],
        [
          "badge",
          "--catalog",
          catalogDir,
          readdirSync(join(catalogDir, "projects"))[0]!.replace(/\.yaml$/, ""),
          "--out",
          target,
        ],
      ]) {
        const r = runUpstream(args);
        assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
        assert.match(
          r.stderr,
          /it is the catalog this command reads, which would be lost; nothing was written/,
          args.join(" "),
        );
      }
    }
    assert.deepEqual(snapshot(catalogDir), before);
  });

  it("render readme --out a framework file it reads is refused", () => {
    const framework = resolve(import.meta.dirname, "../maturity/frameworks/cncf.yaml");
    const before = readFileSync(framework, "utf8");
    const r = runUpstream(["render", "readme", "--catalog", CATALOG, "--out", framework, "--force"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /it is a framework this command reads/);
    assert.equal(readFileSync(framework, "utf8"), before);
  });

  it("import --force --out the README it imports is refused", () => {
    const copy = join(dir, "readme.yaml");
    writeFileSync(copy, readFileSync(README, "utf8"));
    const r = runUpstream(["import", copy, "--force", "--out", copy]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /it is the README being imported/);
    assert.equal(readFileSync(copy, "utf8"), readFileSync(README, "utf8"));
  });

  it(
    "render readme --out and schema --out refuse an existing " + "file without --force, and replace it with --force",
    () => {
      for (const [args, what] of [
        [["render", "readme", "--catalog", CATALOG], "# Upstream"],
        [["schema"], "$schema"],
      ] as const) {
        const target = join(dir, `existing-${args[0]}.txt`);
        writeFileSync(target, "kept\n");
        const r = runUpstream([...args, "--out", target]);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /already exists; nothing was written\. Pass --force to replace it/);
        assert.equal(readFileSync(target, "utf8"), "kept\n");
        assert.equal(runUpstream([...args, "--out", target, "--force"]).code, 0);
        assert.ok(readFileSync(target, "utf8").includes(what));
      }
    },
  );
});

describe("file-system failures are said in words, under the output's code", () => {
  it(
    "import --out under a file, or onto a folder named .yaml, is " +
      "E_OUTPUT_WRITE with what is wrong, never an internal error",
    () => {
      writeFileSync(join(dir, "plain-file"), "");
      mkdirSync(join(dir, "folder.yaml"), { recursive: true });
      for (const [out, why] of [
        [join(dir, "plain-file", "catalog"), /a part of the path is a file, not a folder/],
        [join(dir, "folder.yaml"), /it is a folder; give a file name/],
      ] as const) {
        const r = runUpstream(["import", README, "--force", "--out", out]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, why);
        assert.doesNotMatch(r.stderr, /internal error|ENOTDIR|EISDIR|EEXIST/);
      }
    },
  );
});
