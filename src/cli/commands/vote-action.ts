import { today } from "../../core/index.js";
import { UserError } from "../../core/index.js";
import { escapeTerminalText } from "../../core/index.js";
import { cascadeFollowUp, findMotion, VOTE_CHOICES, voteEntry, type VoteChoice } from "../../governance/index.js";
import { parseDateOption, printJson } from "../shared.js";
import { openCatalogGovernance } from "./decisions-shared.js";
import { pickReview } from "./review-shared.js";
import { badInput, GovernanceWriter, reviewDocument } from "./review-write.js";

export async function vote(
  name: string,
  choice: string,
  options: { catalog?: string; member: string; date?: string; json?: boolean },
): Promise<void> {
  if (!(VOTE_CHOICES as readonly string[]).includes(choice))
    throw new UserError("E_USAGE", `a vote is ${VOTE_CHOICES.join(", ")}, got '${choice}'`);
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const program = await openCatalogGovernance(options);
  const reviews = program.governance.loaded.records.reviews;
  const found = findMotion(reviews, name);
  if ("problem" in found)
    throw badInput(
      "E_GOV_UNKNOWN_MOTION",
      found.problem,
      found.candidates.length > 0
        ? `motions: ${found.candidates.slice(0, 12).join(", ")}`
        : "propose one with `upstream motion propose`",
    );
  const entry = reviews.find((r) => r.review.id === found.review.id)!;
  if (entry.review.closed !== undefined) {
    const where = program.governance.loaded.locate(entry.file, ["closed"]);
    throw badInput(
      "E_GOV_VOTE_AFTER_CLOSE",
      `${where.file}:${where.line ?? 1}:${where.col ?? 1}: the review ${entry.review.id} closed on ` +
        `${entry.review.closed}: it takes no more votes; the vote was not recorded`,
      "propose the motion again in the open review (upstream motion propose)",
      entry.file,
    );
  }
  pickReview(program, entry.review.id, { mustBeOpen: true, command: "vote" });
  const motionName = `${entry.review.id}/${found.review.motions![found.index]!.id}`;
  const document = reviewDocument(entry.review.id);
  const refusal = `the vote of ${options.member} on ${motionName} was not recorded`;
  const writer = await GovernanceWriter.open(program, options, [document], `vote ${motionName}`);
  await writer.apply(
    [
      {
        op: "append",
        file: document.file,
        path: ["motions", found.index, "votes"],
        value: voteEntry(options.member, choice as VoteChoice, date),
      },
    ],
    refusal,
  );
  // A failed admission calls for the next lower level at once (the guidelines' cascade).
  const after = await writer.check();
  const outcome = after.check.outcomes.find((o) => o.review === entry.review.id && o.index === found.index)!;
  const ladder = outcome.framework ? after.context.frameworks.get(outcome.framework) : undefined;
  const reviewAfter = after.overlaid.records.reviews.find((r) => r.review.id === entry.review.id)!.review;
  const next = ladder ? cascadeFollowUp(reviewAfter, outcome, ladder, date) : { kind: "none" as const };
  if (next.kind === "propose")
    await writer.apply([{ op: "append", file: document.file, path: ["motions"], value: next.motion }], refusal);
  const { written, check } = await writer.commit(refusal);
  const final = check.outcomes.find((o) => o.review === entry.review.id && o.index === found.index)!;
  const t = escapeTerminalText;
  if (options.json)
    printJson({
      motion: motionName,
      status: final.status,
      tally: final.tally ?? null,
      proposed: next.kind === "propose" ? `${entry.review.id}/${next.motion.id}` : null,
      rejectionNeeded: next.kind === "reject",
      written,
    });
  else {
    process.stdout.write(
      `${t(options.member)} voted ${choice} on ${t(motionName)}: ${final.status}` +
        `${final.tally ? ` (${t(final.tally.explanation)})` : ""}\n`,
    );
    if (next.kind === "propose")
      process.stdout.write(
        `the admission failed at ${t(final.stage ?? "?")}: proposed ${t(`${entry.review.id}/${next.motion.id}`)} ` +
          `(admit at ${t(next.motion.level!)})\n`,
      );
    if (next.kind === "reject")
      process.stdout.write(
        `the admission failed at the first level: the review closes only with the TOC's opinion:\n` +
          `  upstream motion propose --kind reject --project ${t(next.project)} --proposer HANDLE --opinion TEXT\n`,
      );
  }
}
