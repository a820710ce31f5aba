/** The store: evidence, assessments and runs kept over time, in SQLite (default) or PostgreSQL. */
export type * from "./store.js";
export {
  DATABASE_URL_VARIABLE,
  openStore,
  STORE_FILE,
  STORE_FOLDER,
  storeTarget,
  type StoreTarget,
} from "./open-store.js";
export { LATEST_VERSION as STORE_SCHEMA_VERSION } from "./migrations.js";
export { describeStoreError } from "./store-error.js";
