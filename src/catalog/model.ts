import {
  isRaw,
  programOrganizationNames,
  type Attestation,
  type Catalog,
  type Program,
  type Project,
} from "./schema.js";
import { repositoryRef, type RepositoryRef } from "./repository-ref.js";

/**
 * The catalog as the rest of the code reads it: normalized and read-only. The written form (schema.ts) keeps what a
 * README needs — raw cells kept verbatim, labels, parentheses, separators, column layout — and stays in `catalog/`,
 * `markdown/` and the README renderer. Assessment, governance and the store see only this: a cell the importer could
 * not structure is "unstructured" text, not a layout detail, and absent fields are empty, not undefined.
 */

/** What a project's state says. */
export type StateModel =
  | { readonly kind: "none" }
  /** A README cell that did not fit {framework, level}, kept as its text. */
  | { readonly kind: "unstructured"; readonly text: string }
  | {
      readonly kind: "declared";
      /** The framework's alias as written (CNCF, Azure, …): resolved against program.frameworks by the assessor. */
      readonly framework: string;
      readonly level: string;
      /** The foundation a donated project went to. */
      readonly foundation?: string;
    };

/** One channel: a link a reader can follow, or free text that says one exists but not where. */
export type ChannelModel =
  | { readonly kind: "link"; readonly channel: string; readonly label: string; readonly url: string }
  | { readonly kind: "text"; readonly text: string };

export type ChannelsModel =
  | { readonly kind: "none" }
  | { readonly kind: "unstructured"; readonly text: string }
  | { readonly kind: "listed"; readonly channels: readonly ChannelModel[] };

export interface ProjectModel {
  readonly id: string;
  readonly name: string;
  readonly persona: string;
  readonly state: StateModel;
  readonly channels: ChannelsModel;
  /** Each repository in its one form (location, folder, role), whichever way the catalog writes it. */
  readonly repositories: readonly RepositoryRef[];
  /** Criterion id → what a person attested. */
  readonly attestations: Readonly<Record<string, Attestation>>;
}

export interface ProgramModel {
  readonly name: string;
  /** The program's own organizations, by name. */
  readonly organizations: readonly string[];
  /** Framework alias → framework id, when the program sets them (else the assessor's defaults apply). */
  readonly frameworks?: Readonly<Record<string, string>>;
  /** "framework-id/criterion-id" → threshold. */
  readonly thresholds: Readonly<Record<string, number>>;
}

export interface CatalogModel {
  readonly program: ProgramModel;
  readonly projects: readonly ProjectModel[];
}

/** The state as the model reads it. */
export function stateModel(state: Project["state"]): StateModel {
  if (state === undefined) return { kind: "none" };
  if (isRaw(state)) return { kind: "unstructured", text: state.raw };
  return {
    kind: "declared",
    framework: state.framework,
    level: state.level,
    ...(state.foundation ? { foundation: state.foundation } : {}),
  };
}

function channelsModel(channels: Project["channels"]): ChannelsModel {
  if (channels === undefined) return { kind: "none" };
  if (!Array.isArray(channels)) return { kind: "unstructured", text: channels.raw };
  return {
    kind: "listed",
    channels: channels.map(
      (c): ChannelModel =>
        "url" in c ? { kind: "link", channel: c.kind, label: c.label, url: c.url } : { kind: "text", text: c.text },
    ),
  };
}

/** One project of the written catalog, normalized and frozen. */
export function projectModel(project: Project): ProjectModel {
  return deepFreeze({
    id: project.id,
    name: project.name,
    persona: project.persona,
    state: stateModel(project.state),
    channels: channelsModel(project.channels),
    repositories: (project.repositories ?? []).map((r) => ({ ...repositoryRef(r) })),
    // Copies, so freezing the model leaves the written catalog as it was.
    attestations: Object.fromEntries(Object.entries(project.attestations ?? {}).map(([id, a]) => [id, { ...a }])),
  });
}

/** The program's settings the assessment uses, normalized and frozen. */
export function programModel(program: Program): ProgramModel {
  return deepFreeze({
    name: program.name,
    organizations: programOrganizationNames(program),
    ...(program.frameworks ? { frameworks: { ...program.frameworks } } : {}),
    thresholds: { ...(program.thresholds ?? {}) },
  });
}

/**
 * The read-only model of a written catalog (projects in the catalog's order, so an index still names the same one).
 * @example catalogModel(catalog).projects[0].state // { kind: "declared", framework: "CNCF", level: "sandbox" }
 */
export function catalogModel(catalog: Pick<Catalog, "program" | "projects">): CatalogModel {
  return Object.freeze({
    program: programModel(catalog.program),
    projects: Object.freeze(catalog.projects.map(projectModel)),
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
