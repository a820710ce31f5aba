import assert from "node:assert/strict";
import { test } from "node:test";
import { githubNoreplyLogin, isBot, matchesBotPattern } from "./bots.js";

test("the bots real repositories carry are bots", () => {
  const bots: [string, string][] = [
    ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"],
    ["github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"],
    ["renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"],
    ["Kubernetes Prow Robot", "20407524+k8s-ci-robot@users.noreply.github.com"],
    ["Kubernetes Prow Robot", "k8s-ci-robot@users.noreply.github.com"],
    ["Kubernetes Submit Queue", "k8s-merge-robot@users.noreply.github.com"],
    ["fluxcdbot", "fluxcdbot@users.noreply.github.com"],
    ["Flux project bot", "53427796+fluxcdbot@users.noreply.github.com"],
    ["Release Helper", "1234+l5d-bot@users.noreply.github.com"],
    ["Mend Renovate", "bot@renovateapp.com"],
    ["GitHub Actions Bot", "action@github.com"],
    ["Snyk bot", "github+bot@snyk.io"],
    ["Copilot", "198982749+Copilot@users.noreply.github.com"],
  ];
  for (const [name, email] of bots) assert.equal(isBot(name, email), true, `${name} <${email}>`);
});

test("people whose names or logins merely contain 'bot' are people", () => {
  const people: [string, string][] = [
    ["Robert Botham", "robert@example.org"],
    ["abbot", "1234+abbot@users.noreply.github.com"],
    ["talbot", "talbot@users.noreply.github.com"],
    ["Ryan Talbot", "4523072+RyanTalbot@users.noreply.github.com"],
    ["Tim Smith", "timbot@example.com"],
    ["JesseBot", "jessebot@example.net"],
    ["Jane Bot", "jane.bot@example.org"],
    ["botieking98", "botieking@example.com"],
    ["Sylvain Rabot", "sylvain@example.fr"],
  ];
  for (const [name, email] of people) assert.equal(isBot(name, email), false, `${name} <${email}>`);
});

test("program.bots: whole, case-insensitive matches of name, email or login; * for any run of characters", () => {
  assert.equal(isBot("PrometheusBot", "team@example.org"), false);
  assert.equal(isBot("PrometheusBot", "team@example.org", ["prometheusbot"]), true);
  assert.equal(isBot("Release Robot Of Ours", "team@example.org", ["TEAM@example.org"]), true);
  assert.equal(isBot("KEDA Automation", "94457271+keda-automation@users.noreply.github.com", ["*-automation"]), true);
  assert.equal(isBot("Prometheus Dev", "dev@example.org", ["prometheus"]), false, "no partial match without *");
  assert.equal(matchesBotPattern("a*b*c", "axxbyyc"), true);
  assert.equal(matchesBotPattern("a*b*c", "acb"), false);
  assert.equal(matchesBotPattern("*bot*", "robots"), true);
  assert.equal(matchesBotPattern("ab*ba", "aba"), false, "prefix and suffix may not overlap");
  // Linear: a long value against many stars ends at once.
  assert.equal(matchesBotPattern("*a*a*a*a*a*a*b", "a".repeat(100_000)), false);
});

test("githubNoreplyLogin reads both noreply forms", () => {
  assert.equal(githubNoreplyLogin("12345+JDoe@users.noreply.github.com"), "jdoe");
  assert.equal(githubNoreplyLogin("jdoe@users.noreply.github.com"), "jdoe");
  assert.equal(githubNoreplyLogin("jdoe@example.com"), undefined);
  assert.equal(githubNoreplyLogin("a+b@users.noreply.github.com"), "a+b", "only a numeric id before + is stripped");
});
