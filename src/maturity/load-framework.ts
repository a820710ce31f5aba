import { readdir } from "node:fs/promises";
import { readInputFile } from "../core/index.js";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { didYouMean, issue, UserError, type Issue } from "../core/index.js";
import { plural } from "../core/index.js";
import { decodeUtf8, formatPath, parseYamlSource, type PathSegment } from "../catalog/index.js";
import { PRECOMPILED_FRAMEWORKS } from "./builtin-frameworks.js";
import { EVIDENCE_RULES, PREVIOUS_STAGE_RULE } from "./evidence-rules.js";
import type { Criterion, Framework, RuleRef, Stage } from "./framework.js";
import { WrittenCriterion, WrittenFramework, WrittenRule, WrittenStage, writtenKeysAt } from "./framework-schema.js";

/** Folder of the frameworks shipped with the tool. */
export const BUILTIN_FRAMEWORKS_DIR = join(dirname(fileURLToPath(import.meta.url)), "frameworks");

interface Problem {
  readonly at: readonly PathSegment[];
  readonly message: string;
  readonly hint?: string;
  readonly key?: boolean;
}

/**
 * Parse and validate a framework file's text. Pure: every problem comes back as an issue
 * located at file:line:col, and `framework` is set only when there is none.
 * @example parseFramework(text, "frameworks/mine.yaml").issues.map(formatIssue)
 */
export function parseFramework(text: string, file: string): { framework?: Framework; issues: Issue[] } {
  const { source, issues } = parseYamlSource(file, text);
  if (!source) return { issues };
  const locate = (p: Problem): Issue =>
    issue("E_FRAMEWORK_INVALID", p.message, {
      ...source.locate(p.at, { key: p.key }),
      path: formatPath(p.at) || undefined,
      hint: p.hint,
    });
  const value = source.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const holds =
      value === null || value === undefined
        ? "is empty (or holds only comments)"
        : Array.isArray(value)
          ? "holds a list"
          : `holds a single value (${JSON.stringify(value)})`;
    return {
      issues: [
        issue(
          "E_FRAMEWORK_INVALID",
          `a framework file is a mapping with id, version, title and stages, but this file ${holds}`,
          {
            file,
            line: 1,
            col: 1,
            hint: "start from src/maturity/frameworks/azcnu-v0.1.yaml; the format is in docs/frameworks.md",
          },
        ),
      ],
    };
  }
  // Report as much as possible in one run: the schema's problems, then the cross-checks (unique ids, known rules,
  // their parameters) on whatever of each stage and criterion is well-formed, so one bad value hides nothing else.
  const parsed = WrittenFramework.safeParse(value);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((i) => fromZod(i, source.value, writtenKeysAt));
  const framework = normalizeFramework(
    parsed.success ? parsed.data : salvage(value as Record<string, unknown>),
    file,
    problems,
  );
  if (!problems.length) return { framework, issues: [] };
  const located = problems
    .map(locate)
    .map((i) => (i.hint ? i : { ...i, hint: "see the file format in docs/frameworks.md" }));
  return { issues: located.sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.col ?? 0) - (y.col ?? 0)) };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The fields of `value` that `shape` accepts one by one; the others are left out (the schema has reported them). */
function validFields(shape: Record<string, z.ZodType>, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(shape)) {
    const r = schema.safeParse(value[k]);
    if (r.success && r.data !== undefined) out[k] = r.data;
  }
  return out;
}

/** What of a framework that failed the schema can still be cross-checked: each stage and criterion on its own. */
function salvage(value: Record<string, unknown>): Lenient {
  const stages = Array.isArray(value.stages) ? value.stages : [];
  return {
    ...(validFields(WrittenFramework.shape, { ...value, stages: undefined }) as Omit<Lenient, "stages">),
    stages: stages.map((st) => {
      const s = isRecord(st) ? st : {};
      return {
        ...(validFields(WrittenStage.shape, { ...s, criteria: undefined }) as Omit<LenientStage, "criteria">),
        criteria: (Array.isArray(s.criteria) ? s.criteria : []).map((c) => {
          const wc = isRecord(c) ? c : {};
          const fields = validFields(WrittenCriterion.shape, { ...wc, rule: undefined }) as LenientCriterion;
          // a rule with an id is checked against that rule even when its threshold is bad (reported by the schema)
          const r = wc.rule;
          if (!isRecord(r) || typeof r.id !== "string" || !r.id) return fields;
          const { threshold, ...rest } = r as { id: string; threshold?: unknown };
          const ok = WrittenRule.shape.threshold.safeParse(threshold).success;
          return {
            ...fields,
            rule: { ...rest, ...(ok && threshold !== undefined ? { threshold: threshold as number } : {}) },
          };
        }),
      };
    }),
  };
}

/** `knownAt(path)`: the keys allowed at a path, for "did you mean" on an unknown key. */
function fromZod(
  i: z.core.$ZodIssue,
  value: unknown,
  knownAt: (at: readonly (string | number)[]) => readonly string[],
): Problem[] {
  const at = i.path.filter((s): s is string | number => typeof s !== "symbol");
  if (i.code === "unrecognized_keys") {
    const known = knownAt(at);
    return i.keys.map((k) => {
      const guess = didYouMean(k, known);
      const hint = guess
        ? `did you mean '${guess}'?`
        : known.length
          ? `remove it; allowed keys here: ${known.join(", ")} (see docs/frameworks.md)`
          : "check the spelling against docs/frameworks.md";
      return { at: [...at, k], key: true, message: `unknown key '${k}'`, hint };
    });
  }
  let received: unknown = value;
  for (const s of at)
    received = received && typeof received === "object" ? (received as Record<string | number, unknown>)[s] : undefined;
  if (received === undefined)
    return [
      {
        at,
        message: `missing required field '${String(at[at.length - 1])}'`,
        hint: `add ${String(at[at.length - 1])}: (the fields are in docs/frameworks.md)`,
      },
    ];
  if (i.code === "invalid_value") {
    const field = [...at].reverse().find((x): x is string => typeof x === "string") ?? "this field";
    return [
      { at, message: `${JSON.stringify(received)} is not a valid value for ${field}`, hint: hintFor(i, received) },
    ];
  }
  return [{ at, message: `${i.message}, got ${JSON.stringify(received)}`, hint: hintFor(i, received) }];
}

/**
 * A fix for a value the schema refused: did-you-mean for an enum (a file kind, requirement, decided), else what is
 * expected.
 */
function hintFor(i: z.core.$ZodIssue, received: unknown): string {
  if (i.code === "invalid_value") {
    const values = i.values.map(String);
    const guess =
      typeof received === "string"
        ? (didYouMean(received, values) ??
          values.find(
            (v) =>
              received.toLowerCase().startsWith(v.toLowerCase()) || v.toLowerCase().startsWith(received.toLowerCase()),
          ))
        : undefined;
    return guess ? `did you mean '${guess}'? (one of: ${values.join(", ")})` : `use one of: ${values.join(", ")}`;
  }
  if (i.code === "invalid_type")
    return (
      `write ${i.expected === "array" ? "a list" : i.expected === "object" ? "a mapping" : `a ${i.expected}`} ` +
      `here (see docs/frameworks.md)`
    );
  if (i.code === "too_small") return i.origin === "array" ? "add at least one item" : "write a non-empty value";
  if (i.code === "invalid_format")
    return "write a lower-case id of letters, digits, '.', '_' or '-' (e.g. incubating.maintainers)";
  return "see the file format in docs/frameworks.md";
}

/** A framework as written, where a field the schema refused is left out (see `salvage`). */
type LenientCriterion = Partial<z.infer<typeof WrittenCriterion>>;
type LenientStage = Partial<Omit<WrittenFramework["stages"][number], "criteria">> & { criteria: LenientCriterion[] };
type Lenient = Partial<Omit<WrittenFramework, "stages">> & { stages: LenientStage[] };

/**
 * Written → model, with the cross-field checks (unique ids, known rules and their parameters). On a framework
 * that failed the schema (fields left out), each check runs where its fields are there; the model is then unused.
 */
function normalizeFramework(w: Lenient, file: string, problems: Problem[]): Framework {
  const stageIds = new Set<string>();
  const criterionIds = new Set<string>();
  const allStageIds = w.stages.map((s) => s.id ?? "");
  const stages: Stage[] = w.stages.map((ws, si) => {
    if (ws.id !== undefined && stageIds.has(ws.id))
      problems.push({
        at: ["stages", si, "id"],
        message: `duplicate stage id '${ws.id}'`,
        hint: "stage ids are unique: rename this stage, or merge its criteria into the earlier one",
      });
    if (ws.id !== undefined) stageIds.add(ws.id);
    const criteria: Criterion[] = ws.criteria.map((wc, ci) => {
      const at: PathSegment[] = ["stages", si, "criteria", ci];
      const name = wc.id ?? `#${ci + 1} of stage ${ws.id ?? si + 1}`;
      if (wc.id !== undefined && criterionIds.has(wc.id))
        problems.push({
          at: [...at, "id"],
          message: `duplicate criterion id '${wc.id}'`,
          hint: "criterion ids are unique across all stages (prefix them with the stage: incubating.maintainers)",
        });
      if (wc.id !== undefined) criterionIds.add(wc.id);
      if (wc.decided !== undefined && wc.decided !== "attestation" && !wc.rule)
        problems.push({
          at: [...at, "decided"],
          message: `criterion '${name}' is decided '${wc.decided}' but names no rule`,
          hint: "add rule: { id: <built-in rule> } or make it decided: attestation",
        });
      if (wc.decided === "attestation" && wc.rule)
        problems.push({
          at: [...at, "rule"],
          message: `criterion '${name}' is decided by attestation, so its rule would never run`,
          hint: "remove rule:, or use decided: both",
        });
      if (wc.evidenceSuffices === false && wc.decided !== undefined && wc.decided !== "both")
        problems.push({
          at: [...at, "evidenceSuffices"],
          key: true,
          message: `criterion '${name}' is decided '${wc.decided}', so evidenceSuffices has no effect`,
          hint: "use decided: both, where a person can confirm what the evidence cannot",
        });
      const rule = wc.rule ? ruleRef(wc.rule, [...at, "rule"], problems, si, allStageIds) : undefined;
      return {
        id: wc.id ?? "",
        stage: ws.id ?? "",
        text: (wc.text ?? "").trim(),
        requirement: wc.requirement ?? "must",
        decided: wc.decided ?? "attestation",
        rule,
        evidenceSuffices: wc.evidenceSuffices ?? true,
        section: wc.section,
        byDecision: wc.byDecision ?? false,
      };
    });
    return { id: ws.id ?? "", title: ws.title ?? "", synonyms: ws.synonyms ?? [], criteria };
  });
  return {
    id: w.id ?? "",
    version: w.version ?? "",
    title: w.title ?? "",
    name: w.name ?? "",
    source: w.source,
    stages,
    file,
  };
}

function ruleRef(
  w: { id: string; threshold?: number; [k: string]: unknown },
  at: PathSegment[],
  problems: Problem[],
  stageIdx: number,
  stageIds: string[],
): RuleRef | undefined {
  const rule = EVIDENCE_RULES.get(w.id);
  if (!rule) {
    const guess = didYouMean(w.id, [...EVIDENCE_RULES.keys()]);
    problems.push({
      at: [...at, "id"],
      message: `unknown rule '${w.id}'`,
      hint: guess ? `did you mean '${guess}'?` : `use one of: ${[...EVIDENCE_RULES.keys()].join(", ")}`,
    });
    return undefined;
  }
  const { id, threshold, ...rest } = w;
  if (threshold !== undefined && rule.threshold === undefined)
    problems.push({
      at: [...at, "threshold"],
      key: true,
      message: `rule '${id}' takes no threshold`,
      hint: `remove threshold: ('${id}' is decided by presence, not a count)`,
    });
  const params = rule.params.safeParse(rest);
  if (!params.success) {
    // a rule's own keys: id, threshold when it takes one, and its parameters
    const ruleKeys = (p: readonly (string | number)[]) =>
      p.length
        ? writtenKeysAt(p, rule.params)
        : ["id", ...(rule.threshold !== undefined ? ["threshold"] : []), ...writtenKeysAt([], rule.params)];
    for (const p of fromZodAll(params.error.issues, rest, ruleKeys))
      problems.push({ ...p, at: [...at, ...p.at], hint: p.hint ?? `see rule '${id}' in docs/frameworks.md` });
    return undefined;
  }
  if (id === PREVIOUS_STAGE_RULE && params.data.stage !== undefined) {
    const target = stageIds.indexOf(String(params.data.stage));
    if (target < 0 || target >= stageIdx)
      problems.push({
        at: [...at, "stage"],
        message: `'${String(params.data.stage)}' is not a stage before this one`,
        hint: `use one of: ${stageIds.slice(0, stageIdx).join(", ") || "(none: this is the first stage)"}`,
      });
  }
  if (id === PREVIOUS_STAGE_RULE && params.data.stage === undefined && stageIdx === 0)
    problems.push({
      at: [...at, "id"],
      message: "the first stage has no previous stage",
      hint: "remove this criterion from the first stage, or move it to a later stage",
    });
  return { id, threshold: threshold ?? rule.threshold, params: params.data };
}

function fromZodAll(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  knownAt: (at: readonly (string | number)[]) => readonly string[],
): Problem[] {
  return issues.flatMap((i) => fromZod(i, value, knownAt));
}

/**
 * A framework file's text, or the issue saying why it cannot be read (`file: error: no such file [E_FILE_NOT_FOUND]`).
 */
export async function readFrameworkText(
  path: string,
): Promise<{ text: string; issue?: undefined } | { text?: undefined; issue: Issue }> {
  const read = readInputFile(path, { what: "the framework file" });
  if (!("problem" in read)) {
    const decoded = decodeUtf8(path, read.bytes);
    return "issue" in decoded ? { issue: decoded.issue } : { text: decoded.text };
  }
  const why =
    read.problem === "not-found"
      ? "no such file"
      : read.problem === "is-directory"
        ? "this is a folder, not a framework .yaml file"
        : read.message;
  return {
    issue: issue(read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE", why, {
      file: path,
      hint:
        read.problem === "not-found"
          ? "check the path; a team's frameworks live in frameworks/*.yaml next to the catalog"
          : "pass a framework .yaml file",
    }),
  };
}

/** Read and validate one framework file; a missing or bad file throws a UserError listing every located issue. */
export async function loadFrameworkFile(path: string): Promise<Framework> {
  const read = await readFrameworkText(path);
  if (read.issue) throw new UserError(read.issue.code, `cannot read framework file ${path}`, { issues: [read.issue] });
  const { framework, issues } = parseFramework(read.text, path);
  if (!framework)
    throw new UserError(
      issues[0]?.code ?? "E_FRAMEWORK_INVALID",
      `${path}: ${plural(issues.length, "problem")}; the framework was not loaded`,
      { issues },
    );
  return framework;
}

/**
 * Every *.yaml / *.yml file of a folder (any case), in name order; a missing folder (or a file in its place) is empty.
 */
async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
}

/**
 * The shipped frameworks, in file-name order: compiled into the build (see builtin-frameworks.ts), else read from
 * BUILTIN_FRAMEWORKS_DIR. Each call returns fresh objects, as reading the files does.
 */
async function builtinFrameworks(): Promise<Framework[]> {
  if (PRECOMPILED_FRAMEWORKS)
    return PRECOMPILED_FRAMEWORKS.map(({ name, framework }) => ({
      ...structuredClone(framework),
      file: join(BUILTIN_FRAMEWORKS_DIR, name),
    }));
  const out: Framework[] = [];
  for (const f of await yamlFiles(BUILTIN_FRAMEWORKS_DIR)) out.push(await loadFrameworkFile(f));
  return out;
}

/**
 * The frameworks a program can use: the shipped ones, then a `frameworks/` folder next to the
 * catalog (a team's own). A team file with the id of a shipped one replaces it.
 * A team file that does not load throws; given `issues`, its problems are added there instead
 * and it is left out, so a caller (`validate`) can report it along with everything else.
 */
export async function loadFrameworks(
  options: { baseDir?: string; issues?: Issue[] } = {},
): Promise<Map<string, Framework>> {
  const out = new Map<string, Framework>();
  for (const fw of await builtinFrameworks()) out.set(fw.id, fw);
  for (const f of options.baseDir ? await yamlFiles(join(options.baseDir, "frameworks")) : []) {
    try {
      const fw = await loadFrameworkFile(f);
      out.set(fw.id, fw);
    } catch (error) {
      if (!options.issues || !(error instanceof UserError)) throw error;
      options.issues.push(...(error.issues.length ? error.issues : [issue(error.code, error.message, { file: f })]));
    }
  }
  return out;
}

/** `--framework ID` or `--framework path/to/file.yaml`. */
export async function resolveFrameworkOption(
  value: string,
  frameworks: ReadonlyMap<string, Framework>,
): Promise<Framework> {
  if (/\.ya?ml$/.test(value)) return loadFrameworkFile(value);
  const fw = frameworks.get(value);
  if (fw) return fw;
  const guess = didYouMean(value, [...frameworks.keys()]);
  throw new UserError(
    "E_FRAMEWORK_NOT_FOUND",
    `no framework has the id '${value}'${guess ? `; did you mean '${guess}'?` : ""} ` +
      `(known: ${[...frameworks.keys()].join(", ")}; or pass a .yaml file)`,
  );
}
