import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  allCriteria,
  assess,
  EVIDENCE_RULES,
  loadFrameworks,
  PREVIOUS_STAGE_RULE,
  type Criterion,
  type Framework,
} from "./index.js";
import type { ProjectEvidence } from "../evidence/model.js";
import type { Project } from "../catalog/schema.js";
import {
  bareRepository,
  maintainers,
  project,
  projectEvidence,
  richRepository,
  unreadableRepository,
} from "./testing.js";
import { fileVerdict } from "./evidence-rules.js";
import { factText } from "./finding-text.js";
import type { Verdict } from "./verdict.js";

/** A verdict with its facts in words, as the outputs show them. */
const worded = (v: Verdict) => ({ status: v.status, evidence: v.facts.map(factText) });

const frameworks = await loadFrameworks();
const PROGRAM = { organizations: ["Microsoft"] };

/** Assess one criterion alone: a one-stage framework holding just it, decided automatically. */
function judgeAlone(
  framework: Framework,
  criterion: Criterion,
  evidence: ProjectEvidence | undefined,
  channels = true,
  threshold?: number,
) {
  const solo: Framework = {
    ...framework,
    stages: [
      { id: criterion.stage, title: criterion.stage, synonyms: [], criteria: [{ ...criterion, decided: "automatic" }] },
    ],
  };
  const p = project(channels ? {} : { channels: undefined });
  const program =
    threshold === undefined ? PROGRAM : { ...PROGRAM, thresholds: { [`${framework.id}/${criterion.id}`]: threshold } };
  return assess({ project: p, evidence, framework: solo, declared: { kind: "none" }, program, asOf: "2020-06-01" })
    .findings[0]!;
}

// Every criterion with an evidence rule, in both shipped frameworks, flips between met and
// not met with the evidence, and is unknown when the evidence could not be read.
for (const framework of frameworks.values()) {
  describe(`every evidence-decided criterion of ${framework.id}`, () => {
    for (const criterion of allCriteria(framework).filter((c) => c.rule && c.rule.id !== PREVIOUS_STAGE_RULE)) {
      it(
        `${criterion.id} (${criterion.rule!.id}): met with rich ` +
          `evidence, not met with bare, unknown when unreadable`,
        () => {
          const rich = judgeAlone(framework, criterion, projectEvidence([richRepository()]));
          assert.equal(rich.status, "met", rich.evidence.join("\n"));
          if (criterion.rule!.threshold !== undefined) {
            // the threshold (the program's override here) is what decides, not mere presence
            const above = judgeAlone(framework, criterion, projectEvidence([richRepository()]), true, 1_000_000);
            assert.equal(above.status, "not-met", above.evidence.join("\n"));
            assert.match(above.evidence.join("\n"), /1000000 required/);
          }
          const bare = judgeAlone(framework, criterion, projectEvidence([bareRepository()]), false);
          assert.equal(bare.status, "not-met", bare.evidence.join("\n"));
          assert.ok(bare.recommendation);
          if (criterion.rule!.id !== "communication-channels") {
            const unread = judgeAlone(framework, criterion, projectEvidence([unreadableRepository()]));
            assert.equal(unread.status, "unknown", unread.evidence.join("\n"));
            assert.equal(judgeAlone(framework, criterion, undefined).status, "unknown");
            const failed = judgeAlone(
              framework,
              criterion,
              projectEvidence([], {
                failures: [{ repository: "repo", code: "E_REPO_NOT_FOUND", message: "no such path" }],
              }),
            );
            assert.equal(failed.status, "unknown");
            assert.match(failed.evidence.join(" "), /collector failed for repo: no such path/);
          }
        },
      );
    }
  });
}

describe("built-in rules", () => {
  const evaluate = (
    id: string,
    evidence: ProjectEvidence | undefined,
    threshold?: number,
    params: Record<string, unknown> = {},
    organizations = ["Microsoft"],
  ) => {
    const rule = EVIDENCE_RULES.get(id)!;
    return worded(
      rule.evaluate(
        { evidence, project: project(), organizations, asOf: "2020-06-01" },
        threshold ?? rule.threshold ?? 0,
        params,
      ),
    );
  };

  it("says 'no repository listed' when there is nothing to read", () => {
    assert.deepEqual(evaluate("maintainers", projectEvidence([])), {
      status: "unknown",
      evidence: ["no repository listed in the catalog"],
    });
  });

  it("names the maintainers file, its people and their organizations", () => {
    const v = evaluate(
      "maintainers",
      projectEvidence([
        richRepository(
          "a",
          (r) =>
            void (r.maintainers = {
              file: { how: "file", path: "OWNERS" },
              maintainers: maintainers(3),
              organizations: [],
            }),
        ),
      ]),
      4,
    );
    assert.equal(v.status, "not-met");
    assert.equal(
      v.evidence[0],
      "OWNERS in a@abc1234 lists 3 maintainers: maintainer1 (Microsoft), maintainer2 (Acme), maintainer3 (Globex)",
    );
    assert.equal(v.evidence[1], "3 distinct maintainers; 4 required");
  });

  it(
    "is unknown, with the link or the teams named, when the " +
      "maintainers file only points elsewhere or names teams only",
    () => {
      const pointer = richRepository(
        "a",
        (r) =>
          void (r.maintainers = {
            file: { how: "file", path: "MAINTAINERS" },
            maintainers: [],
            organizations: [],
            unknown: {
              reason: "MAINTAINERS lists no one: it points to https://github.com/o/community/blob/main/MAINTAINERS",
              lowerBound: false,
              pointer: {
                url: "https://github.com/o/community/blob/main/MAINTAINERS",
                line: 3,
                repository: "github.com/o/community",
                path: "MAINTAINERS",
              },
            },
          }),
      );
      for (const id of ["maintainers", "maintainer-organizations", "maintainers-outside-program"]) {
        const v = evaluate(id, projectEvidence([pointer]));
        assert.equal(v.status, "unknown", `${id}: ${v.evidence.join("\n")}`);
        assert.match(
          v.evidence.join("\n"),
          new RegExp(
            String.raw`MAINTAINERS lists no one: it points to https:\/\/github\.com\/o\/community\/blob\/main\/MA` +
              String.raw`INTAINERS in a@abc1234`,
          ),
        );
        assert.doesNotMatch(v.evidence.join("\n"), /lists 0 maintainers/);
      }
      const teams = bareRepository(
        "b",
        (r) =>
          void (r.maintainers = {
            file: { how: "file", path: ".github/CODEOWNERS" },
            maintainers: [],
            organizations: [],
            unknown: {
              reason: ".github/CODEOWNERS names teams only: @o/maintainers",
              lowerBound: false,
              names: ["@o/maintainers"],
            },
          }),
      );
      assert.equal(evaluate("maintainers", projectEvidence([teams])).status, "unknown");
      // Nor is such a file a list of maintainers for the file-presence criterion (maintainers-list).
      for (const repo of [pointer, teams]) {
        const listed = worded(fileVerdict(projectEvidence([repo]), "maintainers"));
        assert.equal(listed.status, "unknown", listed.evidence.join("\n"));
        assert.match(listed.evidence.join("\n"), /lists no one|names teams only/);
      }
      // A lower bound that already reaches the threshold is met; one that does not is unknown.
      const partial = (n: number) =>
        richRepository(
          "c",
          (r) =>
            void (r.maintainers = {
              file: { how: "file", path: "OWNERS" },
              maintainers: maintainers(n),
              organizations: [],
              unknown: {
                reason:
                  "OWNERS also names aliases not defined in OWNERS_ALIASES (sig-x-leads) whose members are not listed",
                lowerBound: true,
                names: ["sig-x-leads"],
              },
            }),
        );
      assert.equal(evaluate("maintainers", projectEvidence([partial(3)]), 2).status, "met");
      const low = evaluate("maintainers", projectEvidence([partial(1)]), 2);
      assert.equal(low.status, "unknown");
      assert.match(
        low.evidence.join("\n"),
        /OWNERS in c@abc1234 lists 1 maintainer: maintainer1 \(Microsoft\)\n.*sig-x-leads/,
      );
    },
  );

  it("unions maintainers across repositories by handle", () => {
    const a = richRepository(
      "a",
      (r) =>
        void (r.maintainers = {
          file: { how: "file", path: "OWNERS" },
          maintainers: maintainers(2),
          organizations: [],
        }),
    );
    const b = richRepository(
      "b",
      (r) =>
        void (r.maintainers = {
          file: { how: "file", path: "MAINTAINERS" },
          maintainers: maintainers(3),
          organizations: [],
        }),
    );
    assert.equal(evaluate("maintainers", projectEvidence([a, b]), 3).status, "met");
    assert.equal(evaluate("maintainers", projectEvidence([a, b]), 4).status, "not-met");
  });

  it(
    "is met on what was read when it already reaches the " + "threshold, unknown when short and a repository failed",
    () => {
      const failures = [{ repository: "b", code: "E_GIT_FAILED" as const, message: "git log failed" }];
      const rich = richRepository("a");
      assert.equal(evaluate("commits-last-12-months", projectEvidence([rich], { failures }), 50).status, "met");
      const v = evaluate("commits-last-12-months", projectEvidence([bareRepository("a")], { failures }), 50);
      assert.equal(v.status, "unknown");
      assert.match(
        v.evidence.join("\n"),
        /0 non-merge commits in the 12 months to 2020-06-01 .*50 required\ncollector failed for b: git log failed/,
      );
    },
  );

  it("sums commits over repositories", () => {
    const repo = (name: string, n: number) =>
      bareRepository(name, (r) => void (r.history = { ...r.history, commitsLast12Months: n }));
    const v = evaluate("commits-last-12-months", projectEvidence([repo("a", 30), repo("b", 25)]), 50);
    assert.equal(v.status, "met");
    assert.match(v.evidence[0]!, /^55 non-merge commits .*\(a@abc1234: 30; b@abc1234: 25\)/);
  });

  it("shows the last semver tag and its date", () => {
    const v = evaluate("semver-releases", projectEvidence([richRepository()]));
    assert.match(v.evidence[0]!, /last semver tag v2\.3\.0 on 2020-05-01/);
  });

  it("says which file is missing at which commit", () => {
    const v = evaluate("files", projectEvidence([bareRepository()]), undefined, { files: ["adopters"] });
    assert.deepEqual(v, { status: "not-met", evidence: ["no ADOPTERS file at repo@abc1234"] });
  });

  it("accepts a README reference as a found file", () => {
    const repo = bareRepository(
      "a",
      (r) =>
        void (r.files = {
          ...r.files,
          governance: {
            how: "readme-reference",
            path: "README.md",
            reference: "Governance",
            url: "https://example.com/gov",
          },
        }),
    );
    const v = evaluate("files", projectEvidence([repo]), undefined, { files: ["governance"] });
    assert.equal(v.status, "met");
    assert.equal(
      v.evidence[0],
      'GOVERNANCE: referenced from README.md ("Governance") → https://example.com/gov in a@abc1234',
    );
  });

  it("counts adopters, and is unknown when the file exists but could not be counted", () => {
    assert.equal(evaluate("adopters", projectEvidence([richRepository()]), 30).status, "met");
    const uncounted = bareRepository(
      "a",
      (r) => void (r.files = { ...r.files, adopters: { how: "file", path: "ADOPTERS.md" } }),
    );
    assert.equal(evaluate("adopters", projectEvidence([uncounted]), 3).status, "unknown");
    // a USERS.md that only points elsewhere: unknown, and the finding says where it points
    const pointer = bareRepository(
      "a",
      (r) =>
        void (r.files = {
          ...r.files,
          adopters: {
            how: "file",
            path: "USERS.md",
            note: "no list of adopters in the file; it links to https://github.com/o/community/blob/main/USERS.md",
          },
        }),
    );
    const p = evaluate("adopters", projectEvidence([pointer]), 3);
    assert.equal(p.status, "unknown");
    assert.deepEqual(p.evidence, [
      "USERS.md in a@abc1234 was found, but its entries could not be counted (no list of " +
        "adopters in the file; it links to https://github.com/o/community/blob/main/USERS.md)",
    ]);
    // a file found through a link, or a folder of release notes, says so
    const linked = bareRepository(
      "a",
      (r) =>
        void (r.files = {
          ...r.files,
          changelog: {
            how: "file",
            path: "CHANGELOG/",
            note: "12 release notes files, e.g. CHANGELOG/CHANGELOG-3.6.md",
          },
        }),
    );
    assert.equal(
      evaluate("files", projectEvidence([linked]), undefined, { files: ["changelog"] }).evidence[0],
      "CHANGELOG: CHANGELOG/ in a@abc1234 (12 release notes files, e.g. CHANGELOG/CHANGELOG-3.6.md)",
    );
    const few = bareRepository(
      "a",
      (r) => void (r.files = { ...r.files, adopters: { how: "file", path: "ADOPTERS.md", count: 2 } }),
    );
    assert.deepEqual(evaluate("adopters", projectEvidence([few]), 3), {
      status: "not-met",
      evidence: ["ADOPTERS.md in a@abc1234 lists 2 adopters; 3 required"],
    });
    const truncated = bareRepository(
      "a",
      (r) =>
        void (r.files = {
          ...r.files,
          adopters: { how: "file", path: "ADOPTERS.md", count: 2, items: ["Acme", "Globex"], truncated: true },
        }),
    );
    const v = evaluate("adopters", projectEvidence([truncated]), 3);
    assert.equal(v.status, "unknown");
    assert.deepEqual(v.evidence.slice(0, 2), [
      "ADOPTERS.md in a@abc1234 lists 2 adopters; 3 required",
      "adopters listed: Acme, Globex",
    ]);
  });

  it("counts only adopters beyond the contributing organizations (program, maintainers, committers)", () => {
    const listing = (items: string[], count = items.length) =>
      projectEvidence([
        bareRepository("a", (r) => {
          r.files = { ...r.files, adopters: { how: "file", path: "ADOPTERS.md", count, items } };
          r.maintainers = {
            file: { how: "file", path: "OWNERS" },
            maintainers: maintainers(2, ["Microsoft", "Acme Corp"]),
            organizations: [],
          };
          r.history = {
            ...r.history,
            organizations: [
              { organization: "Globex", commits: 3, commitShare: 0.1, contributors: 1, contributorShare: 0.1, via: [] },
              {
                organization: "(independent)",
                commits: 1,
                commitShare: 0.1,
                contributors: 1,
                contributorShare: 0.1,
                via: [],
              },
            ],
          };
        }),
      ]);
    const v = evaluate(
      "adopters",
      listing(["Microsoft Corporation", "acme", "Globex Inc.", "Initech", "Microsoft Azure"]),
      3,
    );
    assert.deepEqual(v, {
      status: "not-met",
      evidence: [
        "ADOPTERS.md in a@abc1234 lists 5 adopters, 2 beyond the contributing organizations; 3 required",
        "not counted (contributing organizations): Microsoft Corporation: the program's " +
          "organization Microsoft; acme: maintainers from Acme Corp; Globex Inc.: commits from Globex",
        "adopters listed: Microsoft Corporation, acme, Globex Inc., Initech, Microsoft Azure",
      ],
    });
    assert.equal(
      evaluate("adopters", listing(["Microsoft Corporation", "acme", "Globex Inc.", "Initech", "Microsoft Azure"]), 3, {
        includeContributors: true,
      }).status,
      "met",
    );
    assert.equal(evaluate("adopters", listing(["Initech", "Umbrella", "Hooli", "Microsoft"]), 3).status, "met");
    // entries beyond the listed items cannot be told from contributors: unknown, not met
    assert.equal(evaluate("adopters", listing(["Microsoft", "Initech"], 60), 3).status, "unknown");
  });

  const adoptersIn = (
    name: string,
    items: string[],
    edit?: Parameters<typeof bareRepository>[1],
    count = items.length,
  ) =>
    bareRepository(name, (r) => {
      r.files = { ...r.files, adopters: { how: "file", path: "ADOPTERS.md", count, items } };
      edit?.(r);
    });

  it("unites the adopters of every repository by name, naming each file", () => {
    const beta = adoptersIn("repos/beta", ["Initech"]);
    const alpha = adoptersIn("repos/alpha", ["initech, inc.", "Umbrella", "Hooli", "Vandelay"]);
    const v = evaluate("adopters", projectEvidence([beta, alpha]), 3);
    assert.equal(v.status, "met", v.evidence.join("\n"));
    assert.deepEqual(v.evidence.slice(0, 3), [
      "ADOPTERS.md in repos/beta@abc1234 lists 1 adopter",
      "ADOPTERS.md in repos/alpha@abc1234 lists 4 adopters",
      "4 distinct adopters named across 2 files; 3 required",
    ]);
    assert.equal(evaluate("adopters", projectEvidence([beta, alpha]), 5).status, "not-met");
    // a repository without an ADOPTERS file does not stop the others' from counting
    const v2 = evaluate("adopters", projectEvidence([bareRepository("repos/gamma"), alpha]), 3);
    assert.equal(v2.status, "met", v2.evidence.join("\n"));
    assert.ok(v2.evidence.includes("no ADOPTERS file at repos/gamma@abc1234"));
  });

  it("is unknown when another repository's adopters could not be read or counted and the count falls short", () => {
    const alpha = adoptersIn("repos/alpha", ["Umbrella", "Hooli"]);
    const uncounted = bareRepository(
      "repos/beta",
      (r) => void (r.files = { ...r.files, adopters: { how: "file", path: "ADOPTERS.md" } }),
    );
    const v = evaluate("adopters", projectEvidence([alpha, uncounted]), 3);
    assert.equal(v.status, "unknown", v.evidence.join("\n"));
    assert.match(
      v.evidence.join("\n"),
      /ADOPTERS\.md in repos\/beta@abc1234 was found, but its entries could not be counted/,
    );
    const unread = bareRepository(
      "repos/beta",
      (r) => void (r.files = { ...r.files, adopters: { how: "unreadable" } }),
    );
    assert.equal(evaluate("adopters", projectEvidence([alpha, unread]), 3).status, "unknown");
    assert.equal(evaluate("adopters", projectEvidence([alpha, unread]), 2).status, "met");
    // entries past the listed items in one file may or may not repeat another file's
    const more = adoptersIn("repos/beta", ["Hooli"], undefined, 3);
    assert.equal(evaluate("adopters", projectEvidence([alpha, more]), 4).status, "unknown");
  });

  it("excludes committers' organizations known only by email domain, by the domain's stem, and says why", () => {
    const share = (organization: string, commitShare: number) => ({
      organization,
      commits: Math.round(commitShare * 100),
      commitShare,
      contributors: 1,
      contributorShare: 0.5,
      via: [`domain ${organization}`],
    });
    const repo = adoptersIn(
      "a",
      ["Acme Corp", "Initech", "Umbrella", "Red Hat, Inc."],
      (r) =>
        void (r.history = {
          ...r.history,
          organizations: [share("acme.com", 0.6), share("redhat.com", 0.1), share("(independent)", 0.3)],
        }),
    );
    const v = evaluate("adopters", projectEvidence([repo]), 3, {}, []);
    assert.equal(v.status, "not-met", v.evidence.join("\n"));
    assert.equal(
      v.evidence[0],
      "ADOPTERS.md in a@abc1234 lists 4 adopters, 2 beyond the contributing organizations; 3 required",
    );
    assert.equal(
      v.evidence[1],
      "not counted (contributing organizations): Acme Corp: commits " +
        "from acme.com; Red Hat, Inc.: commits from redhat.com",
    );
    // a subdomain or a country-code domain names the same organization; a longer name does not
    const sub = adoptersIn(
      "a",
      ["Acme", "Acme Retail"],
      (r) => void (r.history = { ...r.history, organizations: [share("eu.acme.co.uk", 1)] }),
    );
    assert.match(
      evaluate("adopters", projectEvidence([sub]), 3, {}, []).evidence[1]!,
      /^not counted \(contributing organizations\): Acme: commits from eu\.acme\.co\.uk$/,
    );
  });

  it("tells maintainers outside the program, and is unknown when organizations are unknown", () => {
    const withPeople = (orgs: (string | undefined)[]) =>
      projectEvidence([
        bareRepository(
          "a",
          (r) =>
            void (r.maintainers = {
              file: { how: "file", path: "OWNERS" },
              maintainers: maintainers(orgs.length, orgs),
              organizations: [],
            }),
        ),
      ]);
    assert.equal(evaluate("maintainers-outside-program", withPeople(["Microsoft", "Acme"])).status, "met");
    assert.equal(evaluate("maintainers-outside-program", withPeople(["Microsoft", "microsoft"])).status, "not-met");
    assert.equal(
      evaluate("maintainers-outside-program", withPeople(["Microsoft Corp.", "MICROSOFT CORPORATION"])).status,
      "not-met",
      "one organization however it is written",
    );
    assert.equal(evaluate("maintainers-outside-program", withPeople(["Microsoft", undefined])).status, "unknown");
    assert.equal(evaluate("maintainers-outside-program", withPeople(["Acme"]), 1, {}, []).status, "unknown");
    assert.equal(evaluate("maintainer-organizations", withPeople(["Microsoft", "Acme"]), 2).status, "met");
    assert.equal(evaluate("maintainer-organizations", withPeople(["Microsoft", "Microsoft"]), 2).status, "not-met");
  });

  it("tells a CLA from a DCO", () => {
    const dco = projectEvidence([
      bareRepository(
        "a",
        (r) => void (r.files = { ...r.files, dcoOrCla: { how: "file", path: ".github/dco.yml", kind: "dco" } }),
      ),
    ]);
    assert.equal(evaluate("contributor-agreement", dco, undefined, { kind: "cla" }).status, "not-met");
    assert.equal(evaluate("contributor-agreement", dco, undefined, { kind: "dco" }).status, "met");
    assert.equal(evaluate("contributor-agreement", dco, undefined, {}).status, "met");
  });

  it("reads channels from the catalog, unknown when the cell is raw", () => {
    const rule = EVIDENCE_RULES.get("communication-channels")!;
    const raw = rule.evaluate(
      {
        evidence: undefined,
        project: project({ channels: { raw: "same slack" } }),
        organizations: [],
        asOf: "2020-06-01",
      },
      1,
      {},
    );
    assert.equal(raw.status, "unknown");
  });
});

describe("communication channels", () => {
  const rule = EVIDENCE_RULES.get("communication-channels")!;
  const judge = (channels: Project["channels"]) =>
    worded(
      rule.evaluate(
        { evidence: undefined, project: project({ channels }), organizations: [], asOf: "2020-06-01" },
        1,
        {},
      ),
    );

  it("counts only channels with a URL; free text alone is unknown, with why", () => {
    const text = judge([{ text: "same slack and email" }]);
    assert.equal(text.status, "unknown");
    assert.deepEqual(text.evidence, [
      "the catalog lists 0 channels with a link; 1 required",
      'free text without a link does not show a public channel: "same slack and ' +
        'email"; give the channel as { kind, label, url } in the catalog, or attest it',
    ]);
    assert.equal(
      judge([{ text: "see #demo" }, { kind: "slack", label: "#demo", url: "https://slack.example.com/demo" }]).status,
      "met",
    );
    assert.equal(judge([]).status, "not-met");
    assert.equal(judge(undefined).status, "not-met");
  });

  it("when the catalog names no channel, the channels the README links to count, said to come from it", () => {
    const withReadme = projectEvidence([
      bareRepository(
        "repo",
        (r) =>
          void (r.files = {
            ...r.files,
            channels: {
              count: 2,
              items: ["slack https://slack.example.org/p", "discussions https://github.com/o/p/discussions"],
              source: { repository: "repo", commit: "c0ffee", path: "README.md" },
            },
          }),
      ),
    ]);
    const judgeWith = (channels: Project["channels"], evidence: ProjectEvidence | undefined) =>
      worded(rule.evaluate({ evidence, project: project({ channels }), organizations: [], asOf: "2020-06-01" }, 1, {}));
    const v = judgeWith(undefined, withReadme);
    assert.equal(v.status, "met");
    assert.match(
      v.evidence[0]!,
      new RegExp(
        String.raw`^the catalog lists no channels for .*; the README links 2 channels: slack https:\/\/slack\.exa` +
          String.raw`mple\.org\/p \(from README\.md in repo`,
      ),
    );
    assert.equal(judgeWith([{ text: "same slack" }], withReadme).status, "met");
    // the catalog's own links come first; a README without channels changes nothing
    assert.match(
      judgeWith([{ kind: "slack", label: "#p", url: "https://slack.example.org/p" }], withReadme).evidence[0]!,
      /^the catalog lists 1 channel with a link/,
    );
    const none = projectEvidence([
      bareRepository("repo", (r) => void (r.files = { ...r.files, channels: { count: 0, items: [] } })),
    ]);
    assert.equal(judgeWith(undefined, none).status, "not-met");
  });

  it("no longer meets the CNCF public-channel criteria from free text on a project with no repositories", () => {
    const cncf = frameworks.get("cncf")!;
    const a = assess({
      project: project({ repositories: [], channels: [{ text: "same slack and email" }] }),
      evidence: projectEvidence([]),
      framework: cncf,
      declared: { kind: "none" },
      program: PROGRAM,
      asOf: "2020-06-01",
    });
    const channelFindings = a.findings.filter((f) => f.criterionId.endsWith(".public-channel"));
    assert.equal(channelFindings.length, 2);
    for (const f of channelFindings) assert.equal(f.status, "unknown", f.evidence.join("\n"));
    assert.equal(a.counts.met + a.counts.attested, 0);
  });
});

// previous-stage criteria are decided from the earlier stage's findings: exercise each one.
for (const framework of frameworks.values()) {
  describe(`every previous-stage criterion of ${framework.id}`, () => {
    const everything = Object.fromEntries(
      allCriteria(framework).map((c) => [c.id, { status: "met" as const, by: "toc", date: "2020-01-01" }]),
    );
    const run = (attestations: Record<string, { status: "met" | "not-met"; by: string; date: string }>) =>
      assess({
        project: project({ attestations }),
        evidence: projectEvidence([richRepository()]),
        framework,
        declared: { kind: "none" },
        program: PROGRAM,
        asOf: "2020-06-01",
      });
    for (const criterion of allCriteria(framework).filter((c) => c.rule?.id === PREVIOUS_STAGE_RULE)) {
      it(
        `${criterion.id}: met when the earlier stage is, not met when ` +
          `one of its criteria is attested not met, unknown when unattested`,
        () => {
          const all = run(everything);
          assert.equal(all.findings.find((f) => f.criterionId === criterion.id)!.status, "met");
          assert.equal(all.supported, framework.stages.at(-1)!.id);
          const earlier = framework.stages[framework.stages.findIndex((s) => s.id === criterion.stage) - 1]!;
          const attestable = earlier.criteria.find((c) => c.decided === "attestation" && c.requirement === "must")!;
          const one = run({ ...everything, [attestable.id]: { status: "not-met", by: "toc", date: "2020-01-01" } });
          assert.equal(one.findings.find((f) => f.criterionId === criterion.id)!.status, "not-met");
          assert.equal(run({}).findings.find((f) => f.criterionId === criterion.id)!.status, "unknown");
        },
      );
    }
  });
}
