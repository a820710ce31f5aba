import { didYouMean } from "../core/index.js";
import { plural } from "../core/index.js";
import type { GovernanceIssue } from "./issues.js";
import { stageIds, stageIndex, stageOf } from "./ladder.js";
import type {
  Decision,
  FrameworkLadder,
  GovernanceContext,
  GovernanceRecords,
  MotionOutcome,
  ProgramProject,
} from "./model.js";
import type { Member, Motion, RecordedDecision, ReviewFile } from "./schema.js";
import { tally, describeRule, DEFAULT_RULE, type VotingRule } from "./tally.js";
import { seatsOf, servesOn, votes as hasVote, votingMembersOn } from "./toc.js";

export interface GovernanceCheck {
  /** Every problem, each with its place and a fix. */
  readonly issues: readonly GovernanceIssue[];
  /** Every motion with its tally and status, in the order of the records. */
  readonly outcomes: readonly MotionOutcome[];
  /** The decisions (passed motions, rejections, recorded decisions), by date. */
  readonly decisions: readonly Decision[];
}

/**
 * Check the governance records against each other and the catalog, and derive the decisions.
 * Pure: every problem comes back as an issue placed by file and path, with what to do.
 */
export function checkGovernance(records: GovernanceRecords, context: GovernanceContext): GovernanceCheck {
  const issues: GovernanceIssue[] = [];
  const members = records.toc?.members ?? [];
  const rule = records.toc?.rule ?? DEFAULT_RULE;
  if (records.toc) issues.push(...checkTerms(records.toc.file, members));
  const outcomes: MotionOutcome[] = [];
  for (const { file, review } of records.reviews) {
    issues.push(...checkReview(file, review, context));
    (review.motions ?? []).forEach((motion, index) => {
      const outcome = motionOutcome(file, review, motion, index, members, rule, context, issues, !!records.toc);
      outcomes.push(outcome);
    });
  }
  const decisions = walkDecisions(records, outcomes, context, issues);
  return { issues, outcomes, decisions };
}

// ---- the TOC ------------------------------------------------------------------------------

function checkTerms(file: string, members: readonly Member[]): GovernanceIssue[] {
  const issues: GovernanceIssue[] = [];
  members.forEach((m, i) => {
    if (m.term.until !== undefined && m.term.until < m.term.from)
      issues.push({
        code: "E_GOV_TERM",
        message: `${m.handle}'s term ends (${m.term.until}) before it begins (${m.term.from})`,
        file,
        at: ["members", i, "term", "until"],
        hint: "set until on or after from (both days are included in the term)",
      });
    const earlier = members.findIndex(
      (o, j) =>
        j < i &&
        o.handle.toLowerCase() === m.handle.toLowerCase() &&
        o.term.from <= (m.term.until ?? "9999-12-31") &&
        m.term.from <= (o.term.until ?? "9999-12-31"),
    );
    if (earlier >= 0)
      issues.push({
        code: "E_GOV_TERM",
        message: `${m.handle} holds two seats at once: this term overlaps the one at members[${earlier}]`,
        file,
        at: ["members", i, "term"],
        hint: "a member has one seat at a time: end the earlier term before this one begins, or merge the entries",
      });
  });
  return issues;
}

// ---- a review -----------------------------------------------------------------------------

function checkReview(file: string, review: ReviewFile, context: GovernanceContext): GovernanceIssue[] {
  const issues: GovernanceIssue[] = [];
  const fileId = /([^/\\]+?)\.ya?ml$/i.exec(file)?.[1];
  if (fileId !== undefined && fileId !== review.id)
    issues.push({
      code: "E_GOV_REVIEW",
      message: `the review's id '${review.id}' does not match its file name '${fileId}'`,
      file,
      at: ["id"],
      hint: `rename the file to ${review.id}.yaml, or set id: ${fileId}`,
    });
  if (review.closed !== undefined && review.closed < review.opened)
    issues.push({
      code: "E_GOV_REVIEW",
      message: `the review closes (${review.closed}) before it opens (${review.opened})`,
      file,
      at: ["closed"],
      hint: "set closed on or after opened",
    });
  const known = context.projects.map((p) => p.id);
  const unknownProject = (id: string, at: (string | number)[]) => {
    if (known.includes(id)) return;
    const guess = didYouMean(id, known);
    issues.push({
      code: "E_GOV_UNKNOWN_PROJECT",
      message: `'${id}' is not a project of the catalog`,
      file,
      at,
      hint: guess ? `did you mean '${guess}'?` : "use the id of a project listed under projects:",
    });
  };
  (review.due ?? []).forEach((id, i) => unknownProject(id, ["due", i]));
  for (const id of Object.keys(review.notes ?? {})) unknownProject(id, ["notes", id]);
  const seen = new Map<string, number>();
  (review.motions ?? []).forEach((m, i) => {
    const first = seen.get(m.id);
    if (first !== undefined)
      issues.push({
        code: "E_GOV_DUPLICATE_MOTION",
        message: `motion id '${m.id}' is used twice in ${review.id} (first at motions[${first}])`,
        file,
        at: ["motions", i, "id"],
        hint: "give each motion of a review its own id (votes and decisions name it)",
      });
    else seen.set(m.id, i);
    if (m.date < review.opened || (review.closed !== undefined && m.date > review.closed))
      issues.push({
        code: "E_GOV_MOTION_DATE",
        message:
          `the motion is dated ${m.date}, outside the review ${review.id} ` +
          `(${review.opened} … ${review.closed ?? "open"})`,
        file,
        at: ["motions", i, "date"],
        hint: "date it within the review, or move it to the review of its quarter",
      });
  });
  return issues;
}

// ---- a motion's votes and outcome ----------------------------------------------------------

function motionOutcome(
  file: string,
  review: ReviewFile,
  motion: Motion,
  index: number,
  members: readonly Member[],
  rule: VotingRule,
  context: GovernanceContext,
  issues: GovernanceIssue[],
  hasToc: boolean,
): MotionOutcome {
  const at = ["motions", index] as const;
  const framework = motionFramework(motion, context);
  const ladder = framework ? context.frameworks.get(framework) : undefined;
  const stage = ladder ? stageOf(ladder, motion.level) : undefined;
  const base = { review: review.id, file, index, motion, framework, stage };
  const votes = motion.votes ?? [];
  if (motion.kind === "reject") {
    if (votes.length > 0)
      issues.push({
        code: "E_GOV_CASCADE",
        message: "a rejection is not voted: it is the TOC's opinion after the admission failed at every level",
        file,
        at: [...at, "votes"],
        hint: "remove the votes; the votes are those of the admission motions before it",
      });
    return { ...base, status: "recorded", decidedOn: motion.date };
  }
  if (votes.length > 0 && !hasToc)
    issues.push({
      code: "E_GOV_NOT_A_MEMBER",
      message: "votes are recorded, but the catalog has no TOC (governance/toc.yaml)",
      file,
      at: [...at, "votes"],
      hint: "write governance/toc.yaml with the members and their terms (see docs/governance.md)",
    });
  const counted: { handle: string; vote: (typeof votes)[number]["vote"] }[] = [];
  const firstVote = new Map<string, number>();
  votes.forEach((v, j) => {
    const vat = [...at, "votes", j];
    const key = v.member.toLowerCase();
    const first = firstVote.get(key);
    if (first !== undefined) {
      issues.push({
        code: "E_GOV_DUPLICATE_VOTE",
        message: `${v.member} votes a second time on ${review.id}/${motion.id} (first at votes[${first}])`,
        file,
        at: [...vat, "member"],
        hint: "a member votes once on a motion: keep one of the two votes and delete the other",
      });
      return;
    }
    firstVote.set(key, j);
    if (v.date < motion.date)
      issues.push({
        code: "E_GOV_VOTE_DATE",
        message: `the vote is dated ${v.date}, before the motion was proposed (${motion.date})`,
        file,
        at: [...vat, "date"],
        hint: `date it on or after ${motion.date}`,
      });
    if (review.closed !== undefined && v.date > review.closed) {
      issues.push({
        code: "E_GOV_VOTE_AFTER_CLOSE",
        message: `${v.member} votes on ${v.date}, after the review ${review.id} closed (${review.closed})`,
        file,
        at: [...vat, "date"],
        hint: "a closed review takes no votes: remove the vote, or propose the motion again in the next review",
      });
      return;
    }
    const seats = seatsOf(members, v.member);
    const seat = seats.find((m) => servesOn(m, v.date));
    if (hasToc && (!seat || !hasVote(seat))) {
      // A typo of a member's handle gets a guess; a known member out of term does not.
      const guess =
        seats.length > 0
          ? undefined
          : didYouMean(
              v.member,
              votingMembersOn(members, v.date).map((m) => m.handle),
            );
      const why =
        seat && !hasVote(seat)
          ? `${v.member} is an observer of the TOC, without a vote`
          : seats.length > 0
            ? `${v.member} is not on the TOC on ${v.date} (terms: ${seats
                .map((s) => `${s.term.from} … ${s.term.until ?? "now"}`)
                .join(", ")})`
            : `${v.member} is not a member of the TOC`;
      issues.push({
        code: "E_GOV_NOT_A_MEMBER",
        message: `${why}, so the vote does not count`,
        file,
        at: [...vat, "member"],
        hint: guess
          ? `did you mean '${guess}'?`
          : seats.length > 0
            ? "remove the vote, or correct the member's term in governance/toc.yaml"
            : "remove the vote, or add the member (with their term) to governance/toc.yaml",
      });
      return;
    }
    counted.push({ handle: v.member, vote: v.vote });
  });
  const decidedOn = votes.reduce(
    (d, v) => (v.date > d && (!review.closed || v.date <= review.closed) ? v.date : d),
    motion.date,
  );
  const eligible = votingMembersOn(members, decidedOn);
  const t = tally(
    counted.map((c) => c.vote),
    eligible.length,
    rule,
  );
  let status: MotionOutcome["status"];
  if (review.closed !== undefined) status = t.passes ? "passed" : "failed";
  else {
    // While the review is open, a result is known only when the missing votes cannot change it.
    const voted = new Set(counted.map((c) => c.handle.toLowerCase()));
    const missing = eligible.filter((m) => !voted.has(m.handle.toLowerCase())).length;
    const best = tally([...counted.map((c) => c.vote), ...Array<"yes">(missing).fill("yes")], eligible.length, rule);
    const worst = tally([...counted.map((c) => c.vote), ...Array<"no">(missing).fill("no")], eligible.length, rule);
    status = worst.passes ? "passed" : !best.passes ? "failed" : "pending";
  }
  if (motion.result !== undefined && motion.result !== status)
    issues.push({
      code: "E_GOV_RESULT_MISMATCH",
      message:
        status === "pending"
          ? `the result is written as ${motion.result}, but the vote is still open: ${t.explanation}`
          : `the result is written as ${motion.result}, but the votes say ${status}: ${t.explanation} (rule: ` +
            `${describeRule(rule)})`,
      file,
      at: [...at, "result"],
      hint: status === "pending" ? "remove result: until the review closes" : `set result: ${status}`,
    });
  return { ...base, tally: t, status, decidedOn };
}

/** The framework a motion moves: its own, else the project's declared one, else the program's. */
function motionFramework(motion: Motion, context: GovernanceContext): string | undefined {
  return (
    motion.framework ?? context.projects.find((p) => p.id === motion.project)?.frameworkId ?? context.programFramework
  );
}

// ---- the program's standing, decision by decision ------------------------------------------

type Standing = "out" | "in" | "archived" | "donated" | "rejected";

interface ProjectState {
  standing: Standing;
  /** Stage id; undefined when unknown. */
  stage?: string;
  /** Why the stage is unknown, when it is. */
  unknownWhy?: string;
  /** The records begin after the project's entry, at an unrecorded level: the first promotion sets it. */
  implied?: boolean;
}

type Event =
  | { readonly kind: "motion"; readonly date: string; readonly order: number; readonly outcome: MotionOutcome }
  | {
      readonly kind: "recorded";
      readonly date: string;
      readonly order: number;
      readonly decision: RecordedDecision;
      readonly index: number;
      readonly file: string;
    };

function walkDecisions(
  records: GovernanceRecords,
  outcomes: readonly MotionOutcome[],
  context: GovernanceContext,
  issues: GovernanceIssue[],
): Decision[] {
  const events: Event[] = [];
  let order = 0;
  const reviewOrder = [...records.reviews].sort((a, b) => a.review.opened.localeCompare(b.review.opened));
  for (const { review } of reviewOrder)
    for (const outcome of outcomes.filter((o) => o.review === review.id))
      events.push({ kind: "motion", date: outcome.motion.date, order: order++, outcome });
  (records.recorded?.decisions ?? []).forEach((decision, index) =>
    events.push({
      kind: "recorded",
      date: decision.date,
      order: order++,
      decision,
      index,
      file: records.recorded!.file,
    }),
  );
  events.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);

  const catalog = new Map(context.projects.map((p) => [p.id, p]));
  const closedReviews = new Set(records.reviews.filter((r) => r.review.closed !== undefined).map((r) => r.review.id));
  // Per project and framework: the first settled decision, and the stage the last settled one set. Settled:
  // recorded, or passed in a closed review, so the catalog may already show it (closing writes it back).
  const firstSettled = new Map<string, string>();
  const lastSettledStage = new Map<string, string | undefined>();
  const recordedKeys = new Set<string>();
  for (const e of events) {
    const project = e.kind === "motion" ? e.outcome.motion.project : e.decision.project;
    const framework = e.kind === "motion" ? e.outcome.framework : e.decision.framework;
    const kind = e.kind === "motion" ? e.outcome.motion.kind : e.decision.kind;
    const ladder = framework ? context.frameworks.get(framework) : undefined;
    if (!ladder) continue;
    const key = `${project}\u0000${framework}`;
    if (e.kind === "recorded") recordedKeys.add(key);
    const settled = e.kind === "recorded" || (e.outcome.status === "passed" && closedReviews.has(e.outcome.review));
    if (!settled) continue;
    if (!firstSettled.has(key)) firstSettled.set(key, kind);
    if (kind === "admit" || kind === "promote")
      lastSettledStage.set(key, e.kind === "motion" ? e.outcome.stage : stageOf(ladder, e.decision.level));
  }
  const states = new Map<string, ProjectState>();
  const stateOf = (project: string, framework: string, ladder: FrameworkLadder): ProjectState => {
    const key = `${project}\u0000${framework}`;
    let state = states.get(key);
    if (state) return state;
    const entry = catalog.get(project);
    const declared = entry ? catalogStage(entry, framework, ladder) : undefined;
    // The catalog shows the settled decisions when its level is the one they end at (or another
    // body's record holds them): the records then start before them, else at the catalog's level.
    const shown =
      recordedKeys.has(key) ||
      (lastSettledStage.get(key) !== undefined && declared?.stage === lastSettledStage.get(key));
    if (!entry) state = { standing: "out" };
    else if (shown) state = firstSettled.get(key) === "admit" ? { standing: "out" } : { standing: "in", implied: true };
    else state = { standing: "in", ...declared };
    states.set(key, state);
    return state;
  };

  // Admissions voted in one review, per project: the cascade so far.
  const cascades = new Map<string, MotionOutcome[]>();
  const decisions: Decision[] = [];
  for (const e of events) {
    if (e.kind === "motion") {
      const decision = applyMotion(e.outcome, records, context, stateOf, cascades, issues);
      if (decision) decisions.push(decision);
    } else {
      const decision = applyRecorded(e.decision, e.index, e.file, context, stateOf, issues);
      if (decision) decisions.push(decision);
    }
  }
  checkCascadesEnded(records, context, cascades, issues);
  return decisions;
}

function catalogStage(entry: ProgramProject, framework: string, ladder: FrameworkLadder): Partial<ProjectState> {
  if (entry.frameworkId !== framework)
    return {
      unknownWhy: entry.frameworkId
        ? `the catalog declares it in ${entry.frameworkId}, not ${framework}`
        : `the catalog declares no level for it in ${framework}`,
    };
  const stage = stageOf(ladder, entry.level);
  return stage
    ? { stage }
    : { unknownWhy: `the catalog's level '${entry.level ?? ""}' is not a stage of ${framework}` };
}

function levelIssue(
  written: string | undefined,
  ladder: FrameworkLadder,
  file: string,
  at: readonly (string | number)[],
): GovernanceIssue | undefined {
  if (written === undefined)
    return {
      code: "E_CATALOG_MISSING_FIELD",
      message: "missing required field 'level': an admission or promotion names the level it moves to",
      file,
      at,
      hint: `add level: one of ${stageIds(ladder).join(", ")}`,
    };
  if (stageOf(ladder, written)) return undefined;
  const guess = didYouMean(written, stageIds(ladder));
  return {
    code: "E_GOV_UNKNOWN_LEVEL",
    message: `'${written}' is not a level of the framework ${ladder.id} (${stageIds(ladder).join(", ")})`,
    file,
    at: [...at, "level"],
    hint: guess ? `did you mean '${guess}'?` : `use one of: ${stageIds(ladder).join(", ")}`,
  };
}

function applyMotion(
  outcome: MotionOutcome,
  records: GovernanceRecords,
  context: GovernanceContext,
  stateOf: (project: string, framework: string, ladder: FrameworkLadder) => ProjectState,
  cascades: Map<string, MotionOutcome[]>,
  issues: GovernanceIssue[],
): Decision | undefined {
  const { motion, file, index } = outcome;
  const at = ["motions", index] as const;
  const known = context.projects.map((p) => p.id);
  if (!outcome.framework) {
    issues.push({
      code: "E_CATALOG_UNKNOWN_FRAMEWORK",
      message: `no framework is known for ${motion.project}: the motion names none and the catalog declares none`,
      file,
      at: [...at],
      hint: `add framework: <id> to the motion (known: ${[...context.frameworks.keys()].join(", ")})`,
    });
    return undefined;
  }
  const ladder = context.frameworks.get(outcome.framework);
  if (!ladder) {
    const guess = didYouMean(outcome.framework, [...context.frameworks.keys()]);
    issues.push({
      code: "E_CATALOG_UNKNOWN_FRAMEWORK",
      message: `'${outcome.framework}' is not a framework of this catalog`,
      file,
      at: motion.framework ? [...at, "framework"] : [...at, "project"],
      hint: guess ? `did you mean '${guess}'?` : `use one of: ${[...context.frameworks.keys()].join(", ")}`,
    });
    return undefined;
  }
  const state = stateOf(motion.project, outcome.framework, ladder);
  const passed = outcome.status === "passed";
  const ref = `${outcome.review}/${motion.id}`;
  const decision = (extra: Partial<Decision>): Decision => ({
    project: motion.project,
    kind: motion.kind,
    framework: ladder.id,
    date: outcome.decidedOn,
    by: "TOC",
    motion: ref,
    tally: outcome.tally,
    link: motion.links?.[0],
    file,
    at,
    ...extra,
  });
  const notInProgram = (what: string): GovernanceIssue => ({
    code:
      state.standing === "out" && !known.includes(motion.project) ? "E_GOV_UNKNOWN_PROJECT" : "E_GOV_NOT_IN_PROGRAM",
    message:
      state.standing === "out" && !known.includes(motion.project)
        ? `'${motion.project}' is not a project of the catalog, nor admitted by an earlier decision, so it ` +
          `cannot ${what}`
        : `${motion.project} is ${standingWords(state.standing)} on ${motion.date}, so it cannot ${what}`,
    file,
    at: [...at, "project"],
    hint:
      state.standing === "out" && !known.includes(motion.project)
        ? (() => {
            const guess = didYouMean(motion.project, known);
            return guess
              ? `did you mean '${guess}'?`
              : "use the id of a project of the catalog (a project from outside is admitted first: kind: admit)";
          })()
        : "check the project id; an archived, donated or rejected project is admitted again with kind: admit",
  });

  switch (motion.kind) {
    case "admit": {
      const bad = levelIssue(motion.level, ladder, file, at);
      if (bad) return void issues.push(bad);
      const key = `${outcome.review}\u0000${motion.project}\u0000${ladder.id}`;
      const cascade = cascades.get(key) ?? [];
      const previous = cascade[cascade.length - 1];
      if (state.standing === "in") {
        issues.push({
          code: "E_GOV_ALREADY_ADMITTED",
          message: previous
            ? `${motion.project} was already admitted by ${outcome.review}/${previous.motion.id}: the cascade ` +
              `ends with the first level that passes`
            : `${motion.project} is already in the program on ${motion.date}` +
              (state.stage ? ` (at ${state.stage})` : "") +
              ": only a project from outside is admitted",
          file,
          at: [...at, "kind"],
          hint: previous ? "remove this motion" : "to move it up a level, write kind: promote with the next level",
        });
        return undefined;
      }
      if (previous) {
        const expected = stageIndex(ladder, previous.stage) - 1;
        if (previous.status === "pending") {
          issues.push({
            code: "E_GOV_CASCADE",
            message:
              `the vote on ${outcome.review}/${previous.motion.id} (${previous.stage}) is still open: a ` +
              `lower level is voted only after it fails`,
            file,
            at: [...at, "level"],
            hint: "wait for that vote, or remove this motion",
          });
        } else if (expected < 0 || stageIndex(ladder, outcome.stage) !== expected) {
          issues.push({
            code: "E_GOV_CASCADE",
            message:
              expected < 0
                ? `the admission already failed at ${previous.stage}, the first level: the project is rejected, ` +
                  `not voted again`
                : `after the vote at ${previous.stage} failed, the next is at ${ladder.stages[expected]!.id}, ` +
                  `not ${outcome.stage}`,
            file,
            at: [...at, "level"],
            hint:
              expected < 0
                ? "write kind: reject with the TOC's opinion instead"
                : `set level: ${ladder.stages[expected]!.id} (the guidelines vote each lower level in turn)`,
          });
        }
      }
      cascades.set(key, [...cascade, outcome]);
      if (!passed) return undefined;
      state.standing = "in";
      state.stage = outcome.stage;
      state.implied = false;
      delete state.unknownWhy;
      return decision({ stage: outcome.stage });
    }
    case "promote": {
      if (state.standing !== "in") return void issues.push(notInProgram("be promoted"));
      const bad = levelIssue(motion.level, ladder, file, at);
      if (bad) return void issues.push(bad);
      const target = stageIndex(ladder, outcome.stage);
      const current = stageIndex(ladder, state.stage);
      if (state.stage === undefined && !state.implied)
        issues.push({
          code: "E_GOV_LEVEL_UNKNOWN",
          severity: "warning",
          message:
            `cannot check that the promotion to ${outcome.stage} is to the next level: ` +
            `${state.unknownWhy ?? "its level is unknown"}`,
          file,
          at: [...at, "level"],
          hint:
            `declare the project's level in the catalog (state: {framework: …, level: …}) or record the ` +
            `decision that set it`,
        });
      else if (state.stage !== undefined && target !== current + 1) {
        issues.push({
          code: "E_GOV_SKIPPED_LEVEL",
          message:
            target <= current
              ? `${motion.project} is at ${state.stage} on ${motion.date}: ${outcome.stage} is no promotion`
              : `${motion.project} is at ${state.stage} on ${motion.date}: a promotion to ${outcome.stage} skips ` +
                ladder.stages
                  .slice(current + 1, target)
                  .map((s) => s.id)
                  .join(", "),
          file,
          at: [...at, "level"],
          hint:
            current + 1 < ladder.stages.length
              ? `promote one level at a time: set level: ${ladder.stages[current + 1]!.id}`
              : `${state.stage} is the last level of ${ladder.id}; archive or donate instead`,
        });
        return undefined;
      }
      if (!passed) return undefined;
      state.stage = outcome.stage;
      state.implied = false;
      return decision({ stage: outcome.stage });
    }
    case "archive": {
      if (state.standing !== "in") return void issues.push(notInProgram("be archived"));
      if (!passed) return undefined;
      state.standing = "archived";
      return decision({});
    }
    case "donate": {
      if (state.standing !== "in") return void issues.push(notInProgram("be donated"));
      if (motion.foundation === undefined) {
        issues.push({
          code: "E_CATALOG_MISSING_FIELD",
          message: "missing required field 'foundation': a donation names the foundation receiving the project",
          file,
          at: [...at, "foundation"],
          hint: "add foundation: (e.g. CNCF)",
        });
        return undefined;
      }
      if (!motion.links || motion.links.length === 0)
        issues.push({
          code: "E_GOV_DONATION_EVIDENCE",
          message:
            `a donation to ${motion.foundation} needs evidence of the foundation's interest, and the ` +
            `motion links none`,
          file,
          at: [...at],
          hint:
            `add links: [https://…] to the foundation's statement of interest (an issue, a TOC vote, an ` +
            `email archive)`,
        });
      if (!passed) return undefined;
      state.standing = "donated";
      return decision({ foundation: motion.foundation });
    }
    case "reject": {
      const key = `${outcome.review}\u0000${motion.project}\u0000${ladder.id}`;
      const cascade = cascades.get(key) ?? [];
      const last = cascade[cascade.length - 1];
      if (!last || last.status !== "failed" || stageIndex(ladder, last.stage) !== 0) {
        issues.push({
          code: "E_GOV_CASCADE",
          message: !last
            ? `no admission of ${motion.project} was voted in ${outcome.review} before this rejection`
            : last.status === "passed"
              ? `${motion.project} was admitted by ${outcome.review}/${last.motion.id}; it cannot be rejected`
              : `a project is rejected only after the vote at ${ladder.stages[0]!.id} fails; the last vote was ` +
                `at ${last.stage} (${last.status})`,
          file,
          at: [...at, "kind"],
          hint: !last
            ? `vote its admission first (kind: admit, level: its preferred level), then each lower level`
            : `vote each lower level down to ${ladder.stages[0]!.id} first`,
        });
        return undefined;
      }
      if (!motion.opinion?.trim()) {
        issues.push({
          code: "E_GOV_OPINION_MISSING",
          message: `the rejection of ${motion.project} has no opinion: the guidelines require one, written by the TOC`,
          file,
          at: [...at],
          hint: "add opinion: with the TOC's reasons and what would change its view",
        });
        return undefined;
      }
      cascades.set(key, [...cascade, outcome]);
      state.standing = "rejected";
      return decision({ opinion: motion.opinion, date: motion.date, tally: undefined });
    }
  }
}

/** A closed review ends every cascade: admitted, or rejected with an opinion. */
function checkCascadesEnded(
  records: GovernanceRecords,
  context: GovernanceContext,
  cascades: ReadonlyMap<string, readonly MotionOutcome[]>,
  issues: GovernanceIssue[],
): void {
  for (const steps of cascades.values()) {
    const last = steps[steps.length - 1]!;
    const review = records.reviews.find((r) => r.review.id === last.review)?.review;
    if (!review?.closed || last.status !== "failed") continue;
    const ladder = last.framework ? context.frameworks.get(last.framework) : undefined;
    const first = !!ladder && stageIndex(ladder, last.stage) === 0;
    issues.push({
      code: first ? "E_GOV_OPINION_MISSING" : "E_GOV_CASCADE",
      message: first
        ? `the admission of ${last.motion.project} failed at every level, and the closed review records no ` +
          `rejection with the TOC's opinion`
        : `the admission of ${last.motion.project} failed at ${last.stage}, and the closed review votes no lower level`,
      file: last.file,
      at: ["motions", last.index],
      hint: first
        ? `add a motion kind: reject, project: ${last.motion.project}, with opinion: (the TOC's reasons)`
        : "vote the next lower level before the review closes (the guidelines' Process)",
    });
  }
}

function standingWords(standing: Standing): string {
  switch (standing) {
    case "out":
      return "not in the program";
    case "in":
      return "in the program";
    case "archived":
      return "archived";
    case "donated":
      return "donated";
    case "rejected":
      return "rejected";
  }
}

function applyRecorded(
  recorded: RecordedDecision,
  index: number,
  file: string,
  context: GovernanceContext,
  stateOf: (project: string, framework: string, ladder: FrameworkLadder) => ProjectState,
  issues: GovernanceIssue[],
): Decision | undefined {
  const at = ["decisions", index] as const;
  const known = context.projects.map((p) => p.id);
  if (!known.includes(recorded.project)) {
    const guess = didYouMean(recorded.project, known);
    issues.push({
      code: "E_GOV_UNKNOWN_PROJECT",
      message: `'${recorded.project}' is not a project of the catalog`,
      file,
      at: [...at, "project"],
      hint: guess ? `did you mean '${guess}'?` : "use the id of a project listed under projects:",
    });
    return undefined;
  }
  const ladder = context.frameworks.get(recorded.framework);
  if (!ladder) {
    const guess = didYouMean(recorded.framework, [...context.frameworks.keys()]);
    issues.push({
      code: "E_CATALOG_UNKNOWN_FRAMEWORK",
      message: `'${recorded.framework}' is not a framework of this catalog`,
      file,
      at: [...at, "framework"],
      hint: guess ? `did you mean '${guess}'?` : `use one of: ${[...context.frameworks.keys()].join(", ")}`,
    });
    return undefined;
  }
  const state = stateOf(recorded.project, recorded.framework, ladder);
  const stage = stageOf(ladder, recorded.level);
  const base: Decision = {
    project: recorded.project,
    kind: recorded.kind,
    framework: ladder.id,
    date: recorded.date,
    by: recorded.by,
    link: recorded.link,
    source: recorded.source,
    file,
    at,
  };
  if (recorded.kind === "admit" || recorded.kind === "promote") {
    const bad = levelIssue(recorded.level, ladder, file, at);
    if (bad) return void issues.push(bad);
    if (recorded.kind === "admit" && state.standing === "in") {
      issues.push({
        code: "E_GOV_ALREADY_ADMITTED",
        message: `${recorded.project} is already in ${ladder.id} on ${recorded.date}`,
        file,
        at: [...at, "kind"],
        hint: "remove the second admission, or write kind: promote",
      });
      return undefined;
    }
    if (recorded.kind === "promote") {
      if (state.standing !== "in") {
        issues.push({
          code: "E_GOV_NOT_IN_PROGRAM",
          message:
            `${recorded.project} is ${standingWords(state.standing)} of ${ladder.id} on ` +
            `${recorded.date}, so it cannot be promoted`,
          file,
          at: [...at, "kind"],
          hint: "record its admission first (kind: admit), dated before",
        });
        return undefined;
      }
      const current = stageIndex(ladder, state.stage);
      if (state.stage !== undefined && stageIndex(ladder, stage) !== current + 1) {
        issues.push({
          code: "E_GOV_SKIPPED_LEVEL",
          message:
            `${recorded.project} is at ${state.stage} on ${recorded.date}: a promotion to ${stage} is ` +
            `not to the next level`,
          file,
          at: [...at, "level"],
          hint:
            current + 1 < ladder.stages.length
              ? `record the promotion to ${ladder.stages[current + 1]!.id} first`
              : "remove it",
        });
        return undefined;
      }
    }
    state.standing = "in";
    state.stage = stage;
    state.implied = false;
    return { ...base, stage };
  }
  if (state.standing !== "in") {
    issues.push({
      code: "E_GOV_NOT_IN_PROGRAM",
      message: `${recorded.project} is ${standingWords(state.standing)} of ${ladder.id} on ${recorded.date}`,
      file,
      at: [...at, "kind"],
      hint: "record its admission first, or remove this decision",
    });
    return undefined;
  }
  state.standing = recorded.kind === "archive" ? "archived" : "donated";
  return { ...base, foundation: recorded.foundation };
}

/** "4 yes of 6 voting members" style summary of a decision's vote, for reports. */
export function voteSummary(decision: Decision): string {
  if (!decision.tally) return decision.by;
  const t = decision.tally;
  return `${decision.by}: ${plural(t.yes, "yes", "yes")}, ${t.no} no, ${t.abstain} abstaining (${t.explanation})`;
}
