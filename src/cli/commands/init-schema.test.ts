import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { catalogJsonSchema, projectJsonSchema } from "../../catalog/index.js";
import { PACKAGE_ROOT } from "../shared.js";
import { runUpstream } from "../testing.js";

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), "init-schema-"));
});
after(() => rmSync(root, { recursive: true, force: true }));

const fresh = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The file a YAML file's `# yaml-language-server: $schema=…` line names, resolved from the file's folder. */
function schemaNamedBy(file: string): string {
  const ref = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, "utf8"))?.[1];
  assert.ok(ref, `${file} names no schema`);
  assert.doesNotMatch(ref, /^(file:|\/)/, "a schema reference that travels with the catalog is relative");
  return resolve(dirname(file), ref);
}

const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;

describe("upstream init", () => {
  it("starts a neutral program whose $schema is the schema file written beside it", () => {
    const dir = fresh("neutral");
    const r = runUpstream(["init", dir]);
    assert.equal(r.code, 0, r.stderr);
    const catalog = join(dir, "upstream.yaml");
    const text = readFileSync(catalog, "utf8");
    assert.doesNotMatch(text, /azure|azcnu/i);
    assert.equal(schemaNamedBy(catalog), join(dir, "upstream.schema.json"));
    assert.deepEqual(json(join(dir, "upstream.schema.json")), catalogJsonSchema());
    assert.equal(runUpstream(["validate", "--catalog", catalog]).code, 0);
    // the README it renders has no Azure column either
    const readme = runUpstream(["render", "readme", "--catalog", catalog]);
    assert.equal(readme.code, 0, readme.stderr);
    assert.doesNotMatch(readme.stdout, /azure/i);
    assert.match(readme.stdout, /\| Used in \|/);
  });

  it("keeps its schema reference working when the catalog's folder moves", () => {
    const dir = fresh("moving");
    assert.equal(runUpstream(["init", dir]).code, 0);
    const moved = join(root, "elsewhere", "moved");
    cpSync(dir, moved, { recursive: true });
    rmSync(dir, { recursive: true });
    assert.ok(existsSync(schemaNamedBy(join(moved, "upstream.yaml"))));
  });

  it("--template azure starts the Azure program: its framework alias and 'Use on Azure' column", () => {
    const dir = fresh("azure");
    assert.equal(runUpstream(["init", dir, "--template", "azure"]).code, 0);
    const text = readFileSync(join(dir, "upstream.yaml"), "utf8");
    assert.match(text, /usedInTitle: Use on Azure/);
    assert.match(text, /Azure: azcnu-v0\.1/);
    assert.match(text, /framework: Azure/);
    assert.equal(runUpstream(["validate", "--catalog", dir]).code, 0);
  });

  it("an unknown template is a usage error that writes nothing", () => {
    const dir = fresh("typo");
    const r = runUpstream(["init", dir, "--template", "azur"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--template expects one of neutral, azure, got 'azur'; did you mean 'azure'\?/);
    assert.equal(existsSync(join(dir, "upstream.yaml")), false);
    assert.equal(existsSync(join(dir, "upstream.schema.json")), false);
  });

  it("refuses to replace a catalog, or someone's own file named like the schema, without --force", () => {
    const dir = fresh("existing");
    writeFileSync(join(dir, "upstream.schema.json"), "my notes\n");
    const r = runUpstream(["init", dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /upstream\.schema\.json exists and is not a JSON Schema; nothing was written/);
    assert.equal(existsSync(join(dir, "upstream.yaml")), false, "the catalog is not written without its schema");
    assert.equal(readFileSync(join(dir, "upstream.schema.json"), "utf8"), "my notes\n");
    rmSync(join(dir, "upstream.schema.json"));
    assert.equal(runUpstream(["init", dir]).code, 0);
    const again = runUpstream(["init", dir, "--name", "Other"]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /upstream\.yaml already exists; nothing was written/);
    assert.doesNotMatch(readFileSync(join(dir, "upstream.yaml"), "utf8"), /Other/);
  });
});

describe("upstream schema --write", () => {
  it("writes the catalog's schema into the folder named, and the project schema where projects/ is", () => {
    const single = fresh("write-single");
    assert.equal(runUpstream(["schema", "--write", single]).code, 0);
    assert.deepEqual(json(join(single, "upstream.schema.json")), catalogJsonSchema());
    assert.equal(existsSync(join(single, "project.schema.json")), false);
    const folder = fresh("write-folder");
    mkdirSync(join(folder, "projects"));
    assert.equal(runUpstream(["schema", "--write"], { cwd: folder }).code, 0);
    assert.deepEqual(json(join(folder, "project.schema.json")), projectJsonSchema());
  });

  it("replaces an older schema file, and another file only with --force", () => {
    const dir = fresh("write-replace");
    writeFileSync(join(dir, "upstream.schema.json"), '{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n');
    assert.equal(runUpstream(["schema", "--write", dir]).code, 0);
    assert.deepEqual(json(join(dir, "upstream.schema.json")), catalogJsonSchema());
    writeFileSync(join(dir, "upstream.schema.json"), "{}\n");
    const refused = runUpstream(["schema", "--write", dir]);
    assert.equal(refused.code, 1);
    assert.equal(readFileSync(join(dir, "upstream.schema.json"), "utf8"), "{}\n");
    assert.equal(runUpstream(["schema", "--write", dir, "--force"]).code, 0);
    assert.deepEqual(json(join(dir, "upstream.schema.json")), catalogJsonSchema());
  });

  it("says which folder does not exist", () => {
    const r = runUpstream(["schema", "--write", join(root, "no-such-folder")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no-such-folder does not exist; give the catalog's folder/);
  });
});

describe("upstream import writes the schemas its catalog names", () => {
  const README = join(PACKAGE_ROOT, "examples", "azure-container-compute", "README.md");

  it("into the folder form: the catalog's and the project files' schemas, beside them", () => {
    const out = join(fresh("import-folder"), "catalog");
    const r = runUpstream(["import", README, "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(schemaNamedBy(join(out, "upstream.yaml")), join(out, "upstream.schema.json"));
    assert.equal(schemaNamedBy(join(out, "projects", "aks-engine.yaml")), join(out, "project.schema.json"));
    assert.deepEqual(json(join(out, "upstream.schema.json")), catalogJsonSchema());
    assert.deepEqual(json(join(out, "project.schema.json")), projectJsonSchema());
    assert.equal(runUpstream(["validate", "--catalog", out]).code, 0);
  });

  it("into one file: the schema beside it", () => {
    const out = join(fresh("import-file"), "program.yaml");
    assert.equal(runUpstream(["import", README, "--out", out]).code, 0);
    assert.equal(schemaNamedBy(out), join(dirname(out), "upstream.schema.json"));
    assert.deepEqual(json(join(dirname(out), "upstream.schema.json")), catalogJsonSchema());
  });
});
