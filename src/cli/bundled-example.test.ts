import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Command } from "commander";
import { tempDir } from "../evidence/testing.js";
import { registerCommands } from "./commands/index.js";
import { BUNDLED_EXAMPLE, bundledExampleNotice } from "./shared.js";
import { runUpstream } from "./testing.js";

/** Every command of the CLI, by its words (`frameworks show`), with its long options. */
function commands(): { words: string[]; options: string[] }[] {
  const program = new Command("upstream");
  registerCommands(program);
  const walk = (cmd: Command, words: string[]): { words: string[]; options: string[] }[] =>
    cmd.commands.flatMap((sub) => {
      const path = [...words, sub.name()];
      const options = sub.options.flatMap((o) => (o.long ? [o.long] : []));
      return [{ words: path, options }, ...walk(sub, path)];
    });
  return walk(program, []);
}

let root: ReturnType<typeof tempDir>;
before(() => {
  root = tempDir("upstream-bundled-");
  mkdirSync(join(root.dir, "empty"));
  mkdirSync(join(root.dir, "local"));
  writeFileSync(
    join(root.dir, "local", "upstream.yaml"),
    "apiVersion: upstream/v1\nprogram: { name: Local }\npersonas: [{ id: ops, title: Ops }]\nprojects: []\n",
  );
});
after(() => root.cleanup());

/** What each command needs beyond --catalog to run on the bundled example without the network. */
function argumentsFor(words: readonly string[]): string[] {
  const offline = [
    "--cache-dir",
    join(root.dir, "cache"),
    "--mirror",
    `https://github.com/=${join(root.dir, "none")}/`,
  ];
  switch (words.join(" ")) {
    case "badge":
      return ["aks-engine"];
    case "frameworks show":
      return ["cncf"];
    case "decisions import":
      return [join(root.dir, "landscape.yml")];
    case "collect":
    case "assess":
      return ["aks-engine", "--no-fetch", ...offline];
    // the governance writers refuse the bundled example after saying they would use it
    case "toc add":
      return ["ann", "--name", "Ann Lee"];
    case "toc end":
      return ["ann"];
    case "history":
      return ["aks-engine"];
    case "motion propose":
      return ["--kind", "promote", "--project", "aks-engine", "--level", "graduated", "--proposer", "ann"];
    case "vote":
      return ["m1", "--member", "ann", "yes"];
    case "store export":
      return [join(root.dir, "export.jsonl")];
    case "store import":
      return [join(root.dir, "no-such-export.jsonl")];
    default:
      return [];
  }
}

describe("a command given no --catalog, with no ./upstream.yaml", () => {
  const readers = commands().filter((c) => c.options.includes("--catalog"));

  it("covers every command that reads a catalog", () => {
    const names = readers.map((c) => c.words.join(" "));
    for (const name of ["validate", "list", "collect", "assess", "badge", "render readme", "frameworks list"])
      assert.ok(names.includes(name), `${name} in ${names.join(", ")}`);
  });

  for (const command of readers)
    it(`${command.words.join(" ")} says on stderr that it uses the bundled example`, () => {
      const r = runUpstream([...command.words, ...argumentsFor(command.words)], { cwd: join(root.dir, "empty") });
      assert.ok(r.stderr.split("\n").includes(bundledExampleNotice(BUNDLED_EXAMPLE)), r.stderr);
      assert.doesNotMatch(r.stdout, /bundled example/);
    });

  it("says nothing of the kind when ./upstream.yaml is there or --catalog is given", () => {
    for (const args of [["validate"], ["list"], ["frameworks", "list"], ["list", "--catalog", BUNDLED_EXAMPLE]]) {
      const r = runUpstream(args, { cwd: join(root.dir, "local") });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /bundled example/, args.join(" "));
    }
  });
});

describe("errors with --json", () => {
  it("are checked for the commands that report data", () => {
    const names = new Set(
      commands()
        .filter((c) => c.options.includes("--json"))
        .map((c) => c.words.join(" ")),
    );
    for (const name of ["validate", "list", "collect", "assess"]) assert.ok(names.has(name), name);
  });

  // frameworks list/show read only the frameworks beside a catalog: a missing catalog is no error for them
  const jsonCommands = commands().filter(
    (c) => c.options.includes("--json") && c.options.includes("--catalog") && c.words[0] !== "frameworks",
  );

  for (const command of jsonCommands)
    it(`${command.words.join(" ")} --json puts the error on stderr, and stdout holds JSON or nothing`, () => {
      const missing = join(root.dir, "no-such-catalog.yaml");
      const r = runUpstream([...command.words, ...argumentsFor(command.words), "--json", "--catalog", missing], {
        cwd: root.dir,
      });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /no catalog at .*no-such-catalog\.yaml.*\[E_FILE_NOT_FOUND\]/);
      if (r.stdout !== "") assert.equal((JSON.parse(r.stdout) as { valid?: boolean }).valid, false);
    });
});
