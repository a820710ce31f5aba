import { UserError } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { formatIssue } from "../../core/index.js";
import { openGovernance, type OpenedGovernance } from "../../governance/index.js";
import { frameworkLadders } from "../../app/index.js";
import { frameworkAliases } from "../../maturity/index.js";
import { openCatalog } from "../shared.js";

/**
 * Open the catalog and its governance records, checked; errors stop the command (exit 1) with
 * every issue, warnings go to stderr. The frameworks' stage lists become the ladders governance
 * checks levels against (governance may not import maturity: this is where they meet).
 */
export async function openCatalogGovernance(options: { catalog?: string }) {
  const opened = await openCatalog(options);
  const ladders = frameworkLadders(opened.frameworks);
  const aliases = frameworkAliases(opened.catalog.program);
  const governance: OpenedGovernance = openGovernance(opened.catalog, opened.baseDir, ladders, aliases);
  if (!governance.ok) {
    const errors = governance.issues.filter((i) => i.severity === "error").length;
    throw new UserError(
      governance.issues.find((i) => i.severity === "error")!.code,
      `governance records: ${plural(errors, "error")}; nothing was done`,
      {
        issues: governance.issues,
      },
    );
  }
  for (const i of governance.issues) process.stderr.write(formatIssue(i) + "\n");
  return { ...opened, governance, aliases };
}
