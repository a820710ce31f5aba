// The --json documents as the commands build and print them. Their types come from the schemas in json-output.ts,
// imported as types only: a command that prints a document does not build the ~300 zod schemas (`upstream schema`
// and the tests do).
import type { Catalog } from "../catalog/index.js";
import type { ProjectEvidence } from "../evidence/index.js";
import type { ProjectHistory } from "../app/index.js";
import type {
  Framework,
  PortfolioChange,
  PortfolioSummary,
  ProjectAssessment,
  ProjectMomentum,
} from "../maturity/index.js";
import type { JsonOutput, JsonOutputName } from "./json-output.js";

/**
 * Bumped when a field is removed or changes meaning; adding a field keeps it. Consumers check it
 * before reading anything else.
 */
export const JSON_SCHEMA_VERSION = 1;

/** Print one --json document: only JSON on stdout, the shape checked against its schema's type. */
export function printJson<N extends JsonOutputName>(_name: N, value: JsonOutput<N>): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

// ---- builders: each command's document, from the domain's data ----------------------------

export function validateOutput(fields: Omit<JsonOutput<"validate">, "schemaVersion">): JsonOutput<"validate"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...fields };
}

export function listOutput(projects: Catalog["projects"]): JsonOutput<"list"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, projects };
}

export function collectOutput(evidence: readonly ProjectEvidence[]): JsonOutput<"collect"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, projects: evidence };
}

export function assessOutput(
  summary: PortfolioSummary,
  assessments: readonly ProjectAssessment[],
): JsonOutput<"assess"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, summary, assessments };
}

export function assessSinceOutput(
  changes: PortfolioChange,
  momentum?: readonly ProjectMomentum[],
): JsonOutput<"assess-since"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...changes, ...(momentum ? { momentum } : {}) };
}

/** `frameworks --json`: one row per framework (as the frameworks use case lists them). */
export function frameworksOutput(
  rows: readonly {
    id: string;
    version: string;
    title: string;
    stages: readonly string[];
    criteria: number;
    file?: string | undefined;
  }[],
): JsonOutput<"frameworks"> {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    frameworks: rows.map((r) => ({ ...r, stages: [...r.stages], file: r.file ?? null })),
  };
}

export function frameworkShowOutput(framework: Framework): JsonOutput<"frameworks-show"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, framework };
}

export function historyOutput(history: ProjectHistory): JsonOutput<"history"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...history };
}

export function decisionsOutput(decisions: JsonOutput<"decisions">["decisions"]): JsonOutput<"decisions"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, decisions };
}

export function decisionsImportOutput(
  fields: Omit<JsonOutput<"decisions-import">, "schemaVersion">,
): JsonOutput<"decisions-import"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...fields };
}

export function tocOutput(fields: Omit<JsonOutput<"toc">, "schemaVersion">): JsonOutput<"toc"> {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...fields };
}
