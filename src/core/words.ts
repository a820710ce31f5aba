/** "1 maintainer", "3 maintainers", "2 entries" (with `many` given). */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}
