/**
 * A maturity framework as code sees it: stages in order, each with criteria, each decided by
 * evidence, by a person, or both. Built from a framework file by `load-framework.ts`.
 */

/** How a criterion is decided. */
export type Decided = "automatic" | "attestation" | "both";

/** `must`: a required item that gates the stage; `should`: a suggested item, reported but not gating. */
export type Requirement = "must" | "should";

/** A built-in evidence rule applied with its parameters (see `evidence-rules.ts`). */
export interface RuleRef {
  readonly id: string;
  /** The threshold the rule compares against, when it has one (after program overrides). */
  readonly threshold?: number;
  /** Other parameters, already validated by the rule's own schema. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface Criterion {
  /** Unique within the framework; the key attestations use, e.g. `incubating.maintainers`. */
  readonly id: string;
  /** The stage this criterion is an entry guideline of. */
  readonly stage: string;
  /** The guideline's words. */
  readonly text: string;
  readonly requirement: Requirement;
  readonly decided: Decided;
  /** Present when decided is automatic or both. */
  readonly rule?: RuleRef;
  /**
   * False when the rule's "met" is necessary but not sufficient (a test file exists, yet "a
   * majority of the codebase" is covered only if a person says so): met evidence then stays
   * unknown until attested. Only with decided: both.
   */
  readonly evidenceSuffices: boolean;
  /** Where in the source document the guideline is written, for reviewers. */
  readonly section?: string;
  /** A passed TOC vote admitting or promoting a project to this stage attests it. */
  readonly byDecision: boolean;
}

export interface Stage {
  readonly id: string;
  readonly title: string;
  /** Words a catalog may use for this stage ("incubation", "incubating"); compared case-insensitively. */
  readonly synonyms: readonly string[];
  readonly criteria: readonly Criterion[];
}

export interface Framework {
  readonly id: string;
  readonly version: string;
  /** Short name, shown on badges: "AzCNU", "CNCF". */
  readonly title: string;
  readonly name: string;
  readonly source?: string;
  /** Stages from least to most mature. */
  readonly stages: readonly Stage[];
  /** The file it was read from. */
  readonly file?: string;
}

/** Every criterion of the framework, stage by stage. */
export function allCriteria(framework: Framework): Criterion[] {
  return framework.stages.flatMap((s) => s.criteria);
}

/** The declared level, once matched against a framework's stages. */
export type NormalizedLevel =
  | { readonly kind: "stage"; readonly stage: string; readonly written: string }
  | { readonly kind: "not-a-stage"; readonly written: string };

/**
 * Match a level as written ("Incubation", "graduated", "N/A", "??") to a stage of the framework.
 * @example normalizeLevel(cncf, "incubation") // { kind: "stage", stage: "incubating", written: "incubation" }
 */
export function normalizeLevel(framework: Framework, written: string): NormalizedLevel {
  const word = written
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  for (const stage of framework.stages) {
    if (stage.id.toLowerCase() === word || stage.synonyms.some((s) => s.toLowerCase() === word))
      return { kind: "stage", stage: stage.id, written };
  }
  return { kind: "not-a-stage", written };
}

/** Index of a stage in order, -1 for none. */
export function stageIndex(framework: Framework, stage: string | null | undefined): number {
  return stage ? framework.stages.findIndex((s) => s.id === stage) : -1;
}
