import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatIssue } from "../core/errors.js";
import { openCatalogEditor, editCatalog, type CatalogEdit } from "./edit-catalog.js";
import { loadCatalog } from "./load-catalog.js";
import { changedLines } from "./edit-testing.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const EXAMPLE = join(ROOT, "examples/azure-container-compute/upstream.yaml");

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "edit-catalog-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function freshDir(): string {
  const d = join(dir, `c${++counter}`);
  mkdirSync(d, { recursive: true });
  return d;
}

const SMALL = `# yaml-language-server: $schema=../schema/upstream.schema.json
apiVersion: upstream/v1
program:
  name: Test Program   # the program's name

personas:
  - id: ops
    title: Operations
projects:
  - id: alpha
    name: "Alpha"
    persona: ops
    repositories: [https://github.com/example/alpha]
    state: { framework: CNCF, level: sandbox }  # level decided 2024

  - id: beta
    name: 'Beta'
    persona: ops
    repositories:
      - https://github.com/example/beta
announcements:
  - date: 2020-06-01
    project: alpha
    announcement: Alpha 1.0 is out
`;

async function mustEdit(path: string, edits: readonly CatalogEdit[]) {
  const r = await editCatalog(path, edits);
  assert.ok(r.ok, r.issues.map(formatIssue).join("\n"));
  return r;
}

describe("editCatalog on the bundled example", () => {
  it("changes a level and adds an announcement: only those lines differ, and the catalog loads with them", async () => {
    const file = join(freshDir(), "upstream.yaml");
    copyFileSync(EXAMPLE, file);
    const before = readFileSync(file, "utf8");
    const r = await mustEdit(file, [
      { op: "set", project: "aks-engine", path: ["state", "level"], value: "graduated" },
      {
        op: "append",
        path: ["announcements"],
        value: { date: "2026-10-01", project: "aks-engine", announcement: "AKS Engine graduates (4 of 6 votes)" },
      },
    ]);
    assert.deepEqual(r.written, [file]);
    const afterText = readFileSync(file, "utf8");
    const diff = changedLines(before, afterText);
    // one hunk for the level, one for the new announcements block at the end
    assert.deepEqual(
      diff.map((h) => h.removed),
      [["      level: incubating"], []],
    );
    assert.deepEqual(diff[0]!.added, ["      level: graduated"]);
    assert.deepEqual(diff[1]!.added, [
      "announcements:",
      "  - date: 2026-10-01",
      "    project: aks-engine",
      "    announcement: AKS Engine graduates (4 of 6 votes)",
    ]);
    const loaded = await loadCatalog(file);
    const state = loaded.catalog!.projects.find((p) => p.id === "aks-engine")!.state as { level: string };
    assert.equal(state.level, "graduated");
    assert.equal(loaded.catalog!.announcements?.length, 1);
    assert.ok(!existsSync(`${file}.lock`), "the lock is released");
  });
});

describe("editCatalog: layouts kept", () => {
  it("changes a value inside a flow mapping in place, keeping the comment on its line", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    await mustEdit(file, [{ op: "set", project: "alpha", path: ["state", "level"], value: "incubating" }]);
    const diff = changedLines(SMALL, readFileSync(file, "utf8"));
    assert.deepEqual(diff, [
      {
        at: 14,
        removed: ["    state: { framework: CNCF, level: sandbox }  # level decided 2024"],
        added: ["    state: { framework: CNCF, level: incubating }  # level decided 2024"],
      },
    ]);
  });

  it("keeps a value's quoting and the comment after it", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    await mustEdit(file, [
      { op: "set", project: "alpha", path: ["name"], value: "Alpha Two" },
      { op: "set", project: "beta", path: ["name"], value: "Beta's" },
      { op: "set", path: ["program", "name"], value: "Renamed" },
    ]);
    const diff = changedLines(SMALL, readFileSync(file, "utf8"));
    assert.deepEqual(
      diff.map((h) => h.added),
      [["  name: Renamed   # the program's name"], ['    name: "Alpha Two"'], ["    name: 'Beta''s'"]],
    );
  });

  it("appends to a flow list in its style, and adds a key after a mapping's last key", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    await mustEdit(file, [
      { op: "append", project: "alpha", path: ["repositories"], value: "https://github.com/example/alpha-docs" },
      { op: "set", project: "beta", path: ["goal"], value: "Tools for operators" },
    ]);
    const diff = changedLines(SMALL, readFileSync(file, "utf8"));
    assert.deepEqual(diff, [
      {
        at: 13,
        removed: ["    repositories: [https://github.com/example/alpha]"],
        added: ["    repositories: [https://github.com/example/alpha, https://github.com/example/alpha-docs]"],
      },
      { at: 21, removed: [], added: ["    goal: Tools for operators"] },
    ]);
  });

  it("deletes a key's lines only", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    await mustEdit(file, [{ op: "delete", project: "beta", path: ["repositories"] }]);
    const diff = changedLines(SMALL, readFileSync(file, "utf8"));
    assert.deepEqual(diff, [
      { at: 19, removed: ["    repositories:", "      - https://github.com/example/beta"], added: [] },
    ]);
  });

  it("keeps CRLF line ends, a byte-order mark and a missing final newline", async () => {
    const file = join(freshDir(), "upstream.yaml");
    const crlf = `\uFEFF${SMALL.trimEnd().replace(/\n/g, "\r\n")}`;
    writeFileSync(file, crlf);
    await mustEdit(file, [
      { op: "set", project: "alpha", path: ["state", "level"], value: "graduated" },
      { op: "append", path: ["announcements"], value: { date: "2026-01-02", project: "beta", announcement: "Beta" } },
    ]);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    assert.ok(!/[^\r]\n/.test(text), "every newline is CRLF");
    assert.ok(!text.endsWith("\n"), "still no final newline");
    const diff = changedLines(crlf.slice(1).replace(/\r\n/g, "\n"), text.replace(/\r\n/g, "\n"));
    assert.deepEqual(
      diff.map((h) => [h.removed.length, h.added.length]),
      [
        [1, 1],
        [0, 3],
      ],
    );
    const loaded = await loadCatalog(file);
    assert.equal(loaded.catalog?.announcements?.[1]?.project, "beta");
  });

  it("folder form: edits the project's own file, and a new project becomes a new file listed in order", async () => {
    const folder = freshDir();
    mkdirSync(join(folder, "projects"));
    writeFileSync(
      join(folder, "upstream.yaml"),
      "apiVersion: upstream/v1\nprogram:\n  name: P\npersonas:\n  - id: ops\n    title: Ops\nprojects:\n  - alpha\n",
    );
    const alpha =
      "# yaml-language-server: $schema=../schema/project.schema.json\nid: alpha\nname: Alpha # shown\n" +
      "persona: ops\nrepositories: [https://github.com/example/alpha]\nstate:\n  framework: CNCF\n  level: sandbox\n";
    writeFileSync(join(folder, "projects/alpha.yaml"), alpha);
    const r = await mustEdit(folder, [
      { op: "set", project: "alpha", path: ["state", "level"], value: "incubating" },
      {
        op: "add-project",
        value: { id: "gamma", name: "Gamma", persona: "ops", repositories: ["https://github.com/example/gamma"] },
      },
      { op: "set", project: "gamma", path: ["goal"], value: "Third" },
    ]);
    assert.deepEqual(
      new Set(r.written),
      new Set([
        join(folder, "upstream.yaml"),
        join(folder, "projects/alpha.yaml"),
        join(folder, "projects/gamma.yaml"),
      ]),
    );
    assert.deepEqual(changedLines(alpha, readFileSync(join(folder, "projects/alpha.yaml"), "utf8")), [
      { at: 8, removed: ["  level: sandbox"], added: ["  level: incubating"] },
    ]);
    const gamma = readFileSync(join(folder, "projects/gamma.yaml"), "utf8");
    assert.ok(gamma.startsWith("# yaml-language-server: $schema=../schema/project.schema.json\nid: gamma\n"), gamma);
    const loaded = await loadCatalog(folder);
    assert.deepEqual(
      loaded.catalog?.projects.map((p) => [p.id, p.goal]),
      [
        ["alpha", undefined],
        ["gamma", "Third"],
      ],
    );
    assert.ok(readFileSync(join(folder, "upstream.yaml"), "utf8").endsWith("projects:\n  - alpha\n  - gamma\n"));
  });
});

describe("editCatalog: nothing written on bad input", () => {
  it("refuses an edit that makes the catalog invalid, with the loader's located error; writes nothing", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const r = await editCatalog(file, [
      { op: "set", project: "alpha", path: ["name"], value: "Fine" },
      { op: "set", project: "beta", path: ["persona"], value: "opz" },
    ]);
    assert.equal(r.ok, false);
    assert.deepEqual(r.written, []);
    assert.equal(readFileSync(file, "utf8"), SMALL);
    const persona = r.issues.find((i) => i.code === "E_CATALOG_UNKNOWN_PERSONA");
    assert.ok(persona, r.issues.map(formatIssue).join("\n"));
    assert.equal(persona.line, 18);
    assert.equal(persona.hint?.includes("ops"), true);
    assert.equal(r.issues[0]!.code, "E_CATALOG_EDIT");
    assert.deepEqual(readdirSync(dirname(file)), ["upstream.yaml"], "no temp or lock file is left");
  });

  it("names the edit and suggests the project for an unknown id", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const r = await editCatalog(file, [{ op: "set", project: "alpah", path: ["name"], value: "x" }]);
    assert.equal(r.ok, false);
    assert.match(r.issues[0]!.message, /edit 1 of 1 \(set project alpah: name\): no project 'alpah'/);
    assert.equal(r.issues[0]!.hint, "did you mean 'alpha'?");
    assert.equal(readFileSync(file, "utf8"), SMALL);
  });

  it("refuses a path through a single value, located at it", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const r = await editCatalog(file, [{ op: "set", project: "alpha", path: ["name", "first"], value: "x" }]);
    assert.equal(r.ok, false);
    assert.match(r.issues[0]!.message, /not a mapping/);
  });

  it("refuses to overwrite a file changed on disk since it was opened", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const opened = await openCatalogEditor(file);
    const editor = opened.editor!;
    const applied = await editor.apply([{ op: "set", project: "alpha", path: ["name"], value: "Mine" }]);
    assert.ok(applied.ok);
    const theirs = SMALL.replace("Test Program", "Their Program");
    writeFileSync(file, theirs);
    const r = editor.commit();
    assert.equal(r.ok, false);
    assert.equal(r.issues[0]!.code, "E_CATALOG_CHANGED");
    assert.match(r.issues[0]!.message, /changed on disk since it was read.*size changed/);
    assert.equal(readFileSync(file, "utf8"), theirs);
  });

  it("rolls back every file when one of them cannot be replaced", async (t) => {
    const folder = freshDir();
    mkdirSync(join(folder, "projects"));
    const main = "apiVersion: upstream/v1\nprogram:\n  name: P\npersonas:\n  - id: ops\n    title: Ops\nprojects: []\n";
    writeFileSync(join(folder, "upstream.yaml"), main);
    const alpha = "id: alpha\nname: Alpha\npersona: ops\nrepositories: [https://github.com/example/alpha]\n";
    writeFileSync(join(folder, "projects/alpha.yaml"), alpha);
    const opened = await openCatalogEditor(folder);
    const editor = opened.editor!;
    const ok = await editor.apply([
      { op: "set", path: ["program", "name"], value: "Q" },
      { op: "set", project: "alpha", path: ["name"], value: "A" },
    ]);
    assert.ok(ok.ok, ok.issues.map(formatIssue).join("\n"));
    // An immutable file (chattr +i) reads as it was, but cannot be replaced, not even by root.
    const alphaFile = join(folder, "projects/alpha.yaml");
    try {
      execFileSync("chattr", ["+i", "--", alphaFile], { stdio: "ignore" });
    } catch {
      t.skip("chattr +i is not available here");
      return;
    }
    let r: ReturnType<typeof editor.commit>;
    try {
      r = editor.commit();
    } finally {
      execFileSync("chattr", ["-i", "--", alphaFile]);
    }
    assert.equal(r.ok, false);
    assert.equal(r.issues[0]!.code, "E_CATALOG_WRITE", r.issues.map(formatIssue).join("\n"));
    assert.match(r.issues[0]!.message, /alpha\.yaml: permission denied/);
    assert.equal(readFileSync(alphaFile, "utf8"), alpha);
    assert.deepEqual(readdirSync(folder).sort(), ["projects", "upstream.yaml"], "no temp, backup or lock file is left");
    assert.deepEqual(readdirSync(join(folder, "projects")), ["alpha.yaml"]);
    assert.equal(readFileSync(join(folder, "upstream.yaml"), "utf8"), main);
  });
});

describe("editCatalog: other documents of the catalog folder", () => {
  const Toc = z.strictObject({
    members: z.array(
      z.strictObject({ handle: z.string(), name: z.string(), from: z.string(), until: z.string().optional() }),
    ),
  });

  it("creates, appends to and edits a governance file checked by its schema; an invalid edit is refused", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const documents = [{ file: "governance/toc.yaml", schema: Toc }];
    await mustEditWith(file, documents, [
      { op: "set", file: "governance/toc.yaml", path: [], value: { members: [] } },
      {
        op: "append",
        file: "governance/toc.yaml",
        path: ["members"],
        value: { handle: "ann", name: "Ann Lee", from: "2025-01-01" },
      },
    ]);
    const toc = join(dirname(file), "governance/toc.yaml");
    const withComment = `# The TOC (see GOVERNANCE.md)\n${readFileSync(toc, "utf8")}`;
    writeFileSync(toc, withComment);
    await mustEditWith(file, documents, [
      {
        op: "append",
        file: "governance/toc.yaml",
        path: ["members"],
        value: { handle: "bo", name: "Bo", from: "2025-02-01" },
      },
      { op: "set", file: "governance/toc.yaml", path: ["members", { handle: "ann" }, "until"], value: "2026-06-30" },
    ]);
    const text = readFileSync(toc, "utf8");
    assert.deepEqual(changedLines(withComment, text), [
      {
        at: 6,
        removed: [],
        added: ["    until: 2026-06-30", "  - handle: bo", "    name: Bo", "    from: 2025-02-01"],
      },
    ]);
    const bad = await editCatalog(
      file,
      [{ op: "set", file: "governance/toc.yaml", path: ["members", 0, "role"], value: "chair" }],
      {
        documents,
      },
    );
    assert.equal(bad.ok, false);
    const unknown = bad.issues.find((i) => i.code === "E_CATALOG_UNKNOWN_KEY");
    assert.equal(unknown?.file?.endsWith("governance/toc.yaml"), true);
    assert.equal(unknown?.line, 7);
    assert.equal(readFileSync(toc, "utf8"), text);
  });

  it("refuses a document outside the catalog's folder", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const r = await openCatalogEditor(file, { documents: [{ file: "../elsewhere.yaml" }] });
    assert.equal(r.editor, undefined);
    assert.equal(r.issues[0]!.code, "E_CATALOG_EDIT");
  });
});

async function mustEditWith(
  path: string,
  documents: readonly { file: string; schema: z.ZodType }[],
  edits: readonly CatalogEdit[],
) {
  const r = await editCatalog(path, edits, { documents });
  assert.ok(r.ok, r.issues.map(formatIssue).join("\n"));
}

/** A second process, holding the catalog's lock until told to let go (or killed). */
function holdLock(lockPath: string): Promise<{ pid: number; release: () => Promise<void>; kill: () => Promise<void> }> {
  const code =
    `import { acquireLock } from ${JSON.stringify(join(HERE, "atomic-files.ts"))};` +
    `const r = acquireLock(${JSON.stringify(lockPath)}, "test holder");` +
    `if (!("held" in r)) { console.log("refused"); process.exit(1); }` +
    `console.log("held"); process.stdin.once("data", () => { r.held.release(); process.exit(0); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolveHeld, reject) => {
    child.stdout.once("data", (chunk: Buffer) => {
      if (String(chunk).trim() !== "held") return reject(new Error(`child said ${String(chunk)}`));
      resolveHeld({
        pid: child.pid!,
        release: async () => {
          child.stdin.write("go\n");
          await exited;
        },
        kill: async () => {
          child.kill("SIGKILL");
          await exited;
        },
      });
    });
    child.once("error", reject);
  });
}

describe("editCatalog: two writers", () => {
  it("refuses a second writer while another process holds the lock, naming it; writes once released", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const holder = await holdLock(`${file}.lock`);
    try {
      const r = await editCatalog(file, [{ op: "set", project: "alpha", path: ["name"], value: "Mine" }]);
      assert.equal(r.ok, false);
      assert.equal(r.issues[0]!.code, "E_CATALOG_LOCKED");
      assert.match(r.issues[0]!.message, new RegExp(`pid ${holder.pid} on .*\\(test holder\\); nothing was written`));
      assert.equal(readFileSync(file, "utf8"), SMALL);
    } finally {
      await holder.release();
    }
    assert.ok(!existsSync(`${file}.lock`));
    const r = await mustEdit(file, [{ op: "set", project: "alpha", path: ["name"], value: "Mine" }]);
    assert.deepEqual(r.issues, []);
  });

  it("takes over the lock of a process that died, with a notice", async () => {
    const file = join(freshDir(), "upstream.yaml");
    writeFileSync(file, SMALL);
    const holder = await holdLock(`${file}.lock`);
    await holder.kill();
    assert.ok(existsSync(`${file}.lock`), "a killed holder leaves its lock");
    const r = await mustEdit(file, [{ op: "set", project: "alpha", path: ["name"], value: "After" }]);
    assert.equal(r.issues[0]?.code, "E_CATALOG_STALE_LOCK");
    assert.match(r.issues[0]!.message, new RegExp(`pid ${holder.pid}`));
    assert.ok(!existsSync(`${file}.lock`));
    assert.match(readFileSync(file, "utf8"), /name: "After"/);
  });
});
