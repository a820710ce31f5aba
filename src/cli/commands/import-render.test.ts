import assert from "node:assert/strict";
import { runUpstream } from "../testing.js";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { loadCatalog } from "../../catalog/index.js";

// GIVEN the reference README WHEN `upstream import` and `upstream render readme` run as a
// user runs them THEN the files are written, load cleanly, and the README comes back.

const README = resolve(import.meta.dirname, "../../../examples/azure-container-compute/README.md");
const dir = mkdtempSync(join(tmpdir(), "import-render-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function upstream(args: readonly string[], cwd = dir) {
  return runUpstream(args, { cwd });
}
const lines = (text: string) =>
  text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, ""));

describe("upstream import / render readme", () => {
  it("imports into the folder form, warning about raw cells with their lines", async () => {
    const r = upstream(["import", README, "--out", join(dir, "catalog")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /azure-container-compute\/README\.md:72: warning: .*OPA Gatekeeper.* \[E_IMPORT_UNPARSED_CELL\]/,
    );
    assert.ok(existsSync(join(dir, "catalog", "projects", "aks-engine.yaml")));
    assert.match(
      readFileSync(join(dir, "catalog", "upstream.yaml"), "utf8"),
      /^# yaml-language-server: \$schema=\S+upstream\.schema\.json\n/,
    );
    const loaded = await loadCatalog(join(dir, "catalog"));
    assert.deepEqual(loaded.issues, []);
    assert.equal(loaded.catalog?.projects.length, 19);
  });

  it("fills each project's repositories from its git hosting links, so validate finds none without", async () => {
    const out = join(dir, "repos.yaml");
    assert.equal(upstream(["import", README, "--out", out]).code, 0);
    const loaded = await loadCatalog(out);
    assert.equal(loaded.catalog?.projects.filter((p) => p.repositories?.length).length, 19);
    assert.deepEqual(loaded.catalog?.projects.find((p) => p.id === "cluster-autoscaler-azure-provider")?.repositories, [
      "https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler/cloudprovider/azure",
    ]);
    const r = upstream(["validate", "--catalog", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /E_CATALOG_NO_REPOSITORY/);
  });

  it("imports into one file with --out x.yaml, and prints YAML without --out", async () => {
    assert.equal(upstream(["import", README, "--out", join(dir, "one.yaml")]).code, 0);
    assert.deepEqual((await loadCatalog(join(dir, "one.yaml"))).issues, []);
    const r = upstream(["import", README]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^# yaml-language-server: \$schema=\S+upstream\.schema\.json\napiVersion: upstream\/v1\n/);
  });

  it("writes nothing and exits 1 for a README without a project table", () => {
    writeFileSync(join(dir, "prose.md"), "# Title\n\n## About\n\nNo tables here.\n");
    const r = upstream(["import", join(dir, "prose.md"), "--out", join(dir, "none")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\[E_IMPORT_NO_TABLE\]/);
    assert.equal(existsSync(join(dir, "none")), false);
    assert.equal(upstream(["import", join(dir, "missing.md")]).code, 1);
  });

  it("refuses a folder whose projects/ holds files this import does not write, and writes nothing", () => {
    const out = join(dir, "stale");
    mkdirSync(join(out, "projects"), { recursive: true });
    writeFileSync(join(out, "projects", "old-project.yaml"), "id: old-project\nname: Old\npersona: gone\n");
    const r = upstream(["import", README, "--out", out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /old-project\.yaml, which this import does not write.*Nothing was written/);
    assert.deepEqual(readdirSync(out), ["projects"]);
    assert.deepEqual(readdirSync(join(out, "projects")), ["old-project.yaml"]);
  });

  it("reports a missing README at its path, with a fix, and exits 1", () => {
    const r = upstream(["import", join(dir, "nope.md")]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /nope\.md: error: no such file \[E_FILE_NOT_FOUND\]\n {4}fix: give the path of a markdown README/,
    );
  });

  it("refuses to replace an existing catalog (hand edits) unless --force", () => {
    const file = join(dir, "edited.yaml");
    assert.equal(upstream(["import", README, "--out", file]).code, 0);
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("goal: Self-managed clusters on Azure", "goal: Edited by hand"),
    );
    const refused = upstream(["import", README, "--out", file]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /edited\.yaml already exists; nothing was written\. Pass --force/);
    assert.match(readFileSync(file, "utf8"), /goal: Edited by hand/);
    assert.equal(upstream(["import", README, "--out", file, "--force"]).code, 0);
    assert.doesNotMatch(readFileSync(file, "utf8"), /Edited by hand/);
  });

  it("refuses a README that is not UTF-8, naming the byte's line, and writes nothing", () => {
    writeFileSync(
      join(dir, "latin1.md"),
      Buffer.concat([Buffer.from("# Programme\n\nCaf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    const r = upstream(["import", join(dir, "latin1.md"), "--out", join(dir, "latin1.yaml")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /latin1\.md:3:4: error: byte 0xe9 is not UTF-8.*\[E_FILE_NOT_UTF8\]\n {4}fix: /);
    assert.equal(existsSync(join(dir, "latin1.yaml")), false);
  });

  it("fails to write over a folder with a clear message, leaving no temporary file", () => {
    const target = join(dir, "a-folder");
    mkdirSync(target);
    const r = upstream(["render", "readme", "--catalog", join(dir, "one.yaml"), "--out", target]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot write .*a-folder: it is a folder/);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith(".tmp")),
      [],
    );
  });

  it("renders the imported catalog back to the README, to stdout or a file", () => {
    const r = upstream(["render", "readme", "--catalog", join(dir, "catalog")]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), lines(readFileSync(README, "utf8")));
    assert.equal(
      upstream(["render", "readme", "--catalog", join(dir, "one.yaml"), "--out", join(dir, "README.md")]).code,
      0,
    );
    assert.deepEqual(lines(readFileSync(join(dir, "README.md"), "utf8")), lines(readFileSync(README, "utf8")));
  });

  it("renders the bundled example when no catalog is given or found", () => {
    const empty = mkdtempSync(join(dir, "empty-"));
    const r = upstream(["render", "readme"], empty);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), lines(readFileSync(README, "utf8")));
  });
});
