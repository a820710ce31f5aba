import { z } from "zod";
import type { ProjectModel } from "../../catalog/index.js";
import type { ProjectEvidence } from "../../evidence/index.js";
import { met, notMet, unknown, type Verdict } from "../verdict.js";

/** What a rule sees: the evidence plus the few catalog facts some rules need. */
export interface RuleInput {
  readonly evidence: ProjectEvidence | undefined;
  readonly project: ProjectModel;
  /** The program's own organizations (program.organizations). */
  readonly organizations: readonly string[];
  readonly asOf: string;
}

/** A built-in evidence rule: framework files name it by `id`. */
export interface EvidenceRule {
  readonly id: string;
  readonly description: string;
  /** Default threshold, for rules that compare a count; overridable per criterion and per program. */
  readonly threshold?: number;
  /** Schema of the rule's other parameters (strict). */
  readonly params: z.ZodType<Record<string, unknown>>;
  evaluate(input: RuleInput, threshold: number, params: Record<string, unknown>): Verdict;
}

export const NoParams = z.strictObject({});

/** All must be met; any unknown makes it unknown unless another is plainly not met. */
export function combineAll(verdicts: readonly Verdict[]): Verdict {
  const facts = verdicts.flatMap((v) => v.facts);
  if (verdicts.some((v) => v.status === "not-met")) return notMet(...facts);
  if (verdicts.some((v) => v.status === "unknown")) return unknown(...facts);
  return met(...facts);
}
