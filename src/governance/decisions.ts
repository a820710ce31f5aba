import type { Attestation } from "../catalog/index.js";
import { stageIndex, stageOf } from "./ladder.js";
import type { Decision, FrameworkLadder, GovernanceContext } from "./model.js";

/** A project's decisions, oldest first; all frameworks unless one is named. */
export function projectHistory(decisions: readonly Decision[], project: string, framework?: string): Decision[] {
  return decisions.filter((d) => d.project === project && (framework === undefined || d.framework === framework));
}

/** Where a project stands in a framework on a date, and what says so. */
export type DeclaredAsOf =
  | {
      readonly kind: "stage";
      readonly stage: string;
      /** decision: set by one; implied: the level before the first recorded promotion; catalog: undated. */
      readonly basis: "decision" | "implied" | "catalog";
      readonly since?: string;
      readonly decision?: Decision;
    }
  | { readonly kind: "archived" | "donated" | "rejected"; readonly since: string; readonly decision: Decision }
  | { readonly kind: "not-in-program"; readonly until?: string; readonly decision?: Decision }
  | { readonly kind: "unknown"; readonly why: string };

/**
 * The level a project was declared at on a date, from its decisions: the last one on or before
 * the date; before the first, the level a promotion implies (it was one below) or nothing before
 * an admission; without any decision, the catalog's level, which is undated.
 * @example declaredAsOf(decisions, context, "fleet-manager", "azcnu-v0.1", "2026-01-01")
 */
export function declaredAsOf(
  decisions: readonly Decision[],
  context: GovernanceContext,
  project: string,
  framework: string,
  date: string,
): DeclaredAsOf {
  const ladder = context.frameworks.get(framework);
  if (!ladder) return { kind: "unknown", why: `'${framework}' is not a framework of this catalog` };
  const history = projectHistory(decisions, project, framework);
  const before = history.filter((d) => d.date <= date);
  const last = before[before.length - 1];
  if (last) {
    switch (last.kind) {
      case "admit":
      case "promote":
        return { kind: "stage", stage: last.stage!, basis: "decision", since: last.date, decision: last };
      case "archive":
        return { kind: "archived", since: last.date, decision: last };
      case "donate":
        return { kind: "donated", since: last.date, decision: last };
      case "reject":
        return { kind: "rejected", since: last.date, decision: last };
    }
  }
  const first = history[0];
  if (first?.kind === "admit" || first?.kind === "reject")
    return { kind: "not-in-program", until: first.date, decision: first };
  if (first?.kind === "promote") {
    const below = stageIndex(ladder, first.stage) - 1;
    return below >= 0
      ? { kind: "stage", stage: ladder.stages[below]!.id, basis: "implied", decision: first }
      : { kind: "unknown", why: `the first decision recorded promotes it to ${first.stage}, the first level` };
  }
  const entry = context.projects.find((p) => p.id === project);
  if (!entry) return { kind: "not-in-program" };
  if (first) return { kind: "unknown", why: `its first decision (${first.kind}, ${first.date}) sets no level` };
  if (entry.frameworkId !== framework)
    return { kind: "unknown", why: `the catalog declares it in ${entry.frameworkId ?? "no framework"}` };
  const stage = stageOf(ladder, entry.level);
  return stage
    ? { kind: "stage", stage, basis: "catalog" }
    : { kind: "unknown", why: `the catalog's level '${entry.level ?? ""}' is not a stage of ${framework}` };
}

/** An attestation a decision gives, with the decision it comes from. */
export interface DecisionAttestation {
  readonly criterion: string;
  readonly attestation: Attestation;
  readonly decision: Decision;
}

/**
 * The criteria a project's decisions attest on a date: a passed admission or promotion at a
 * stage attests the criteria its framework lists for that stage (`attestedByDecision`), met,
 * by the TOC, dated on the vote. A later decision at the same stage replaces an earlier one.
 */
export function decisionAttestations(
  decisions: readonly Decision[],
  ladder: FrameworkLadder,
  project: string,
  asOf: string,
): DecisionAttestation[] {
  const byCriterion = new Map<string, DecisionAttestation>();
  for (const d of projectHistory(decisions, project, ladder.id)) {
    if (d.date > asOf || (d.kind !== "admit" && d.kind !== "promote") || !d.stage) continue;
    for (const criterion of ladder.attestedByDecision?.[d.stage] ?? []) {
      const vote = d.tally ? ` (${d.tally.explanation})` : "";
      byCriterion.set(criterion, {
        criterion,
        decision: d,
        attestation: {
          status: "met",
          by: d.motion ? `${d.by}, motion ${d.motion}` : d.by,
          date: d.date,
          ...(d.link ? { link: d.link } : {}),
          note: `${d.kind === "admit" ? "admitted" : "promoted"} at ${d.stage}${vote}`,
        },
      });
    }
  }
  return [...byCriterion.values()];
}

/**
 * For `assess`: per project, the attestations its decisions give on a date, keyed by criterion as
 * the catalog's `attestations:` are (`incubating.due-diligence` → {status: met, by: "TOC, motion …",
 * date, link, note}). A project without such decisions is absent. The caller merges them under the
 * catalog's own (a person's attestation, written later, wins).
 */
export function attestationsByProject(
  decisions: readonly Decision[],
  context: GovernanceContext,
  asOf: string,
): Map<string, Record<string, Attestation>> {
  const out = new Map<string, Record<string, Attestation>>();
  for (const project of new Set(decisions.map((d) => d.project))) {
    const framework = context.projects.find((p) => p.id === project)?.frameworkId;
    const ladder = framework ? context.frameworks.get(framework) : undefined;
    if (!ladder) continue;
    const given = decisionAttestations(decisions, ladder, project, asOf);
    if (given.length > 0) out.set(project, Object.fromEntries(given.map((g) => [g.criterion, g.attestation])));
  }
  return out;
}
