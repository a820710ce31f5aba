import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import { writeFileSync } from "node:fs";
import { loadAffiliations, NO_AFFILIATIONS, type AffiliationRules } from "./affiliations.js";
import { readHistory } from "./git-log-reader.js";
import { computeHistoryEvidence, factor } from "./history-evidence.js";
import { deserializeHistoryState, mergeHistoryStates, serializeHistoryState } from "./history-state.js";
import { parseHistoryState } from "./evidence-cache.js";
import { buildRepo, tempDir, type FixtureCommit } from "./testing.js";

const source = { repository: "r", commit: "c" };

/**
 * An email-map naming the fixture's companies: a domain of one person is an organization only when a source names it.
 */
const COMPANIES: AffiliationRules = (() => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "email-map");
  writeFileSync(path, "oldco.com oldco.com\nacme.io acme.io\nglobex.com globex.com\ninitech.com initech.com\n");
  after(cleanup);
  return loadAffiliations([path]).rules;
})();

function commits(author: string, dates: string[]): FixtureCommit[] {
  return dates.map((date) => ({ date, author }));
}

async function history(
  list: FixtureCommit[],
  asOf: string,
  opts: { threshold?: number; windowMonths?: number } = {},
  rules: AffiliationRules = COMPANIES,
) {
  const { dir, cleanup } = tempDir();
  try {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    const ids = buildRepo(dir, sorted);
    const head = ids.at(-1)!;
    const state = await readHistory(join(dir, ".git"), head, [head], rules);
    return computeHistoryEvidence(state, { asOf, shallow: false, source, ...opts });
  } finally {
    cleanup();
  }
}

/**
 * `head`'s history read whole, and read as an incremental collect reads it: up to `old`, kept in the evidence cache
 * (written, checked and read back), then `old..head`, merged into it.
 */
async function wholeAndInParts(gitDir: string, old: string, head: string) {
  const whole = await readHistory(gitDir, head, [head], COMPANIES);
  const kept = parseHistoryState(
    JSON.stringify(serializeHistoryState(await readHistory(gitDir, old, [old], COMPANIES))),
    (why) => assert.fail(why),
  );
  assert.ok(kept, "the cache reads back what it wrote");
  const merged = mergeHistoryStates(
    deserializeHistoryState(kept),
    await readHistory(gitDir, head, [head, `^${old}`], COMPANIES),
  );
  return { whole, merged };
}

const project: FixtureCommit[] = [
  ...commits("Old <old@oldco.com>", [
    "2018-03-01",
    "2018-04-01",
    "2018-05-01",
    "2018-06-01",
    "2018-07-01",
    "2018-08-01",
    "2018-09-01",
    "2018-10-01",
  ]),
  ...commits("Ann <ann@acme.io>", ["2020-03-01", "2020-04-01", "2020-05-01", "2021-01-10"]),
  ...commits("Al <al@acme.io>", ["2020-06-01", "2020-07-01"]),
  ...commits("Bob <bob@globex.com>", ["2020-08-01", "2020-09-01", "2020-10-01"]),
  ...commits("Cy <cy@initech.com>", ["2020-11-01", "2020-12-01"]),
  ...commits("Dee <dee@gmail.com>", ["2020-02-10"]),
  ...commits("Eve <eve@gmail.com>", ["2020-02-20"]),
];

test(
  "GIVEN a year of commits by four companies WHEN computed " + "THEN elephant factor and absence factor follow CHAOSS",
  async () => {
    const h = await history(project, "2021-01-31");
    assert.equal(h.commits, 21);
    assert.equal(h.contributors, 7);
    assert.equal(h.commitsLast12Months, 13);
    assert.equal(h.activeContributorsLast12Months, 6);
    assert.deepEqual(h.elephantFactor, {
      value: 2,
      threshold: 0.5,
      windowMonths: 12,
      organizations: ["acme.io", "globex.com"],
    });
    assert.equal(h.contributorAbsenceFactor.value, 2);
    assert.deepEqual(h.contributorAbsenceFactor.people, ["Ann <ann@acme.io>", "Bob <bob@globex.com>"]);
    assert.equal(h.firstCommitDate, "2018-03-01T12:00:00.000Z");
    assert.equal(h.lastCommitDate, "2021-01-10T12:00:00.000Z");
    assert.deepEqual(h.newContributorsPerQuarter, {
      "2018-Q1": 1,
      "2020-Q1": 3,
      "2020-Q2": 1,
      "2020-Q3": 1,
      "2020-Q4": 1,
    });
    const byName = new Map(h.organizations.map((o) => [o.organization, o]));
    assert.equal(byName.get("oldco.com")!.commits, 8);
    assert.equal(byName.get("acme.io")!.contributors, 2);
    assert.equal(byName.get("acme.io")!.commitShare, 6 / 21);
    assert.equal(byName.get("(independent)")!.contributors, 2);
    assert.deepEqual(byName.get("acme.io")!.via, ["email-map:2"]);
    assert.equal(
      h.organizationsLast12Months?.find((o) => o.organization === "oldco.com"),
      undefined,
    );
  },
);

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
  const counts = new Map<string, number>([
    ["corp.com", 4],
    ...Array.from({ length: 10 }, (_, i) => [`(independent) P${i}`, 1] as [string, number]),
  ]);
  assert.equal(factor(counts, 0.5).value, 5);
  assert.deepEqual(factor(new Map(), 0.5), { value: 0, names: [] });
});

test(
  "bots are not people: not contributors, not an " + "organization's share, not in either factor; reported apart",
  async () => {
    const bot = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";
    const prow = "Kubernetes Prow Robot <20407524+k8s-ci-robot@users.noreply.github.com>";
    const h = await history(
      [
        ...commits(bot, [
          "2020-02-01",
          "2020-03-01",
          "2020-04-01",
          "2020-05-01",
          "2020-06-01",
          "2020-07-01",
          "2020-08-01",
          "2020-09-01",
        ]),
        ...commits(prow, ["2020-02-02", "2020-03-02", "2020-04-02"]),
        ...commits("Ann <ann@acme.io>", ["2020-02-03", "2020-03-03", "2020-04-03"]),
        ...commits("Al <al@acme.io>", ["2020-05-03"]),
        ...commits("Bob <bob@globex.com>", ["2020-06-03", "2020-07-03"]),
        ...commits("Dee <dee@gmail.com>", ["2020-08-03"]),
      ],
      "2020-12-31",
    );
    assert.equal(h.commits, 18, "every commit is a commit");
    assert.equal(h.contributors, 4);
    assert.equal(h.activeContributorsLast12Months, 4);
    assert.deepEqual(h.bots, { commits: 11, identities: 2, names: ["dependabot[bot]", "Kubernetes Prow Robot"] });
    assert.deepEqual(h.elephantFactor.organizations, ["acme.io"], "acme 4 of the people's 7 commits");
    assert.deepEqual(h.contributorAbsenceFactor.people, ["Ann <ann@acme.io>", "Bob <bob@globex.com>"]);
    const byName = new Map(h.organizations.map((o) => [o.organization, o]));
    assert.equal(byName.get("acme.io")!.commitShare, 4 / 7);
    assert.equal(
      byName.get("(independent)")!.contributors,
      1,
      "only Dee: the bots' noreply addresses do not make independents",
    );
    assert.deepEqual(h.newContributorsPerQuarter, { "2020-Q1": 1, "2020-Q2": 2, "2020-Q3": 1 });
  },
);

test(
  "a domain of one person is not an organization unless " + "a source names it; host-local domains never are",
  async () => {
    const h = await history(
      [
        ...commits("Hidde <hello@hidde.example>", ["2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01"]),
        // one person from two addresses of their domain (crossplane's Nic Cope: nicc@ and negz@rk0n.org)
        ...commits("Hidde <h@hidde.example>", ["2020-01-15"]),
        ...commits("Mac User <me@macbook-pro.local>", ["2020-02-02"]),
        ...commits("Root <root@localhost>", ["2020-02-03"]),
        ...commits("Ann <ann@acme.io>", ["2020-02-04"]),
        ...commits("Bob <bob@weave.example>", ["2020-03-04", "2020-04-04"]),
        ...commits("Cy <cy@weave.example>", ["2020-05-04"]),
      ],
      "2020-12-31",
    );
    const byName = new Map(h.organizations.map((o) => [o.organization, o]));
    assert.deepEqual([...byName.keys()].sort(), ["(unaffiliated domain)", "(unknown)", "acme.io", "weave.example"]);
    assert.equal(byName.get("weave.example")!.contributors, 2, "a domain of two people is an organization");
    assert.equal(
      byName.get("acme.io")!.contributors,
      1,
      "a domain of one person named by an affiliation source stays one",
    );
    assert.deepEqual(byName.get("(unaffiliated domain)")!.via, ["domain hidde.example (one person)"]);
    assert.equal(byName.get("(unknown)")!.contributors, 2);
    assert.match(byName.get("(unknown)")!.via.join(", "), /host-local domain macbook-pro\.local/);
    // Hidde is an organization of one: 5 of 12 commits, not above half, so weave.example joins.
    assert.deepEqual(h.elephantFactor.organizations, ["(unaffiliated domain) Hidde", "weave.example"]);
  },
);

test("merged identities are counted and shown with why", async () => {
  const h = await history(
    [...commits("Ann <ann@acme.io>", ["2020-02-01"]), ...commits("Ann <ANN@acme.io>", ["2020-01-01"])],
    "2020-12-31",
    {},
    NO_AFFILIATIONS,
  );
  assert.equal(h.contributors, 1);
  assert.deepEqual(h.mergedIdentities, { count: 1, items: ["ANN@acme.io → ann@acme.io (same address in other case)"] });
});

test("one name on two addresses adds up in the elephant factor, whichever address git shows first", async () => {
  // Kim writes from two addresses git does not merge: 3 + 3 commits, an organization of one with 6 of 11.
  const kim = [...commits("Kim <kim@gmail.com>", ["2020-02-01", "2020-03-01", "2020-04-01"])];
  const kimToo = [...commits("Kim <kim.k@gmail.com>", ["2020-02-02", "2020-03-02", "2020-04-02"])];
  const ann = commits("Ann <ann@acme.io>", ["2020-05-01", "2020-05-02", "2020-05-03", "2020-05-04", "2020-05-05"]);
  for (const list of [
    [...kim, ...kimToo, ...ann],
    // the other address newest: git shows it first
    [...kim.map((c) => ({ ...c, date: c.date.replace("-01", "-03") })), ...kimToo, ...ann],
  ]) {
    const h = await history(list, "2020-12-31");
    assert.equal(h.contributors, 3);
    assert.deepEqual(h.elephantFactor.organizations, ["(independent) Kim"], "Kim's 6 commits of 11, not 3 of 8");
  }
});

test("the figures do not depend on the order identities were first seen in", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // Read whole, and read as an older part plus the commits since, merged as an incremental collect merges them.
    const ids = buildRepo(dir, [
      ...commits("Kim <kim@gmail.com>", ["2020-01-01", "2020-01-02"]),
      ...commits("Ann <ANN@acme.io>", ["2020-01-03"]),
      ...commits("Bo <BO@acme.io>", ["2020-01-04"]),
      ...commits("Ann <ann@acme.io>", ["2020-06-01"]),
      ...commits("Bo <bo@acme.io>", ["2020-06-02"]),
      ...commits("Kim <kim.k@gmail.com>", ["2020-06-03", "2020-06-04", "2020-06-05"]),
    ]);
    const { whole, merged } = await wholeAndInParts(join(dir, ".git"), ids[3]!, ids.at(-1)!);
    assert.notDeepEqual([...whole.identities.keys()], [...merged.identities.keys()], "first seen in other orders");
    const figures = (s: typeof whole) => computeHistoryEvidence(s, { asOf: "2020-12-31", shallow: false, source });
    assert.deepEqual(figures(merged), figures(whole));
    assert.deepEqual(figures(whole).mergedIdentities?.items, [
      "ANN@acme.io → ann@acme.io (same address in other case)",
      "BO@acme.io → bo@acme.io (same address in other case)",
    ]);
  } finally {
    cleanup();
  }
});

test("a person is shown by the name most of their commits carry, not by a bot's name on their address", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // jaeger: "yurishkuro's AI bot" commits from its own address (a bot), and twice, newest, from Yuri's; Yuri wrote
    // 161 commits as "Yuri Shkuro". Ann writes once as "Ann" and once as "Ann Smith": the fuller name on a tie.
    const yuri = "yurishkuro@users.noreply.github.com";
    const ids = buildRepo(dir, [
      ...commits(`Yuri Shkuro <${yuri}>`, ["2026-01-01", "2026-02-01", "2026-03-01"]),
      ...commits("Ann <ann@acme.io>", ["2026-03-02"]),
      ...commits(`yurishkuro's AI bot <github-ysh-bot@ysh.us>`, ["2026-04-01", "2026-04-02"]),
      ...commits("Ann Smith <ann@acme.io>", ["2026-05-01"]),
      ...commits(`yurishkuro's AI bot <${yuri}>`, ["2026-05-02", "2026-05-03"]),
    ]);
    // The older part ends at the first of Yuri's commits under the bot's name: both parts know two of his names.
    const { whole, merged } = await wholeAndInParts(join(dir, ".git"), ids.at(-2)!, ids.at(-1)!);
    for (const [how, state] of [
      ["read whole", whole],
      ["read in two parts", merged],
    ] as const) {
      const names = (key: string) => state.identities.get(key)?.names;
      assert.deepEqual(
        names(yuri),
        new Map([
          ["Yuri Shkuro", 3],
          ["yurishkuro's AI bot", 2],
        ]),
        how,
      );
      assert.deepEqual(
        names("ann@acme.io"),
        new Map([
          ["Ann", 1],
          ["Ann Smith", 1],
        ]),
        how,
      );
      assert.equal(state.identities.get(yuri)?.name, "Yuri Shkuro", how);
      assert.equal(state.identities.get("ann@acme.io")?.name, "Ann Smith", how);
      const h = computeHistoryEvidence(state, { asOf: "2026-06-01", shallow: false, source });
      assert.equal(h.bots?.commits, 2, `${how}: the bot's own address`);
      assert.deepEqual(h.elephantFactor.organizations, ["(independent) Yuri Shkuro"], how);
      assert.ok(h.contributorAbsenceFactor.people.includes(`Yuri Shkuro <${yuri}>`), how);
    }
  } finally {
    cleanup();
  }
});
