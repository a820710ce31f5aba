import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { excerptMatches, regenerateTour, tourArguments } from "./readme-tour.js";
import { PACKAGE_ROOT } from "./shared.js";

// The full tour is run by generated-files.test.ts (README.md is a generated file); these test its parts.

describe("the README tour", () => {
  it("names, as inputs, only files a clone of the repository has", () => {
    const readme = readFileSync(join(PACKAGE_ROOT, "README.md"), "utf8");
    const commands = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].flatMap((m) =>
      m[1]!.split("\n").filter((l) => l.startsWith("$ ")),
    );
    assert.ok(commands.length >= 10, `the tour shows ${commands.length} commands`);
    for (const command of commands) {
      const args = tourArguments(command.slice(2));
      assert.ok(args, `the tour can run '${command}'`);
      args.forEach((arg, i) => {
        const output = ["--out", "--out-dir"].includes(args[i - 1] ?? "");
        if (output || arg === "/tmp/upstream-demo" || !/\.(md|ya?ml)$/.test(arg)) return;
        assert.ok(existsSync(join(PACKAGE_ROOT, arg)), `'${command}' names ${arg}, which the repository does not have`);
      });
    }
  });

  it("replaces a complete block's output and keeps the blank line between commands with output", () => {
    const readme = "intro\n```console\n$ upstream a\nold\n\n$ upstream b --out x\n$ upstream c\nold c\n```\nafter\n";
    const runs: string[] = [];
    const tour = regenerateTour(readme, (args) => {
      runs.push(args.join(" "));
      return { stdout: args[0] === "b" ? "" : `new ${args[0]}\n`, stderr: args[0] === "a" ? "warned\n" : "" };
    });
    assert.deepEqual(runs, ["a", "b --out x", "c"]);
    assert.deepEqual(tour.problems, []);
    assert.equal(
      tour.text,
      "intro\n```console\n$ upstream a\nnew a\nwarned\n\n$ upstream b --out x\n$ upstream c\nnew c\n```\nafter\n",
    );
  });

  it("checks an excerpt instead of replacing it, and says when it no longer matches", () => {
    const readme = "```console\n$ upstream a\nfirst\n…\nlast\n```\n";
    const kept = regenerateTour(readme, () => ({ stdout: "first\nmiddle\nmore\nlast\n", stderr: "" }));
    assert.deepEqual(kept, { text: readme, problems: [] });
    const stale = regenerateTour(readme, () => ({ stdout: "first\nchanged\n", stderr: "" }));
    assert.equal(stale.text, readme);
    assert.match(stale.problems[0]!, /the excerpt under '\$ upstream a' is not in its output/);
  });

  it("matches '…' lines against any run of lines, and nothing else loosely", () => {
    assert.ok(excerptMatches("a\n…\nd\n", "a\nb\nc\nd\n"));
    assert.ok(excerptMatches("a\n  …\nb\n", "a\nb\n"));
    assert.ok(!excerptMatches("a\nd\n", "a\nb\nd\n"));
    assert.ok(!excerptMatches("a (x)\n", "a x\n"), "regular-expression characters are literal");
    assert.ok(!excerptMatches("a … b\n", "a x b\n"), "an ellipsis inside a line is text");
  });

  it("runs only upstream commands, never through a shell", () => {
    assert.deepEqual(tourArguments("upstream badge --out-dir badges/     # one per project"), [
      "badge",
      "--out-dir",
      "badges/",
    ]);
    assert.equal(tourArguments("diff -w a b && echo same"), undefined);
    assert.equal(tourArguments("upstream render readme > out.md"), undefined);
    assert.equal(tourArguments("upstream list $(whoami)"), undefined);
  });
});
