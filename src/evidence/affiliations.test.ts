import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { INDEPENDENT, loadAffiliations, resolveAffiliation, resolveLogin } from "./affiliations.js";
import { tempDir } from "./testing.js";

const at = (date: string): number => Date.parse(date + "T00:00:00Z") / 1000;

function files(contents: Record<string, string>): { paths: string[]; cleanup: () => void; dir: string } {
  const { dir, cleanup } = tempDir();
  const paths = Object.entries(contents).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  return { paths, cleanup, dir };
}

test("developers_affiliations: a commit counts for the organization valid on its date", () => {
  const f = files({
    "developers_affiliations1.txt": [
      "# comment",
      "jdoe: jdoe!acme.io, john!gmail.com",
      "\tAcme until 2019-01-01",
      "\tGlobex from 2019-01-01 until 2021-06-01",
      "\tInitech from 2021-06-01",
      "solo: solo!example.org",
      "\tIndependent",
      "",
    ].join("\n"),
  });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(issues, []);
    assert.deepEqual(resolveAffiliation(rules, "JDoe@acme.io", at("2018-05-01")), { organization: "Acme", via: "developers_affiliations1.txt:3" });
    assert.equal(resolveAffiliation(rules, "john@gmail.com", at("2020-01-01")).organization, "Globex");
    assert.equal(resolveAffiliation(rules, "jdoe@acme.io", at("2021-06-01")).organization, "Initech");
    assert.equal(resolveAffiliation(rules, "solo@example.org", at("2020-01-01")).organization, INDEPENDENT);
    assert.equal(resolveLogin(rules, "@jdoe", at("2020-01-01"))?.organization, "Globex");
  } finally {
    f.cleanup();
  }
});

test("email-map: user and domain rules, '< date' ends a period, later lines take over", () => {
  const f = files({ "email-map": ["# gitdm email-map", "boss!big.com Big Board", "big.com Old Big < 2015-01-01", "big.com New Big", "tiny.io\tTiny Inc."].join("\n") });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(issues, []);
    assert.deepEqual(resolveAffiliation(rules, "boss@big.com", at("2010-01-01")), { organization: "Big Board", via: "email-map:2" });
    assert.deepEqual(resolveAffiliation(rules, "dev@big.com", at("2014-12-31")), { organization: "Old Big", via: "email-map:3" });
    assert.deepEqual(resolveAffiliation(rules, "dev@big.com", at("2015-01-01")), { organization: "New Big", via: "email-map:4" });
    assert.equal(resolveAffiliation(rules, "x@tiny.io", 0).organization, "Tiny Inc.");
  } finally {
    f.cleanup();
  }
});

test("falls back to the email domain, and public mail domains count as independent", () => {
  const { rules } = loadAffiliations([]);
  assert.deepEqual(resolveAffiliation(rules, "a@microsoft.com", 0), { organization: "microsoft.com", via: "domain microsoft.com" });
  assert.deepEqual(resolveAffiliation(rules, "a@gmail.com", 0), { organization: INDEPENDENT, via: "public domain gmail.com" });
  assert.equal(resolveAffiliation(rules, "123+a@users.noreply.github.com", 0).organization, INDEPENDENT);
  assert.equal(resolveAffiliation(rules, "no-at-sign", 0).organization, "(unknown)");
});

test("reports a malformed line with file:line and goes on", () => {
  const f = files({
    "developers_affiliations2.txt": ["\tOrphan Org", "jdoe jdoe!acme.io", "ok: ok!acme.io", "\tAcme from 2020-13-45", "\tAcme"].join("\n"),
    "email-map": ["good.com Good", "justonefield"].join("\n"),
  });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity, i.file, i.line]),
      [
        ["E_AFFILIATIONS_SYNTAX", "warning", f.paths[0], 1],
        ["E_AFFILIATIONS_SYNTAX", "warning", f.paths[0], 2],
        ["E_AFFILIATIONS_SYNTAX", "warning", f.paths[0], 4],
        ["E_AFFILIATIONS_SYNTAX", "warning", f.paths[1], 2],
      ],
    );
    assert.match(issues[2]!.message, /"2020-13-45" is not a date/);
    // The good lines around the bad ones still count.
    assert.equal(resolveAffiliation(rules, "ok@acme.io", 0).organization, "Acme");
    assert.equal(resolveAffiliation(rules, "a@good.com", 0).organization, "Good");
  } finally {
    f.cleanup();
  }
});

test("a missing affiliations file is an error issue, and the hash changes with content", () => {
  const f = files({ "email-map": "a.com A\n" });
  try {
    const missing = loadAffiliations([join(f.dir, "nope.txt")]);
    assert.equal(missing.issues[0]?.code, "E_FILE_NOT_FOUND");
    assert.equal(missing.issues[0]?.severity, "error");
    const one = loadAffiliations(f.paths).rules.hash;
    writeFileSync(f.paths[0]!, "a.com B\n");
    assert.notEqual(loadAffiliations(f.paths).rules.hash, one);
  } finally {
    f.cleanup();
  }
});

test("email-map: a domain rule covers its subdomains, the most specific rule first", () => {
  const f = files({ "email-map": "ibm.com IBM\nresearch.ibm.com IBM Research\n" });
  try {
    const { rules } = loadAffiliations(f.paths);
    assert.deepEqual(resolveAffiliation(rules, "jo@us.ibm.com", at("2020-01-01")), { organization: "IBM", via: "email-map:1" });
    assert.deepEqual(resolveAffiliation(rules, "al@zurich.research.ibm.com", at("2020-01-01")), { organization: "IBM Research", via: "email-map:2" });
    assert.deepEqual(resolveAffiliation(rules, "x@notibm.com", at("2020-01-01")), { organization: "notibm.com", via: "domain notibm.com" });
  } finally {
    f.cleanup();
  }
});

test("a period whose from date is not before its until date is reported with file:line, and the rest counts", () => {
  const f = files({ "developers_affiliations1.txt": "jo: jo!acme.io\n\tAcme from 2020-01-01 until 2019-01-01\n\tGlobex from 2020-01-01\n" });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(issues.map((i) => [i.code, i.line, i.severity]), [["E_AFFILIATIONS_SYNTAX", 2, "warning"]]);
    assert.match(issues[0]!.message, /"from 2020-01-01" is not before "until 2019-01-01"/);
    assert.equal(resolveAffiliation(rules, "jo@acme.io", at("2021-01-01")).organization, "Globex");
  } finally {
    f.cleanup();
  }
});
