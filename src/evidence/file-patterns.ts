/**
 * Where projects put their community files and how a README may point at them instead,
 * after CNCF's CLOMonitor. Names are matched case-insensitively with any extension, in the
 * root, `docs/` and `.github/`.
 */

/** Folders searched for community files, in order of preference. */
export const COMMUNITY_DIRS = ["", "docs/", ".github/"] as const;

/**
 * Folders searched for the governance, security, adopters, roadmap and changelog files: moby keeps its governance in
 * `project/`.
 */
export const PROJECT_DIRS = [...COMMUNITY_DIRS, "project/"] as const;

/**
 * Folders of release notes, one file per release: Kubernetes-style `CHANGELOG/CHANGELOG-1.30.md`, containerd's
 * `releases/v2.0.0.toml`.
 */
export const RELEASE_NOTES_DIRS = /^(docs\/)?(changelogs?|releases|release[-_]?notes)\/$/i;
/** A release-notes file inside such a folder is named by its version: `CHANGELOG-1.30.md`, `v1.11.7.md`. */
export const VERSIONED_NAME = /v?\d+\.\d+/;

/**
 * Adopters kept as website data (`website/data/adopters.yaml`, a Hugo site's `data/adopters/1-main.yaml`), anywhere
 * outside vendored trees.
 */
export const ADOPTER_DATA_FILES = /(^|\/)adopters(\.|\/[^/]+\.)(ya?ml|json)$/i;

export const FILE_PATTERNS = {
  license: /^(licen[sc]e|copying)([.\-_].*)?$/i,
  readme: /^readme(\..*)?$/i,
  contributing: /^contributing(\..*)?$/i,
  codeOfConduct: /^code[-_]?of[-_]?conduct(\..*)?$/i,
  security: /^security([-_]contacts|[-_]policy)?(\..*)?$/i,
  governance: /^governance(\..*)?$/i,
  adopters: /^(adopters|users)(\.(md|markdown|txt|rst|adoc|asciidoc))?$/i,
  roadmap: /^roadmap(\..*)?$/i,
  changelog: /^(changelog|changes|news)(\..*)?$/i,
  maintainers: /^(owners|maintainers|codeowners)(\..*)?$/i,
  issueTemplate: /^issue_template(\..*)?$/i,
  pullRequestTemplate: /^pull_request_template(\..*)?$/i,
} as const;

/** README headings or link texts that count as the file (CLOMonitor accepts these). */
export const README_REFERENCES = {
  contributing: /contributing|how to contribute/i,
  codeOfConduct: /code of conduct/i,
  // A heading or link text about reporting vulnerabilities ("Reporting security issues",
  // "Security policy"); a link or heading that merely says "security" ("security advisors",
  // "Security audit") is none. See SECURITY_HEADING for a bare "Security" heading.
  security: new RegExp(
    "security (policy|policies|contacts?|reporting|disclosure|issues|vulnerabilit)|" +
      "report(ing)? (a |an )?(security )?(vulnerabilit|issue|bug|problem)|" +
      "vulnerabilit(y|ies) (reporting|disclosure|report|management)|" +
      "(responsible|coordinated) disclosure|disclosure policy|^security vulnerabilities$",
    "i",
  ),
  governance: /governance/i,
  adopters: /adopters/i,
  roadmap: /roadmap/i,
  changelog: /changelog|release notes/i,
} as const;

/** A README heading that, with content under it, is a security policy: "Security", "Vulnerabilities". */
export const SECURITY_HEADING = /^(security|vulnerabilities|security vulnerabilities)$/i;

/** Channels a README links to, by URL: host (and path) → kind. */
export const CHANNEL_KINDS: readonly (readonly [string, (host: string, path: string) => boolean])[] = [
  ["slack", (h) => h === "slack.com" || h.endsWith(".slack.com") || h.startsWith("slack.")],
  [
    "discord",
    (h, p) =>
      h === "discord.gg" || ((h === "discord.com" || h === "discordapp.com") && /^\/(invite|channels)\//.test(p)),
  ],
  ["matrix", (h) => h === "matrix.to" || h === "app.element.io"],
  [
    "mailing-list",
    (h, p) =>
      (h === "groups.google.com" && /^\/(g|forum|a)\//.test(p)) ||
      h.endsWith(".googlegroups.com") ||
      h === "groups.io" ||
      h.endsWith(".groups.io") ||
      (h.startsWith("lists.") && p.length > 1) ||
      p.includes("/mailman/listinfo/"),
  ],
  [
    "discussions",
    (h, p) => h === "github.com" && /^\/[^/]+\/[^/]+\/discussions\/?$|^\/orgs\/[^/]+\/discussions\/?$/.test(p),
  ],
  ["gitter", (h) => h === "gitter.im" || h === "app.gitter.im"],
  ["zulip", (h) => h.endsWith(".zulipchat.com")],
  ["forum", (h) => h.startsWith("discuss.") || h.startsWith("forum.")],
];

/** Channel kinds named by a link's text, for links whose host says nothing (short links). */
export const CHANNEL_TEXTS: readonly (readonly [string, RegExp])[] = [
  ["slack", /\bslack\b/i],
  ["discord", /\bdiscord\b/i],
  ["mailing-list", /mailing[- ]list|google group/i],
  ["matrix", /\bmatrix\b/i],
  ["gitter", /\bgitter\b/i],
];

/** CI systems by the files that configure them. */
export const CI_SYSTEMS: readonly (readonly [string, RegExp])[] = [
  ["github-actions", /^\.github\/workflows\/[^/]+\.ya?ml$/i],
  ["prow", /^(\.prow\.ya?ml|\.prow\/.+|prow\/config\.ya?ml)$/i],
  ["azure-pipelines", /^(azure-pipelines[^/]*\.ya?ml|\.azure-pipelines\/.+\.ya?ml|\.pipelines\/.+\.ya?ml)$/i],
  ["travis", /^\.travis\.ya?ml$/i],
  ["circleci", /^\.circleci\/config\.ya?ml$/i],
  ["gitlab-ci", /^\.gitlab-ci\.ya?ml$/i],
  ["jenkins", /^jenkinsfile$/i],
  ["appveyor", /^\.?appveyor\.ya?ml$/i],
  ["cirrus-ci", /^\.cirrus\.ya?ml$/i],
  ["buildkite", /^\.buildkite\/.+/i],
];

/** Lint configuration file names (any folder). */
export const LINT_FILES = new RegExp(
  String.raw`(^|\/)(\.golangci\.(ya?ml|toml|json)|\.eslintrc(\.[a-z]+)?|eslint\.config\.[cm]?[jt]s|` +
    String.raw`\.pylintrc|pylintrc|\.flake8|ruff\.toml|\.ruff\.toml|\.markdownlint(-cli2)?(\.[a-z]+)?|` +
    String.raw`\.yamllint(\.ya?ml)?|tslint\.json|\.rubocop\.ya?ml|\.hadolint\.ya?ml|\.shellcheckrc|biome\.jsonc?|` +
    String.raw`clippy\.toml|\.clippy\.toml|\.stylelintrc(\.[a-z]+)?|\.swiftlint\.ya?ml|\.prettierrc(\.[a-z]+)?|` +
    String.raw`\.editorconfig-checker\.json|\.golint|revive\.toml|\.revive\.toml|checkstyle\.xml)$`,
  "i",
);

/** Test file names, by the conventions of the common languages. */
export const TEST_FILES = new RegExp(
  String.raw`(_test\.go|\.(test|spec)\.[cm]?[jt]sx?|(^|\/)test_[^/]+\.py|_test\.py|(Test|Tests|IT)\.(java|kt|scala)|` +
    String.raw`Tests?\.cs|_spec\.rb|_test\.rb|(^|\/)tests\/[^/]+\.rs|_test\.(exs|cc|cpp|c)|Test\.php|_test\.dart|` +
    String.raw`(^|\/)test_[^/]+\.(c|cc|cpp|sh|bats)|\.bats)$`,
);

export const DCO_FILES = /^(\.github\/dco\.ya?ml|dco(\.md|\.txt)?|\.dco\.ya?ml)$/i;
export const CLA_FILES =
  /^(\.clabot|\.github\/cla\.ya?ml|cla(\.md|\.txt)?|\.cla\.json|cla\.json|\.github\/workflows\/cla\.ya?ml)$/i;

export const DEPENDENCY_BOTS: readonly (readonly ["dependabot" | "renovate", RegExp])[] = [
  ["dependabot", /^\.github\/dependabot\.ya?ml$/i],
  ["renovate", /^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/i],
];

/** OpenSSF Best Practices badge URL; group 1 is the project id. */
export const BEST_PRACTICES_BADGE =
  /(?:bestpractices\.coreinfrastructure\.org|bestpractices\.dev)\/(?:[a-z]{2}(?:-[A-Za-z]+)?\/)?projects\/(\d+)/i;

/** SPDX ids of common licenses, recognised by phrases from their texts (first match wins). */
const LICENSE_TEXTS: readonly (readonly [string, RegExp])[] = [
  ["Apache-2.0", /apache license[\s,]*version 2\.0/i],
  ["MPL-2.0", /mozilla public license,? (version|v\.?) ?2\.0/i],
  ["AGPL-3.0", /gnu affero general public license\s+version 3/i],
  ["LGPL-3.0", /gnu lesser general public license\s+version 3/i],
  ["LGPL-2.1", /gnu lesser general public license\s+version 2\.1/i],
  ["GPL-3.0", /gnu general public license\s+version 3/i],
  ["GPL-2.0", /gnu general public license\s+version 2/i],
  ["EPL-2.0", /eclipse public license - v 2\.0/i],
  ["BSD-3-Clause", /redistribution and use in source and binary forms[\s\S]*neither the name/i],
  ["BSD-2-Clause", /redistribution and use in source and binary forms/i],
  ["MIT", /permission is hereby granted, free of charge/i],
  ["ISC", /permission to use, copy, modify, and(\/or)? distribute this software for any purpose/i],
  ["Unlicense", /this is free and unencumbered software released into the public domain/i],
  ["CC0-1.0", /cc0 1\.0 universal/i],
  ["BSL-1.0", /boost software license - version 1\.0/i],
];

/** The SPDX id of a license text, if it is one of the common ones. */
export function detectSpdx(text: string): string | undefined {
  const spdxLine = /SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)/.exec(text);
  if (spdxLine) return spdxLine[1];
  for (const [id, re] of LICENSE_TEXTS) if (re.test(text)) return id;
  return undefined;
}
