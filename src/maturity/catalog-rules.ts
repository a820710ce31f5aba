import { didYouMean } from "../core/index.js";
import { stateModel, type CatalogRule, type RuleIssue } from "../catalog/index.js";
import { allCriteria, normalizeLevel, type Criterion, type Framework } from "./framework.js";
import { declaredState, frameworkAliases } from "./resolve-state.js";

/**
 * Catalog rules that need the frameworks: `upstream assess` and `upstream validate` pass them to
 * the catalog loader, which locates each issue at file:line:col.
 */

/**
 * An attestation must name a criterion of the project's framework (of any known framework when
 * the project's state names none). One on an automatic criterion is a warning: it is ignored.
 * @example loadCatalog(path, [...DEFAULT_RULES, attestationRule(frameworks)])
 */
export function attestationRule(frameworks: ReadonlyMap<string, Framework>): CatalogRule {
  return (catalog) => {
    const aliases = frameworkAliases(catalog.program);
    const out: RuleIssue[] = [];
    // The criteria by id of one framework (or of all of them, key undefined), built once: most projects attest
    // nothing, and a portfolio of thousands shares a few frameworks.
    const byFramework = new Map<Framework | undefined, Map<string, Criterion>>();
    const criteriaOf = (own: Framework | undefined): Map<string, Criterion> => {
      let criteria = byFramework.get(own);
      if (!criteria) {
        const candidates = own ? [own] : [...frameworks.values()];
        criteria = new Map(candidates.flatMap((f) => allCriteria(f).map((c) => [c.id, c] as const)));
        byFramework.set(own, criteria);
      }
      return criteria;
    };
    catalog.projects.forEach((project, index) => {
      const ids = Object.keys(project.attestations ?? {});
      if (ids.length === 0) return;
      // The state as the model reads it, built per project (not the whole model: this runs on every load).
      const state = declaredState({ state: stateModel(project.state) }, aliases);
      const own = state.kind === "mapped" ? frameworks.get(state.frameworkId) : undefined;
      const criteria = criteriaOf(own);
      for (const id of ids) {
        const at = ["projects", index, "attestations", id];
        const criterion = criteria.get(id);
        if (!criterion) {
          const guess = didYouMean(id, [...criteria.keys()]);
          const scope = own
            ? `framework ${own.id} (the project's state: ${state.kind === "mapped" ? state.alias : ""})`
            : `any known framework (${[...frameworks.keys()].join(", ")})`;
          out.push({
            code: "E_CATALOG_UNKNOWN_CRITERION",
            message: `attestation '${id}' of project '${project.id}' names no criterion of ${scope}`,
            at,
            key: true,
            hint: guess ? `did you mean '${guess}'?` : "run `upstream frameworks show <id>` to list the criteria",
          });
        } else if (own && criterion.decided === "automatic") {
          out.push({
            code: "E_CATALOG_UNKNOWN_CRITERION",
            severity: "warning",
            message:
              `attestation '${id}' of project '${project.id}' will ` +
              `be ignored: the criterion is decided by evidence only`,
            at,
            key: true,
            hint: "remove it, or make the criterion decided: both in the framework",
          });
        }
      }
    });
    return out;
  };
}

/** Every alias in program.frameworks maps to a known framework. */
export function frameworkAliasRule(frameworks: ReadonlyMap<string, Framework>): CatalogRule {
  return (catalog) =>
    Object.entries(catalog.program.frameworks ?? {}).flatMap(([alias, id]) => {
      if (frameworks.has(id)) return [];
      const guess = didYouMean(id, [...frameworks.keys()]);
      return [
        {
          code: "E_CATALOG_UNKNOWN_FRAMEWORK" as const,
          message: `alias '${alias}' maps to framework '${id}', which is not known`,
          at: ["program", "frameworks", alias],
          hint: guess
            ? `did you mean '${guess}'?`
            : `use one of: ${[...frameworks.keys()].join(", ")}, or add frameworks/${id}.yaml next to the catalog`,
        },
      ];
    });
}

/**
 * Every program.thresholds key is "framework-id/criterion-id" of a criterion whose rule has a threshold, and its value
 * a count.
 */
export function thresholdRule(frameworks: ReadonlyMap<string, Framework>): CatalogRule {
  return (catalog) =>
    Object.entries(catalog.program.thresholds ?? {}).flatMap(([key, value]): RuleIssue[] => {
      const at = ["program", "thresholds", key];
      // thresholds count people, commits, adopters: a negative or fractional one is a typo, not a policy
      if (!Number.isInteger(value) || value < 0)
        return [
          {
            code: "E_CATALOG_INVALID_VALUE",
            message: `threshold '${key}' must be a whole number of 0 or more, got ${value}`,
            at,
            hint: `e.g. ${key}: 3`,
          },
        ];
      const [fwId = "", criterionId = ""] = key.split("/", 2);
      const fw = frameworks.get(fwId);
      if (!fw)
        return [
          {
            code: "E_CATALOG_UNKNOWN_FRAMEWORK",
            message: `threshold '${key}' names framework '${fwId}', which is not known`,
            at,
            key: true,
            hint: `write framework-id/criterion-id with one of: ${[...frameworks.keys()].join(", ")}`,
          },
        ];
      const withThreshold = allCriteria(fw).filter((c) => c.rule?.threshold !== undefined);
      if (withThreshold.some((c) => c.id === criterionId)) return [];
      const guess = didYouMean(
        criterionId,
        withThreshold.map((c) => c.id),
      );
      return [
        {
          code: "E_CATALOG_UNKNOWN_CRITERION",
          message: `threshold '${key}': ${fw.id} has no criterion '${criterionId}' with a threshold`,
          at,
          key: true,
          hint: guess
            ? `did you mean '${fwId}/${guess}'?`
            : `criteria with thresholds: ${withThreshold.map((c) => c.id).join(", ")}`,
        },
      ];
    });
}

/**
 * A project state that is almost an alias (`Azrue: incubating`) or almost a stage
 * (`Azure: incubatng`) is a typo, and would quietly leave the project unassessed. Only near
 * misses warn: `Kubernetes: stable` or `Moby: ??` are states of frameworks the program does
 * not map, written on purpose.
 */
export function stateTypoRule(frameworks: ReadonlyMap<string, Framework>): CatalogRule {
  return (catalog) => {
    const aliases = frameworkAliases(catalog.program);
    return catalog.projects.flatMap((project, index): RuleIssue[] => {
      // The state as the model reads it, built per project (not the whole model: this runs on every load).
      const state = declaredState({ state: stateModel(project.state) }, aliases);
      if (state.kind === "unmapped") {
        const guess = nearMiss(state.alias, Object.keys(aliases));
        return guess
          ? [
              {
                code: "E_CATALOG_UNKNOWN_FRAMEWORK",
                severity: "warning",
                message:
                  `project '${project.id}' declares framework '${state.alias}', which no ` +
                  `alias maps (${Object.keys(aliases).join(", ")}), so it will not be assessed`,
                at: ["projects", index, "state", "framework"],
                hint: `did you mean '${guess}'?`,
              },
            ]
          : [];
      }
      if (state.kind !== "mapped") return [];
      const framework = frameworks.get(state.frameworkId);
      if (!framework || normalizeLevel(framework, state.level).kind === "stage") return [];
      const guess = nearMiss(
        state.level,
        framework.stages.flatMap((st) => [st.id, ...st.synonyms]),
      );
      return guess
        ? [
            {
              code: "E_CATALOG_INVALID_VALUE",
              severity: "warning",
              message:
                `project '${project.id}' declares level '${state.level}', which is not a ` +
                `stage of ${framework.id} (${framework.stages.map((st) => st.id).join(", ")})`,
              at: ["projects", index, "state", "level"],
              hint: `did you mean '${guess}'?`,
            },
          ]
        : [];
    });
  };
}

/** A close spelling (at most two edits, on words long enough for that to mean a typo). */
function nearMiss(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 4) return undefined;
  return didYouMean(word, candidates);
}

/** All the rules above, for the loader. */
export function maturityCatalogRules(frameworks: ReadonlyMap<string, Framework>): CatalogRule[] {
  return [
    frameworkAliasRule(frameworks),
    thresholdRule(frameworks),
    attestationRule(frameworks),
    stateTypoRule(frameworks),
  ];
}
