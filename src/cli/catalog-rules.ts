import type { CatalogRule } from "../catalog/index.js";
import { loadFrameworks, maturityCatalogRules } from "../maturity/index.js";
import { catalogDir } from "./commands/maturity-shared.js";

/**
 * Rules beyond the catalog's own that need other modules (frameworks for attestations,
 * aliases and thresholds). The composition root adds them so `catalog/` stays free of `maturity/`.
 */
export async function extraCatalogRules(catalogPath: string): Promise<CatalogRule[]> {
  const frameworks = await loadFrameworks({ baseDir: catalogDir(catalogPath) });
  return maturityCatalogRules(frameworks);
}
