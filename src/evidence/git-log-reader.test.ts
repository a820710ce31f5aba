import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadAffiliations, NO_AFFILIATIONS } from "./affiliations.js";
import { GitLogParser, gitLogArgs, monthOfDay, readHistory } from "./git-log-reader.js";
import { keyMonth, keyOrg } from "./history-state.js";
import { runGit } from "./run-git.js";
import { buildRepo, git, tempDir } from "./testing.js";

test("monthOfDay numbers months without Date objects", () => {
  for (const d of ["1969-12-31", "1970-01-01", "2000-02-29", "2020-12-31", "2021-01-01", "2100-03-01"]) {
    const day = Date.parse(d + "T00:00:00Z") / 86400000;
    assert.equal(monthOfDay(day), Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1, d);
  }
});

test("counts commits, merges apart, and contributors after mailmap", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, [
      {
        date: "2019-01-01",
        author: "Ann <ann@acme.io>",
        files: { ".mailmap": "Ann Smith <ann@acme.io> <ann.old@acme.io>\n" },
      },
      { date: "2019-02-01", author: "Annie <ann.old@acme.io>" },
      { date: "2019-03-01", author: "Bob <bob@globex.com>", branch: "side", from: 1 },
      { date: "2019-04-01", author: "Ann <ann@acme.io>", merge: 2 },
    ]);
    const head = ids[3]!;
    const s = await readHistory(join(dir, ".git"), head, [head], NO_AFFILIATIONS);
    assert.equal(s.commits, 3);
    assert.equal(s.merges, 1);
    assert.deepEqual([...s.identities.keys()].sort(), ["ann@acme.io", "bob@globex.com"]);
    assert.equal(s.identities.get("ann@acme.io")!.name, "Ann Smith");
    assert.equal(s.first, Date.parse("2019-01-01T12:00:00Z") / 1000);
    assert.equal(s.last, Date.parse("2019-04-01T12:00:00Z") / 1000);
  } finally {
    cleanup();
  }
});

test("credits Co-authored-by trailers as contributors", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const [head] = buildRepo(dir, [
      {
        date: "2020-05-05",
        author: "Ann <ann@acme.io>",
        message:
          "Fix\n\nCo-authored-by: Bob B <bob@globex.com>\nCo-authored-by: " +
          "Ann <ann@acme.io>\nSigned-off-by: Ann <ann@acme.io>\n",
      },
    ]);
    const s = await readHistory(join(dir, ".git"), head!, [head!], NO_AFFILIATIONS);
    assert.equal(s.commits, 1);
    const bob = s.identities.get("bob@globex.com");
    assert.ok(bob, "co-author is a contributor");
    assert.equal(bob.name, "Bob B");
    assert.equal(
      [...bob.co.values()].reduce((a, b) => a + b, 0),
      1,
    );
    assert.equal(s.identities.get("ann@acme.io")!.co.size, 0, "the author is not also credited as co-author");
    assert.equal(s.orgs[keyOrg([...bob.co.keys()][0]!)], "globex.com");
  } finally {
    cleanup();
  }
});

test("decodes invalid UTF-8 names and reencodes non-UTF-8 commit encodings", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const latin1 = Buffer.concat([Buffer.from("J"), Buffer.from([0xf6]), Buffer.from("rg <joerg@example.de>")]);
    const invalid = Buffer.concat([
      Buffer.from("Bad"),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Name <bad@example.de>"),
    ]);
    const ids = buildRepo(dir, [
      {
        date: "2020-01-01",
        author: latin1,
        encoding: "ISO-8859-1",
        message: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      },
      { date: "2020-01-02", author: invalid },
    ]);
    const s = await readHistory(join(dir, ".git"), ids[1]!, [ids[1]!], NO_AFFILIATIONS);
    assert.equal(s.identities.get("joerg@example.de")!.name, "Jörg");
    assert.equal(s.identities.get("bad@example.de")!.name, "Bad\ufffd\ufffdName");
  } finally {
    cleanup();
  }
});

test("survives an author header with a newline in the name", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(dir, []);
    const tree = git(dir, ["hash-object", "-t", "tree", "-w", "--stdin"], "");
    const raw =
      `tree ${tree}\nauthor Evil\nName <evil@example.com> 1577880000 ` +
      `+0000\ncommitter Evil <evil@example.com> 1577880000 +0000\n\nmsg\n`;
    const commit = git(dir, ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], raw);
    git(dir, ["update-ref", "refs/heads/main", commit]);
    const s = await readHistory(join(dir, ".git"), commit, [commit], NO_AFFILIATIONS);
    assert.equal(s.commits, 1);
    assert.equal(s.identities.size, 1);
    assert.ok(![...s.identities.values()][0]!.name.includes("\n"));
  } finally {
    cleanup();
  }
});

test("parses the same state whatever the chunk boundaries", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(
      dir,
      Array.from({ length: 30 }, (_, i) => ({
        date: `2020-01-${String(i + 1).padStart(2, "0")}`,
        author: `P${i % 7} <p${i % 7}@d${(i % 7) % 3}.com>`,
        message: i % 4 ? "m" : `m\n\nCo-authored-by: Q <q${i}@x.org>\n`,
      })),
    );
    const head = ids.at(-1)!;
    const { stdout } = await runGit(gitLogArgs(head, [head]), { gitDir: join(dir, ".git") });
    const whole = new GitLogParser(NO_AFFILIATIONS);
    whole.push(stdout);
    whole.end();
    const bytewise = new GitLogParser(NO_AFFILIATIONS);
    for (let i = 0; i < stdout.length; i++) bytewise.push(stdout.subarray(i, i + 1));
    bytewise.end();
    assert.equal(whole.state.commits, 30);
    assert.equal(whole.state.identities.size, 7 + 8);
    assert.deepEqual(bytewise.state, whole.state);
    // A log cut in the middle of a commit says which log, and what to run.
    const cut = new GitLogParser(NO_AFFILIATIONS);
    cut.push(stdout.subarray(0, stdout.length - 3));
    assert.throws(
      () => cut.end(`git log of ${dir} at ${head}`),
      (error: Error) =>
        error.message.startsWith(`git log of ${dir} at ${head} ended in the middle of a commit`) &&
        error.message.includes("git fsck"),
    );
  } finally {
    cleanup();
  }
});

test("attributes each commit to the organization valid on its date", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const aff = join(dir, "developers_affiliations.txt");
    writeFileSync(aff, "jdoe: jdoe!gmail.com\n\tAcme until 2020-03-01\n\tGlobex from 2020-03-01\n");
    const { rules } = loadAffiliations([aff]);
    const ids = buildRepo(dir, [
      { date: "2020-01-15", author: "J <jdoe@gmail.com>" },
      { date: "2020-02-15", author: "J <jdoe@gmail.com>" },
      { date: "2020-04-15", author: "J <jdoe@gmail.com>" },
    ]);
    const s = await readHistory(join(dir, ".git"), ids[2]!, [ids[2]!], rules);
    const byOrg = new Map<string, number>();
    for (const [k, n] of s.identities.get("jdoe@gmail.com")!.counts)
      byOrg.set(s.orgs[keyOrg(k)]!, (byOrg.get(s.orgs[keyOrg(k)]!) ?? 0) + n);
    assert.deepEqual(Object.fromEntries(byOrg), { Acme: 2, Globex: 1 });
    assert.deepEqual([...s.orgVia[s.orgIndex.get("Globex")!]!], ["developers_affiliations.txt:3"]);
    assert.deepEqual([...s.identities.get("jdoe@gmail.com")!.counts.keys()].map(keyMonth).sort(), [
      2020 * 12 + 0,
      2020 * 12 + 1,
      2020 * 12 + 3,
    ]);
  } finally {
    cleanup();
  }
});

/** Co-authored commits per identity key. */
function coCounts(s: Awaited<ReturnType<typeof readHistory>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of s.identities.values()) {
    const n = [...id.co.values()].reduce((a, b) => a + b, 0);
    if (n) out[id.key] = n;
  }
  return out;
}

test(
  "Co-authored-by with several people on one line, on " + "several lines, folded, credits each of them once",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const ids = buildRepo(dir, [
        // git gives one trailer value holding both people
        {
          date: "2021-01-01",
          author: "Ann <ann@acme.io>",
          message: "One line\n\nCo-authored-by: Bob B <bob@globex.com>, Cy C <cy@initech.com>\n",
        },
        // one value per line; the key is matched whatever its case
        {
          date: "2021-01-02",
          author: "Ann <ann@acme.io>",
          message: "Lines\n\nCo-authored-by: Bob B <bob@globex.com>\nco-authored-by: Dee D <dee@umbrella.org>\n",
        },
        // a folded trailer keeps its line break inside the value; a semicolon separates too
        {
          date: "2021-01-03",
          author: "Ann <ann@acme.io>",
          message:
            "Folded\n\nCo-authored-by: Cy C <cy@initech.com>,\n  Dee D " +
            "<dee@umbrella.org>; Eve E <eve@hooli.com>\nSigned-off-by: Ann <ann@acme.io>\n",
        },
        // the same person twice, and the author, are credited once and not at all
        {
          date: "2021-01-04",
          author: "Ann <ann@acme.io>",
          message: "Twice\n\nCo-authored-by: Bob B <bob@globex.com>, Bob B <BOB@globex.com>, Ann <ann@acme.io>\n",
        },
      ]);
      const head = ids.at(-1)!;
      const s = await readHistory(join(dir, ".git"), head, [head], NO_AFFILIATIONS);
      assert.deepEqual(coCounts(s), {
        "bob@globex.com": 3,
        "cy@initech.com": 2,
        "dee@umbrella.org": 2,
        "eve@hooli.com": 1,
      });
      assert.equal(s.identities.get("cy@initech.com")!.name, "Cy C");
      assert.equal(s.identities.get("dee@umbrella.org")!.name, "Dee D");
    } finally {
      cleanup();
    }
  },
);

test(
  "one person, one identity: other case, both GitHub noreply " +
    "forms and the login's addresses from developers_affiliations",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const aff = join(dir, "developers_affiliations1.txt");
      writeFileSync(aff, "jdoe: jdoe!acme.io, jd!gmail.com\n\tAcme\n");
      const { rules } = loadAffiliations([aff]);
      const ids = buildRepo(dir, [
        // git log reads newest first: the newest spelling is the one shown, the older ones are merged into it
        {
          date: "2021-01-01",
          author: "Max <max@users.noreply.github.com>",
          message: "Pair\n\nCo-authored-by: Jane <12345+jdoe@users.noreply.github.com>\n",
        },
        { date: "2021-01-02", author: "Max <999+max@users.noreply.github.com>" },
        { date: "2021-01-03", author: "Ann <Ann@Globex.com>" },
        { date: "2021-01-04", author: "Ann <ann@globex.com>" },
        { date: "2021-01-05", author: "Jane <jd@gmail.com>" },
        { date: "2021-01-06", author: "jdoe <jdoe@users.noreply.github.com>" },
        { date: "2021-01-07", author: "Jane Doe <12345+JDoe@users.noreply.github.com>" },
        { date: "2021-01-08", author: "Jane Doe <jdoe@acme.io>" },
      ]);
      const head = ids.at(-1)!;
      const s = await readHistory(join(dir, ".git"), head, [head], rules);
      assert.deepEqual([...s.identities.keys()].sort(), [
        "ann@globex.com",
        "jdoe@acme.io",
        "max@users.noreply.github.com",
      ]);
      const jane = s.identities.get("jdoe@acme.io")!;
      assert.equal(
        [...jane.counts.values()].reduce((a, b) => a + b, 0),
        4,
      );
      assert.equal(
        [...jane.co.values()].reduce((a, b) => a + b, 0),
        1,
        "her co-authorship under the noreply address is hers",
      );
      // Every commit of Jane's counts for Acme, the noreply ones too.
      assert.deepEqual([...new Set([...jane.counts.keys()].map((k) => s.orgs[keyOrg(k)]))], ["Acme"]);
      assert.deepEqual(Object.fromEntries(jane.merged!), {
        "12345+JDoe@users.noreply.github.com": "GitHub login jdoe, listed in developers_affiliations1.txt:1",
        "jdoe@users.noreply.github.com": "GitHub login jdoe, listed in developers_affiliations1.txt:1",
        "jd@gmail.com": "listed for jdoe in developers_affiliations1.txt:1",
        // the co-author trailer's spelling differs from the author's only in case
        "12345+jdoe@users.noreply.github.com": "GitHub login jdoe, listed in developers_affiliations1.txt:1",
      });
      assert.deepEqual(Object.fromEntries(s.identities.get("ann@globex.com")!.merged!), {
        "Ann@Globex.com": "same address in other case",
      });
      assert.equal(s.identities.get("ann@globex.com")!.email, "ann@globex.com");
      assert.deepEqual(Object.fromEntries(s.identities.get("max@users.noreply.github.com")!.merged!), {
        "max@users.noreply.github.com": "GitHub login max",
      });
    } finally {
      cleanup();
    }
  },
);

test("bots are marked as such, the people beside them are not", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, [
      { date: "2021-01-01", author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>" },
      { date: "2021-01-02", author: "Kubernetes Prow Robot <20407524+k8s-ci-robot@users.noreply.github.com>" },
      {
        date: "2021-01-03",
        author: "Robert Abbot <rob@acme.io>",
        message: "Bump\n\nCo-authored-by: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>\n",
      },
      { date: "2021-01-04", author: "Team Release <release@acme.io>" },
    ]);
    const head = ids.at(-1)!;
    const { rules } = loadAffiliations([], { bots: ["release@ACME.io"] });
    const s = await readHistory(join(dir, ".git"), head, [head], rules);
    const bots = [...s.identities.values()]
      .filter((i) => i.bot)
      .map((i) => i.name)
      .sort();
    assert.deepEqual(bots, ["Kubernetes Prow Robot", "Team Release", "dependabot[bot]", "renovate[bot]"]);
    assert.equal(s.identities.get("rob@acme.io")!.bot, undefined);
  } finally {
    cleanup();
  }
});
