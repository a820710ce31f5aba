import type { VoteChoice, WrittenRule } from "./schema.js";

/** A fraction of whole numbers: 2/3 stays 2/3 (no float ever compares against it). */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export type RuleBase = "members" | "votes-cast";

/** The voting rule, normalized: governance/toc.yaml `rule:` with its defaults filled in. */
export interface VotingRule {
  readonly fraction: Fraction;
  readonly of: RuleBase;
  /** Members who must take part (yes, no or abstain): a count, or a fraction of the voting members. */
  readonly quorum: { readonly count: number } | { readonly fraction: Fraction } | null;
}

/** The guidelines' rule: a 2/3 supermajority of the TOC. */
export const DEFAULT_RULE: VotingRule = { fraction: { numerator: 2, denominator: 3 }, of: "members", quorum: null };

export function parseFraction(text: string): Fraction {
  const [a, b] = text.split("/").map((x) => Number(x.trim()));
  return { numerator: a!, denominator: b! };
}

export function normalizeRule(written: WrittenRule | undefined): VotingRule {
  if (!written) return DEFAULT_RULE;
  const quorum =
    written.quorum === undefined
      ? null
      : typeof written.quorum === "number"
        ? { count: written.quorum }
        : { fraction: parseFraction(written.quorum) };
  return {
    fraction: written.fraction ? parseFraction(written.fraction) : DEFAULT_RULE.fraction,
    of: written.of ?? DEFAULT_RULE.of,
    quorum,
  };
}

export function describeRule(rule: VotingRule): string {
  const f = `${rule.fraction.numerator}/${rule.fraction.denominator}`;
  const of = rule.of === "members" ? "of the voting members" : "of the votes cast (yes and no)";
  const q = !rule.quorum
    ? ""
    : "count" in rule.quorum
      ? `, quorum ${rule.quorum.count}`
      : `, quorum ${rule.quorum.fraction.numerator}/${rule.quorum.fraction.denominator} of the voting members`;
  return `${f} ${of}${q}`;
}

/** The smallest whole n with n/base ≥ a/b: ⌈a·base / b⌉, in integers. */
export function ceilFractionOf(fraction: Fraction, base: number): number {
  return Math.floor((fraction.numerator * base + fraction.denominator - 1) / fraction.denominator);
}

export interface Tally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  /** Voting members on the vote date. */
  readonly votingMembers: number;
  /** What the fraction is taken of: the voting members, or the yes and no votes. */
  readonly base: number;
  /** Yes votes needed: the smallest number that is at least the fraction of the base. */
  readonly needed: number;
  /** Members who must take part; 0 without a quorum. */
  readonly quorum: number;
  readonly quorumMet: boolean;
  readonly passes: boolean;
  /** Why it passes or not, in words: "4 yes of 6 voting members ≥ 2/3 (4 needed)". */
  readonly explanation: string;
}

/**
 * Tally votes under a rule. Exact: passes iff yes·b ≥ a·base (a/b the fraction), the base is not
 * zero (nobody to decide), and the quorum took part. 4 of 6 is 2/3 and passes; 3 of 5 does not.
 * @example tally(["yes","yes","yes","yes","no","no"], 6, DEFAULT_RULE).passes // true
 */
export function tally(votes: readonly VoteChoice[], votingMembers: number, rule: VotingRule): Tally {
  let yes = 0;
  let no = 0;
  let abstain = 0;
  for (const v of votes) {
    if (v === "yes") yes++;
    else if (v === "no") no++;
    else abstain++;
  }
  const base = rule.of === "members" ? votingMembers : yes + no;
  const { numerator: a, denominator: b } = rule.fraction;
  const needed = ceilFractionOf(rule.fraction, base);
  const quorum = !rule.quorum
    ? 0
    : "count" in rule.quorum
      ? rule.quorum.count
      : ceilFractionOf(rule.quorum.fraction, votingMembers);
  const took = yes + no + abstain;
  const quorumMet = took >= quorum;
  const supermajority = base > 0 && yes * b >= a * base;
  const passes = supermajority && quorumMet;
  const baseWords = rule.of === "members" ? `${votingMembers} voting members` : `${base} votes cast (yes and no)`;
  const explanation =
    base === 0
      ? rule.of === "members"
        ? "no voting members on the vote date"
        : "no yes or no votes were cast"
      : `${yes} yes of ${baseWords} ${supermajority ? "≥" : "<"} ${a}/${b} (${needed} needed)` +
        (quorum > 0 ? `; ${took} of ${quorum} needed took part${quorumMet ? "" : ": no quorum"}` : "");
  return { yes, no, abstain, votingMembers, base, needed, quorum, quorumMet, passes, explanation };
}
