/**
 * Bots are not people: their commits are counted apart and never make a contributor, an
 * organization's share, the elephant factor or the contributor absence factor.
 *
 * An identity (name and email after mailmap) is a bot when:
 * - its name or email contains `[bot]` (GitHub App accounts: `dependabot[bot]`);
 * - one of its handles — the GitHub login of a `[12345+]login@users.noreply.github.com`
 *   address, the email's local part, the name when it is one word — is a well-known bot
 *   (`dependabot`, `renovate`, `github-actions`, `k8s-ci-robot`, …), or ends in a separated
 *   `bot` / `robot` (`l5d-bot`, `k8s-merge-robot`, `snyk-bot`), or is `bot` itself;
 * - its GitHub login ends in `bot` after at least four other characters and the account
 *   looks like a bot's — its name is the login itself, or ends in the word "bot"
 *   (`fluxcdbot`, "Flux project bot"); so `abbot`, and `RyanTalbot` writing as "Ryan
 *   Talbot", stay people;
 * - its email is a bot's well-known address (`bot@renovateapp.com`, `action@github.com`);
 * - it matches `program.bots`: each entry is compared, case-insensitively, with the name,
 *   the email and the GitHub login, whole; `*` matches any run of characters
 *   (`PrometheusBot`, `prometheus-team@googlegroups.com`, `*-automation`).
 *
 * A name of several words ending in "Bot" is not enough (Bot is a surname too).
 */

const KNOWN_BOT_HANDLES = new Set([
  "dependabot",
  "dependabot-preview",
  "renovate",
  "renovatebot",
  "github-actions",
  "github-action",
  "k8s-ci-robot",
  "k8s-merge-robot",
  "k8s-infra-ci-robot",
  "k8s-triage-robot",
  "k8s-release-robot",
  "copilot",
  "copilot-swe-agent",
  "greenkeeper",
  "greenkeeperio-bot",
  "mergify",
  "codecov",
  "imgbot",
  "allcontributors",
  "pre-commit-ci",
  "web-flow",
  "snyk-bot",
  "pyup-bot",
  "depfu",
  "whitesource-bolt-for-github",
  "step-security-bot",
]);

const KNOWN_BOT_EMAILS = new Set([
  "bot@renovateapp.com",
  "action@github.com",
  "noreply@github.com",
  "github-actions@github.com",
  "support@dependabot.com",
  "bot@stepsecurity.io",
]);

// Not "." : `jane.bot@example.org` is how a person surnamed Bot writes first.last.
const SEPARATED_SUFFIXES = ["-bot", "_bot", "+bot", "-robot", "_robot"];

/**
 * The GitHub login of a noreply address, lower-cased: `12345+jdoe@users.noreply.github.com`
 * and `jdoe@users.noreply.github.com` → `jdoe`; undefined for any other address.
 */
export function githubNoreplyLogin(email: string): string | undefined {
  const lower = email.toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at <= 0 || lower.slice(at + 1) !== "users.noreply.github.com") return undefined;
  const local = lower.slice(0, at);
  const plus = local.indexOf("+");
  const login = plus >= 0 && /^\d+$/.test(local.slice(0, plus)) ? local.slice(plus + 1) : local;
  return login === "" ? undefined : login;
}

/** A `program.bots` entry: exact, case-insensitive, with `*` for any run of characters. */
export function matchesBotPattern(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  if (!p.includes("*")) return p === v;
  // Greedy glob with `*` only: prefix, suffix, and the middle parts in order (linear, no backtracking).
  const parts = p.split("*");
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  if (v.length < head.length + tail.length || !v.startsWith(head) || !v.endsWith(tail)) return false;
  let pos = head.length;
  const end = v.length - tail.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === "") continue;
    const found = v.indexOf(part, pos);
    if (found < 0 || found + part.length > end) return false;
    pos = found + part.length;
  }
  return true;
}

function isBotHandle(handle: string): boolean {
  if (handle === "bot" || handle === "robot" || KNOWN_BOT_HANDLES.has(handle)) return true;
  return SEPARATED_SUFFIXES.some((s) => handle.endsWith(s) && handle.length > s.length);
}

/**
 * Is `name <email>` a bot? `patterns` are the program's own (`program.bots`).
 *
 * @example
 * isBot("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com") // true
 * isBot("Abbot Smith", "abbot@example.org") // false
 */
export function isBot(name: string, email: string, patterns: readonly string[] = []): boolean {
  const lowerName = name.trim().toLowerCase();
  const lowerEmail = email.trim().toLowerCase();
  if (lowerName.includes("[bot]") || lowerEmail.includes("[bot]")) return true;
  if (KNOWN_BOT_EMAILS.has(lowerEmail)) return true;
  const login = githubNoreplyLogin(lowerEmail);
  const at = lowerEmail.lastIndexOf("@");
  const local = at > 0 ? lowerEmail.slice(0, at).replace(/^\d+\+/, "") : "";
  const handles = [login, local, /\s/.test(lowerName) ? undefined : lowerName].filter(
    (h): h is string => h !== undefined && h !== "",
  );
  if (handles.some(isBotHandle)) return true;
  // `fluxcdbot`, but not `RyanTalbot` writing as "Ryan Talbot": the account must look like one.
  if (login?.endsWith("bot") && login.length >= 7 && (lowerName === login || /(?:^|\s)bot$/.test(lowerName)))
    return true;
  return patterns.some(
    (p) =>
      matchesBotPattern(p, lowerName) ||
      matchesBotPattern(p, lowerEmail) ||
      (login !== undefined && matchesBotPattern(p, login)),
  );
}
