import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { listingOf, readTree } from "./git-tree.js";
import { buildRepo, git, tempDir, type FixtureCommit } from "./testing.js";
import { openTreeReader } from "./tree-reader.js";

test("trees read through the batch list what ls-tree -r lists, commit after commit, for a folder too", async () => {
  const { dir, cleanup } = tempDir("upstream-tree-reader-");
  const repo = join(dir, "repo");
  try {
    buildRepo(
      repo,
      [
        {
          date: "2020-01-01",
          files: {
            "README.md": "# x\n",
            "a/b/c.txt": "c\n",
            "a/z.txt": "z\n",
            "a-b.txt": "sorts before a/\n",
            "é/ü.md": "unicode\n",
            "ctl\u001bname/x": "escaped\n",
            link: { symlink: "a/z.txt" },
          },
        },
        { date: "2020-02-01", files: { "a/b/d.txt": "d\n", "new/f": "f\n" } },
      ],
      { bare: true },
    );
    // A commit git's index would not make: an executable file, a group-writable mode git canonicalizes,
    // and a submodule, in a tree of their own beside the last commit's.
    const blob = git(repo, ["hash-object", "-w", "--stdin"], "#!/bin/sh\n");
    const head = git(repo, ["rev-parse", "HEAD"]);
    const sub = git(
      repo,
      ["mktree"],
      `100755 blob ${blob}\trun.sh\n100664 blob ${blob}\tgroup.sh\n160000 commit ${head}\tvendor-sub\n`,
    );
    const top = git(repo, ["ls-tree", "HEAD"]);
    const tree = git(repo, ["mktree"], `${top}\n040000 tree ${sub}\tbin\n`);
    const third = git(repo, ["commit-tree", tree, "-p", head, "-m", "modes"]);
    const commits = [git(repo, ["rev-parse", "HEAD~1"]), head, third];
    const reader = openTreeReader(repo);
    const files = async (commit: string, folder?: string) => (await reader.read(commit, folder)).files;
    try {
      for (const commit of commits) {
        assert.deepEqual(await files(commit), await readTree(repo, commit), commit);
        assert.deepEqual(await files(commit, "a"), await readTree(repo, commit, "a"), `${commit}:a`);
      }
      const modes = (await files(third)).filter((e) => e.path.startsWith("bin/")).map((e) => e.mode);
      assert.deepEqual(modes, ["100644", "100755", "160000"]);
      assert.ok((await files(commits[0]!)).some((e) => e.path === "ctl\\u001bname/x"));
      // What is not a tree is for the caller to ask ls-tree about.
      await assert.rejects(reader.read(third, "README.md"));
      await assert.rejects(reader.read(third, "missing"));
      await assert.rejects(reader.read("0".repeat(40)));
      assert.equal((await files(third)).length, (await readTree(repo, third)).length);
    } finally {
      reader.close();
    }
  } finally {
    cleanup();
  }
});

/** A bare repository of `commits` in a temp folder and a tree reader of it, both gone after `run`. */
async function withReader(
  commits: FixtureCommit[],
  run: (repo: string, reader: ReturnType<typeof openTreeReader>) => Promise<void>,
): Promise<void> {
  const { dir, cleanup } = tempDir("upstream-tree-reader-");
  const repo = join(dir, "repo");
  try {
    buildRepo(repo, commits, { bare: true });
    const reader = openTreeReader(repo);
    try {
      await run(repo, reader);
    } finally {
      reader.close();
    }
  } finally {
    cleanup();
  }
}

test("trees read at once list what each read alone lists; one not there fails alone", () =>
  withReader(
    [
      { date: "2020-01-01", files: { "README.md": "# x\n", "a/b/c.txt": "c\n", "a/z.txt": "z\n" } },
      { date: "2020-02-01", files: { "a/b/d.txt": "d\n", "vendor/m/n.go": "package n\n" } },
      { date: "2020-03-01", files: { "a/b/c.txt": "changed\n" } },
    ],
    async (repo, reader) => {
      const commits = git(repo, ["rev-list", "--reverse", "HEAD"]).split("\n");
      // As a backfill reads the dates ahead: every tree at once, a folder too, and names git cannot answer among them.
      const reads = await Promise.allSettled([
        ...commits.map((c) => reader.read(c).then((l) => l.files)),
        reader.read(commits[2]!, "a").then((l) => l.files),
        reader.read("0".repeat(40)),
        reader.read(commits[2]!, "missing"),
      ]);
      for (const [i, commit] of commits.entries())
        assert.deepEqual(reads[i], { status: "fulfilled", value: await readTree(repo, commit) }, commit);
      assert.deepEqual(reads[3], { status: "fulfilled", value: await readTree(repo, commits[2]!, "a") });
      assert.deepEqual(
        reads.slice(4).map((r) => r.status),
        ["rejected", "rejected"],
      );
      for (const commit of commits)
        assert.deepEqual((await reader.read(commit)).files, await readTree(repo, commit), commit);
    },
  ));

test("a listing read through the batch finds each path as a Map of its entries finds it", () =>
  withReader(
    [
      {
        date: "2020-01-01",
        files: {
          "README.md": "# x\n",
          "a/b/c.txt": "c\n",
          "a/z.txt": "z\n",
          "ctl\u001bname/x": "escaped\n",
          link: { symlink: "a/z.txt" },
        },
      },
    ],
    async (_repo, reader) => {
      for (const folder of [undefined, "a"]) {
        const { files, lookup: found } = await reader.read("HEAD", folder);
        const map = new Map(files.map((e) => [e.path, e]));
        const mapped = listingOf(files).lookup;
        for (const path of [...map.keys(), "a", "a/b", "a/b/", "missing", "a/missing/c.txt", "README.md/x", ""])
          assert.deepEqual(
            [found.get(path), mapped.get(path)],
            [map.get(path), map.get(path)],
            `${folder ?? ""}:${path}`,
          );
        if (!folder) assert.ok(found.get("ctl\\u001bname/x"), "found by its escaped path");
      }
    },
  ));

test("trees read at once that share folders each list them whole", () =>
  withReader(
    [
      { date: "2020-01-01", files: { "x.txt": "1\n", "a/b/c.txt": "c\n", "a/b/d/e.txt": "e\n", "a/z.txt": "z\n" } },
      { date: "2020-02-01", files: { "x.txt": "2\n" } },
      { date: "2020-03-01", files: { "y.txt": "3\n" } },
    ],
    async (repo, reader) => {
      const commits = git(repo, ["rev-list", "--reverse", "HEAD"]).split("\n");
      // The three roots are answered in one batch, and each asks for a/ before any has it.
      const read = await Promise.all(commits.map((c) => reader.read(c)));
      for (const [i, commit] of commits.entries())
        assert.deepEqual(read[i]!.files, await readTree(repo, commit), commit);
      // Read again after a/ is known whole: the same listing.
      for (const commit of commits) assert.deepEqual((await reader.read(commit)).files, await readTree(repo, commit));
    },
  ));
