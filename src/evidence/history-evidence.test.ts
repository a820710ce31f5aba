import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { NO_AFFILIATIONS } from "./affiliations.js";
import { readHistory } from "./git-log-reader.js";
import { computeHistoryEvidence, factor } from "./history-evidence.js";
import { buildRepo, tempDir, type FixtureCommit } from "./testing.js";

const source = { repository: "r", commit: "c" };

function commits(author: string, dates: string[]): FixtureCommit[] {
  return dates.map((date) => ({ date, author }));
}

async function history(list: FixtureCommit[], asOf: string, opts: { threshold?: number; windowMonths?: number } = {}) {
  const { dir, cleanup } = tempDir();
  try {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    const ids = buildRepo(dir, sorted);
    const head = ids.at(-1)!;
    const state = await readHistory(join(dir, ".git"), head, [head], NO_AFFILIATIONS);
    return computeHistoryEvidence(state, { asOf, shallow: false, source, ...opts });
  } finally {
    cleanup();
  }
}

const project: FixtureCommit[] = [
  ...commits("Old <old@oldco.com>", ["2018-03-01", "2018-04-01", "2018-05-01", "2018-06-01", "2018-07-01", "2018-08-01", "2018-09-01", "2018-10-01"]),
  ...commits("Ann <ann@acme.io>", ["2020-03-01", "2020-04-01", "2020-05-01", "2021-01-10"]),
  ...commits("Al <al@acme.io>", ["2020-06-01", "2020-07-01"]),
  ...commits("Bob <bob@globex.com>", ["2020-08-01", "2020-09-01", "2020-10-01"]),
  ...commits("Cy <cy@initech.com>", ["2020-11-01", "2020-12-01"]),
  ...commits("Dee <dee@gmail.com>", ["2020-02-10"]),
  ...commits("Eve <eve@gmail.com>", ["2020-02-20"]),
];

test("GIVEN a year of commits by four companies WHEN computed THEN elephant factor and absence factor follow CHAOSS", async () => {
  const h = await history(project, "2021-01-31");
  assert.equal(h.commits, 21);
  assert.equal(h.contributors, 7);
  assert.equal(h.commitsLast12Months, 13);
  assert.equal(h.activeContributorsLast12Months, 6);
  assert.deepEqual(h.elephantFactor, { value: 2, threshold: 0.5, windowMonths: 12, organizations: ["acme.io", "globex.com"] });
  assert.equal(h.contributorAbsenceFactor.value, 2);
  assert.deepEqual(h.contributorAbsenceFactor.people, ["Ann <ann@acme.io>", "Bob <bob@globex.com>"]);
  assert.equal(h.firstCommitDate, "2018-03-01T12:00:00.000Z");
  assert.equal(h.lastCommitDate, "2021-01-10T12:00:00.000Z");
  assert.deepEqual(h.newContributorsPerQuarter, { "2018-Q1": 1, "2020-Q1": 3, "2020-Q2": 1, "2020-Q3": 1, "2020-Q4": 1 });
  const byName = new Map(h.organizations.map((o) => [o.organization, o]));
  assert.equal(byName.get("oldco.com")!.commits, 8);
  assert.equal(byName.get("acme.io")!.contributors, 2);
  assert.equal(byName.get("acme.io")!.commitShare, 6 / 21);
  assert.equal(byName.get("(independent)")!.contributors, 2);
  assert.deepEqual(byName.get("acme.io")!.via, ["domain acme.io"]);
  assert.equal(h.organizationsLast12Months?.find((o) => o.organization === "oldco.com"), undefined);
});

test("threshold and window are parameters", async () => {
  const h = await history(project, "2021-01-31", { threshold: 0.3, windowMonths: 48 });
  // 21 commits in 48 months: oldco 8 > 6.3.
  assert.deepEqual(h.elephantFactor.organizations, ["oldco.com"]);
  assert.equal(h.elephantFactor.windowMonths, 48);
});

test("as of an earlier date, windows move with it", async () => {
  const h = await history(project, "2018-12-31");
  assert.equal(h.commitsLast12Months, 8);
  assert.deepEqual(h.elephantFactor.organizations, ["oldco.com"]);
});

test("independent contributors count each as an organization of one", () => {
  const counts = new Map<string, number>([["corp.com", 4], ...Array.from({ length: 10 }, (_, i) => [`(independent) P${i}`, 1] as [string, number])]);
  assert.equal(factor(counts, 0.5).value, 5);
  assert.deepEqual(factor(new Map(), 0.5), { value: 0, names: [] });
});
