import assert from "node:assert/strict";
import { test } from "node:test";
import type { Issue } from "../core/errors.js";
import {
  isHostLocalDomain,
  NAME_RANK,
  organizationKey,
  OrganizationNames,
  ownerLabel,
  parseCompanyNamesMapping,
} from "./organization-names.js";

test("organizationKey: case, punctuation, spaces and legal suffixes do not make another organization", () => {
  for (const name of [
    "Microsoft",
    "microsoft",
    "Microsoft Corporation",
    "Microsoft Corp.",
    "MICROSOFT, Inc.",
    " Microsoft  Corp ",
  ])
    assert.equal(organizationKey(name), "microsoft", name);
  assert.equal(organizationKey("Red Hat, Inc."), organizationKey("RedHat"));
  assert.equal(organizationKey("Acme GmbH"), "acme");
  assert.equal(organizationKey("Globex Ltd."), "globex");
  assert.equal(organizationKey("Initech LLC"), "initech");
  assert.equal(organizationKey("Co"), "co", "a name that is only a suffix stays");
  assert.equal(organizationKey("Cisco Systems"), "ciscosystems", "only legal forms are dropped");
  assert.equal(organizationKey("..."), "");
});

test("the display name: the program's spelling, then the alias file's, then the shortest seen", () => {
  const names = new OrganizationNames();
  names.add("Microsoft Corporation", NAME_RANK.seen);
  names.add("Microsoft Corp.", NAME_RANK.seen);
  assert.equal(names.nameOf("microsoft"), "Microsoft Corp.");
  names.alias("MSFT", "Microsoft Inc");
  assert.equal(names.nameOf("MSFT"), "Microsoft Inc");
  names.add("Microsoft", NAME_RANK.program);
  for (const n of ["MSFT", "Microsoft Corporation", "microsoft corp"]) assert.equal(names.nameOf(n), "Microsoft", n);
  assert.equal(names.nameOf("Unknown Co"), "Unknown Co", "a name no source knows is kept as written");
});

test("company-names-mapping: `Alias -> Canonical` lines, bad lines are warnings, cycles end", () => {
  const names = new OrganizationNames();
  const issues: Issue[] = [];
  parseCompanyNamesMapping(
    [
      "# aliases",
      "Amazon Web Services -> Amazon",
      "AWS -> Amazon Web Services",
      "no arrow here",
      "Loop A -> Loop B",
      "Loop B -> Loop A",
      "",
    ].join("\n"),
    "company-names-mapping",
    names,
    issues,
  );
  assert.equal(names.nameOf("AWS"), "Amazon");
  assert.equal(names.nameOf("amazon web services, inc."), "Amazon");
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.line, 4);
  // An alias cycle ends, and both of its names resolve to one organization.
  assert.equal(names.nameOf("Loop A"), names.nameOf("Loop B"));
});

test("host-local domains and owner labels", () => {
  for (const d of [
    "laptop.local",
    "box.lan",
    "localhost",
    "localhost.localdomain",
    "ubuntu-vbox",
    "(none)",
    "host.(none)",
    "10.0.2.15",
    "db.internal",
    "mbp.home",
  ])
    assert.equal(isHostLocalDomain(d), true, d);
  for (const d of ["acme.io", "home.org.au", "example.co.uk", "local.dev"])
    assert.equal(isHostLocalDomain(d), false, d);
  assert.equal(ownerLabel("microsoft.com"), "microsoft");
  assert.equal(ownerLabel("us.ibm.com"), "ibm");
  assert.equal(ownerLabel("acme.co.uk"), "acme");
  assert.equal(ownerLabel("localhost"), undefined);
});
