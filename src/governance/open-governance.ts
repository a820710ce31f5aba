import { hasErrors, type Issue } from "../core/index.js";
import type { Catalog } from "../catalog/index.js";
import { checkGovernance, type GovernanceCheck } from "./check-governance.js";
import { governanceContext } from "./context.js";
import { loadGovernance, locateAll, sortIssues, type LoadedGovernance } from "./load-governance.js";
import type { FrameworkLadder, GovernanceContext } from "./model.js";

export interface OpenedGovernance {
  readonly loaded: LoadedGovernance;
  readonly context: GovernanceContext;
  readonly check: GovernanceCheck;
  /** Reading, schema and cross-record problems, located and sorted. */
  readonly issues: readonly Issue[];
  readonly ok: boolean;
}

/** Read a catalog folder's governance files and check them: the use case every governance command starts with. */
export function openGovernance(
  catalog: Catalog,
  catalogDir: string,
  ladders: ReadonlyMap<string, FrameworkLadder>,
  aliases: Readonly<Record<string, string>>,
): OpenedGovernance {
  const loaded = loadGovernance(catalogDir);
  const context = governanceContext(catalog, ladders, aliases);
  const check = checkGovernance(loaded.records, context);
  const issues = sortIssues([...loaded.issues, ...locateAll(check.issues, loaded.locate)]);
  return { loaded, context, check, issues, ok: !hasErrors(issues) };
}
