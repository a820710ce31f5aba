import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { INDEPENDENT, loadAffiliations, personKey, resolveAffiliation, resolveLogin, UNKNOWN } from "./affiliations.js";
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
    assert.deepEqual(resolveAffiliation(rules, "JDoe@acme.io", at("2018-05-01")), {
      organization: "Acme",
      via: "developers_affiliations1.txt:3",
      basis: "rule",
    });
    assert.equal(resolveAffiliation(rules, "john@gmail.com", at("2020-01-01")).organization, "Globex");
    assert.equal(resolveAffiliation(rules, "jdoe@acme.io", at("2021-06-01")).organization, "Initech");
    assert.equal(resolveAffiliation(rules, "solo@example.org", at("2020-01-01")).organization, INDEPENDENT);
    assert.equal(resolveLogin(rules, "@jdoe", at("2020-01-01"))?.organization, "Globex");
  } finally {
    f.cleanup();
  }
});

test("email-map: user and domain rules, '< date' ends a period, later lines take over", () => {
  const f = files({
    "email-map": [
      "# gitdm email-map",
      "boss!big.com Big Board",
      "big.com Old Big < 2015-01-01",
      "big.com New Big",
      "tiny.io\tTiny Inc.",
    ].join("\n"),
  });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(issues, []);
    assert.deepEqual(resolveAffiliation(rules, "boss@big.com", at("2010-01-01")), {
      organization: "Big Board",
      via: "email-map:2",
      basis: "rule",
    });
    assert.deepEqual(resolveAffiliation(rules, "dev@big.com", at("2014-12-31")), {
      organization: "Old Big",
      via: "email-map:3",
      basis: "rule",
    });
    assert.deepEqual(resolveAffiliation(rules, "dev@big.com", at("2015-01-01")), {
      organization: "New Big",
      via: "email-map:4",
      basis: "rule",
    });
    assert.equal(resolveAffiliation(rules, "x@tiny.io", 0).organization, "Tiny Inc.");
  } finally {
    f.cleanup();
  }
});

test("falls back to the email domain, and public mail domains count as independent", () => {
  const { rules } = loadAffiliations([]);
  assert.deepEqual(resolveAffiliation(rules, "a@microsoft.com", 0), {
    organization: "microsoft.com",
    via: "domain microsoft.com",
    basis: "domain",
  });
  assert.deepEqual(resolveAffiliation(rules, "a@gmail.com", 0), {
    organization: INDEPENDENT,
    via: "public domain gmail.com",
    basis: "public",
  });
  assert.equal(resolveAffiliation(rules, "123+a@users.noreply.github.com", 0).organization, INDEPENDENT);
  assert.equal(resolveAffiliation(rules, "no-at-sign", 0).organization, "(unknown)");
});

test("reports a malformed line with file:line and goes on", () => {
  const f = files({
    "developers_affiliations2.txt": [
      "\tOrphan Org",
      "jdoe jdoe!acme.io",
      "ok: ok!acme.io",
      "\tAcme from 2020-13-45",
      "\tAcme",
    ].join("\n"),
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
    assert.match(issues[2]!.message, /the date after 'from' is not written YYYY-MM-DD/);
    for (const i of issues)
      assert.doesNotMatch(i.message, /jdoe|2020-13-45|justonefield|Orphan/, "no content of the file is echoed");
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
    assert.deepEqual(resolveAffiliation(rules, "jo@us.ibm.com", at("2020-01-01")), {
      organization: "IBM",
      via: "email-map:1",
      basis: "rule",
    });
    assert.deepEqual(resolveAffiliation(rules, "al@zurich.research.ibm.com", at("2020-01-01")), {
      organization: "IBM Research",
      via: "email-map:2",
      basis: "rule",
    });
    assert.deepEqual(resolveAffiliation(rules, "x@notibm.com", at("2020-01-01")), {
      organization: "notibm.com",
      via: "domain notibm.com",
      basis: "domain",
    });
  } finally {
    f.cleanup();
  }
});

test("a period whose from date is not before its until date is reported with file:line, and the rest counts", () => {
  const f = files({
    "developers_affiliations1.txt":
      "jo: jo!acme.io\n\tAcme from 2020-01-01 until 2019-01-01\n\tGlobex from 2020-01-01\n",
  });
  try {
    const { rules, issues } = loadAffiliations(f.paths);
    assert.deepEqual(
      issues.map((i) => [i.code, i.line, i.severity]),
      [["E_AFFILIATIONS_SYNTAX", 2, "warning"]],
    );
    assert.match(issues[0]!.message, /its 'from' date is not before its 'until' date/);
    assert.equal(resolveAffiliation(rules, "jo@acme.io", at("2021-01-01")).organization, "Globex");
  } finally {
    f.cleanup();
  }
});

test("program organizations carry their domains; the plain-name form still names its domain", () => {
  const { rules } = loadAffiliations([], {
    organizations: [{ name: "Microsoft", domains: ["microsoft.com", "github.com"] }, "Globex"],
  });
  assert.deepEqual(resolveAffiliation(rules, "dev@github.com", 0), {
    organization: "Microsoft",
    via: "program.organizations",
    basis: "rule",
  });
  assert.deepEqual(resolveAffiliation(rules, "dev@eu.microsoft.com", 0), {
    organization: "Microsoft",
    via: "program.organizations",
    basis: "rule",
  });
  // No domain listed: the domain whose owner label is the name is that organization.
  assert.deepEqual(resolveAffiliation(rules, "dev@globex.com", 0), {
    organization: "Globex",
    via: "domain globex.com (named like Globex)",
    basis: "named-domain",
  });
  assert.equal(resolveAffiliation(rules, "dev@initech.com", 0).organization, "initech.com");
  assert.notEqual(rules.hash, "none", "the program's organizations change results, so they are hashed");
});

test("one organization however it is written: legal suffixes, case and a company-names-mapping file", () => {
  const f = files({
    "developers_affiliations1.txt": [
      "ann: ann!mail.example",
      "\tMicrosoft Corporation",
      "bob: bob!mail.example",
      "\tmicrosoft corp.",
      "cy: cy!mail.example",
      "\tAWS",
      "",
    ].join("\n"),
    "email-map": "msft.example Microsoft, Inc.\n",
    "company-names-mapping": "# gitdm style\nAWS -> Amazon\nAmazon.com -> Amazon\n",
  });
  try {
    const { rules, issues } = loadAffiliations(f.paths, { organizations: ["Microsoft"] });
    assert.deepEqual(issues, []);
    const orgOf = (email: string): string => resolveAffiliation(rules, email, 0).organization;
    assert.equal(orgOf("ann@mail.example"), "Microsoft", "the program's spelling is shown");
    assert.equal(orgOf("bob@mail.example"), "Microsoft");
    assert.equal(orgOf("dev@msft.example"), "Microsoft");
    assert.equal(orgOf("dev@microsoft.com"), "Microsoft");
    assert.equal(orgOf("cy@mail.example"), "Amazon", "the alias file's canonical name");
    assert.equal(orgOf("dev@amazon.com"), "Amazon");
  } finally {
    f.cleanup();
  }
});

test("a host-local domain is never an organization", () => {
  const { rules } = loadAffiliations([]);
  for (const email of [
    "me@laptop.local",
    "me@box.lan",
    "root@localhost",
    "me@ubuntu-vbox",
    "me@host.(none)",
    "me@db.internal",
    "me@10.0.2.15",
  ]) {
    assert.equal(resolveAffiliation(rules, email, 0).organization, UNKNOWN, email);
  }
  assert.match(resolveAffiliation(rules, "me@laptop.local", 0).via, /^host-local domain laptop\.local$/);
});

test("a GitHub noreply address is its login's: same organization, same person as the header's addresses", () => {
  const f = files({ "developers_affiliations1.txt": "jdoe: jdoe!acme.io, john!gmail.com\n\tAcme\n" });
  try {
    const { rules } = loadAffiliations(f.paths);
    assert.deepEqual(resolveAffiliation(rules, "12345+JDoe@users.noreply.github.com", 0), {
      organization: "Acme",
      via: "developers_affiliations1.txt:2",
      basis: "rule",
    });
    assert.equal(personKey(rules, "12345+jdoe@users.noreply.github.com").key, "jdoe@acme.io");
    assert.equal(personKey(rules, "john@gmail.com").key, "jdoe@acme.io");
    assert.deepEqual(personKey(rules, "jdoe@acme.io"), { key: "jdoe@acme.io" });
    assert.equal(
      personKey(rules, "777+other@users.noreply.github.com").key,
      "other@users.noreply.github.com",
      "both noreply forms of a login are one",
    );
    assert.equal(personKey(rules, "x@example.org").key, "x@example.org");
  } finally {
    f.cleanup();
  }
});

test("the rules' hash changes with everything that changes results: bots, organization domains, aliases", () => {
  const f = files({
    "company-names-mapping": "AWS -> Amazon\n",
    "company-names-mapping-2": "AWS -> Amazon Web Services\n",
  });
  try {
    const hashes = [
      loadAffiliations([]).rules.hash,
      loadAffiliations([], { bots: ["ci-robot@example.org"] }).rules.hash,
      loadAffiliations([], { bots: ["other@example.org"] }).rules.hash,
      loadAffiliations([], { organizations: ["Microsoft"] }).rules.hash,
      loadAffiliations([], { organizations: [{ name: "Microsoft", domains: ["github.com"] }] }).rules.hash,
      loadAffiliations([f.paths[0]!]).rules.hash,
      loadAffiliations([f.paths[1]!]).rules.hash,
    ];
    assert.equal(new Set(hashes).size, hashes.length, hashes.join(" "));
    assert.equal(loadAffiliations([], { bots: [], organizations: [] }).rules.hash, "none");
  } finally {
    f.cleanup();
  }
});

test("a file with no line in the format (a secret named by mistake) is one error that echoes none of it", () => {
  const f = files({
    "secret.env": "DB_PASSWORD=hunter2\nAPI_TOKEN=abc123\n\n# comment\n",
    "email-map": "PASSWORD=hunter2\n",
    "company-names-mapping": "root:x:0:0:root:/root:/bin/bash\n",
  });
  try {
    const { issues } = loadAffiliations(f.paths);
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity]),
      [
        ["E_AFFILIATIONS_FORMAT", "error"],
        ["E_AFFILIATIONS_FORMAT", "error"],
        ["E_AFFILIATIONS_FORMAT", "error"],
      ],
    );
    assert.match(
      issues[0]!.message,
      /secret\.env is not a gitdm developers_affiliations file: none of its 2 lines is in that format/,
    );
    for (const i of issues) assert.doesNotMatch(`${i.message} ${i.hint}`, /hunter2|abc123|root:x/);
  } finally {
    f.cleanup();
  }
});

test("only regular files are read as affiliations, and a long email-map line is no rule", () => {
  const f = files({ "email-map": "good.com Good\n" + "x ".repeat(50_000) + "< 2020-01-01\n" });
  try {
    const { rules, issues } = loadAffiliations([...f.paths, f.dir, "/dev/zero"]);
    assert.equal(resolveAffiliation(rules, "a@good.com", 0).organization, "Good");
    assert.deepEqual(
      issues.map((i) => [i.code, i.line ?? null]),
      [
        ["E_AFFILIATIONS_SYNTAX", 2],
        ["E_FILE_UNREADABLE", null],
        ["E_FILE_UNREADABLE", null],
      ],
    );
    assert.match(issues[2]!.message, /not a regular file \(a character device\)/);
  } finally {
    f.cleanup();
  }
});
