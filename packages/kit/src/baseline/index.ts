export {
  createBaselineStore,
  DEFAULT_MAX_DEPTH,
  type BaselineStore,
  type BaselineStoreOptions,
  type NearestBaseline,
  type RecordMeta,
} from './store.js';
export type { RecordOutcome } from './write-record.js';
export { BASELINE_REF_ROOT, baselineRefName } from './refs.js';
