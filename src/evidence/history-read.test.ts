import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { NO_AFFILIATIONS } from "./affiliations.js";
import { readHistory, startHistoryRead } from "./git-log-reader.js";
import { parseMailmap } from "./mailmap.js";
import { buildRepo, tempDir } from "./testing.js";

const HISTORY = Array.from({ length: 400 }, (_, i) => ({
  date: `20${10 + Math.floor(i / 40)}-0${1 + (i % 9)}-1${i % 10}`,
  author: `P${i % 13} <p${i % 13}@d${i % 5}.example>`,
  message: i % 7 ? "change" : `change\n\nCo-authored-by: Old Q <q.old@x.example>\n`,
}));
const MAILMAP = "Q <q@x.example> <q.old@x.example>\n";

test("a history read started before its mailmap is known counts what a read started after it counts", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, HISTORY);
    const head = ids.at(-1)!;
    const gitDir = join(dir, ".git");
    const mailmap = parseMailmap(MAILMAP);
    const pending = startHistoryRead(gitDir, head, [head], NO_AFFILIATIONS);
    await sleep(300); // git's whole output arrives before the parser exists
    const early = await pending.finish(mailmap);
    const late = await readHistory(gitDir, head, [head], NO_AFFILIATIONS, mailmap);
    assert.equal(early.commits, 400);
    assert.deepEqual(early, late);
    // the co-author's old address went through the mailmap given at finish
    assert.ok(early.identities.has("q@x.example"));
    assert.ok(!early.identities.has("q.old@x.example"));
  } finally {
    cleanup();
  }
});

test("a cancelled history read stops git, and finishing it fails rather than giving a partial count", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, HISTORY);
    const head = ids.at(-1)!;
    const pending = startHistoryRead(join(dir, ".git"), head, [head], NO_AFFILIATIONS);
    pending.cancel();
    await assert.rejects(pending.finish(undefined), (e: Error) => e.name === "AbortError");
  } finally {
    cleanup();
  }
});
