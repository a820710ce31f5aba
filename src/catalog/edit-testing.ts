/** Test helpers of the catalog editor: a line diff, to assert that only the edited lines changed. */

export interface Hunk {
  /** 1-based line of the old text where the hunk starts (for an insertion: the line it goes before). */
  readonly at: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** The hunks of a longest-common-subsequence line diff (quadratic: for test-sized texts). */
export function changedLines(before: string, after: string): Hunk[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: { at: number; removed: string[]; added: string[] } | undefined;
  const close = () => {
    if (open) hunks.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      open ??= { at: i + 1, removed: [], added: [] };
      open.added.push(b[j++]!);
    } else {
      open ??= { at: i + 1, removed: [], added: [] };
      open.removed.push(a[i++]!);
    }
  }
  close();
  return hunks;
}
