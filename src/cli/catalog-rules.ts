import type { CatalogRule } from "../catalog/index.js";

/**
 * Rules beyond the catalog's own that need other modules (frameworks for attestations).
 * The composition root adds them so `catalog/` stays free of `maturity/`.
 */
export async function extraCatalogRules(catalogPath: string): Promise<CatalogRule[]> {
  void catalogPath;
  return [];
}
