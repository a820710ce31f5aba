import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIssue } from "../core/errors.js";
import fc from "fast-check";
import { basename, extname } from "node:path";
import { loadCatalog, projectFileId } from "./load-catalog.js";
import { stringifyCatalog, stringifyCatalogFolder } from "./write-catalog.js";
import type { Catalog } from "./schema.js";

const VALID = `apiVersion: upstream/v1
program:
  name: Test Program
personas:
  - id: ops
    title: Operations
projects:
  - id: alpha
    name: Alpha
    persona: ops
    home: https://example.com/alpha
    repositories: [https://github.com/example/alpha]
    state: { framework: CNCF, level: sandbox }
announcements:
  - date: 2020-06-01
    project: alpha
    announcement: Alpha 1.0 is out
`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "catalog-test-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, text: string) {
  const file = join(dir, name);
  await writeFile(file, text);
  return loadCatalog(file);
}

describe("loadCatalog (one file)", () => {
  it("loads a valid catalog with no issues", async () => {
    const r = await load("valid.yaml", VALID);
    assert.deepEqual(r.issues, []);
    assert.equal(r.catalog?.projects[0]?.id, "alpha");
    assert.equal(r.catalog?.announcements?.[0]?.date, "2020-06-01");
  });

  it("reports every problem with file:line:col, path and a fix, never stopping at the first", async () => {
    const text = `apiVersion: upstream/v1
program:
  name: P
  nmae: typo
personas:
  - id: ops
    title: Ops
projects:
  - id: alpha
    name: Alpha
    persona: opps
    home: example.com/alpha
  - id: alpha
    persona: ops
announcements:
  - date: 2020-02-30
    project: alpah
    announcement: hi
`;
    const r = await load("bad.yaml", text);
    assert.equal(r.catalog, undefined);
    const byCode = (code: string) => r.issues.filter((i) => i.code === code);
    const unknownKey = byCode("E_CATALOG_UNKNOWN_KEY")[0]!;
    assert.deepEqual([unknownKey.line, unknownKey.col, unknownKey.path], [4, 3, "program.nmae"]);
    assert.match(unknownKey.hint!, /did you mean 'name'/);
    const persona = byCode("E_CATALOG_UNKNOWN_PERSONA")[0]!;
    assert.deepEqual([persona.line, persona.col], [11, 14]);
    assert.match(persona.hint!, /did you mean 'ops'/);
    const url = byCode("E_CATALOG_INVALID_URL")[0]!;
    assert.equal(url.line, 12);
    assert.match(url.message, /example\.com\/alpha/);
    assert.equal(byCode("E_CATALOG_MISSING_FIELD")[0]?.path, "projects[1].name");
    assert.equal(byCode("E_CATALOG_DUPLICATE_ID")[0]?.line, 13);
    assert.equal(byCode("E_CATALOG_INVALID_DATE")[0]?.line, 16);
    const announced = byCode("E_CATALOG_UNKNOWN_PROJECT")[0]!;
    assert.equal(announced.line, 17);
    assert.match(announced.hint!, /did you mean 'alpha'/);
    assert.match(
      formatIssue(unknownKey),
      /^\/.*\/bad\.yaml:4:3: error: unknown key 'nmae' \(at program\.nmae\) \[E_CATALOG_UNKNOWN_KEY\]/,
    );
  });

  it("reports YAML syntax errors with their position", async () => {
    const r = await load("syntax.yaml", "apiVersion: upstream/v1\nprogram: [a\nb: 1\n");
    assert.equal(r.catalog, undefined);
    assert.equal(r.issues[0]?.code, "E_YAML_SYNTAX");
    assert.equal(r.issues[0]?.file?.endsWith("syntax.yaml"), true);
    assert.ok((r.issues[0]?.line ?? 0) >= 2);
  });

  it("reports a repeated key as a YAML error", async () => {
    const r = await load(
      "dupkey.yaml",
      VALID.replace("  name: Test Program\n", "  name: Test Program\n  name: Again\n"),
    );
    assert.equal(r.issues[0]?.code, "E_YAML_SYNTAX");
    assert.equal(r.issues[0]?.line, 4);
  });

  it("reports a missing catalog file as E_FILE_NOT_FOUND", async () => {
    const r = await loadCatalog(join(dir, "nope.yaml"));
    assert.equal(r.issues[0]?.code, "E_FILE_NOT_FOUND");
  });

  it("reports an attestation that expires before it was given", async () => {
    const text = VALID.replace(
      "    state: { framework: CNCF, level: sandbox }\n",
      "    state: { framework: CNCF, level: sandbox }\n    attestations:\n      " +
        "due-diligence: { status: met, by: toc, date: 2021-01-01, expires: 2020-01-01 }\n",
    );
    const r = await load("att.yaml", text);
    assert.equal(r.issues[0]?.code, "E_CATALOG_INVALID_DATE");
    assert.equal(r.issues[0]?.path, "projects[0].attestations.due-diligence.expires");
  });
});

describe("loadCatalog (folder form)", () => {
  it("merges projects/<id>.yaml in the order upstream.yaml lists, then the rest by name", async () => {
    const folder = join(dir, "folder");
    await mkdir(join(folder, "projects"), { recursive: true });
    const catalog = (await load("valid2.yaml", VALID)).catalog!;
    const two: Catalog = {
      ...catalog,
      projects: [{ ...catalog.projects[0]!, id: "zeta", name: "Zeta" }, catalog.projects[0]!],
    };
    for (const [name, text] of stringifyCatalogFolder(two)) await writeFile(join(folder, name), text);
    await writeFile(join(folder, "projects", "beta.yaml"), "id: beta\nname: Beta\npersona: ops\n");
    const r = await loadCatalog(folder);
    assert.deepEqual(r.issues, []);
    assert.deepEqual(
      r.catalog!.projects.map((p) => p.id),
      ["zeta", "alpha", "beta"],
    );
  });

  it("locates an error inside a project file at that file's line", async () => {
    const folder = join(dir, "folder-bad");
    await mkdir(join(folder, "projects"), { recursive: true });
    await writeFile(
      join(folder, "upstream.yaml"),
      "apiVersion: upstream/v1\nprogram: { name: P }\npersonas: [{ id: ops, title: Ops }]\nprojects: [gamma]\n",
    );
    await writeFile(join(folder, "projects", "gamma.yaml"), "id: gamma\nname: Gamma\npersona: ops\nhome: nope\n");
    const r = await loadCatalog(folder);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]?.code, "E_CATALOG_INVALID_URL");
    assert.match(r.issues[0]!.file!, /projects\/gamma\.yaml$/);
    assert.equal(r.issues[0]?.line, 4);
  });

  it("rejects a project file whose id differs from its name, and a listed id with no file", async () => {
    const folder = join(dir, "folder-mismatch");
    await mkdir(join(folder, "projects"), { recursive: true });
    await writeFile(
      join(folder, "upstream.yaml"),
      "apiVersion: upstream/v1\nprogram: { name: P }\npersonas: [{ id: ops, title: Ops }]\nprojects: [missing]\n",
    );
    await writeFile(join(folder, "projects", "delta.yaml"), "id: epsilon\nname: D\npersona: ops\n");
    const r = await loadCatalog(folder);
    const codes = r.issues.map((i) => i.code);
    assert.deepEqual(codes, ["E_CATALOG_PROJECT_FILE", "E_CATALOG_PROJECT_FILE"]);
    assert.ok(r.issues.some((i) => /no projects\/missing\.yaml/.test(i.message)));
    assert.ok(r.issues.some((i) => /does not match its file name 'delta'/.test(i.message)));
  });
});

describe("stringifyCatalog", () => {
  it("writes YAML that loads back to the same catalog, with the schema comment first", async () => {
    const catalog = (await load("valid3.yaml", VALID)).catalog!;
    const withMultiline: Catalog = {
      ...catalog,
      program: { ...catalog.program, support: "Line one.\n\nLine | two with `code`.\n" },
    };
    const text = stringifyCatalog(withMultiline, "./schema.json");
    assert.match(text, /^# yaml-language-server: \$schema=\.\/schema\.json\n/);
    const again = await load("again.yaml", text);
    assert.deepEqual(again.issues, []);
    assert.deepEqual(again.catalog, withMultiline);
  });
});

describe("docs/catalog.reference.yaml", () => {
  it("is a valid catalog that uses every top-level and project key the schema knows", async () => {
    const { fileURLToPath } = await import("node:url");
    const file = fileURLToPath(new URL("../../docs/catalog.reference.yaml", import.meta.url));
    const r = await loadCatalog(file);
    assert.deepEqual(r.issues, []);
    const { Catalog, Project } = await import("./schema.js");
    const written = new Set(Object.keys(r.catalog!));
    for (const key of Object.keys(Catalog.shape).filter((k) => k !== "$schema"))
      assert.ok(written.has(key), `reference lacks top-level '${key}'`);
    const projectKeys = new Set(r.catalog!.projects.flatMap((p) => Object.keys(p)));
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(file, "utf8");
    for (const key of Object.keys(Project.shape))
      assert.ok(
        projectKeys.has(key) || text.includes(`# ${key}:`) || text.includes(`${key}: {`),
        `reference does not show project key '${key}'`,
      );
  });
});

describe("projectFileId", () => {
  it("is basename(name, extname(name)) for every .yaml or .yml name", () => {
    const name = fc
      .tuple(
        fc.string({ unit: fc.constantFrom("a", ".", "-", "Z", "1", " ", "é"), maxLength: 6 }),
        fc.constantFrom(".yaml", ".yml", ".YAML", ".Yml"),
      )
      .map(([stem, ext]) => stem + ext);
    fc.assert(
      fc.property(name, (n) => assert.equal(projectFileId(n), basename(n, extname(n)), n)),
      { numRuns: 5000 },
    );
    assert.equal(projectFileId(".yaml"), ".yaml");
    assert.equal(projectFileId("..yaml"), ".");
  });
});
