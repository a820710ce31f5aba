/**
 * Builds a self-contained demo program: three real git repositories with a few years of
 * history by people of several companies, tags and community files, an affiliations file in
 * gitdm's format, and a catalog pointing at them by relative path. Everything is local, so
 * `collect` and `assess` show real evidence with no network.
 *
 *   npm run demo -- [DIR]        (default: ./upstream-demo)
 *
 * Deterministic: the same DIR content every run (commit ids included).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CATALOG_SCHEMA_REF, schemaFiles } from "../../src/cli/schema-files.js";
import { buildRepo, type FixtureCommit } from "../../src/evidence/testing.js";

const dir = resolve(process.argv[2] ?? "upstream-demo");
if (existsSync(join(dir, "upstream.yaml")) && !existsSync(join(dir, ".upstream-demo"))) {
  process.stderr.write(`${dir} holds a catalog that is not a demo; choose another folder\n`);
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, "repos"), { recursive: true });
writeFileSync(join(dir, ".upstream-demo"), "made by examples/demo/make-demo.ts\n");

const MIT =
  "MIT License\n\nCopyright (c) Contoso\n\nPermission is hereby granted, " +
  "free of charge, to any person obtaining a copy\nof this software...\n";
const PEOPLE = {
  ann: "Ann Lee <ann@microsoft.com>",
  raj: "Raj Patel <raj@microsoft.com>",
  mia: "Mia Chen <mia.chen@acme.io>",
  tom: "Tom Berg <tberg@contoso.com>",
  eve: "Eve Ortiz <eve.ortiz@gmail.com>",
  kai: "Kai Novak <kai@users.noreply.github.com>",
};

/** One commit every `stepDays` from `start`, rotating through `authors`, with `files` in the first. */
function history(
  start: string,
  count: number,
  stepDays: number,
  authors: readonly string[],
  first: FixtureCommit["files"],
  tags: Record<number, string> = {},
  extra: Record<number, FixtureCommit["files"]> = {},
): FixtureCommit[] {
  const t0 = Date.parse(start + "T12:00:00Z");
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(t0 + i * stepDays * 86_400_000).toISOString(),
    author: authors[(i * 7 + Math.floor(i / 3)) % authors.length]!,
    message: `change ${i + 1}`,
    files: { ...(i === 0 ? first : {}), ...(extra[i] ?? {}), [`src/change-${i % 40}.go`]: `package main // ${i}\n` },
    ...(tags[i] ? { tag: tags[i] } : {}),
  }));
}

// Fleet Manager: three years old, four companies, OWNERS approvers from two, adopters, governance.
buildRepo(
  join(dir, "repos", "fleet-manager"),
  history(
    "2023-09-01",
    420,
    2.6,
    [PEOPLE.ann, PEOPLE.raj, PEOPLE.mia, PEOPLE.tom, PEOPLE.eve, PEOPLE.ann, PEOPLE.kai],
    {
      LICENSE: MIT,
      "README.md":
        "# Fleet Manager\n\n[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/4242/badge)]" +
        "(https://www.bestpractices.dev/projects/4242)\n\nManage " +
        "fleets of clusters.\n\n## Roadmap\n\nSee [ROADMAP](https://github.com/contoso/fleet-manager/projects/1).\n",
      "CONTRIBUTING.md": "# Contributing\n\nSign off your commits (DCO).\n",
      "CODE_OF_CONDUCT.md":
        "# Code of Conduct\n\nThis project has adopted the Microsoft Open Source Code of Conduct.\n",
      "SECURITY.md": "# Security\n\nReport vulnerabilities to secure@contoso.com.\n",
      "GOVERNANCE.md": "# Governance\n\nMaintainers are listed in OWNERS; decisions by lazy consensus.\n",
      OWNERS: "approvers:\n  - annlee\n  - rajpatel\n  - miachen\nreviewers:\n  - tberg\n",
      "ADOPTERS.md": "# Adopters\n\n- Contoso Retail\n- Fabrikam Bank\n- Northwind Traders\n- Woodgrove Energy\n",
      "CHANGELOG.md": "# Changelog\n",
      ".github/workflows/ci.yml":
        "on: [pull_request]\njobs: { test: { runs-on: ubuntu-latest, steps: [{ run: go test ./... }] } }\n",
      ".github/dependabot.yml": "version: 2\n",
      ".github/ISSUE_TEMPLATE/bug.md": "---\nname: Bug\n---\n",
      ".github/pull_request_template.md": "## What this PR does\n",
      ".golangci.yml": "linters: { enable: [govet] }\n",
      "pkg/fleet/fleet_test.go": "package fleet\n",
      "pkg/fleet/scheduler_test.go": "package fleet\n",
    },
    { 40: "v0.1.0", 120: "v0.2.0", 210: "v0.3.0", 300: "v1.0.0", 360: "v1.1.0", 400: "v1.2.0" },
  ),
);

// Policy Agent: CNCF sandbox; one company so far, no adopters file yet.
buildRepo(
  join(dir, "repos", "policy-agent"),
  history(
    "2025-03-10",
    90,
    6,
    [PEOPLE.raj, PEOPLE.ann, PEOPLE.kai],
    {
      LICENSE: "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n",
      "README.md": "# Policy Agent\n\nAdmission policies for Kubernetes.\n",
      "CONTRIBUTING.md": "# Contributing\n",
      "MAINTAINERS.md": "# Maintainers\n\n- @rajpatel\n- @annlee\n",
      ".github/workflows/test.yml": "on: [push]\n",
      "policy/policy_test.go": "package policy\n",
    },
    { 30: "v0.1.0", 70: "v0.2.0" },
  ),
);

// Edge Toolkit: a two-month-old experiment.
buildRepo(
  join(dir, "repos", "edge-toolkit"),
  history("2026-09-01", 24, 3, [PEOPLE.ann], { "README.md": "# Edge Toolkit\n\nExperiments at the edge.\n" }),
);

writeFileSync(
  join(dir, "developers_affiliations.txt"),
  [
    "# gitdm format: login: emails (with ! for @), then the organizations over time",
    "annlee: ann!microsoft.com",
    "\tMicrosoft",
    "rajpatel: raj!microsoft.com",
    "\tMicrosoft",
    "miachen: mia.chen!acme.io",
    "\tAcme Corp",
    "tberg: tberg!contoso.com",
    "\tFabrikam until 2024-06-30",
    "\tContoso from 2024-07-01",
    "kai: kai!users.noreply.github.com",
    "\tIndependent",
    "",
  ].join("\n"),
);

writeFileSync(
  join(dir, "upstream.yaml"),
  `# yaml-language-server: $schema=${CATALOG_SCHEMA_REF}
apiVersion: upstream/v1
program:
  name: Contoso Cloud Native Upstream
  usedInTitle: Use on Contoso Cloud
  organizations: [Microsoft]
  affiliations: [developers_affiliations.txt]
  frameworks: { Azure: azcnu-v0.1, CNCF: cncf }
personas:
  - { id: cluster-management, title: Cluster Management }
  - { id: security, title: Security & Governance }
projects:
  - id: fleet-manager
    name: Fleet Manager
    persona: cluster-management
    home: https://github.com/contoso/fleet-manager
    goal: Manage fleets of Kubernetes clusters
    state: { framework: Azure, level: incubating }
    versions: { label: API, items: [{ version: v1beta1 }] }
    channels:
      - { kind: slack, label: "#fleet-manager", url: "https://kubernetes.slack.com/archives/C0FLEET" }
      - { kind: issues, label: GitHub issues, url: "https://github.com/contoso/fleet-manager/issues" }
    repositories: [repos/fleet-manager]
    attestations:
      sandbox.best-effort-support:
        { status: met, by: toc, date: 2024-01-15, link: "https://github.com/contoso/upstream/issues/3" }
      sandbox.msft-sponsor: { status: met, by: jdoe, date: 2024-01-15 }
      sandbox.project-proposal:
        { status: met, by: toc, date: 2024-01-15, link: "https://github.com/contoso/upstream/issues/3" }
      incubating.best-effort-support: { status: met, by: toc, date: 2025-10-01 }
      incubating.due-diligence:
        { status: met, by: toc, date: 2025-10-01, link: "https://github.com/contoso/upstream/issues/21" }
      incubating.issues-and-prs: { status: met, by: toc, date: 2025-10-01 }
      incubating.versioning-scheme: { status: met, by: toc, date: 2025-10-01 }
      incubating.security-review: { status: met, by: secteam, date: 2025-09-12, expires: 2026-09-12 }
      incubating.telemetry: { status: met, by: toc, date: 2025-10-01 }
  - id: policy-agent
    name: Policy Agent
    persona: security
    home: https://github.com/contoso/policy-agent
    goal: Admission policies for Kubernetes
    state: { framework: CNCF, level: sandbox }
    repositories: [repos/policy-agent]
  - id: edge-toolkit
    name: Edge Toolkit
    persona: cluster-management
    goal: Experiments at the edge
    state: { framework: Azure, level: sandbox }
    repositories: [repos/edge-toolkit]
announcements:
  - { date: 2026-10-01, project: fleet-manager, announcement: Fleet Manager 1.2 released }
`,
);

// The schema the catalog names, beside it.
for (const [path, text] of schemaFiles(dir)) writeFileSync(path, text);

// The TOC and its past review are invented for the demo: no such people, votes or decisions exist.
mkdirSync(join(dir, "governance", "reviews"), { recursive: true });
writeFileSync(
  join(dir, "governance", "toc.yaml"),
  `# INVENTED for the demo program: these members, terms and votes are not real people or decisions.
apiVersion: upstream/v1
rule: {fraction: 2/3, of: members}
members:
  - {name: Ann Lee (invented), handle: ann-lee, organization: Microsoft, role: chair, term: {from: 2024-01-01}}
  - {name: Bo Park (invented), handle: bo-park, organization: Acme Corp, term: {from: 2024-01-01}}
  - {name: Cy Diaz (invented), handle: cy-diaz, organization: Contoso, term: {from: 2024-01-01}}
  - {name: Di Eze (invented), handle: di-eze, organization: independent, term: {from: 2024-01-01}}
  - {name: Ed Fox (invented), handle: ed-fox, organization: Fabrikam, term: {from: 2024-01-01, until: 2026-06-30}}
  - {name: Flo Gray (invented), handle: flo-gray, organization: Northwind, term: {from: 2024-01-01}}
`,
);
writeFileSync(
  join(dir, "governance", "reviews", "2025-Q4.yaml"),
  `# INVENTED for the demo program: a past quarter's review, to show the format and the history.
apiVersion: upstream/v1
id: 2025-Q4
opened: 2025-10-01
closed: 2025-12-15
due: [fleet-manager, policy-agent, edge-toolkit]
notes:
  fleet-manager: Three adopters in production; due diligence done (invented).
motions:
  - id: fleet-manager-incubating
    kind: promote
    project: fleet-manager
    level: incubating
    proposer: ann-lee
    date: 2025-10-01
    rationale: Meets the incubating guidelines; due diligence linked (invented).
    links: [https://github.com/contoso/upstream/issues/21]
    votes:
      - {member: ann-lee, vote: yes, date: 2025-10-20}
      - {member: bo-park, vote: yes, date: 2025-10-20}
      - {member: cy-diaz, vote: yes, date: 2025-10-20}
      - {member: di-eze, vote: yes, date: 2025-10-21}
      - {member: ed-fox, vote: no, date: 2025-10-21}
      - {member: flo-gray, vote: abstain, date: 2025-10-22}
    result: passed
  - id: edge-toolkit-incubating
    kind: promote
    project: edge-toolkit
    level: incubating
    proposer: bo-park
    date: 2025-10-02
    rationale: Asked for by its maintainers (invented).
    votes:
      - {member: ann-lee, vote: no, date: 2025-10-20}
      - {member: bo-park, vote: yes, date: 2025-10-20}
      - {member: cy-diaz, vote: no, date: 2025-10-20}
      - {member: di-eze, vote: yes, date: 2025-10-21}
      - {member: ed-fox, vote: no, date: 2025-10-21}
      - {member: flo-gray, vote: yes, date: 2025-10-22}
    result: failed
`,
);

process.stderr.write(`demo program written to ${dir}\ntry: upstream assess --catalog ${dir}\n`);
