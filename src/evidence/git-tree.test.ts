import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { escapeTerminalText } from "../core/terminal-text.js";
import { blobReader, openBlobReader, readTree, unreadableBlobWords, type BlobText } from "./git-tree.js";
import { runGit } from "./run-git.js";
import { buildRepo, git, tempDir } from "./testing.js";

const FILES: Record<string, string | Buffer | { symlink: string }> = {
  "README.md": "# Project\n\nçà ünïcødé\n",
  "empty.txt": "",
  "exact.txt": "x".repeat(64),
  "long.txt": "y".repeat(65) + "\n",
  "bin.dat": Buffer.from([0, 1, 2, 0x0a, 0xff, 0xfe, 0x0a]),
  "with space/and\ttab.md": "tabbed\n",
  "ünï/çødé.md": "unicode path\n",
  "esc\u001b[31m.md": "control in the name\n",
  link: { symlink: "README.md" },
};

/** The tree as the earlier reader split it: `<mode> <type> <oid>\t<path>`, each path decoded and escaped. */
async function referenceTree(gitDir: string, commit: string) {
  const { stdout } = await runGit(["ls-tree", "-r", "-z", "--full-tree", commit], { gitDir });
  return stdout
    .toString("utf8")
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const tab = record.indexOf("\t");
      const [mode, , oid] = record.slice(0, tab).split(" ");
      return { mode, oid, path: escapeTerminalText(record.slice(tab + 1)) };
    });
}

test("readTree parses every entry as ls-tree prints it, odd names included", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const [commit] = buildRepo(dir, [{ date: "2020-01-01", files: FILES }]);
    const gitDir = join(dir, ".git");
    const tree = await readTree(gitDir, commit!);
    assert.deepEqual(tree, await referenceTree(gitDir, commit!));
    assert.ok(
      tree.some((e) => e.path === "with space/and\\u0009tab.md"),
      "a tab is escaped too",
    );
    assert.ok(tree.some((e) => e.path === "ünï/çødé.md"));
    assert.ok(
      tree.some((e) => e.path === "esc\\u001b[31m.md"),
      "control characters escaped",
    );
    assert.equal(tree.find((e) => e.path === "link")?.mode, "120000");
    const folder = await readTree(gitDir, commit!, "ünï");
    assert.deepEqual(
      folder.map((e) => e.path),
      ["çødé.md"],
    );
  } finally {
    cleanup();
  }
});

test("one batch reader gives what cat-file blob gives, for many reads at once, and fails the same way", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const [commit] = buildRepo(dir, [{ date: "2020-01-01", files: FILES }]);
    const gitDir = join(dir, ".git");
    const tree = await readTree(gitDir, commit!);
    const treeOid = git(dir, ["rev-parse", `${commit}:ünï`]).trim();
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const names = [...tree.map((e) => e.oid), treeOid, missing, `${commit}:README.md`, ...tree.map((e) => e.oid)];
    const settle = (p: Promise<BlobText>) =>
      p.then(
        (blob) => ({ blob }),
        (error: unknown) => ({ words: unreadableBlobWords(error) }),
      );
    const single = blobReader(gitDir, 64);
    const expected = await Promise.all(names.map((n) => settle(single(n))));
    const batch = openBlobReader(gitDir, 64);
    try {
      // all asked at once: answers come back in order, each to its own request
      const got = await Promise.all(names.map((n) => settle(batch.read(n))));
      assert.deepEqual(got, expected);
    } finally {
      batch.close();
    }
    const exact = expected[tree.findIndex((e) => e.path === "exact.txt")]!;
    assert.deepEqual(exact, { blob: { text: "x".repeat(64), truncated: false } });
    const long = expected[tree.findIndex((e) => e.path === "long.txt")]!;
    assert.deepEqual(long, { blob: { text: "y".repeat(64), truncated: true } });
    assert.ok("words" in expected[tree.length + 1]!, "a missing object fails");
    // after close, reads still work (one process each)
    assert.deepEqual(await settle(batch.read(tree[0]!.oid)), expected[0]);
  } finally {
    cleanup();
  }
});
