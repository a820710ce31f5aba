import assert from "node:assert/strict";
import { it } from "node:test";
import type { OrganizationShare, RepositoryEvidence } from "../evidence/index.js";
import { INDEPENDENT } from "../evidence/index.js";
import { momentumText } from "../maturity/index.js";
import { richRepository } from "../maturity/testing.js";
import { momentumBetween } from "./momentum.js";

const share = (organization: string): OrganizationShare =>
  ({ organization, commits: 1, share: 0.5 }) as unknown as OrganizationShare;

function repo(name: string, commits: number, organizations: string[]): RepositoryEvidence {
  const r = richRepository();
  return {
    ...r,
    repository: name,
    history: { ...r.history, commitsLast12Months: commits, organizationsLast12Months: organizations.map(share) },
  };
}

const dates = { since: "2026-07-01", asOf: "2026-10-01" };
const snap = (evidence: RepositoryEvidence, asOf: string) => ({ asOf, commit: evidence.commit, evidence });

it("sums commits and releases over repositories, counts organizations once each, and leaves people unknown", () => {
  const m = momentumBetween(
    "fleet",
    [
      {
        repository: "a",
        before: snap(repo("a", 10, ["Acme", INDEPENDENT]), "2026-06-30"),
        after: snap(repo("a", 14, ["Acme", "Contoso"]), "2026-09-30"),
      },
      {
        repository: "b",
        before: snap(repo("b", 5, ["Acme", "Globex"]), "2026-06-30"),
        after: snap(repo("b", 3, ["Contoso"]), "2026-09-30"),
      },
    ],
    dates,
  );
  const figure = (metric: string) => m.figures.find((f) => f.metric === metric)!;
  assert.deepEqual([figure("commits").before, figure("commits").after, figure("commits").direction], [15, 17, "rose"]);
  // Acme, Globex → Acme, Contoso: the union of names, never the sum (Acme is in both repositories)
  assert.deepEqual([figure("organizations").before, figure("organizations").after], [2, 2]);
  assert.deepEqual(m.organizations, { joined: ["Contoso"], left: ["Globex"] });
  assert.equal(figure("contributors").direction, "unknown");
  assert.match(figure("contributors").unknown!, /does not add up over 2 repositories/);
  assert.deepEqual(
    m.repositories.map((r) => [r.repository, r.before?.asOf, r.after?.asOf]),
    [
      ["a", "2026-06-30", "2026-09-30"],
      ["b", "2026-06-30", "2026-09-30"],
    ],
  );
  const text = momentumText(m);
  assert.match(text, /^momentum 2026-07-01 → 2026-10-01: commits in the last 12 months 15 → 17 \(\+2\)/);
  assert.match(text, /organizations in the last 12 months 2 → 2 \(new: Contoso; gone: Globex\)/);
  assert.match(text, /contributors in the last 12 months unknown \(contributors does not add up over 2 repositories\)/);
});

it("says a side without stored evidence is unknown, and names no organization as joined or left then", () => {
  const m = momentumBetween(
    "fleet",
    [{ repository: "a", before: undefined, after: snap(repo("a", 4, ["Acme"]), "2026-09-30") }],
    dates,
  );
  assert.ok(m.figures.every((f) => f.direction === "unknown" && f.before === null && f.delta === null));
  assert.match(m.figures[0]!.unknown!, /no stored evidence of a as of 2026-07-01/);
  assert.equal(m.organizations, undefined);
  assert.equal(m.unknown, undefined);
});
