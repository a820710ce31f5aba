/** Words for counts and lists: the one set of helpers every renderer (text, markdown, JSON sentences) uses. */

/** "1 maintainer", "3 maintainers", "2 entries" (with `many` given). */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The noun alone, for a count written elsewhere: "is"/"are", "repository"/"repositories". */
export function pluralWord(n: number, one: string, many = one + "s"): string {
  return n === 1 ? one : many;
}

/** "a, b, c and 4 more": at most `max` items, the rest counted. */
export function list(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
