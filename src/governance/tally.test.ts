import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_RULE, normalizeRule, tally, type VotingRule } from "./tally.js";
import type { VoteChoice } from "./schema.js";

const votes = (yes: number, no: number, abstain = 0): VoteChoice[] => [
  ...Array<VoteChoice>(yes).fill("yes"),
  ...Array<VoteChoice>(no).fill("no"),
  ...Array<VoteChoice>(abstain).fill("abstain"),
];

describe("the 2/3 supermajority, in whole numbers", () => {
  it("4 yes of 6 voting members is 2/3 and passes", () => {
    const t = tally(votes(4, 2), 6, DEFAULT_RULE);
    assert.equal(t.passes, true);
    assert.equal(t.needed, 4);
    assert.match(t.explanation, /4 yes of 6 voting members ≥ 2\/3 \(4 needed\)/);
  });
  it("3 yes of 5 voting members is below 2/3 and fails", () => {
    const t = tally(votes(3, 2), 5, DEFAULT_RULE);
    assert.equal(t.passes, false);
    assert.equal(t.needed, 4);
    assert.match(t.explanation, /3 yes of 5 voting members < 2\/3/);
  });
  it("of the members: a member who does not vote counts against", () => {
    assert.equal(tally(votes(4, 0), 7, DEFAULT_RULE).passes, false);
    assert.equal(tally(votes(5, 0), 7, DEFAULT_RULE).passes, true);
  });
  it("of the votes cast: abstentions are left out of the base", () => {
    const rule = normalizeRule({ of: "votes-cast" });
    const t = tally(votes(2, 1, 3), 9, rule);
    assert.equal(t.base, 3);
    assert.equal(t.passes, true);
    assert.equal(tally(votes(0, 0, 3), 9, rule).passes, false, "no yes or no vote: nothing decided");
  });
  it("a quorum, as a count or a fraction of the voting members (rounded up)", () => {
    const count = normalizeRule({ of: "votes-cast", quorum: 4 });
    assert.equal(tally(votes(3, 0), 9, count).passes, false);
    assert.equal(tally(votes(3, 0, 1), 9, count).passes, true, "an abstention takes part");
    const half = normalizeRule({ of: "votes-cast", quorum: "1/2" });
    assert.equal(tally(votes(4, 0), 9, half).quorum, 5);
    assert.equal(tally(votes(4, 0), 9, half).passes, false);
    assert.match(tally(votes(4, 0), 9, half).explanation, /no quorum/);
  });
  it("no voting member: nothing passes", () => {
    assert.equal(tally([], 0, DEFAULT_RULE).passes, false);
  });
});

const arbitraryRule: fc.Arbitrary<VotingRule> = fc
  .record({
    of: fc.constantFrom("members" as const, "votes-cast" as const),
    quorum: fc.option(fc.oneof(fc.nat(12), fc.constantFrom("1/2", "2/3", "1/3", "3/4")), { nil: undefined }),
  })
  .map((r) => normalizeRule({ fraction: "2/3", of: r.of, quorum: r.quorum }));

describe("property: a motion passes iff 3·yes ≥ 2·base (base > 0) and the quorum took part", () => {
  it("holds for every count of members and votes, under either base and any quorum", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(20), arbitraryRule, (yes, no, abstain, absent, rule) => {
        const members = yes + no + abstain + absent;
        const t = tally(votes(yes, no, abstain).reverse(), members, rule);
        const base = rule.of === "members" ? members : yes + no;
        const took = yes + no + abstain;
        const q = rule.quorum;
        const quorum = !q
          ? 0
          : "count" in q
            ? q.count
            : // smallest n with n/members ≥ a/b, found by counting up (independent of the code's formula)
              Array.from({ length: members + 1 }, (_, n) => n).find(
                (n) => n * q.fraction.denominator >= q.fraction.numerator * members,
              )!;
        const expected = base > 0 && 3 * yes >= 2 * base && took >= quorum;
        assert.equal(t.passes, expected, `${yes}/${no}/${abstain} of ${members}, ${JSON.stringify(rule)}`);
        // the yes votes needed are the fewest that pass the fraction
        if (base > 0) {
          assert.ok(3 * t.needed >= 2 * base);
          assert.ok(3 * (t.needed - 1) < 2 * base);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it("any fraction a/b: passes iff yes·b ≥ a·base, exactly at the boundary", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(60), (a, b, members) => {
        fc.pre(a <= b);
        const rule = normalizeRule({ fraction: `${a}/${b}` });
        // the boundary: the fewest yes that pass, and one fewer
        const needed = tally([], members, rule).needed;
        if (members === 0) return;
        assert.equal(tally(votes(needed, members - needed), members, rule).passes, true);
        if (needed > 0) assert.equal(tally(votes(needed - 1, members - needed + 1), members, rule).passes, false);
        assert.ok(needed * b >= a * members && (needed - 1) * b < a * members);
      }),
      { numRuns: 1000 },
    );
  });
});
