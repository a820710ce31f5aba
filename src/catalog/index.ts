export * from "./schema.js";
export { loadCatalog, CATALOG_FILE, PROJECTS_DIR, type LoadedCatalog } from "./load-catalog.js";
export {
  validateCatalogDocument,
  DEFAULT_RULES,
  repositoriesListed,
  formatPath,
  knownKeysAt,
  type CatalogRule,
  type RuleIssue,
  type Locator,
} from "./validate-catalog.js";
export {
  zodIssueToRuleIssues,
  schemaKeysAt,
  choicesHint,
  type SchemaIssueWording,
  type ZodUnionIssue,
} from "./zod-issues.js";
export { stringifyCatalog, stringifyCatalogFolder, stringifyProject, toYaml, schemaComment } from "./write-catalog.js";
export { parseYamlSource, type YamlSource, type PathSegment } from "./yaml-source.js";
export { decodeUtf8 } from "./utf8-text.js";
export {
  repositoryRef,
  resolveTreeRef,
  parseTreeUrl,
  splitTreeRef,
  applyMirrors,
  normalizeFolder,
  type RepositoryRef,
} from "./repository-ref.js";
export type { LoadCatalogOptions } from "./load-catalog.js";
export {
  openCatalogEditor,
  editCatalog,
  type CatalogEdit,
  type CatalogDocument,
  type CatalogEditor,
  type OpenCatalogEditorOptions,
  type FileChange,
  type EditOutcome,
  type CommitOutcome,
} from "./edit-catalog.js";
export { spliceYaml, describeEditPath, type YamlEdit, type EditSegment, type SpliceResult } from "./yaml-splice.js";
export { acquireLock, type LockOwner, type LockResult, type HeldLock } from "./atomic-files.js";
export {
  catalogModel,
  programModel,
  projectModel,
  stateModel,
  type CatalogModel,
  type ChannelModel,
  type ChannelsModel,
  type ProgramModel,
  type ProjectModel,
  type StateModel,
} from "./model.js";
