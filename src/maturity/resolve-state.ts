import type { ProgramModel, ProjectModel } from "../catalog/index.js";
import { normalizeLevel, type Framework } from "./framework.js";

/** The aliases a program uses when it sets none (program.frameworks). */
export const DEFAULT_FRAMEWORK_ALIASES: Readonly<Record<string, string>> = { Azure: "azcnu-v0.1", CNCF: "cncf" };

/** Alias → framework id for this program. */
export function frameworkAliases(program: Pick<ProgramModel, "frameworks">): Readonly<Record<string, string>> {
  return program.frameworks ?? DEFAULT_FRAMEWORK_ALIASES;
}

/** A project's state as the catalog declares it, with the framework alias resolved. */
export type DeclaredState =
  | { readonly kind: "none" }
  /** A state the catalog keeps as unstructured text (a README cell that did not fit {framework, level}). */
  | { readonly kind: "unstructured"; readonly text: string }
  | { readonly kind: "unmapped"; readonly alias: string; readonly level: string }
  | { readonly kind: "mapped"; readonly alias: string; readonly frameworkId: string; readonly level: string };

/**
 * Resolve the state's framework alias: exact match first, then case-insensitive
 * (a catalog that writes `cncf:` still means CNCF).
 * @example declaredState({ state: { framework: "CNCF", level: "sandbox" } }, { CNCF: "cncf" }) // mapped to cncf
 */
export function declaredState(
  project: Pick<ProjectModel, "state">,
  aliases: Readonly<Record<string, string>>,
): DeclaredState {
  const state = project.state;
  if (state.kind === "none") return { kind: "none" };
  if (state.kind === "unstructured") return { kind: "unstructured", text: state.text };
  const id =
    aliases[state.framework] ??
    Object.entries(aliases).find(([a]) => a.toLowerCase() === state.framework.toLowerCase())?.[1];
  return id
    ? { kind: "mapped", alias: state.framework, frameworkId: id, level: state.level }
    : { kind: "unmapped", alias: state.framework, level: state.level };
}

/**
 * What the declared level rests on: the catalog's written state (undated), or a decision of the TOC (or another
 * body's public record) dated on or before the assessment's day; `implied`: the level below the first recorded
 * promotion, which no recorded decision dates.
 */
export type DeclaredSource =
  | { readonly kind: "catalog" }
  | {
      readonly kind: "decision" | "implied";
      /** The motion (`2026-Q4/fleet-incubating`) or, for a recorded decision, `file#index`. */
      readonly decision: string;
      /** admit, promote, archive, donate, reject. */
      readonly decisionKind: string;
      readonly date: string;
      readonly by: string;
      readonly link?: string;
    };

/** What the catalog declares, as seen from the framework being applied. */
export interface DeclaredLevel {
  /** "CNCF: incubating", as written; null when the catalog has no state. */
  readonly written: string | null;
  /** The stage id in the applied framework; null when not a stage of it. */
  readonly stage: string | null;
  /** Why stage is null, in words. */
  readonly note?: string;
  /** Where the level comes from; absent in assessments stored before decisions were read. */
  readonly source?: DeclaredSource;
}

/**
 * The level a project's decisions declare on the assessment's day, in the framework they were taken in; the
 * caller (app) builds it from the governance records. It replaces the catalog's written level when that framework is
 * the one applied.
 */
export interface RecordedDeclaration {
  readonly framework: string;
  readonly written: string | null;
  readonly stage: string | null;
  readonly note?: string;
  readonly source: DeclaredSource;
}

/**
 * A decision source in words, without its link: "decided: promote 2026-Q4/fleet-incubating on 2026-10-15"; "" for the
 * catalog (the written state needs no words).
 */
export function sourceWords(source: DeclaredSource | undefined): string {
  if (!source || source.kind === "catalog") return "";
  const lead = source.kind === "implied" ? "see" : "decided:";
  return `${lead} ${source.decisionKind} ${source.decision} on ${source.date}`;
}
/** The declared level relative to the framework applied (which may differ from the declared one, with --framework). */
export function declaredLevel(state: DeclaredState, framework: Framework): DeclaredLevel {
  switch (state.kind) {
    case "none":
      return { written: null, stage: null, note: "the catalog declares no state" };
    case "unstructured":
      return { written: state.text, stage: null, note: "the state is raw markdown, not {framework, level}" };
    case "unmapped":
      return {
        written: `${state.alias}: ${state.level}`,
        stage: null,
        note: `'${state.alias}' is not a framework alias of this program`,
      };
    case "mapped": {
      const written = `${state.alias}: ${state.level}`;
      if (state.frameworkId !== framework.id)
        return { written, stage: null, note: `declared in ${state.frameworkId}, assessed against ${framework.id}` };
      const level = normalizeLevel(framework, state.level);
      if (level.kind === "stage") return { written, stage: level.stage };
      return {
        written,
        stage: null,
        note: `'${state.level}' is not a stage of ${framework.id} (${framework.stages.map((s) => s.id).join(", ")})`,
      };
    }
  }
}
