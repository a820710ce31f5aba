import type { FrameworkLadder } from "./model.js";
import { stageIndex } from "./ladder.js";

/** What the admission cascade calls for next. */
export type CascadeStep =
  | { readonly kind: "vote"; readonly stage: string }
  | { readonly kind: "admitted"; readonly stage: string }
  | { readonly kind: "rejected" };

/**
 * The admission cascade of the guidelines' Process: a project from outside is voted at its
 * preferred level; if that fails, each lower level in turn; if even the first stage (sandbox)
 * fails, it is rejected, with an opinion the TOC writes. Given the results so far (in order),
 * the next step. A result after the cascade ended is ignored (the checks report it).
 * @example nextCascadeStep(azcnu, "graduated", [false]) // { kind: "vote", stage: "incubating" }
 */
export function nextCascadeStep(ladder: FrameworkLadder, preferred: string, results: readonly boolean[]): CascadeStep {
  const start = stageIndex(ladder, preferred);
  if (start < 0) throw new RangeError(`'${preferred}' is not a stage of ${ladder.id}`);
  for (let i = 0; i < results.length; i++) {
    const stage = ladder.stages[start - i]!.id;
    if (results[i]) return { kind: "admitted", stage };
    if (start - i === 0) return { kind: "rejected" };
  }
  return { kind: "vote", stage: ladder.stages[start - results.length]!.id };
}

/**
 * The whole cascade for a project, run against a vote at each level (a function of the stage):
 * the stages voted, in order, and the outcome.
 */
export function runCascade(
  ladder: FrameworkLadder,
  preferred: string,
  vote: (stage: string) => boolean,
): { readonly voted: readonly string[]; readonly outcome: Exclude<CascadeStep, { kind: "vote" }> } {
  const results: boolean[] = [];
  const voted: string[] = [];
  for (;;) {
    const step = nextCascadeStep(ladder, preferred, results);
    if (step.kind !== "vote") return { voted, outcome: step };
    voted.push(step.stage);
    results.push(vote(step.stage));
  }
}
