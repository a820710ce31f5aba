import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIssue } from "../core/errors.js";
import { loadCatalog } from "./load-catalog.js";
import { formatPath } from "./validate-catalog.js";

// GIVEN files no one would write on purpose WHEN they are loaded THEN every problem comes
// back as a located issue with a fix, and nothing throws.

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "catalog-hostile-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, content: string | Uint8Array) {
  const file = join(dir, name);
  await writeFile(file, content);
  return loadCatalog(file);
}

const HEAD = "apiVersion: upstream/v1\nprogram: {name: P}\npersonas: [{id: ops, title: Ops}]\n";

describe("loadCatalog on hostile input", () => {
  for (const [name, text, says] of [
    ["empty.yaml", "", /is empty/],
    ["comment.yaml", "# nothing here\n", /is empty/],
    ["list.yaml", "- a\n- b\n", /holds a list/],
    ["scalar.yaml", "hello\n", /holds a single string value, "hello"/],
  ] as const) {
    it(`explains that ${name} is not a catalog mapping, with a fix`, async () => {
      const r = await load(name, text);
      assert.equal(r.issues.length, 1);
      const i = r.issues[0]!;
      assert.equal(i.code, "E_CATALOG_INVALID_VALUE");
      assert.match(i.message, /a catalog is a mapping with apiVersion, program, personas and projects/);
      assert.match(i.message, says);
      assert.doesNotMatch(i.message, /undefined/);
      assert.deepEqual([i.line, i.col], [1, 1]);
      assert.ok(i.hint);
    });
  }

  it("rejects bytes that are not UTF-8, naming their line and column", async () => {
    const bytes = Buffer.concat([Buffer.from(HEAD + "projects: []\n# caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const r = await load("latin1.yaml", bytes);
    assert.equal(r.catalog, undefined);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.line, i.col]),
      [["E_FILE_NOT_UTF8", 5, 6]],
    );
    assert.match(r.issues[0]!.hint!, /UTF-8/);
  });

  it("refuses aliases that expand without bound, without throwing", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(10)
          .fill(`*${"abcdefghi"[i - 1]}`)
          .join(", ")}]`,
      );
    const r = await load("bomb.yaml", HEAD + "projects: []\n" + levels.join("\n") + "\n");
    assert.deepEqual(
      r.issues.map((i) => i.code),
      ["E_YAML_SYNTAX"],
    );
    assert.match(r.issues[0]!.message, /aliases/);
  });

  it("locates an alias used inside its own anchor, in any position, without throwing", async () => {
    for (const [name, text, line, col] of [
      ["cycle-flow.yaml", HEAD + "projects: []\nx: &a [*a]\n", 5, 8],
      ["cycle-block.yaml", HEAD + "projects: []\nx: &a\n  y:\n    - *a\n", 7, 7],
      [
        "cycle-root.yaml",
        "&r\napiVersion: upstream/v1\nprogram: {name: P, x: *r}\npersonas: []\nprojects: []\n",
        3,
        23,
      ],
    ] as const) {
      const r = await load(name, text);
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.line, i.col]),
        [["E_YAML_ALIAS_CYCLE", line, col]],
        name,
      );
      assert.match(r.issues[0]!.message, /alias \*(a|r) is used inside the value its anchor/);
      assert.ok(r.issues[0]!.hint);
    }
  });

  it("refuses nesting thousands deep (flow or block) with a located error, not a stack overflow", async () => {
    const flow = await load(
      "deep-flow.yaml",
      HEAD + "projects: []\nx: " + "[".repeat(20000) + "]".repeat(20000) + "\n",
    );
    assert.deepEqual(
      flow.issues.map((i) => [i.code, i.line]),
      [["E_YAML_TOO_DEEP", 5]],
    );
    const block = await load(
      "deep-block.yaml",
      HEAD +
        "projects: []\nx:\n" +
        Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n") +
        " 1\n",
    );
    assert.deepEqual(
      block.issues.map((i) => i.code),
      ["E_YAML_TOO_DEEP"],
    );
    assert.match(block.issues[0]!.message, /more than 64 levels/);
    const lists = await load("deep-lists.yaml", HEAD + "projects: []\nx:\n" + "  " + "- ".repeat(3000) + "a\n");
    assert.deepEqual(
      lists.issues.map((i) => i.code),
      ["E_YAML_TOO_DEEP"],
    );
    const fine = await load(
      "fine.yaml",
      HEAD +
        "projects:\n  - id: a\n    name: A\n    persona: ops\n    state: {framework: CNCF, " +
        "level: sandbox}\n    attestations:\n      x: {status: met, by: me, date: 2020-01-01}\n",
    );
    assert.equal(
      fine.issues.filter((i) => i.code.startsWith("E_YAML")).length,
      0,
      "an ordinary catalog is not too deep",
    );
  });

  it(
    "reads only regular files: a FIFO and a link to /dev/zero in " +
      "projects/ are located errors, and the rest is still checked",
    async () => {
      const folder = join(dir, "special-files");
      await mkdir(join(folder, "projects"), { recursive: true });
      await writeFile(join(folder, "upstream.yaml"), HEAD + "projects: []\n");
      await writeFile(join(folder, "projects", "good.yaml"), "id: good\nname: Good\npersona: opz\n");
      execFileSync("mkfifo", [join(folder, "projects", "fifo.yaml")]);
      await symlink("/dev/zero", join(folder, "projects", "zero.yaml"));
      const r = await loadCatalog(folder);
      const byFile = (name: string) => r.issues.filter((i) => i.file?.endsWith(name));
      assert.deepEqual(
        byFile("fifo.yaml").map((i) => i.code),
        ["E_FILE_UNREADABLE"],
      );
      assert.match(byFile("fifo.yaml")[0]!.message, /not a regular file \(a named pipe\)/);
      assert.deepEqual(
        byFile("zero.yaml").map((i) => i.code),
        ["E_FILE_UNREADABLE"],
      );
      assert.match(byFile("zero.yaml")[0]!.message, /a character device/);
      assert.ok(
        r.issues.some((i) => i.code === "E_CATALOG_UNKNOWN_PERSONA"),
        "the readable project file is still checked",
      );
    },
  );

  it("says which of projects/x.yaml and projects/x.yml it ignores", async () => {
    const folder = join(dir, "twice");
    await mkdir(join(folder, "projects"), { recursive: true });
    await writeFile(join(folder, "upstream.yaml"), HEAD + "projects: []\n");
    await writeFile(join(folder, "projects", "x.yaml"), "id: x\nname: X\npersona: ops\n");
    await writeFile(join(folder, "projects", "x.yml"), "id: x\nname: Other X\npersona: ops\n");
    const r = await loadCatalog(folder);
    assert.deepEqual(
      r.catalog?.projects.map((p) => p.name),
      ["X"],
    );
    const warning = r.issues.find((i) => i.code === "E_CATALOG_PROJECT_FILE");
    assert.equal(warning?.severity, "warning");
    assert.match(warning!.message, /x\.yml is ignored: project 'x' is already read from x\.yaml/);
  });

  it("reports a projects entry that is a file, not a folder, as unreadable", async () => {
    const folder = join(dir, "projects-file");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "upstream.yaml"), HEAD + "projects: []\n");
    await writeFile(join(folder, "projects"), "not a folder\n");
    const r = await loadCatalog(folder);
    assert.deepEqual(
      r.issues.map((i) => i.code),
      ["E_FILE_UNREADABLE"],
    );
    assert.match(r.issues[0]!.message, /cannot read the projects folder .*projects: it is a file, not a folder/);
  });

  it("gives every wrong value a fix, and cuts a long received value short", async () => {
    const r = await load(
      "types.yaml",
      HEAD +
        `projects:\n  - id: a\n    name: 3\n    persona: ops\n    goal: ` +
        `[${Array.from({ length: 100 }, (_, i) => i).join(", ")}]\n`,
    );
    const wrong = r.issues.filter((i) => i.code === "E_CATALOG_INVALID_VALUE");
    assert.equal(wrong.length, 2);
    for (const i of wrong) assert.match(i.hint ?? "", /write a string here/);
    assert.ok(
      wrong.every((i) => i.message.length < 200),
      wrong.map((i) => i.message).join("\n"),
    );
  });

  it("keeps checking the other project files when one is empty, a list or does not parse", async () => {
    const folder = join(dir, "folder");
    await mkdir(join(folder, "projects"), { recursive: true });
    await writeFile(join(folder, "upstream.yaml"), HEAD + "projects: [a, b, c]\n");
    await writeFile(join(folder, "projects", "a.yaml"), "id: a\nname: A\npersona: ops\nhoem: https://a.example\n");
    await writeFile(join(folder, "projects", "b.yaml"), "");
    await writeFile(join(folder, "projects", "c.yaml"), "id: c\nname: [\n");
    await writeFile(join(folder, "projects", "d.yaml"), "- d\n");
    const r = await loadCatalog(folder);
    const seen = r.issues.map((i) => `${i.file?.split("/").pop()}:${i.code}`);
    assert.deepEqual(seen, [
      "a.yaml:E_CATALOG_UNKNOWN_KEY",
      "b.yaml:E_CATALOG_PROJECT_FILE",
      "c.yaml:E_YAML_SYNTAX",
      "d.yaml:E_CATALOG_PROJECT_FILE",
    ]);
    assert.ok(
      r.issues.every((i) => i.line && i.hint),
      JSON.stringify(r.issues),
    );
  });
});

describe("formatPath", () => {
  it("quotes a key holding a '.', so it does not read as nesting", () => {
    assert.equal(
      formatPath(["projects", 0, "attestations", "incubating.adopters", "date"]),
      'projects[0].attestations["incubating.adopters"].date',
    );
    assert.equal(
      formatPath(["projects", 0, "attestations", "due-diligence"]),
      "projects[0].attestations.due-diligence",
    );
  });
});

describe("control characters in a catalog", () => {
  it("are located errors naming the character, and no message carries it raw", async () => {
    const r = await load(
      "controls.yaml",
      HEAD +
        'projects:\n  - id: a\n    name: "Al\\u001b]0;pwned\\u0007pha"\n    persona: ops\n ' +
        '   goal: "right\\u202eleft"\n    versions: {label: API, text: "v1\\u000b"}\n',
    );
    const found = r.issues.filter((i) => i.code === "E_CATALOG_CONTROL_CHARACTER");
    assert.deepEqual(
      found.map((i) => [i.path, i.line]),
      [
        ["projects[0].name", 6],
        ["projects[0].goal", 8],
        ["projects[0].versions.text", 9],
      ],
    );
    assert.match(found[0]!.message, /\(U\+001B ESC\) at position 3/);
    assert.match(found[1]!.message, /U\+202E RIGHT-TO-LEFT OVERRIDE/);
    assert.equal(r.catalog, undefined, "an error: nothing downstream sees the text");
    for (const i of r.issues)
      assert.doesNotMatch(formatIssue(i), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it("are located inside lists and at keys, each at its own path", async () => {
    const r = await load(
      "controls-deep.yaml",
      HEAD +
        "projects:\n  - id: a\n    name: A\n    persona: ops\n    channels:\n      - {text: ok}\n" +
        '      - {text: "b\\u0007"}\n    raw: {"k\\u001b": v}\n  - id: b\n    name: "\\u0000"\n    persona: ops\n',
    );
    assert.deepEqual(
      r.issues.filter((i) => i.code === "E_CATALOG_CONTROL_CHARACTER").map((i) => i.path),
      ["projects[0].channels[1].text", 'projects[0].raw["k\\u001b"]', "projects[1].name"],
    );
  });

  it("formatIssue escapes whatever a message quotes", () => {
    const line = formatIssue({
      code: "E_CATALOG_INVALID_VALUE",
      severity: "error",
      message: "got \u001b[2J",
      file: "x\u202e.yaml",
      hint: "a\u0007\nb",
    });
    assert.equal(line, "x\\u202e.yaml: error: got \\u001b[2J [E_CATALOG_INVALID_VALUE]\n    fix: a\\u0007\n    b");
  });
});

describe("links a README reader cannot follow", () => {
  it("warns, at the field, about a file: link that renders as text", async () => {
    const r = await load(
      "file-links.yaml",
      HEAD +
        "projects:\n  - id: a\n    name: A\n    persona: ops\n    home: " +
        '"file:///srv/docs/a.html"\n    usedIn: [{title: Intranet, url: "file:///srv/intranet"}]\n',
    );
    const found = r.issues.filter((i) => i.code === "E_CATALOG_FILE_LINK");
    assert.deepEqual(
      found.map((i) => [i.path, i.severity, i.line]),
      [
        ["projects[0].home", "warning", 8],
        ["projects[0].usedIn[0].url", "warning", 9],
      ],
    );
    assert.ok(r.catalog, "a warning: the catalog still loads");
  });
});
