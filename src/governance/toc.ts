import type { Member } from "./schema.js";

/** Whether a member's term covers `date` (both ends included). */
export function servesOn(member: Member, date: string): boolean {
  return member.term.from <= date && (member.term.until === undefined || date <= member.term.until);
}

/** Whether the member's role carries a vote (an observer takes part without one). */
export function votes(member: Member): boolean {
  return member.role !== "observer";
}

/** The TOC on a date: every seat whose term covers it, observers included. */
export function membersOn(members: readonly Member[], date: string): Member[] {
  return members.filter((m) => servesOn(m, date));
}

/** The members who may vote on a date, one per handle. */
export function votingMembersOn(members: readonly Member[], date: string): Member[] {
  const seen = new Set<string>();
  return membersOn(members, date).filter((m) => {
    const key = m.handle.toLowerCase();
    if (!votes(m) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The seats a handle held (case-insensitive, as GitHub logins are). */
export function seatsOf(members: readonly Member[], handle: string): Member[] {
  const key = handle.toLowerCase();
  return members.filter((m) => m.handle.toLowerCase() === key);
}
