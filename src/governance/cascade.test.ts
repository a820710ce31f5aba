import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nextCascadeStep, runCascade } from "./cascade.js";
import { PROGRAM_LADDER } from "./testing.js";

describe("the admission cascade", () => {
  it("votes the preferred level, then each lower level in turn, until one passes", () => {
    const r = runCascade(PROGRAM_LADDER, "graduated", (stage) => stage === "sandbox");
    assert.deepEqual(r.voted, ["graduated", "incubating", "sandbox"]);
    assert.deepEqual(r.outcome, { kind: "admitted", stage: "sandbox" });
  });
  it("stops at the first level that passes", () => {
    const r = runCascade(PROGRAM_LADDER, "graduated", (stage) => stage !== "graduated");
    assert.deepEqual(r.voted, ["graduated", "incubating"]);
    assert.deepEqual(r.outcome, { kind: "admitted", stage: "incubating" });
  });
  it("rejects when even the first stage fails", () => {
    const r = runCascade(PROGRAM_LADDER, "incubating", () => false);
    assert.deepEqual(r.voted, ["incubating", "sandbox"]);
    assert.deepEqual(r.outcome, { kind: "rejected" });
  });
  it("says what comes next from the results so far", () => {
    assert.deepEqual(nextCascadeStep(PROGRAM_LADDER, "graduated", []), { kind: "vote", stage: "graduated" });
    assert.deepEqual(nextCascadeStep(PROGRAM_LADDER, "graduated", [false]), { kind: "vote", stage: "incubating" });
    assert.throws(() => nextCascadeStep(PROGRAM_LADDER, "stable", []), /not a stage of azcnu-v0.1/);
  });
  it(
    "property: the levels voted descend one at a time from the preferred one; the outcome is the first that " +
      "passed",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom("sandbox", "incubating", "graduated"),
          fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
          (preferred, passes) => {
            const ids = PROGRAM_LADDER.stages.map((s) => s.id);
            const r = runCascade(PROGRAM_LADDER, preferred, (stage) => passes[ids.indexOf(stage)]!);
            const start = ids.indexOf(preferred);
            r.voted.forEach((stage, i) => assert.equal(ids.indexOf(stage), start - i));
            const passed = ids
              .slice(0, start + 1)
              .reverse()
              .find((s) => passes[ids.indexOf(s)]);
            assert.deepEqual(r.outcome, passed ? { kind: "admitted", stage: passed } : { kind: "rejected" });
          },
        ),
      );
    },
  );
});
