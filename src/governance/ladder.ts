import type { FrameworkLadder } from "./model.js";

/**
 * The stage a written level names in a framework: its id or a synonym, case-insensitive (the
 * catalog may write "incubation" for incubating). Undefined when it is no stage (N/A, ??).
 * @example stageOf(azcnu, "Incubation") // "incubating"
 */
export function stageOf(ladder: FrameworkLadder, written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  const word = written
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  return ladder.stages.find((s) => s.id.toLowerCase() === word || s.synonyms?.some((x) => x.toLowerCase() === word))
    ?.id;
}

/** 0 for the first stage; -1 for none. */
export function stageIndex(ladder: FrameworkLadder, stage: string | undefined): number {
  return stage === undefined ? -1 : ladder.stages.findIndex((s) => s.id === stage);
}

export function stageIds(ladder: FrameworkLadder): string[] {
  return ladder.stages.map((s) => s.id);
}
