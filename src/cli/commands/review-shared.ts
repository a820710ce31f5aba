import type { ReviewFile } from "../../governance/index.js";
import { badInput, type OpenedProgram } from "./review-write.js";

/** The review a command works on: the one named, else the only open one. Closed ones are refused when `open`. */
export function pickReview(
  program: OpenedProgram,
  named: string | undefined,
  options: { mustBeOpen: boolean; command: string },
): { file: string; review: ReviewFile } {
  const reviews = program.governance.loaded.records.reviews;
  if (named !== undefined) {
    const found = reviews.find((r) => r.review.id === named);
    if (!found)
      throw badInput(
        "E_GOV_NO_OPEN_REVIEW",
        `no review ${named} in governance/reviews/`,
        `reviews: ${reviews.map((r) => r.review.id).join(", ") || "none"}; ` +
          `open one with \`upstream review open ${named}\``,
      );
    if (options.mustBeOpen && found.review.closed !== undefined) {
      const where = program.governance.loaded.locate(found.file, ["closed"]);
      throw badInput(
        "E_GOV_NO_OPEN_REVIEW",
        `${where.file}:${where.line ?? 1}:${where.col ?? 1}: the review ${named} closed on ${found.review.closed}; ` +
          `${options.command} works on an open review`,
        "propose it in the next quarter's review (upstream review open)",
        found.file,
      );
    }
    return found;
  }
  const open = reviews.filter((r) => r.review.closed === undefined);
  if (open.length === 1) return open[0]!;
  throw badInput(
    "E_GOV_NO_OPEN_REVIEW",
    open.length === 0
      ? "no review is open"
      : `${open.length} reviews are open (${open.map((r) => r.review.id).join(", ")})`,
    open.length === 0 ? "open one with `upstream review open YYYY-Qn`" : "name the review (--review YYYY-Qn)",
  );
}
