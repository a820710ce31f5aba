import assert from "node:assert/strict";
import { chownSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { UserError } from "../core/errors.js";
import { hasTerminalControl } from "../core/terminal-text.js";
import { collectProjectEvidence, collectRepositoryEvidence } from "./index.js";
import { gitCause, gitFailureHint } from "./run-git.js";
import { buildRepo, git, tempDir, type FixtureCommit } from "./testing.js";

const BIG =
  Array.from({ length: 80 }, (_, i) => `line ${i} of a file larger than the clone's blob limit`).join("\n") + "\n";
const HISTORY: FixtureCommit[] = [
  {
    date: "2020-01-10",
    author: "Ann <ann@old.example>",
    files: {
      "README.md": `# P\n\n${BIG}`,
      LICENSE: "Apache License\nVersion 2.0\n",
      "MAINTAINERS.md": "# Maintainers\n\n- Ann (@ann)\n",
    },
  },
  {
    date: "2020-03-10",
    author: "Bob <bob@globex.com>",
    files: {
      ".mailmap": `Ann <ann@acme.io> <ann@old.example>\n# ${BIG}`,
      OWNERS: `approvers:\n${BIG.split("\n")
        .map((_, i) => `- maintainer-with-a-long-handle-${i}`)
        .join("\n")}\n`,
    },
  },
  { date: "2020-05-10", author: "Ann <ann@acme.io>" },
];

/**
 * A partial clone whose promisor remote is gone (as a snapshot lacking big blobs): the files
 * whose blobs are missing are unreadable, each with a warning naming it; the rest is read.
 */
test(
  "a partial clone missing some blobs is read: each missing file is " +
    "unreadable with a warning naming it, the history is still counted",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const source = join(dir, "source");
      buildRepo(source, HISTORY);
      git(source, ["config", "uploadpack.allowFilter", "true"]);
      git(dir, ["clone", "-q", "--bare", "--filter=blob:limit=1k", `file://${source}`, "partial.git"]);
      git(join(dir, "partial.git"), ["remote", "set-url", "origin", `file://${join(dir, "gone")}`]);
      const ev = await collectRepositoryEvidence("partial.git", {
        baseDir: dir,
        cacheDir: join(dir, "cache"),
        asOf: "2021-01-01",
      });
      assert.equal(ev.history.commits, 3);
      assert.equal(ev.files.license.how, "file");
      assert.equal(ev.files.license.spdx, "Apache-2.0");
      const unreadable = (ev.warnings ?? []).filter((w) => w.code === "E_REPO_FILE_UNREADABLE");
      assert.deepEqual(unreadable.map((w) => w.path).sort(), [".mailmap", "OWNERS", "README.md"]);
      for (const w of unreadable) {
        assert.match(
          w.message,
          /its content is not in this clone \(a partial clone, or a copy made without big files\)/,
        );
        assert.ok(!hasTerminalControl(w.message));
      }
      // Without its .mailmap, Ann's two addresses are two people, and the warning says why.
      assert.equal(ev.history.contributors, 3);
      assert.match(
        unreadable.find((w) => w.path === ".mailmap")!.message,
        /authors are counted as their commits spell them/,
      );
    } finally {
      cleanup();
    }
  },
);

test("git's real cause is shown, not the first line of its framing, with a fix per cause", () => {
  // stderr as git prints it for each cause (written here, in git's format)
  const ssh =
    "Cloning into bare repository 'x.tmp'...\nssh: connect to host example.invalid port 22: Connection " +
    "refused\r\nfatal: Could not read from remote repository.\n\nPlease make " +
    "sure you have the correct access rights\nand the repository exists.\n";
  assert.equal(
    gitCause(ssh),
    "ssh: connect to host example.invalid port 22: Connection refused / fatal: Could not read from remote repository.",
  );
  const key =
    "Cloning into 'x'...\ngit@example.org: Permission denied (publickey).\nfatal: Could not read from remote " +
    "repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";
  assert.match(gitCause(key), /Permission denied \(publickey\)/);
  assert.match(gitFailureHint(key)!, /ssh -T git@<host>.*https:\/\//);
  assert.match(
    gitFailureHint("Host key verification failed.\nfatal: Could not read from remote repository.\n")!,
    /known_hosts/,
  );
  const dubious =
    "fatal: detected dubious ownership in repository at '/srv/repo\u001b[31m'\nTo add an " +
    "exception for this directory, call:\n\n\tgit config --global --add safe.directory /srv/repo\n";
  assert.match(gitFailureHint(dubious)!, /git config --global --add safe\.directory \/srv\/repo\\u001b\[31m$/);
  assert.ok(!hasTerminalControl(gitCause(dubious)));
  const promisor =
    "fatal: '/gone' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease " +
    "make sure you have the correct access rights\nand the repository exists.\nfatal: " +
    "could not fetch 07d29d180514c23e54a4a22756196a778e94edce from promisor remote\n";
  assert.match(gitCause(promisor), /could not fetch 07d29d18\w+ from promisor remote$/);
  assert.match(gitFailureHint(promisor)!, /objects are missing from this clone/);
  assert.match(
    gitFailureHint("fatal: could not read Username for 'https://example.org': terminal prompts disabled\n")!,
    /credential helper/,
  );
  assert.equal(gitCause(""), "(no message)");
});

test("a repository owned by another user fails with git's cause and the safe.directory fix", {
  skip: process.getuid?.() !== 0 && "needs root to give the repository to another user",
}, async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "theirs"), HISTORY.slice(0, 1));
    const chownAll = (p: string): void => {
      chownSync(p, 65534, 65534);
      if (statSync(p).isDirectory()) for (const f of readdirSync(p)) chownAll(join(p, f));
    };
    chownAll(join(dir, "theirs"));
    const ev = await collectProjectEvidence({ id: "p", repositories: ["theirs"] } as never, {
      baseDir: dir,
      cacheDir: join(dir, "cache"),
    });
    const failure = ev.failures[0]!;
    assert.match(failure.message, /detected dubious ownership in repository at/);
    assert.doesNotMatch(failure.message, /To add an exception/);
    assert.match(failure.hint ?? "", /git config --global --add safe\.directory .*theirs/);
  } finally {
    cleanup();
  }
});

test("a cache folder that cannot be made is named as such, not an internal error", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), HISTORY.slice(0, 1));
    writeFileSync(join(dir, "a-file"), "");
    await assert.rejects(
      collectRepositoryEvidence(`file://${join(dir, "repo")}`, {
        baseDir: dir,
        cacheDir: join(dir, "a-file", "cache"),
      }),
      (e: unknown) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.code, "E_CACHE_DIR");
        assert.match(e.message, /cannot clone into the cache .*a part of the path is a file, not a folder/);
        return true;
      },
    );
  } finally {
    cleanup();
  }
});
