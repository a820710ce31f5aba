import { describe, it, before, after } from "node:test";
import { runUpstream } from "./testing.js";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./shared.js";

/** Runs the real CLI in a child process, the way a user does. */
export function runCli(args: readonly string[], options: { cwd?: string } = {}) {
  const r = runUpstream(args, options);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const CATALOG = `apiVersion: upstream/v1
program: { name: Test Program }
personas:
  - { id: ops, title: Operations }
  - { id: dev, title: Development }
projects:
  - { id: alpha, name: Alpha, persona: ops, home: "https://example.com/alpha",
      repositories: ["https://github.com/example/alpha"], state: { framework: CNCF, level: sandbox } }
  - { id: beta, name: Beta, persona: dev }
`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cli-test-"));
  await writeFile(join(dir, "upstream.yaml"), CATALOG);
  await writeFile(join(dir, "broken.yaml"), CATALOG.replace("persona: dev", "persona: devs"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("upstream CLI", () => {
  it("validate exits 0 on a valid catalog found in the current folder", () => {
    const r = runCli(["validate"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /valid — 2 projects in 2 personas/);
  });

  it("validate warns, with a fix, which projects list no repository", () => {
    const r = runCli(["validate"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("[E_CATALOG_NO_REPOSITORY]"));
    assert.deepEqual(warnings.length, 1, r.stderr);
    assert.match(warnings[0]!, /upstream\.yaml:9:\d+: warning: project 'beta' lists no repository/);
    assert.match(r.stderr, /fix: add repositories: \[https:\/\/github\.com\/<owner>\/<repo>\]/);
  });

  it("validate exits 1 and prints file:line:col on an invalid catalog", () => {
    const r = runCli(["validate", "--catalog", join(dir, "broken.yaml")]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`broken\.yaml:9:\d+: error: project 'beta' names persona 'devs', which is not defined ` +
          String.raw`.*\[E_CATALOG_UNKNOWN_PERSONA\]`,
      ),
    );
    assert.match(r.stderr, /did you mean 'dev'\?/);
  });

  it("validate --json prints only JSON on stdout", () => {
    const r = runCli(["validate", "--json", "--catalog", join(dir, "broken.yaml")]);
    assert.equal(r.status, 1);
    const result = JSON.parse(r.stdout) as {
      valid: boolean;
      issues: { code: string; line: number; severity: string }[];
    };
    assert.equal(result.valid, false);
    assert.equal(result.issues.find((i) => i.severity === "error")?.code, "E_CATALOG_UNKNOWN_PERSONA");
  });

  it("a command on an invalid catalog exits 1 and does nothing", () => {
    const r = runCli(["list", "--catalog", join(dir, "broken.yaml")]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /1 error; nothing was done/);
  });

  it("list --json gives each project whole, as the catalog writes it, under a schemaVersion", () => {
    const r = runCli(["list", "--json", "--catalog", join(dir, "upstream.yaml")]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { schemaVersion: number; projects: Array<Record<string, unknown>> };
    assert.equal(out.schemaVersion, 1);
    assert.deepEqual(out.projects[0], {
      id: "alpha",
      name: "Alpha",
      persona: "ops",
      home: "https://example.com/alpha",
      repositories: ["https://github.com/example/alpha"],
      state: { framework: "CNCF", level: "sandbox" },
    });
    assert.deepEqual(out.projects[1], { id: "beta", name: "Beta", persona: "dev" });
  });

  it("list --persona filters, and an unknown persona is an error with a suggestion", () => {
    const ok = runCli(["list", "--persona", "dev", "--catalog", join(dir, "upstream.yaml")]);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /^ID\s+NAME\s+PERSONA/);
    assert.match(ok.stdout, /beta/);
    assert.doesNotMatch(ok.stdout, /alpha/);
    const bad = runCli(["list", "--persona", "devv", "--catalog", join(dir, "upstream.yaml")]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /did you mean 'dev'/);
  });

  it("validate checks that files the catalog names exist, relative to it", async () => {
    await writeFile(
      join(dir, "files.yaml"),
      CATALOG.replace(
        "program: { name: Test Program }",
        "program: { name: Test Program, affiliations: [missing/affiliations.txt] }",
      ).replace("persona: dev }", "persona: dev, repositories: [../no-such-repo] }"),
    );
    const r = runCli(["validate", "--catalog", join(dir, "files.yaml")]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /files\.yaml:2:\d+: error: affiliations file 'missing\/affiliations\.txt' does not exist .*\[E_FILE_NOT_FOUND\]/,
    );
    assert.match(r.stderr, /warning: repository '\.\.\/no-such-repo' of project 'beta' does not exist/);
  });

  it("fails fast with a clear message where no folder can be made (under /proc), instead of spinning", {
    skip: process.platform !== "linux",
  }, () => {
    for (const args of [
      ["init", "/proc/upstream-x"],
      ["import", join(PACKAGE_ROOT, "examples", "azure-container-compute", "README.md"), "--out", "/proc/upstream-x"],
      ["badge", "--out-dir", "/proc/upstream-x/badges"],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 1, `${args.join(" ")}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /cannot write \/proc\/upstream-x\/.*: a folder on the way cannot be created there/,
        args.join(" "),
      );
    }
  });

  it(
    "reads no file beyond the catalog's folder that the catalog " +
      "names, and echoes nothing of a file in the wrong format",
    async () => {
      const { mkdir } = await import("node:fs/promises");
      const folder = join(dir, "confined");
      await mkdir(folder, { recursive: true });
      await writeFile(join(dir, "secret.env"), "API_TOKEN=s3cr3t-value\n");
      await writeFile(
        join(folder, "upstream.yaml"),
        CATALOG.replace(
          "program: { name: Test Program }",
          'program: { name: Test Program, affiliations: ["../secret.env", "/etc/passwd"] }',
        ),
      );
      const r = runCli(["validate", "--catalog", folder]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(
        r.stderr,
        /error: affiliations file '\.\.\/secret\.env' is outside the catalog's folder .*\[E_CATALOG_PATH_OUTSIDE\]/,
      );
      assert.match(r.stderr, /error: affiliations file '\/etc\/passwd' is outside the catalog's folder/);
      assert.match(
        r.stderr,
        /fix: keep the file in the catalog's folder, or name it on the command line with --affiliations/,
      );
      // Named on the command line, it is read, but as the wrong format: one error, none of its text.
      const flagged = runCli([
        "collect",
        "--catalog",
        join(dir, "upstream.yaml"),
        "--affiliations",
        join(dir, "secret.env"),
      ]);
      assert.equal(flagged.status, 1);
      assert.match(
        flagged.stderr,
        new RegExp(
          String.raw`secret\.env is not a gitdm developers_affiliations file: ` +
            String.raw`none of its 1 lines is in that format \[E_AFFILIATIONS_FORMAT\]`,
        ),
      );
      assert.doesNotMatch(flagged.stdout + flagged.stderr, /s3cr3t/);
    },
  );

  it("assess says once, on stderr, which repositories could not be read and what that means", async () => {
    await writeFile(
      join(dir, "unread.yaml"),
      CATALOG.replace('repositories: ["https://github.com/example/alpha"]', "repositories: [./no-such-repo]"),
    );
    const r = runCli([
      "assess",
      "alpha",
      "--catalog",
      join(dir, "unread.yaml"),
      "--as-of",
      "2020-06-01",
      "--allow-unreadable",
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /no-such-repo: warning: alpha: .*does not exist; its evidence-based criteria are unknown \[E_REPO_NOT_FOUND\]/,
    );
  });

  it("validate reports a broken team framework and still checks the catalog in the same run", async () => {
    const { mkdir } = await import("node:fs/promises");
    const folder = join(dir, "with-framework");
    await mkdir(join(folder, "frameworks"), { recursive: true });
    await writeFile(join(folder, "upstream.yaml"), CATALOG.replace("persona: dev }", "persona: devs }"));
    await writeFile(join(folder, "frameworks", "mine.yaml"), "id: mine\nversion: '1'\ntitle: Mine\nstages: nope\n");
    const r = runCli(["validate", "--catalog", folder]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /frameworks\/mine\.yaml:4:\d+: error: .*\[E_FRAMEWORK_INVALID\]/);
    assert.match(r.stderr, /upstream\.yaml:9:\d+: error: project 'beta' names persona 'devs'/);
  });

  it("a plain file named frameworks next to the catalog is no framework folder, not a crash", async () => {
    const { mkdir } = await import("node:fs/promises");
    const folder = join(dir, "frameworks-file");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "upstream.yaml"), CATALOG);
    await writeFile(join(folder, "frameworks"), "not a folder\n");
    for (const args of [["validate"], ["list"], ["badge", "alpha"]]) {
      const r = runCli([...args, "--catalog", folder]);
      assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /internal error/);
    }
  });

  it("usage errors exit 2: unknown command, unknown flag, bad date", () => {
    assert.equal(runCli(["frobnicate"]).status, 2);
    const flag = runCli(["validate", "--no-such-flag"]);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /^upstream: unknown option '--no-such-flag' \[E_USAGE\]\n\(run with --help for usage\)/);
  });

  it("schema prints a JSON Schema that knows the catalog's keys", () => {
    const r = runCli(["schema"]);
    assert.equal(r.status, 0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    assert.ok("projects" in schema.properties && "personas" in schema.properties);
    assert.ok(schema.required.includes("apiVersion"));
  });

  it("every command has --help, exiting 0", () => {
    const top = runCli(["--help"]);
    assert.equal(top.status, 0);
    const listed = top.stdout.slice(top.stdout.indexOf("\nCommands:\n"));
    const commands = [...listed.matchAll(/^ {2}([a-z-]+)(?: |\n)/gm)].map((m) => m[1]!).filter((c) => c !== "help");
    assert.ok(commands.includes("validate") && commands.includes("list") && commands.includes("schema"), top.stdout);
    for (const command of commands) {
      const r = runCli([command, "--help"]);
      assert.equal(r.status, 0, `${command} --help`);
      assert.match(r.stdout, new RegExp(`Usage: upstream ${command}`));
    }
  });
});

describe("README.md", () => {
  it("shows the real output of `upstream validate --catalog examples/broken-catalog.yaml`", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(join(PACKAGE_ROOT, "README.md"), "utf8");
    const command = "$ upstream validate --catalog examples/broken-catalog.yaml\n";
    const shown = readme.slice(
      readme.indexOf(command) + command.length,
      readme.indexOf("```", readme.indexOf(command)),
    );
    const r = runCli(["validate", "--catalog", "examples/broken-catalog.yaml"]);
    assert.equal(r.status, 1);
    assert.ok(shown.length > 200, "the README holds the validate example");
    assert.equal(shown, r.stdout + r.stderr);
  });
});
